// socket-reads.ts on a real TCP connection between two real bittorrent-protocol wires on 127.0.0.1. The torrent here
// is shaped as webtorrent 2.8.5's where the reader hooks in (its `_drain` opens the socket with net.connect, and the
// peer pipes socket → its download stream → wire → socket), with a gate in that stream the test opens and closes:
// webtorrent's own peers and caps are exercised by torrent-client.test.ts.
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import Wire from 'bittorrent-protocol';
import Piece from 'torrent-piece';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../e2e/support/wait.js';
import { installPieceBuffers } from './piece-buffers.js';
import { readPeerSocketsShared, sharedReads } from './socket-reads.js';

const INFO_HASH = '03'.repeat(20);

interface TestWire {
  handshake(infoHash: string, peerId: string, extensions?: object): void;
  have(index: number): void;
  on(event: string, listener: (...args: never[]) => void): void;
  once(event: string, listener: (...args: never[]) => void): void;
  pipe<T>(to: T): T;
  destroy(): void;
}

/** A stream stage that holds what it gets while closed, like a throttle waiting for tokens. */
class Gate extends Transform {
  private held: (() => void)[] = [];
  holding = false;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.holding) this.held.push(() => done(null, chunk));
    else done(null, chunk);
  }
  open(): void {
    this.holding = false;
    for (const release of this.held.splice(0)) release();
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A seeder-side wire behind a TCP server, and our side connected to it through readPeerSocketsShared. */
async function connectPair() {
  let seeder: TestWire | undefined;
  const sent = { bytes: 0 };
  const server = net.createServer((socket) => {
    const wire = new Wire() as unknown as TestWire;
    socket.pipe(wire as unknown as NodeJS.WritableStream);
    wire.pipe(socket);
    wire.on('data', (chunk: never) => (sent.bytes += (chunk as Uint8Array).length));
    wire.once('handshake', () => {
      wire.handshake(INFO_HASH, '05'.repeat(20));
      seeder = wire;
    });
    cleanups.push(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  const port = (server.address() as net.AddressInfo).port;

  let capOn = false;
  const gate = new Gate();
  const received = { bytes: 0 };
  const peer = Object.assign(new EventEmitter(), {
    conn: null as net.Socket | null,
    wire: null as TestWire | null,
    destroyed: false,
    swarm: { ready: true },
    throttleGroups: { down: { getEnabled: () => capOn } },
  });
  peer.on('download', (n: number) => (received.bytes += n));
  const torrent = {
    _queue: [peer],
    _drain() {
      const next = this._queue.shift()!;
      const conn = (next.conn = net.connect({ host: '127.0.0.1', port }));
      cleanups.push(() => conn.destroy());
      conn.once('connect', () => {
        const wire = (next.wire = new Wire() as unknown as TestWire);
        const counting = new Transform({
          transform(chunk: Buffer, _enc, done) {
            next.emit('download', chunk.length);
            done(null, chunk);
          },
        });
        conn
          .pipe(gate)
          .pipe(counting)
          .pipe(wire as unknown as NodeJS.WritableStream);
        wire.pipe(conn);
        wire.handshake(INFO_HASH, '04'.repeat(20));
      });
    },
  };
  expect(readPeerSocketsShared(torrent)).toBe(true);
  torrent._drain();
  const ours = await until('our handshake answered', 5000, () => (seeder && peer.wire) || undefined);
  // whatever the seeder sent after its handshake (an extended handshake) has arrived before the test starts counting
  await until("the seeder's first bytes", 5000, () => received.bytes === sent.bytes);
  const haves: number[] = [];
  ours.on('have', (index: never) => haves.push(index));
  return { seeder: seeder!, haves, gate, sent, received, setCap: (on: boolean) => (capOn = on) };
}

describe('socket-reads', () => {
  it('feeds reads to the wire past its stream, and never ahead of bytes the stream still holds', async () => {
    // received blocks go into our piece buffers (the reader feeds a wire only then)
    expect(installPieceBuffers(new Piece(16384))).toBe(true);
    const { seeder, haves, gate, sent, received, setCap } = await connectPair();
    const sendHaves = (from: number, to: number) => {
      for (let i = from; i < to; i++) seeder.have(i);
    };
    const delta = (before: typeof sharedReads) => ({
      fed: sharedReads.fed - before.fed,
      copied: sharedReads.copied - before.copied,
    });

    let before = { ...sharedReads };
    sendHaves(0, 50);
    await until('haves 0-49', 5000, () => haves.length === 50);
    expect(delta(before)).toEqual({ fed: 50 * 9, copied: 0 });

    // a client-wide cap: reads go through the stream, where the gate holds them
    gate.holding = true;
    setCap(true);
    before = { ...sharedReads };
    sendHaves(50, 100);
    await until('haves 50-99 read', 5000, () => delta(before).copied === 50 * 9);
    // the cap is lifted while the stream still holds those bytes: what comes next must wait behind them
    setCap(false);
    sendHaves(100, 150);
    await until('haves 100-149 read', 5000, () => delta(before).copied === 100 * 9);
    expect(delta(before).fed).toBe(0);
    expect(haves).toHaveLength(50);
    gate.open();
    await until('haves 50-149', 5000, () => haves.length === 150);

    // the stream has caught up: straight to the wire again
    before = { ...sharedReads };
    sendHaves(150, 200);
    await until('haves 150-199', 5000, () => haves.length === 200);
    expect(delta(before)).toEqual({ fed: 50 * 9, copied: 0 });
    expect(haves).toEqual(Array.from({ length: 200 }, (_, i) => i));
    // webtorrent's byte count sees every byte either way
    expect(received.bytes).toBe(sent.bytes);
  });
});
