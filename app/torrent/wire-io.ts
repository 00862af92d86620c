/**
 * Cheaper byte handling for bittorrent-protocol 4's Wire, both ways.
 *
 * In: a cheaper message framer for bittorrent-protocol 4's Wire. Its `_write` concatenates every socket chunk with what was
 * left of the previous one (a copy of every received byte and a new ~64 KiB buffer per read) before cutting messages
 * out of it. This one keeps the chunks in a list and cuts messages as views of them; only a message that spans two
 * chunks is copied (about one 16 KiB block per read). Same contract as the original: `_parse(size, parser)` sets what
 * the next `size` bytes go to, `_buffer`/`_bufferSize` hold what is not parsed yet. Encrypted wires (BEP 8 / MSE) keep
 * the original code, as does any wire while it is looking for a crypto sync pattern.
 *
 * Out: the Wire pushes every message as its own chunk (a 17-byte request per 16 KiB block), and each chunk crosses three
 * streams and becomes its own send() on the socket. Small messages pushed in one tick are sent as one chunk instead.
 */

import { hasShape } from './vendor-shape.js';

export interface ParsableWire {
  _write(data: Uint8Array, cb: (err?: Error | null) => void): void;
  _buffer: Uint8Array[];
  _bufferSize: number;
  _parserSize: number;
  _parser: (buffer: Uint8Array) => void;
  _cryptoSyncPattern: Uint8Array | null;
  _encryptionMethod?: number | null;
  _cryptoHandshakeDone?: boolean;
  _finished?: boolean;
  destroyed?: boolean;
  _push(data: Uint8Array): unknown;
}

/** Messages up to this size are held until the end of the tick; larger ones (piece data) flush what is held first. */
const SMALL_MESSAGE = 1024;

/** Takes `size` bytes off the front of `chunks` (which hold at least that many). */
function take(chunks: Uint8Array[], size: number): Uint8Array {
  const first = chunks[0]!;
  if (first.length > size) {
    chunks[0] = first.subarray(size);
    return first.subarray(0, size);
  }
  if (first.length === size) {
    chunks.shift();
    return first;
  }
  const out = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const chunk = chunks[0]!;
    const n = Math.min(chunk.length, size - filled);
    out.set(n === chunk.length ? chunk : chunk.subarray(0, n), filled);
    filled += n;
    if (n === chunk.length) chunks.shift();
    else chunks[0] = chunk.subarray(n);
  }
  return out;
}

/** Whether a wire (after its handshake) has the bittorrent-protocol 4 fields the framer and the batching rely on. */
export function isParsableWire(wire: object): boolean {
  return hasShape(wire, {
    _write: 'function',
    _push: 'function',
    _parser: 'function',
    _parserSize: 'number',
    _bufferSize: 'number',
    _buffer: 'array',
    _cryptoSyncPattern: 'present',
  });
}

/**
 * Installs the framer and the batching on one wire (call before anything else wraps `_write`, once the handshake is
 * done: webtorrent's 'wire' event). Returns false, changing nothing, for a wire of another shape (another
 * bittorrent-protocol version): it then keeps its own code.
 */
export function tuneWire(wire: ParsableWire): boolean {
  if (!isParsableWire(wire)) return false;
  useFastParser(wire);
  batchSmallMessages(wire);
  return true;
}

/** Installs the framer on one wire. */
function useFastParser(wire: ParsableWire): void {
  const original = wire._write.bind(wire);
  wire._write = (data, cb) => {
    if (wire._cryptoSyncPattern || wire._encryptionMethod === 2) return original(data, cb);
    wire._buffer.push(data);
    wire._bufferSize += data.length;
    while (wire._bufferSize >= wire._parserSize && !wire._cryptoSyncPattern) {
      const size = wire._parserSize;
      if (size === 0) {
        wire._parser(new Uint8Array());
        continue;
      }
      const message = take(wire._buffer, size);
      wire._bufferSize -= size;
      wire._parser(message);
    }
    cb(null);
  };
}

/** Sends the small messages a wire pushes in one tick as one chunk. */
function batchSmallMessages(wire: ParsableWire): void {
  const original = wire._push.bind(wire);
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  const flush = () => {
    if (held.length === 0) return;
    const parts = held;
    const size = heldBytes;
    held = [];
    heldBytes = 0;
    if (wire._finished || wire.destroyed) return;
    original(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
  };
  wire._push = (data) => {
    // encrypted wires encrypt in _push, in order: leave them alone
    if (wire._encryptionMethod === 2 || wire._finished) return original(data);
    if (data.length > SMALL_MESSAGE) {
      flush();
      return original(data);
    }
    if (held.length === 0) process.nextTick(flush);
    held.push(data);
    heldBytes += data.length;
    return true;
  };
}
