// TorrentClient against real BitTorrent peers on 127.0.0.1: Debian's transmission-daemon (seeder and downloader) and
// opentracker (the only way peers find each other: no addPeer, DHT/LSD/PEX off). Payloads are seeded random bytes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bencode from 'bencode';
import { freePort, sleep, startOpentracker, type Opentracker } from '../../e2e/support/opentracker.js';
import { until } from '../../e2e/support/wait.js';
import { REPO_ROOT } from '../../e2e/support/racoon-process.js';
import { writePayload } from '../../e2e/support/torrent-fixtures.js';
import { makeTorrent, startTransmission, type Transmission } from '../../e2e/support/transmission.js';
import { aria2Fetch, aria2Seed, type Aria2Process } from '../../e2e/support/aria2.js';
import { O_DIRECT } from './direct-io.js';
import { sharedReads } from './socket-reads.js';
import { cachedBytes, onTmpfs } from './page-cache.test-support.js';
import { TorrentClient, TorrentInputError, type TorrentEvent, type TorrentInfo } from './torrent-client.js';
import parseTorrent from 'parse-torrent';

const MiB = 1024 * 1024;
/**
 * A bound for each wait on a peer. transmission-daemon 3.00 unchokes a new peer only at its next rechoke (every 10 s)
 * and then answers requests in ~500 ms bursts until webtorrent's request pipeline grows: seconds, not milliseconds.
 */
const PEER_WAIT_MS = 50_000;
// after a restart the seeder (transmission 3.00) unchokes the new connection only at one of its 10 s rounds, and under
// a loaded CI machine that took more than 35 s once: give the resume its own, longer bound
const RESTART_WAIT_MS = 75_000;
const PEER_TEST_MS = 110_000;
/** warnings of every client: a test with real peers also checks that no hot-path tuning was left off */
const warnings: string[] = [];
const log = { info: () => {}, warn: (msg: string) => void warnings.push(msg) };

interface Fixture {
  torrent: Buffer;
  torrentPath: string;
  infoHash: string;
  /** relative path inside the torrent's folder (torrent name first) → bytes */
  files: Map<string, Buffer>;
}

let tmp = '';
let tracker: Opentracker | undefined;
let transmission: Transmission | undefined;
let aria2Seeder: Aria2Process | undefined;
const clients: TorrentClient[] = [];
const children: ReturnType<typeof spawn>[] = [];
const fx: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', Fixture> = {} as never;
/** per-download cap in the cap tests: the 1.5 MiB payloads take >= 6 s at it (aria2c alone moves them in < 1 s) */
const CAP_BPS = 256 * 1024;
const CAPPED_SIZE = 1.5 * MiB;

async function fixture(name: string, sourceDir: string, files: Record<string, number>, announce: string): Promise<Fixture> {
  const written = writePayload(sourceDir, name, files);
  const top = Object.keys(files)[0].split('/')[0];
  const torrentPath = path.join(tmp, `${name}.torrent`);
  const torrent = await makeTorrent(path.join(sourceDir, top), torrentPath, announce, 64);
  const infoHash = (await parseTorrent(torrent)).infoHash;
  return { torrent, torrentPath, infoHash, files: written };
}

function newClient(root: string, events: TorrentEvent[] = [], cleanup?: (fn: () => Promise<void>) => void): TorrentClient {
  const client = new TorrentClient({
    downloadRoot: root,
    dht: false,
    lsd: false,
    pex: false,
    // uTP off: webtorrent 2.8.5 tries uTP first and falls back to TCP only after ~4 timed-out retries, and the
    // transmission peer here has uTP off
    utp: false,
    log,
    onEvent: (e) => events.push(e),
  });
  clients.push(client);
  cleanup?.(() => client.destroy());
  return client;
}

const magnetOf = (f: Fixture) => `magnet:?xt=urn:btih:${f.infoHash}&tr=${encodeURIComponent(tracker!.announceUrl)}`;

function expectSameFiles(dir: string, f: Fixture): void {
  for (const [rel, bytes] of f.files) {
    const got = fs.readFileSync(path.join(dir, rel));
    expect(got.length, rel).toBe(bytes.length);
    expect(got.equals(bytes), `${rel} differs from the source`).toBe(true);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-torrent-test-'));
  const port = await freePort();
  const announce = `http://127.0.0.1:${port}/announce`;
  const seedDir = path.join(tmp, 'transmission-seed');
  fx.a = await fixture('alpha', seedDir, { 'alpha.bin': 2 * MiB }, announce);
  fx.b = await fixture(
    'bravo',
    path.join(tmp, 'ours', 'seed-b'),
    { 'bravo/one.bin': 2 * MiB, 'bravo/sub/two.bin': MiB + 123 },
    announce,
  );
  fx.c = await fixture('charlie', seedDir, { 'charlie/video.bin': 6 * MiB, 'charlie/extra.bin': MiB / 2 }, announce);
  fx.d = await fixture('delta', seedDir, { 'delta.bin': 4 * MiB }, announce);
  fx.e = await fixture('echo', seedDir, { 'echo.bin': CAPPED_SIZE }, announce);
  fx.f = await fixture('foxtrot', path.join(tmp, 'ours', 'seed-f'), { 'foxtrot.bin': CAPPED_SIZE }, announce);
  tracker = await startOpentracker(
    [fx.a, fx.b, fx.c, fx.d, fx.e, fx.f].map((f) => f.infoHash),
    port,
  );
  transmission = await startTransmission({ downloadDir: path.join(tmp, 'transmission-downloads') });
  for (const f of [fx.a, fx.c, fx.d]) await transmission.add(f.torrent, seedDir);
  // E is seeded by aria2c: transmission on loopback sends in slow bursts, too slow to show a cap
  aria2Seeder = await aria2Seed(seedDir, fx.e.torrentPath);
  await tracker.waitFor(fx.e.infoHash, (s) => s.complete >= 1, 'the aria2c seeder', 20_000);
  for (const f of [fx.a, fx.c, fx.d]) {
    await transmission.waitFor(f.infoHash, (t) => t.status === 6 && t.percentDone === 1, `seeding ${f.infoHash}`, 20_000);
    await tracker.waitFor(f.infoHash, (s) => s.complete >= 1, 'the transmission seeder', 20_000);
  }
});

afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  aria2Seeder?.stop();
  await transmission?.stop();
  await tracker?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('TorrentClient with real peers on 127.0.0.1', { timeout: PEER_TEST_MS }, () => {
  it.concurrent(
    'downloads from a transmission seeder found through the tracker (magnet), byte-exact',
    async ({ onTestFinished }) => {
      const root = path.join(tmp, 'a');
      const events: TorrentEvent[] = [];
      const client = newClient(root, events, onTestFinished);
      const added = await client.add({ magnet: magnetOf(fx.a) }, { id: 'dl-a' });
      expect(added.infoHash).toBe(fx.a.infoHash);
      await until('download A to finish', PEER_WAIT_MS, () => events.find((e) => e.type === 'done'));
      const info = client.snapshot('dl-a');
      expect(info).toMatchObject({ done: true, ready: true, progress: 1, name: 'alpha.bin' });
      expect(info.files).toEqual([{ index: 0, path: 'alpha.bin', length: 2 * MiB, downloaded: 2 * MiB, selected: true }]);
      expect(events.some((e) => e.type === 'ready')).toBe(true);
      // every piece went to disk past the page cache (aligned piece buffers, O_DIRECT), checked before anything reads it
      if (O_DIRECT !== undefined && !onTmpfs(root)) expect(cachedBytes(path.join(root, 'dl-a', 'alpha.bin'))).toBe(0);
      expectSameFiles(path.join(root, 'dl-a'), fx.a);
      // the wire, piece and request tunings found webtorrent as they expect (each warns once if not)
      expect(warnings.filter((w) => w.includes('webtorrent internals'))).toEqual([]);
    },
  );

  it.concurrent(
    'seeds to a transmission downloader that finds it through the tracker, byte-exact',
    async ({ onTestFinished }) => {
      const client = newClient(path.join(tmp, 'ours'), [], onTestFinished);
      await client.add({ torrentFile: fx.b.torrent }, { id: 'seed-b' });
      await until('our seed to verify its data', 10_000, () => client.snapshot('seed-b').done);
      await tracker!.waitFor(fx.b.infoHash, (s) => s.complete >= 1, 'our seeder', 15_000);
      await transmission!.add(fx.b.torrent);
      // transmission 3.00 never dials 127.0.0.1 peers it gets from a tracker: we dial it once we know its address
      await tracker!.waitFor(fx.b.infoHash, (s) => s.incomplete >= 1, 'the transmission downloader', 15_000);
      client.reannounce('seed-b');
      await transmission!.waitFor(fx.b.infoHash, (t) => t.percentDone === 1, 'transmission downloading from us', PEER_WAIT_MS);
      expectSameFiles(transmission!.downloadDir, fx.b);
      expect(client.snapshot('seed-b').uploaded).toBeGreaterThanOrEqual(3 * MiB);
    },
  );

  it.concurrent('streams a range near the end of a file while the torrent is still downloading', async ({ onTestFinished }) => {
    const client = newClient(path.join(tmp, 'c'), [], onTestFinished);
    client.setLimits({ downloadBps: 384 * 1024, uploadBps: null });
    await client.add({ magnet: magnetOf(fx.c) }, { id: 'dl-c' });
    const ready = await until('metadata of C', PEER_WAIT_MS, () => client.snapshot('dl-c').ready && client.snapshot('dl-c'));
    const index = ready.files.findIndex((f) => f.path === 'charlie/video.bin');
    expect(index).toBeGreaterThanOrEqual(0);
    const size = 6 * MiB;
    const start = size - 100_000;
    const started = Date.now();
    const got = await Promise.race([
      readAll(client.createReadStream('dl-c', index, { start, end: size - 1 })),
      sleep(PEER_WAIT_MS).then(() => Promise.reject(new Error(`the range read did not finish within ${PEER_WAIT_MS} ms`))),
    ]);
    const during: TorrentInfo = client.snapshot('dl-c');
    expect(got.equals(fx.c.files.get('charlie/video.bin')!.subarray(start)), 'streamed range differs').toBe(true);
    expect(during.done, `torrent already done after ${Date.now() - started} ms`).toBe(false);
    expect(during.files[index].downloaded).toBeLessThan(size / 2);
  });

  it.concurrent(
    'resumes after a SIGKILL half-way without fetching the verified pieces again',
    { timeout: 150_000 },
    async ({ onTestFinished }) => {
      const root = path.join(tmp, 'd');
      const size = 4 * MiB;
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(REPO_ROOT, 'e2e/support/torrent-child.ts'),
          JSON.stringify({ downloadRoot: root, id: 'dl-d', torrentFile: fx.d.torrentPath, downloadBps: 512 * 1024 }),
        ],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(child);
      onTestFinished(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
      let last: TorrentInfo | undefined;
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      let buffered = '';
      child.stdout!.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const msg = JSON.parse(line) as { type: string; info?: TorrentInfo };
          if (msg.info) last = msg.info;
        }
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await until('the child to reach half of D', PEER_WAIT_MS, () => (last?.progress ?? 0) >= 0.5);
      } catch (err) {
        throw new Error(`${(err as Error).message}; last ${JSON.stringify(last)}; stderr ${stderr}`);
      }
      child.kill('SIGKILL');
      await exited;
      const beforeKill = last!;
      expect(beforeKill.done).toBe(false);

      const events: TorrentEvent[] = [];
      const client = newClient(root, events, onTestFinished);
      await client.add({ torrentFile: fx.d.torrent }, { id: 'dl-d' });
      const ready = await until('D to re-verify', 10_000, () => events.find((e) => e.type === 'ready'));
      try {
        await until('D to finish after the restart', RESTART_WAIT_MS, () => events.find((e) => e.type === 'done'));
      } catch (err) {
        const seeder = await transmission!.get(fx.d.infoHash).catch((e: Error) => e.message);
        throw new Error(
          `${(err as Error).message}; ours ${JSON.stringify(client.snapshot('dl-d'))}; seeder ${JSON.stringify(seeder)}`,
        );
      }
      const after = client.snapshot('dl-d');
      expect(ready.type === 'ready' && ready.info.downloaded).toBeGreaterThanOrEqual(0.4 * size);
      expect(after.received, `received ${after.received} after the restart`).toBeLessThan(0.7 * size);
      expectSameFiles(path.join(root, 'dl-d'), fx.d);
    },
  );
});

/** ms from the first byte counted by `bytes` until `finished` resolves */
async function timeFromFirstByte(what: string, bytes: () => number, finished: () => Promise<unknown>): Promise<number> {
  await until(`${what}: a first byte`, PEER_WAIT_MS, () => bytes() > 0);
  const first = Date.now();
  await finished();
  return Date.now() - first;
}

describe('TorrentClient per-download speed caps with real peers', { timeout: PEER_TEST_MS }, () => {
  // a cap lets at most one second's worth through ahead of time (the bucket's burst), so N seconds' worth of data
  // takes at least N - 1 s; 0.5 s more of slack for the polling
  const minMs = (CAPPED_SIZE / CAP_BPS - 1.5) * 1000;

  it.concurrent('caps one download from an aria2c seeder at its own rate, byte-exact', async ({ onTestFinished }) => {
    const root = path.join(tmp, 'e');
    const events: TorrentEvent[] = [];
    const client = newClient(root, events, onTestFinished);
    await client.add({ magnet: magnetOf(fx.e) }, { id: 'dl-e' });
    client.setTorrentLimits('dl-e', { downloadBps: CAP_BPS, uploadBps: null });
    const ms = await timeFromFirstByte(
      'capped download E',
      () => client.snapshot('dl-e').received,
      () => until('capped download E', PEER_WAIT_MS, () => events.some((e) => e.type === 'done')),
    );
    expect(ms, `1.5 MiB at 256 KiB/s arrived in ${ms} ms`).toBeGreaterThanOrEqual(minMs);
    expectSameFiles(path.join(root, 'dl-e'), fx.e);
  });

  it.concurrent('caps what one seeding download uploads to an aria2c downloader', async ({ onTestFinished }) => {
    const client = newClient(path.join(tmp, 'ours'), [], onTestFinished);
    await client.add({ torrentFile: fx.f.torrent }, { id: 'seed-f' });
    client.setTorrentLimits('seed-f', { downloadBps: null, uploadBps: CAP_BPS });
    await until('our seed F to verify its data', 10_000, () => client.snapshot('seed-f').done);
    await tracker!.waitFor(fx.f.infoHash, (s) => s.complete >= 1, 'our seeder', 15_000);
    const into = path.join(tmp, 'aria2-f');
    const fetcher = await aria2Fetch(into, fx.f.torrentPath);
    onTestFinished(() => fetcher.stop());
    const ms = await timeFromFirstByte(
      'aria2c downloading F from our capped seed',
      () => client.snapshot('seed-f').uploaded,
      () => Promise.race([fetcher.exited, sleep(PEER_WAIT_MS).then(() => Promise.reject(new Error('aria2c not done')))]),
    );
    expect(ms, `1.5 MiB at 256 KiB/s went up in ${ms} ms`).toBeGreaterThanOrEqual(minMs);
    expectSameFiles(into, fx.f);
  });
});

// not concurrent with the tests above: it reads the process-wide counts of socket-reads.ts
describe('TorrentClient socket reads with a real peer', { timeout: PEER_TEST_MS }, () => {
  it('reads through the stream under a client-wide cap, straight into the wire once it is lifted, byte-exact', async ({
    onTestFinished,
  }) => {
    const root = path.join(tmp, 'g');
    const events: TorrentEvent[] = [];
    const client = newClient(root, events, onTestFinished);
    client.setLimits({ downloadBps: CAP_BPS, uploadBps: null });
    const before = { ...sharedReads };
    await client.add({ magnet: magnetOf(fx.e) }, { id: 'dl-g' });
    await until('the capped download G to pass 256 KiB', PEER_WAIT_MS, () => client.snapshot('dl-g').received >= CAP_BPS);
    // webtorrent's cap is a stream between the socket and the wire: every read went through it
    expect(sharedReads.fed - before.fed).toBe(0);
    expect(sharedReads.copied - before.copied).toBeGreaterThanOrEqual(CAP_BPS);
    client.setLimits({ downloadBps: null, uploadBps: null });
    await until('download G to finish', PEER_WAIT_MS, () => events.some((e) => e.type === 'done'));
    // the stream's held bytes were parsed first, then the rest went past it
    expect(sharedReads.fed - before.fed).toBeGreaterThan(MiB / 2);
    expectSameFiles(path.join(root, 'dl-g'), fx.e);
    expect(warnings.filter((w) => w.includes('webtorrent internals'))).toEqual([]);
  });
});

describe('TorrentClient bad input', () => {
  const root = () => path.join(tmp, 'bad');
  const outsideMarker = () =>
    fs
      .readdirSync(tmp)
      .filter((n) => n !== 'bad')
      .sort();

  it('rejects a malformed magnet, a garbage .torrent and a torrent with ../ paths, writing nothing', async () => {
    const before = outsideMarker();
    const client = newClient(root());
    await expect(client.add({ magnet: 'magnet:?dn=nothing' }, { id: 'x1' })).rejects.toThrow(/info-hash/);
    await expect(client.add({ magnet: 'http://example.com/a.torrent' }, { id: 'x1' })).rejects.toBeInstanceOf(TorrentInputError);
    await expect(client.add({ magnet: 'magnet:?xt=urn:btih:1234' }, { id: 'x1' })).rejects.toThrow(/40 hex/);
    await expect(client.add({ torrentFile: Buffer.from('this is not bencoded') }, { id: 'x2' })).rejects.toThrow(
      TorrentInputError,
    );
    await expect(client.add({ torrentFile: Buffer.from('d4:infod4:name1:xee') }, { id: 'x2' })).rejects.toThrow(/piece hashes/);
    const evil = Buffer.from(
      bencode.encode({
        announce: 'http://127.0.0.1:1/announce',
        info: {
          name: 'innocent',
          'piece length': 16384,
          pieces: Buffer.alloc(20),
          files: [{ length: 10, path: ['..', '..', 'evil'] }],
        },
      }),
    );
    await expect(client.add({ torrentFile: evil }, { id: 'x3' })).rejects.toThrow(/Unsafe file path.*traversal/);
    const absolute = Buffer.from(
      bencode.encode({ info: { name: '/etc/passwd', 'piece length': 16384, pieces: Buffer.alloc(20), length: 10 } }),
    );
    await expect(client.add({ torrentFile: absolute }, { id: 'x4' })).rejects.toThrow(/absolute path/);
    await expect(client.add({ torrentFile: fx.a.torrent }, { id: '../escape' })).rejects.toThrow(/Invalid download id/);
    expect(client.list()).toEqual([]);
    expect(fs.readdirSync(root())).toEqual([]);
    expect(outsideMarker()).toEqual(before);
  });

  it('refuses the same torrent twice and removes data only inside its own folder', async () => {
    const client = newClient(root());
    await client.add({ torrentFile: fx.a.torrent }, { id: 'once', paused: true });
    await expect(client.add({ magnet: magnetOf(fx.a) }, { id: 'twice' })).rejects.toThrow(/already added as download once/);
    fs.writeFileSync(path.join(root(), 'once', 'marker'), 'x');
    await client.remove('once', { deleteData: true });
    expect(fs.existsSync(path.join(root(), 'once'))).toBe(false);
    expect(fs.existsSync(root())).toBe(true);
    expect(client.list()).toEqual([]);
  });
});
