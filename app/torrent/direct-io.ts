/**
 * Writing pieces past the page cache (O_DIRECT, Linux).
 *
 * On this kind of machine (a VM whose free memory goes back to its host), filling fresh page-cache pages is the
 * dearest part of a download: `dd` of 1 GiB in 2 MiB blocks costs ~2.4 s of kernel time buffered and ~0.08 s with
 * O_DIRECT, and the disk takes it at ~2 GB/s either way. A written piece is rarely read again soon (a stream reads
 * it from disk; seeding is spread over hours), so keeping it cached mostly evicts what the machine does need
 * (libtorrent offered the same as `disable_os_cache`).
 *
 * O_DIRECT needs the buffer's address, the file position and the length aligned to the disk's logical block (512 B or
 * 4 KiB). JavaScript cannot see a buffer's address, so the aligned buffers are made here: the memory of a
 * WebAssembly.Memory starts on a page boundary. Everything else (a torrent file that starts mid-page inside the
 * torrent, the last partial page of a file, a buffer not from here) goes through the page cache as before.
 */
import fs from 'node:fs';

/** Alignment of addresses, positions and lengths for O_DIRECT (4 KiB suits 512-byte and 4 KiB sector disks alike). */
export const DIRECT_ALIGNMENT = 4096;
/** Parts shorter than this are not worth a thread-pool write of their own. */
export const MIN_DIRECT_BYTES = 64 * 1024;
const WASM_PAGE = 64 * 1024;

/** ArrayBuffers that start on a page boundary (made by allocateAligned). */
const alignedMemory = new WeakSet<ArrayBufferLike>();
/**
 * Each WebAssembly.Memory reserves ~10 GiB of address space (its guard region; nothing is committed), and inside
 * Electron every ArrayBuffer shares one 1 TiB sandbox with them: past this many live ones, buffers come from the heap.
 */
const MAX_LIVE_ALIGNED = 24;
let liveAligned = 0;
const released = new FinalizationRegistry<null>(() => liveAligned--);

/**
 * A buffer of `length` bytes starting on a page boundary, zero-filled; a plain Buffer where WebAssembly is missing
 * (node --jitless), too many are alive or the memory cannot be reserved (such a buffer goes through the page cache).
 */
export function allocateAligned(length: number): Buffer {
  if (liveAligned >= MAX_LIVE_ALIGNED) return Buffer.allocUnsafeSlow(length);
  const pages = Math.max(1, Math.ceil(length / WASM_PAGE));
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return Buffer.allocUnsafeSlow(length);
  }
  liveAligned++;
  released.register(memory.buffer, null);
  alignedMemory.add(memory.buffer);
  return Buffer.from(memory.buffer, 0, length);
}

/** Whether byte `offset` of `buf` sits at an address O_DIRECT accepts. */
export function isAlignedAt(buf: Uint8Array, offset: number): boolean {
  return alignedMemory.has(buf.buffer) && (buf.byteOffset + offset) % DIRECT_ALIGNMENT === 0;
}

/**
 * Of the bytes [from, to) of `buf`, bound for file position `position` onwards, the whole pages that can be written
 * with O_DIRECT: [start, end) of `buf`, or null when there are none worth it (the caller writes the bytes before
 * `start` and from `end` through the page cache).
 */
export function directSpan(buf: Uint8Array, from: number, to: number, position: number): { start: number; end: number } | null {
  const start = from + ((DIRECT_ALIGNMENT - (position % DIRECT_ALIGNMENT)) % DIRECT_ALIGNMENT);
  const end = start + Math.floor(Math.max(0, to - start) / DIRECT_ALIGNMENT) * DIRECT_ALIGNMENT;
  if (end - start < MIN_DIRECT_BYTES || !isAlignedAt(buf, start)) return null;
  return { start, end };
}

/** O_DIRECT where this platform has it (Linux), else undefined. */
export const O_DIRECT: number | undefined = fs.constants.O_DIRECT;

/**
 * Direct writes wait for the disk in libuv's thread pool, whose 4 threads also serve every file read (streams, seeding)
 * and DNS: at most this many at once, so a stream's read never queues behind a slow disk's writes.
 */
const MAX_DIRECT_WRITES = 2;
let directWritesRunning = 0;
const waitingWrites: (() => void)[] = [];

/** Runs `write` once fewer than MAX_DIRECT_WRITES are running (in the order asked). */
export async function inDirectWriteSlot<T>(write: () => Promise<T>): Promise<T> {
  if (directWritesRunning < MAX_DIRECT_WRITES) directWritesRunning++;
  else await new Promise<void>((resolve) => waitingWrites.push(resolve)); // the slot is handed over, not counted again
  try {
    return await write();
  } finally {
    const next = waitingWrites.shift();
    if (next) next();
    else directWritesRunning--;
  }
}
