/**
 * Where the chunk store's slice writes run (file-chunk-store.ts).
 *
 * Inline (fs.writeSync on the event loop) while the page cache takes each write at once: a write handed to libuv's
 * thread pool costs the event loop a thread wake-up (~30 µs here, as much as copying the 64 KiB slice), and parallel
 * writers take turns at the file's inode lock while the waiting ones spin. In bench/torrent-bench.ts (1 GiB) that was
 * ~0.7 s of CPU per GiB: 2.5-2.6 CPU s/GiB inline against 3.1-3.3 through the pool.
 *
 * A write that takes longer than `slowWriteMs` means the disk, not the page cache, is taking the writes (the kernel
 * makes writers wait once dirty pages pile up for a slow disk, or the folder is on a network share). Writes then go
 * through the thread pool for `pooledForMs` before inline writes are tried again, so the engine's API and streams never
 * wait on the disk for more than that one write.
 */
import fs from 'node:fs';

/** fs.write in libuv's thread pool, as a promise of the bytes written. */
export const writeAt = (fd: number, buf: Uint8Array, offset: number, length: number, position: number) =>
  new Promise<number>((resolve, reject) =>
    fs.write(fd, buf, offset, length, position, (err, written) => (err ? reject(err) : resolve(written))),
  );

export interface SliceWriterOptions {
  /** a write slower than this switches to the thread pool (default 10 ms; a 64 KiB page-cache write takes ~20 µs) */
  slowWriteMs?: number;
  /** how long writes then stay in the thread pool (default 10 s) */
  pooledForMs?: number;
  /** monotonic milliseconds (tests pass their own) */
  now?: () => number;
}

export class SliceWriter {
  private readonly slowWriteMs: number;
  private readonly pooledForMs: number;
  private readonly now: () => number;
  private pooledUntil = -Infinity;

  constructor(opts: SliceWriterOptions = {}) {
    this.slowWriteMs = opts.slowWriteMs ?? 10;
    this.pooledForMs = opts.pooledForMs ?? 10_000;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Whether the next write runs inline. */
  get inline(): boolean {
    return this.now() >= this.pooledUntil;
  }

  /** Writes `length` bytes of `buf` from `offset` at `position` of `fd`; resolves to the bytes written. */
  write(fd: number, buf: Uint8Array, offset: number, length: number, position: number): number | Promise<number> {
    if (!this.inline) return writeAt(fd, buf, offset, length, position);
    const started = this.now();
    const written = fs.writeSync(fd, buf, offset, length, position);
    const finished = this.now();
    if (finished - started > this.slowWriteMs) this.pooledUntil = finished + this.pooledForMs;
    return written;
  }
}
