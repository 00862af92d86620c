/**
 * Outgoing peer sockets read into one reused buffer instead of a new one per read.
 *
 * Node gives every socket read a new 64 KiB buffer outside the JS heap: about 1 GiB of them per GiB downloaded. They
 * count as V8's external memory, and in some runs they set off a full mark-compact every few tens of milliseconds (a
 * run then costs up to 3 CPU s/GiB instead of 1.7). Here every outgoing TCP socket webtorrent opens reads (Node's
 * `onread`) into one buffer that all of them share, and while the socket's wire parses plain peer messages each read
 * goes straight into the wire's framer (wire-io.ts feedWire), which parses it before the next read and copies out the
 * few bytes it keeps. Any other read (handshake, encryption, a client-wide or per-download cap, a torrent not ready yet,
 * or bytes the wire's stream has not parsed yet) is copied and pushed into the socket's stream, through webtorrent's
 * pipes as before: under a cap the stream's back-pressure holds reads to its small chunks, where one shared read could
 * take a whole second's worth at once. Incoming and uTP connections keep Node's own reads.
 */
import net from 'node:net';
import { pieceBuffersInstalled } from './piece-buffers.js';
import { hasShape } from './vendor-shape.js';
import { downloadCapped } from './wire-throttle.js';
import { feedWire, framedStreamBytes, frameWire, parsesPlainMessages, type ParsableWire } from './wire-io.js';

/** A read fed to a wire takes at most this much: a fast peer's bytes come in fewer reads. Shared, so 1 MiB once. */
const READ_BYTES = 1 << 20;
/** A read that is copied into the stream takes at most what Node's own reads take: the stream's chunks stay as small. */
const COPIED_READ_BYTES = 64 << 10;
let shared: { whole: Buffer; forCopies: Buffer } | null = null;

function sharedBuffer(): { whole: Buffer; forCopies: Buffer } {
  if (shared) return shared;
  const whole = Buffer.allocUnsafeSlow(READ_BYTES);
  return (shared = { whole, forCopies: whole.subarray(0, COPIED_READ_BYTES) });
}

/** Bytes read through the shared buffer since the process started: fed to a wire, or copied into the stream. */
export const sharedReads = { fed: 0, copied: 0 };

/** What of webtorrent 2.8.5's Peer a reader relies on. */
interface PeerInternals {
  conn: unknown;
  wire?: ParsableWire | null;
  destroyed: boolean;
  swarm?: { ready: boolean } | null;
  throttleGroups: { down: { getEnabled(): boolean } };
  emit(event: 'download', bytes: number): boolean;
}

interface TorrentInternals {
  _drain(): void;
  _queue: PeerInternals[];
}

/** Reads of one outgoing socket. */
class SocketReader {
  socket: net.Socket | null = null;
  peer: PeerInternals | null = null;
  /** bytes pushed into the socket's stream: all parsed once the wire's framer has had as many from it */
  private pushed = 0;
  private lastFed = false;

  /** Where the next read goes (Node asks after each read): the whole shared buffer while reads are fed to the wire. */
  nextBuffer(): Buffer {
    return this.lastFed ? sharedBuffer().whole : sharedBuffer().forCopies;
  }

  read(n: number, buf: Buffer): boolean {
    const view = buf.subarray(0, n);
    const { socket, peer } = this;
    const wire = peer?.wire;
    // the framer goes on before the first byte reaches the wire, so its count of stream bytes matches `pushed`
    this.lastFed = false;
    if (socket && peer && wire && frameWire(wire) && this.canFeed(peer, wire)) {
      this.lastFed = true;
      this.feed(peer, wire, view);
      return true;
    }
    this.pushed += n;
    sharedReads.copied += n;
    return socket ? socket.push(Buffer.from(view)) : false;
  }

  private canFeed(peer: PeerInternals, wire: ParsableWire): boolean {
    return (
      !peer.destroyed &&
      !wire.destroyed &&
      parsesPlainMessages(wire) &&
      framedStreamBytes(wire) === this.pushed &&
      // a block is copied out before the wire's handler returns only into our piece buffers, and only once the torrent
      // is ready (webtorrent holds a block for 'ready' otherwise)
      pieceBuffersInstalled() &&
      peer.swarm?.ready === true &&
      !peer.throttleGroups.down.getEnabled() &&
      !downloadCapped(wire)
    );
  }

  private feed(peer: PeerInternals, wire: ParsableWire, view: Buffer): void {
    // webtorrent counts received bytes in a stream between the socket and the wire, which this skips
    peer.emit('download', view.length);
    sharedReads.fed += view.length;
    feedWire(wire, view);
  }
}

/**
 * Makes the outgoing TCP sockets of one webtorrent torrent read through the shared buffer: its `_drain`, which opens
 * them, gets `onread` options into the `net.connect` it calls. Returns false, changing nothing, when the torrent is not
 * shaped as webtorrent 2.8.5's.
 */
export function readPeerSocketsShared(torrent: object): boolean {
  if (!hasShape(torrent, { _drain: 'function', _queue: 'array' })) return false;
  const internals = torrent as TorrentInternals;
  const drain = internals._drain.bind(internals);
  internals._drain = () => {
    const peer = internals._queue[0];
    const reader = new SocketReader();
    const connect = net.connect;
    net.connect = ((options: net.NetConnectOpts) => {
      const onread = {
        buffer: () => reader.nextBuffer(),
        callback: (n: number, buf: Uint8Array) => reader.read(n, buf as Buffer),
      };
      return (reader.socket = connect({ ...options, onread } as net.NetConnectOpts));
    }) as typeof net.connect;
    try {
      drain();
    } finally {
      net.connect = connect;
    }
    if (peer && reader.socket && peer.conn === reader.socket) reader.peer = peer;
  };
  return true;
}
