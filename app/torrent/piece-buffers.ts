/**
 * Where received blocks go, with fewer copies and allocations than webtorrent 2.8.5 (torrent-piece 3) makes.
 *
 * torrent-piece keeps each 16 KiB block as a view of the socket chunk it arrived in (so every chunk stays alive until its
 * piece completes) and concatenates the blocks into a new piece-sized buffer when the piece is complete. Here each block
 * is copied at once into one piece buffer, taken from a small pool and given back after the piece is on disk. Every
 * buffer Node allocates outside the JS heap counts towards V8's "external memory", and V8 runs a full mark-compact each
 * time that grows by a few tens of MiB: with 1 GiB per GiB of piece buffers plus the socket chunks kept alive, that was
 * the main cost of a download (GC ~2 s of CPU per GiB) and fresh 2 MiB buffers also cost page faults.
 *
 * A piece buffer is reused only when nothing else can still hold it: the torrent's store must not cache written pieces
 * (storeCacheSlots: 0), and a buffer that immediate-chunk-store handed out while it was being written is never reused.
 */
import { allocateAligned, MIN_DIRECT_BYTES, O_DIRECT } from './direct-io.js';
import { hasShape } from './vendor-shape.js';

const BLOCK_LENGTH = 1 << 14;
/** Pooled bytes kept at most, and how long an unused pool is kept. */
const POOL_MAX_BYTES = 32 << 20;
const POOL_IDLE_MS = 30_000;

const ours = new WeakSet<Uint8Array>();
const escaped = new WeakSet<Uint8Array>();
let pool: Uint8Array[] = [];
let pooledBytes = 0;
let idleTimer: NodeJS.Timeout | null = null;

function allocate(length: number): Uint8Array {
  const i = pool.findIndex((b) => b.length === length);
  if (i >= 0) {
    const buf = pool[i]!;
    pool.splice(i, 1);
    pooledBytes -= buf.length;
    return buf;
  }
  // page-aligned, so the store can write it past the page cache (direct-io.ts); a smaller piece never goes direct,
  // nor does any without O_DIRECT (macOS, Windows)
  const direct = O_DIRECT !== undefined && length >= MIN_DIRECT_BYTES;
  const buf = direct ? allocateAligned(length) : Buffer.allocUnsafeSlow(length);
  ours.add(buf);
  return buf;
}

/** Gives a piece buffer back once it is written (no-op for a buffer that is not ours or was handed out). */
export function recyclePieceBuffer(buf: Uint8Array): void {
  if (!ours.has(buf) || escaped.has(buf) || pooledBytes + buf.length > POOL_MAX_BYTES) return;
  pool.push(buf);
  pooledBytes += buf.length;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    pool = [];
    pooledBytes = 0;
    idleTimer = null;
  }, POOL_IDLE_MS);
  idleTimer.unref();
}

/** Marks a buffer as held elsewhere: it is never reused. */
export function pieceBufferEscaped(buf: Uint8Array): void {
  if (ours.has(buf)) escaped.add(buf);
}

interface PieceInternals {
  length: number;
  missing: number;
  sources: unknown[] | null;
  _chunks: number;
  _buffered: number;
  _buffer: (Uint8Array | undefined)[] | null;
  _cancellations: number[] | null;
  _flushed: boolean;
  /** the whole piece, filled block by block */
  _data?: Uint8Array | null;
  init(): boolean;
}

let installed = false;

/** Whether received blocks go into our piece buffers (copied before the wire's handler returns). */
export function pieceBuffersInstalled(): boolean {
  return installed;
}

/** Whether a live piece has the torrent-piece 3 fields and methods the replacement below relies on. */
export function isPatchablePiece(piece: object): boolean {
  return hasShape(piece, {
    init: 'function',
    set: 'function',
    flush: 'function',
    length: 'number',
    missing: 'number',
    _chunks: 'number',
    _buffered: 'number',
    _flushed: 'boolean',
    _buffer: 'present',
    _cancellations: 'present',
  });
}

/**
 * Replaces torrent-piece's init/set/flush on the class of `piece`, a live piece of a torrent (so it is the very module
 * instance webtorrent loaded; process-wide, webtorrent is its only user). Idempotent. Returns false, changing nothing,
 * when the piece is not shaped as torrent-piece 3 (another webtorrent version): then webtorrent's own code runs.
 */
export function installPieceBuffers(piece: object): boolean {
  if (installed) return true;
  if (!isPatchablePiece(piece)) return false;
  installed = true;
  const pieceClass = piece.constructor as { prototype: object };
  const proto = pieceClass.prototype as PieceInternals;
  proto.init = function init(this: PieceInternals): boolean {
    if (this._flushed) return false;
    if (this._buffer) return true;
    this._buffer = new Array<Uint8Array | undefined>(this._chunks);
    this._cancellations = [];
    this.sources = [];
    return true;
  };
  (proto as unknown as { set: unknown }).set = function set(
    this: PieceInternals,
    index: number,
    data: Uint8Array,
    source: unknown,
  ): boolean {
    if (!this.init()) return false;
    const blocks = this._buffer!;
    const whole = (this._data ??= allocate(this.length));
    const count = Math.ceil(data.length / BLOCK_LENGTH);
    for (let j = 0; j < count; j++) {
      const at = (index + j) * BLOCK_LENGTH;
      const part = data.subarray(j * BLOCK_LENGTH, (j + 1) * BLOCK_LENGTH);
      if (blocks[index + j] || at + part.length > this.length) continue;
      whole.set(part, at);
      blocks[index + j] = whole.subarray(at, at + part.length);
      this._buffered++;
      this.missing -= part.length;
      if (!this.sources!.includes(source)) this.sources!.push(source);
    }
    return this._buffered === this._chunks;
  };
  (proto as unknown as { flush: unknown }).flush = function flush(this: PieceInternals): Uint8Array | null {
    if (!this._buffer || this._chunks !== this._buffered || !this._data) return null;
    const whole = this._data;
    this._data = null;
    this._buffer = null;
    this._cancellations = null;
    this.sources = null;
    this._flushed = true;
    return whole;
  };
  return true;
}

/** What of immediate-chunk-store (webtorrent's `torrent.store`) the pool hooks into. */
export interface PieceStore {
  /** pieces being written, served from memory meanwhile */
  mem?: (Uint8Array | null | undefined)[];
  put(index: number, buf: Uint8Array, cb?: (err?: Error | null) => void): void;
  get(index: number, opts: unknown, cb?: unknown): void;
}

/**
 * Gives each piece buffer back to the pool once the store has written it; one read while it is in memory keeps it.
 * `store` is webtorrent's immediate-chunk-store; `keepsNothing` says whether the store under it lets go of a buffer once
 * its put has called back (ours does; a cache-chunk-store keeps written pieces). Returns false, changing nothing, when
 * either is not so: then no buffer is ever reused.
 */
export function recycleWrittenPieces(store: PieceStore, keepsNothing: (underlying: unknown) => boolean): boolean {
  if (!Array.isArray(store.mem) || !keepsNothing((store as { store?: unknown }).store)) return false;
  const put = store.put.bind(store);
  const get = store.get.bind(store);
  store.put = (index, buf, cb) =>
    put(index, buf, (err) => {
      if (!err) recyclePieceBuffer(buf);
      cb?.(err);
    });
  store.get = (index, opts, cb) => {
    const held = store.mem?.[index];
    if (held) pieceBufferEscaped(held);
    get(index, opts, cb);
  };
  return true;
}
