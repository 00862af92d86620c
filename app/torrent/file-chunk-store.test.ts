// FileChunkStore on real files in a temp folder: pieces across file boundaries (also pieces larger than one write
// slice), reads of what is missing, paths that would leave the download folder, and which bytes go past the page cache
// (checked with fincore, what the kernel really holds).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateAligned, O_DIRECT } from './direct-io.js';
import { FileChunkStore, type ChunkStoreOptions } from './file-chunk-store.js';
import { cachedBytes, onTmpfs } from './page-cache.test-support.js';

let root = '';
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-chunk-store-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** files laid end to end, torrent-style (offsets are the running sum) */
function layout(files: [string, number][]): ChunkStoreOptions['files'] {
  let offset = 0;
  return files.map(([p, length]) => {
    const f = { path: p, length, offset };
    offset += length;
    return f;
  });
}

const put = (s: FileChunkStore, i: number, buf: Uint8Array) =>
  new Promise<void>((resolve, reject) => s.put(i, buf, (err) => (err ? reject(err) : resolve())));
const get = (s: FileChunkStore, i: number, opts: { offset?: number; length?: number } | null = null) =>
  new Promise<Buffer>((resolve, reject) => s.get(i, opts, (err, buf) => (err ? reject(err) : resolve(Buffer.from(buf!)))));
const close = (s: FileChunkStore) => new Promise<void>((resolve, reject) => s.close((err) => (err ? reject(err) : resolve())));

function store(files: [string, number][], chunk: number): FileChunkStore {
  return new FileChunkStore(chunk, { path: root, files: layout(files) });
}

describe('FileChunkStore', () => {
  it('writes pieces that span files into each file at its place and reads them (and parts of them) back', async () => {
    const files: [string, number][] = [
      ['T/a.bin', 700],
      ['T/empty.txt', 0],
      ['T/sub/b.bin', 1500],
      ['T/c.bin', 300],
    ];
    const data = crypto.randomBytes(2500);
    const s = store(files, 1024);
    // out of order, as pieces complete
    await put(s, 2, data.subarray(2048));
    await put(s, 0, data.subarray(0, 1024));
    await put(s, 1, data.subarray(1024, 2048));
    expect((await get(s, 0)).equals(data.subarray(0, 1024))).toBe(true);
    expect((await get(s, 2)).equals(data.subarray(2048))).toBe(true);
    expect((await get(s, 1, { offset: 100, length: 900 })).equals(data.subarray(1124, 2024))).toBe(true);
    await close(s);
    expect(fs.readFileSync(path.join(root, 'T/a.bin')).equals(data.subarray(0, 700))).toBe(true);
    expect(fs.readFileSync(path.join(root, 'T/sub/b.bin')).equals(data.subarray(700, 2200))).toBe(true);
    expect(fs.readFileSync(path.join(root, 'T/c.bin')).equals(data.subarray(2200))).toBe(true);
    expect(fs.existsSync(path.join(root, 'T/empty.txt'))).toBe(false); // zero-length files are not the store's
  });

  it('answers a wrong chunk size, an unknown chunk and use after close with an error, never a throw', async () => {
    const s = store([['f.bin', 3000]], 1024);
    await expect(put(s, 0, new Uint8Array(1000))).rejects.toThrow(/must be 1024 bytes/);
    await expect(put(s, 2, new Uint8Array(1024))).rejects.toThrow(/must be 952 bytes/);
    await expect(put(s, 3, new Uint8Array(952))).rejects.toThrow(/No chunk 3/);
    await expect(get(s, 0, { offset: 1000, length: 100 })).rejects.toThrow(/Invalid offset/);
    await close(s);
    await expect(put(s, 0, new Uint8Array(1024))).rejects.toThrow(/closed/);
  });

  it('reads of pieces never written fail without creating the file (resume checks see them as missing)', async () => {
    const s = store([['T/x.bin', 4096]], 1024);
    await expect(get(s, 0)).rejects.toThrow();
    expect(fs.existsSync(path.join(root, 'T'))).toBe(false);
    await put(s, 0, crypto.randomBytes(1024));
    await expect(get(s, 3)).rejects.toThrow(/ends before/); // the file grew only to 1024 bytes
  });

  it('writes 2 MiB pieces (several write slices) across files byte-exact, in parallel and out of order', async () => {
    const MiB = 1 << 20;
    const files: [string, number][] = [
      ['T/one.mkv', 3 * MiB + 12345],
      ['T/two.srt', 777],
      ['T/three.mkv', 2 * MiB - 777],
    ];
    const total = 5 * MiB + 12345;
    const data = crypto.randomBytes(total);
    const s = store(files, 2 * MiB);
    await Promise.all([2, 0, 1].map((i) => put(s, i, data.subarray(i * 2 * MiB, Math.min(total, (i + 1) * 2 * MiB)))));
    for (const i of [0, 1, 2]) {
      expect((await get(s, i)).equals(data.subarray(i * 2 * MiB, Math.min(total, (i + 1) * 2 * MiB)))).toBe(true);
    }
    await close(s);
    const onDisk = Buffer.concat(files.map(([p]) => fs.readFileSync(path.join(root, p))));
    expect(onDisk.equals(data)).toBe(true);
  });

  it('fails only the pieces that touch a file it cannot create; the others are written', async () => {
    // 'T/sub' is a file, so the folder for the second file cannot be made: every piece touching it fails
    fs.mkdirSync(path.join(root, 'T'));
    fs.writeFileSync(path.join(root, 'T/sub'), 'in the way');
    const s = store(
      [
        ['T/a.bin', 3000],
        ['T/sub/b.bin', 1000],
      ],
      1000,
    );
    const data = crypto.randomBytes(4000);
    const results = await Promise.allSettled([3, 0, 1, 2].map((i) => put(s, i, data.subarray(i * 1000, (i + 1) * 1000))));
    expect(results[0]!.status).toBe('rejected');
    expect(results.slice(1).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    await close(s);
    expect(fs.readFileSync(path.join(root, 'T/a.bin')).equals(data.subarray(0, 3000))).toBe(true);
  });

  it("names files as webtorrent's default store did (reserved characters dropped), so old data is found on resume", async () => {
    const s = store([['T/What? A "Film": Part 1.mkv', 10]], 1024);
    await put(s, 0, Buffer.from('0123456789'));
    await close(s);
    expect(fs.readdirSync(path.join(root, 'T'))).toEqual(['What A Film Part 1.mkv']);
  });

  it('refuses a file path that leaves the download folder before touching anything', () => {
    for (const bad of ['../evil.bin', 'T/../../evil.bin', '/etc/evil.bin']) {
      expect(() => store([[bad, 10]], 1024)).toThrow(/outside/);
    }
    expect(() => new FileChunkStore(1024, { files: layout([['a', 1]]) })).toThrow(/download folder/);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});

/** A ramfs (which answers O_DIRECT with EINVAL) mounted on a fresh folder, or null where this process may not mount. */
function mountRamfs(): { dir: string; unmount(): void } | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-ramfs-'));
  try {
    execFileSync('mount', ['-t', 'ramfs', 'ramfs', dir], { stdio: 'ignore' });
  } catch {
    fs.rmdirSync(dir);
    return null;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', ['--lazy', dir]); // lazy: a failed test may leave a file open there
      fs.rmdirSync(dir);
    },
  };
}

/** `data` cut into pieces of `chunk` bytes, each copied into a page-aligned buffer as the piece pool makes them */
const alignedPieces = (data: Buffer, chunk: number) =>
  Array.from({ length: Math.ceil(data.length / chunk) }, (_, i) => {
    const part = data.subarray(i * chunk, (i + 1) * chunk);
    const buf = allocateAligned(part.length);
    buf.set(part);
    return buf;
  });

describe('FileChunkStore direct writes (O_DIRECT, Linux)', () => {
  const KiB = 1024;
  const MiB = 1024 * KiB;

  it.runIf(O_DIRECT !== undefined)(
    'writes whole pages of aligned pieces past the page cache and the rest through it, byte-exact across files',
    async () => {
      // a.bin ends on a page boundary, so b.bin starts on one (its pages go direct, but for its last partial page);
      // c.bin starts mid-page inside the torrent, so none of its bytes can be aligned in memory and file alike
      const files: [string, number][] = [
        ['T/a.bin', MiB + 8 * KiB],
        ['T/b.bin', 2 * MiB + 100],
        ['T/c.bin', 300_000],
      ];
      const total = files.reduce((n, [, len]) => n + len, 0);
      const data = crypto.randomBytes(total);
      const s = store(files, MiB);
      const pieces = alignedPieces(data, MiB);
      await Promise.all([...pieces.keys()].reverse().map((i) => put(s, i, pieces[i]!))); // out of order, at once
      const a = path.join(root, 'T/a.bin');
      const b = path.join(root, 'T/b.bin');
      const c = path.join(root, 'T/c.bin');
      if (!onTmpfs(root)) {
        // what went through the cache: a.bin's last 8 KiB and b.bin's last 8 KiB + 100 bytes (the parts of pieces 1 and
        // 3 they hold are under 64 KiB); the rest of both went direct
        expect(cachedBytes(a)).toBe(8 * KiB);
        expect(cachedBytes(b)).toBe(12 * KiB);
        expect(cachedBytes(c)).toBe(Math.ceil(300_000 / 4096) * 4096);
      }
      let at = 0;
      for (const [p, len] of files) {
        expect(fs.readFileSync(path.join(root, p)).equals(data.subarray(at, at + len))).toBe(true);
        at += len;
      }
      expect((await get(s, 1)).equals(data.subarray(MiB, 2 * MiB))).toBe(true);
      await close(s);
    },
  );

  it.runIf(O_DIRECT !== undefined)(
    'falls back to the page cache on a filesystem that refuses O_DIRECT (ramfs), writing every byte',
    async (ctx) => {
      const ramfs = mountRamfs();
      if (!ramfs) return ctx.skip(); // mounting needs root (CI runs as root)
      try {
        const data = crypto.randomBytes(3 * MiB + 5000);
        const s = new FileChunkStore(MiB, { path: ramfs.dir, files: layout([['r.bin', data.length]]) });
        const pieces = alignedPieces(data, MiB);
        await Promise.all(pieces.map((buf, i) => put(s, i, buf)));
        await put(s, 1, pieces[1]!); // and once more after the refusal
        await close(s);
        expect(fs.readFileSync(path.join(ramfs.dir, 'r.bin')).equals(data)).toBe(true);
      } finally {
        ramfs.unmount();
      }
    },
  );

  it.runIf(O_DIRECT !== undefined)('writes everything through the page cache when told not to write direct', async () => {
    const data = crypto.randomBytes(2 * MiB);
    const s = new FileChunkStore(MiB, { path: root, files: layout([['one.bin', data.length]]), directWrites: false });
    const pieces = alignedPieces(data, MiB);
    await put(s, 0, pieces[0]!);
    await put(s, 1, pieces[1]!);
    await close(s);
    const file = path.join(root, 'one.bin');
    expect(cachedBytes(file)).toBe(2 * MiB);
    expect(fs.readFileSync(file).equals(data)).toBe(true);
  });
});
