/**
 * Where webtorrent keeps a torrent's pieces: its `store` option (an abstract-chunk-store: put / get / close / destroy of
 * fixed-size chunks, here one chunk per piece) writing straight into the torrent's files under its download folder.
 *
 * Compared with webtorrent's default (fs-chunk-store over random-access-file, one write per piece):
 * - the whole pages of a piece held in a page-aligned buffer (the piece pool's are, piece-buffers.ts) are written with
 *   O_DIRECT, past the page cache, at most two writes at once in libuv's thread pool (direct-io.ts). In
 *   bench/torrent-bench.ts (1 GiB, 2 MiB pieces) our kernel time fell from 1.5-1.8 s to 0.57-0.74 s per GiB and
 *   throughput rose from 306-357 to 389-476 MB/s. Where O_DIRECT is refused (no such flag, or the filesystem's open
 *   or write says EINVAL) the store writes through the page cache from then on.
 * - the rest (a file's last partial page, a file that starts mid-page inside the torrent, parts under 64 KiB, buffers
 *   from elsewhere) is written in 64 KiB slices, one after another. Linux (6.x, ext4) fills the page cache in folios as
 *   large as each write, and on this VM filling large fresh folios costs the kernel far more than small ones (aria2c,
 *   writing 16 KiB blocks, spends ~0.1 s per GiB there; ours, with whole 2 MiB pieces, spent ~3 s). In
 *   bench/torrent-bench.ts (1 GiB, 2 MiB pieces, 3 runs each) our kernel time per GiB was 1.5-1.8 s with 256 KiB
 *   slices, 1.2-1.4 s with 128, 1.0 s with 64, 1.1-1.3 s with 32 and 1.4-1.6 s with 16 (the syscalls add up);
 *   whole-client CPU was lowest at 64. Preallocating files (fallocate, like aria2c) saved ~9 % with whole-piece writes
 *   and nothing with slices: not done. The slices are written inline while the page cache takes them at once, else in
 *   libuv's thread pool (slice-writer.ts).
 * - fds stay open until close; a piece that spans several files is read into one buffer in place;
 * - every file path goes through assertInside (torrent-paths.ts): nothing is opened outside the download folder. File
 *   names lose the characters fs-chunk-store also removed (`<>:"/\|?*` and controls), so data written before this
 *   store existed is found again on resume, and a ':' never makes an NTFS alternate stream on Windows.
 * Reads never create a file: a missing file (or bytes past its end) is a missing piece, as webtorrent expects when it
 * checks existing data on resume.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { directSpan, DIRECT_ALIGNMENT, inDirectWriteSlot, O_DIRECT } from './direct-io.js';
import { SliceWriter, writeAt } from './slice-writer.js';
import { assertInside } from './torrent-paths.js';

type Callback<T = void> = (err: Error | null, value?: T) => void;

/** What webtorrent passes to a store's constructor (see webtorrent/lib/torrent.js, `new this._store(...)`). */
export interface ChunkStoreOptions {
  /** the download folder: every file lives inside it */
  path?: string;
  files?: readonly { path: string; length: number; offset: number }[];
  length?: number;
  /** write whole pages of pieces past the page cache where the platform and filesystem allow (default true; direct-io.ts) */
  directWrites?: boolean;
}

interface StoreFile {
  absolute: string;
  offset: number;
  length: number;
  /** open read-write; null until first needed, reset after a failed open */
  fd: Promise<number> | null;
  /** created (with its folders) by the first write */
  created: Promise<void> | null;
  /** open write-only with O_DIRECT; null until first needed; resolves to null where O_DIRECT is refused */
  directFd: Promise<number | null> | null;
}

/** The part of one file a chunk covers: chunk bytes [from, to) sit at `position` in `file`. */
interface Target {
  file: StoreFile;
  from: number;
  to: number;
  position: number;
}

/** what fs-chunk-store (filename-reserved-regex) removes from a file's name */
const RESERVED_IN_NAME = /[<>:"/\\|?*\u0000-\u001F]/gu;

/** Where a torrent file lives: inside `root`, named as webtorrent's default store named it. */
function filePath(root: string, torrentPath: string): string {
  const name = path.basename(torrentPath).replace(RESERVED_IN_NAME, '');
  return assertInside(root, path.join(path.dirname(torrentPath), name));
}

/** Where in its file the part `t` of a chunk ends. */
const targetEnd = (t: Target) => t.position + (t.to - t.from);
/** A file too short for the part `t` of a chunk: that chunk was never (completely) written, so it is missing. */
const shortFile = (t: Target) => new Error(`${t.file.absolute} ends before byte ${targetEnd(t)}`);

/** bytes per write call (see the header) */
const WRITE_SLICE = 64 * 1024;
/** one for the process: whether the disk keeps up is the machine's, not one torrent's */
const sliceWriter = new SliceWriter();

export class FileChunkStore {
  readonly chunkLength: number;
  private readonly files: StoreFile[];
  private readonly length: number;
  private readonly lastChunkIndex: number;
  private readonly lastChunkLength: number;
  private closed = false;
  /** whether whole pages go past the page cache (off for good once the filesystem refuses O_DIRECT) */
  private direct: boolean;
  /** reads and writes under way (close waits for them) */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(chunkLength: number, opts: ChunkStoreOptions = {}) {
    this.chunkLength = Number(chunkLength);
    if (!Number.isInteger(this.chunkLength) || this.chunkLength <= 0) throw new Error('The chunk length must be > 0');
    const root = opts.path;
    if (!root || !path.isAbsolute(root)) throw new Error('FileChunkStore needs the absolute download folder (path)');
    if (!Array.isArray(opts.files)) throw new Error('FileChunkStore needs the files of the torrent');
    let offset = 0;
    this.files = opts.files.map((f) => {
      if (!Number.isSafeInteger(f.length) || f.length < 0 || f.offset !== offset) {
        throw new Error(`Invalid length or offset for ${JSON.stringify(f.path)}`);
      }
      offset += f.length;
      return { absolute: filePath(root, f.path), offset: f.offset, length: f.length, fd: null, created: null, directFd: null };
    });
    this.length = offset;
    if (opts.length !== undefined && opts.length !== this.length) {
      throw new Error(`The files add up to ${this.length} bytes, not ${opts.length}`);
    }
    this.lastChunkIndex = Math.max(0, Math.ceil(this.length / this.chunkLength) - 1);
    this.lastChunkLength = this.length - this.lastChunkIndex * this.chunkLength;
    this.direct = (opts.directWrites ?? true) && O_DIRECT !== undefined;
  }

  put(index: number, buf: Uint8Array, cb: Callback = () => {}): void {
    if (this.closed) return later(cb, new Error('Storage is closed'));
    const expected = this.chunkSize(index);
    if (expected < 0) return later(cb, new Error(`No chunk ${index}`));
    if (buf.length !== expected) return later(cb, new Error(`Chunk ${index} must be ${expected} bytes, not ${buf.length}`));
    this.track(
      this.targets(index, 0, expected).map((t) => this.writeTarget(t, buf)),
      (err) => cb(err),
    );
  }

  get(index: number, opts: { offset?: number; length?: number } | null | Callback<Uint8Array>, cb?: Callback<Uint8Array>): void {
    if (typeof opts === 'function') return this.get(index, null, opts);
    const done = cb ?? (() => {});
    if (this.closed) return later(done, new Error('Storage is closed'));
    const size = this.chunkSize(index);
    if (size < 0) return later(done, new Error(`No chunk ${index}`));
    const from = opts?.offset ?? 0;
    const to = opts?.length ? from + opts.length : size;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > size || to < from) {
      return later(done, new Error('Invalid offset and/or length'));
    }
    if (to === from) return later(done, null, Buffer.alloc(0));
    const targets = this.targets(index, from, to);
    const read = (async () => {
      // every file opened and its length checked before the buffer exists: when webtorrent checks a new torrent for data
      // already there, each missing piece costs a failed open or fstat, not a piece-sized buffer (1 GiB of them for a
      // 1 GiB torrent, and a garbage collection every 32 pieces)
      const fds = await Promise.all(
        targets.map(async (t) => {
          const fd = await this.open(t.file, false);
          const { size } = await fstatFd(fd);
          if (size < targetEnd(t)) throw shortFile(t);
          return fd;
        }),
      );
      const out = Buffer.allocUnsafe(to - from);
      await Promise.all(targets.map((t, i) => this.readTarget(t, fds[i]!, out.subarray(t.from - from, t.to - from))));
      return out;
    })();
    this.track([read], (err) => (err ? done(err) : read.then((out) => done(null, out))));
  }

  close(cb: Callback = () => {}): void {
    if (this.closed) return later(cb, new Error('Storage is closed'));
    this.closed = true;
    // reads and writes under way finish first: closing an fd under them could let the kernel give its number to
    // another file before they run
    void Promise.allSettled([...this.pending]).then(() => {
      const opened = this.files.flatMap((f) => [f.fd, f.directFd]).filter((fd) => fd !== null);
      for (const f of this.files) {
        f.fd = null;
        f.directFd = null;
      }
      settleAll(
        // a failed or refused open has nothing to close
        opened.map((fd) =>
          fd.then(
            (n) => (n === null ? undefined : closeFd(n)),
            () => undefined,
          ),
        ),
        (err) => cb(err),
      );
    });
  }

  /** Closes, then deletes the torrent's files (only them; each path was checked to lie in the download folder). */
  destroy(cb: Callback = () => {}): void {
    const remove = () =>
      settleAll(
        this.files.map((f) => fs.promises.rm(f.absolute, { force: true })),
        (err) => cb(err),
      );
    if (this.closed) return void remove();
    this.close(() => remove());
  }

  /** Settles `cb` after `ops`, keeping them in `pending` meanwhile. */
  private track(ops: Promise<unknown>[], cb: (err: Error | null) => void): void {
    const all = Promise.allSettled(ops);
    this.pending.add(all);
    void all.then(() => this.pending.delete(all));
    settleAll(ops, cb);
  }

  /** Length of chunk `index`, or -1 when there is no such chunk. */
  private chunkSize(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index > this.lastChunkIndex || this.length === 0) return -1;
    return index === this.lastChunkIndex ? this.lastChunkLength : this.chunkLength;
  }

  /** The file parts under bytes [from, to) of chunk `index`, in order. */
  private targets(index: number, from: number, to: number): Target[] {
    const base = index * this.chunkLength;
    const start = base + from;
    const end = base + to;
    const out: Target[] = [];
    // files are in offset order: find the first one ending after `start`, then walk on
    let lo = 0;
    let hi = this.files.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const f = this.files[mid]!;
      if (f.offset + f.length <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.files.length; i++) {
      const file = this.files[i]!;
      if (file.offset >= end) break;
      if (file.length === 0) continue;
      const a = Math.max(start, file.offset);
      const b = Math.min(end, file.offset + file.length);
      out.push({ file, from: a - base, to: b - base, position: a - file.offset });
    }
    return out;
  }

  private async writeTarget(t: Target, buf: Uint8Array): Promise<void> {
    const span = this.direct ? directSpan(buf, t.from, t.to, t.position) : null;
    const directFd = span ? await this.openDirect(t.file) : null;
    if (!span || directFd === null) return this.writeCached(t, buf, t.from, t.to);
    await this.writeCached(t, buf, t.from, span.start);
    const reached = await this.writeDirect(directFd, t, buf, span.start, span.end);
    await this.writeCached(t, buf, reached, t.to);
  }

  /** Writes bytes [from, to) of the part `t` of a chunk through the page cache. */
  private async writeCached(t: Target, buf: Uint8Array, from: number, to: number): Promise<void> {
    if (from >= to) return;
    const fd = await this.open(t.file, true);
    let at = from;
    while (at < to) {
      at += await sliceWriter.write(fd, buf, at, Math.min(to - at, WRITE_SLICE), t.position + (at - t.from));
    }
  }

  /**
   * Writes bytes [from, to) of the part `t` of a chunk with O_DIRECT, in libuv's thread pool (each write waits for the
   * disk). Returns where it stopped: `to`, or earlier when the kernel refused (EINVAL: this filesystem or disk wants
   * another alignment; direct writes then stop for this store) or wrote part of it (the rest is no longer aligned). The
   * caller writes the rest through the page cache.
   */
  private async writeDirect(fd: number, t: Target, buf: Uint8Array, from: number, to: number): Promise<number> {
    let at = from;
    while (at < to) {
      let written: number;
      try {
        const [length, position] = [to - at, t.position + (at - t.from)];
        written = await inDirectWriteSlot(() => writeAt(fd, buf, at, length, position));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
        this.direct = false;
        break;
      }
      at += written;
      if (written === 0 || written % DIRECT_ALIGNMENT !== 0) break;
    }
    return at;
  }

  /**
   * The file's O_DIRECT fd (creating the file first), or null: for good where the filesystem refuses O_DIRECT (EINVAL:
   * some FUSE and network filesystems), for this write after another failure (it goes through the page cache, and a
   * later write tries again).
   */
  private async openDirect(file: StoreFile): Promise<number | null> {
    await this.open(file, true);
    const opening = (file.directFd ??= openFd(file.absolute, fs.constants.O_WRONLY | O_DIRECT!).catch((err) => {
      if ((err as NodeJS.ErrnoException).code === 'EINVAL') this.direct = false;
      else if (file.directFd === opening) file.directFd = null;
      return null;
    }));
    const fd = await file.directFd;
    if (this.closed) throw new Error('Storage is closed');
    return fd;
  }

  private async readTarget(t: Target, fd: number, into: Buffer): Promise<void> {
    let at = 0;
    while (at < into.length) {
      const { bytesRead } = await readAt(fd, into, at, into.length - at, t.position + at);
      // past the end of the file: this piece was never (completely) written
      if (bytesRead === 0) throw shortFile(t);
      at += bytesRead;
    }
  }

  /** The file's fd. A write first creates the file (and its folders); a read never does. */
  private async open(file: StoreFile, forWrite: boolean): Promise<number> {
    if (this.closed) throw new Error('Storage is closed');
    if (forWrite) {
      file.created ??= this.create(file);
      await file.created;
    }
    if (!file.fd) {
      const opening = openFd(file.absolute, fs.constants.O_RDWR);
      file.fd = opening;
      opening.catch(() => {
        if (file.fd === opening) file.fd = null; // a later write may create it
      });
    }
    const fd = await file.fd;
    if (this.closed) throw new Error('Storage is closed');
    return fd;
  }

  private async create(file: StoreFile): Promise<void> {
    try {
      await fs.promises.mkdir(path.dirname(file.absolute), { recursive: true });
      await closeFd(await openFd(file.absolute, fs.constants.O_RDWR | fs.constants.O_CREAT));
    } catch (err) {
      file.created = null; // try again on the next write
      throw err;
    }
  }
}

// fs's callback API on raw fds: no FileHandle object per file, nothing for the GC to finalise
const openFd = promisify(fs.open);
const closeFd = promisify(fs.close);
const fstatFd = promisify(fs.fstat);
const readAt = promisify(fs.read);

/** Calls `cb` once every promise settled: with the first error, if any (a chunk is whole or failed). */
function settleAll(promises: Promise<unknown>[], cb: (err: Error | null) => void): void {
  Promise.allSettled(promises).then((results) => {
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    cb(failed ? toError(failed.reason) : null);
  }, cb);
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** abstract-chunk-store callbacks are always asynchronous. */
function later<T>(cb: Callback<T>, err: Error | null, value?: T): void {
  queueMicrotask(() => cb(err, value));
}
