/**
 * Outgoing peer sockets read into one reused buffer instead of a new one per read.
 *
 * Node gives every socket read a new 64 KiB buffer outside the JS heap: about 1 GiB of them per GiB downloaded. They
 * count as V8's external memory, and in some runs they set off a full mark-compact every few tens of milliseconds (a
 * run then costs up to 3 CPU s/GiB instead of 1.7). Here every outgoing TCP socket webtorrent opens reads (Node's
 * `onread`) into one buffer that all of them share, and while the socket's wire parses plain peer messages each read
 * goes straight into the wire's framer (wire-io.ts feedWire), which parses it before the next read and copies out the
 * few bytes it keeps. Any other read (handshake, encryption, a client-wide cap, a torrent not ready yet, or bytes the
 * wire's stream has not parsed yet) is copied and pushed into the socket's stream, through webtorrent's pipes as before.
 * A per-download cap (wire-throttle.ts) pauses reading until it lets the bytes through. Incoming and uTP connections
 * keep Node's own reads.
 */
import net from 'node:net';
import { pieceBuffersInstalled } from './piece-buffers.js';
import { hasShape } from './vendor-shape.js';
import { feedWire, framedStreamBytes, frameWire, parsesPlainMessages, type ParsableWire } from './wire-io.js';

/** One read takes at most this much (Node's own take 64 KiB): a fast peer's bytes come in fewer reads. Shared, so 1 MiB once. */
const READ_BYTES = 1 << 20;
let shared: Buffer | null = null;

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

  read(n: number, buf: Buffer): boolean {
    const view = buf.subarray(0, n);
    const { socket, peer } = this;
    const wire = peer?.wire;
    // the framer goes on before the first byte reaches the wire, so its count of stream bytes matches `pushed`
    if (socket && peer && wire && frameWire(wire) && this.canFeed(peer, wire)) return this.feed(socket, peer, wire, view);
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
      !peer.throttleGroups.down.getEnabled()
    );
  }

  private feed(socket: net.Socket, peer: PeerInternals, wire: ParsableWire, view: Buffer): boolean {
    // webtorrent counts received bytes in a stream between the socket and the wire, which this skips
    peer.emit('download', view.length);
    sharedReads.fed += view.length;
    let returned = false;
    let released = false;
    feedWire(wire, view, () => {
      released = true;
      // a cap held the bytes: reading stopped when read() returned false; start it again
      if (returned && !socket.destroyed) (socket as unknown as { _read(n: number): void })._read(0);
    });
    returned = true;
    return released;
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
      shared ??= Buffer.allocUnsafeSlow(READ_BYTES);
      const onread = { buffer: shared, callback: (n: number, buf: Uint8Array) => reader.read(n, buf as Buffer) };
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
