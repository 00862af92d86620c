/**
 * Cheaper byte handling for bittorrent-protocol 4's Wire, both ways.
 *
 * In: a cheaper message framer for bittorrent-protocol 4's Wire. Its `_write` concatenates every socket chunk with what was
 * left of the previous one (a copy of every received byte and a new ~64 KiB buffer per read) before cutting messages
 * out of it. This one keeps the chunks in a list and cuts messages as views of them; only a message that spans two
 * chunks is copied (about one 16 KiB block per read). Same contract as the original: `_parse(size, parser)` sets what
 * the next `size` bytes go to, `_buffer`/`_bufferSize` hold what is not parsed yet. Encrypted wires (BEP 8 / MSE) keep
 * the original code, as does any wire while it is looking for a crypto sync pattern. The framer can also be fed straight
 * from a socket's reused read buffer (feedWire, socket-reads.ts): it then copies out the few bytes it keeps.
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

/**
 * Takes `size` bytes off the front of `chunks` (which hold at least that many): a view when one chunk holds them, else a
 * copy, into `into` when given (a scratch buffer at least `size` long), else into a new buffer.
 */
function take(chunks: Uint8Array[], size: number, into?: Uint8Array): Uint8Array {
  const first = chunks[0]!;
  if (first.length > size) {
    chunks[0] = first.subarray(size);
    return first.subarray(0, size);
  }
  if (first.length === size) {
    chunks.shift();
    return first;
  }
  const out = into ? into.subarray(0, size) : Buffer.allocUnsafe(size);
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
    _onMessage: 'function',
    _onMessageLength: 'function',
    _parserSize: 'number',
    _bufferSize: 'number',
    _buffer: 'array',
    _cryptoSyncPattern: 'present',
  });
}

/**
 * Installs the framer and the batching on one wire (call before anything else wraps `_write`, once the handshake is
 * done: webtorrent's 'wire' event; the framer may already be on it, see frameWire). Returns false, changing nothing, for
 * a wire of another shape (another bittorrent-protocol version): it then keeps its own code.
 */
export function tuneWire(wire: ParsableWire): boolean {
  if (!frameWire(wire)) return false;
  batchSmallMessages(wire);
  return true;
}

/**
 * Message ids whose handler reads a few numbers out of the message and keeps none of its bytes (bittorrent-protocol 4's
 * `_onMessage`): choke .. have, request, piece (webtorrent copies a block into its piece buffer before the handler
 * returns, piece-buffers.ts), cancel, port and the fast extension's. A bitfield keeps a view of its bytes, an extended
 * message goes on to extensions: those, and ids unknown here, are copied out of a borrowed read buffer.
 */
const KEEPS_NOTHING = new Set([0, 1, 2, 3, 4, 6, 7, 8, 9, 0x0d, 0x0e, 0x0f, 0x10, 0x11]);
const PIECE = 7;
/** A spanning piece message fed from a borrowed buffer is put together here rather than in a new buffer. */
const SCRATCH_MAX = 1 << 20;
let scratch = Buffer.allocUnsafeSlow(0);

interface Framed {
  /** bytes the wire's stream has written into the framer (feedWire's bytes are not counted) */
  streamBytes: number;
}
const framed = new WeakMap<ParsableWire, Framed>();
/** set by feedWire for the one `_write` call it makes */
let feeding = false;

/**
 * Installs the framer on one wire; it may go on before the handshake (it cuts any message by the wire's `_parse`
 * sizes), and a second call changes nothing. Returns false, changing nothing, for a wire of another shape.
 */
export function frameWire(wire: ParsableWire): boolean {
  if (framed.has(wire)) return true;
  if (!isParsableWire(wire)) return false;
  const state: Framed = { streamBytes: 0 };
  framed.set(wire, state);
  const original = wire._write.bind(wire);
  const { _onMessage: onMessage, _onMessageLength: onMessageLength } = wire as unknown as Record<string, unknown>;
  wire._write = (data, cb) => {
    const borrowed = feeding;
    feeding = false;
    if (!borrowed) state.streamBytes += data.length;
    if (wire._cryptoSyncPattern || wire._encryptionMethod === 2) return original(borrowed ? Buffer.from(data) : data, cb);
    wire._buffer.push(data);
    wire._bufferSize += data.length;
    while (wire._bufferSize >= wire._parserSize && !wire._cryptoSyncPattern) {
      const size = wire._parserSize;
      if (size === 0) {
        wire._parser(new Uint8Array());
        continue;
      }
      if (!borrowed) {
        const message = take(wire._buffer, size);
        wire._bufferSize -= size;
        wire._parser(message);
        continue;
      }
      // fed from a borrowed buffer (feedWire): nothing may keep a view of it once this call returns
      const parser = wire._parser as unknown;
      const id = parser === onMessage ? wire._buffer[0]![0]! : -1;
      const piece = id === PIECE && size <= SCRATCH_MAX;
      if (piece && scratch.length < size) scratch = Buffer.allocUnsafeSlow(size);
      const message = take(wire._buffer, size, piece ? scratch : undefined);
      wire._bufferSize -= size;
      const kept = parser !== onMessageLength && !KEEPS_NOTHING.has(id) && message.buffer === data.buffer;
      wire._parser(kept ? Buffer.from(message) : message);
    }
    if (borrowed) {
      // what is left (less than one message) waits for the next read: copy it out of the borrowed buffer
      for (let i = 0; i < wire._buffer.length; i++) {
        const chunk = wire._buffer[i]!;
        if (chunk.buffer === data.buffer) wire._buffer[i] = Buffer.from(chunk);
      }
    }
    cb(null);
  };
  return true;
}

/**
 * How many bytes the wire's own stream has delivered into its framer, or undefined when it has none. Bytes pushed into
 * the stream are all parsed once this equals what was pushed; until then feedWire would get ahead of them.
 */
export function framedStreamBytes(wire: ParsableWire): number | undefined {
  return framed.get(wire)?.streamBytes;
}

/**
 * Writes `data` into a framed wire past its stream. `data` may be a view of a buffer that is reused once this returns:
 * the framer parses every complete message now and copies out what it keeps. Only for a framed, unencrypted wire that is
 * past its handshake (it parses messages), when its stream holds nothing not yet parsed, and without a download cap
 * wrapped around its `_write` (which would hold the bytes' acknowledgement, not the bytes).
 */
export function feedWire(wire: ParsableWire, data: Uint8Array): void {
  feeding = true;
  try {
    wire._write(data, () => {});
  } finally {
    feeding = false;
  }
}

/** Whether the wire parses peer messages now: handshake done, no encryption (feedWire's condition, with the stream's). */
export function parsesPlainMessages(wire: ParsableWire): boolean {
  const { _onMessage: onMessage, _onMessageLength: onMessageLength } = wire as unknown as Record<string, unknown>;
  const parser = wire._parser as unknown;
  return (
    framed.has(wire) &&
    (parser === onMessageLength || parser === onMessage) &&
    !wire._cryptoSyncPattern &&
    !wire._encryptionMethod
  );
}

const batched = new WeakSet<ParsableWire>();

/** Sends the small messages a wire pushes in one tick as one chunk. */
function batchSmallMessages(wire: ParsableWire): void {
  if (batched.has(wire)) return;
  batched.add(wire);
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
