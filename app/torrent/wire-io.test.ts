import crypto from 'node:crypto';
// webtorrent's own peer-wire module (a dependency of webtorrent), the one our framer is installed on
import Wire from 'bittorrent-protocol';
import { describe, expect, it } from 'vitest';
import { feedWire, framedStreamBytes, isParsableWire, parsesPlainMessages, tuneWire, type ParsableWire } from './wire-io.js';

const INFO_HASH = '01'.repeat(20);

interface TestWire extends ParsableWire {
  handshake(infoHash: string, peerId: string, extensions?: object): void;
  have(index: number): void;
  piece(index: number, offset: number, buffer: Uint8Array): void;
  on(event: string, listener: (...args: never[]) => void): void;
  once(event: string, listener: (...args: never[]) => void): void;
  write(chunk: Uint8Array): boolean;
  bitfield(bitfield: Uint8Array): void;
  extended(ext: number, obj: object): void;
  peerPieces: { buffer: Uint8Array };
  peerExtendedHandshake: { v?: Uint8Array };
}

/** Everything `from` sends, cut into chunks of random sizes (1 byte .. 40 KiB), written into `to`. */
function connect(from: TestWire, to: TestWire, seed: number): void {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 40_000;
  (from as unknown as { on(e: 'data', l: (chunk: Uint8Array) => void): void }).on('data', (chunk) => {
    let at = 0;
    while (at < chunk.length) {
      const size = Math.max(1, Math.floor(random()));
      to.write(chunk.subarray(at, at + size));
      at += size;
    }
  });
}

async function exchange(fast: boolean, seed: number) {
  const sender = new Wire() as unknown as TestWire;
  const receiver = new Wire() as unknown as TestWire;
  connect(sender, receiver, seed);
  const got: string[] = [];
  const handshaken = new Promise<void>((resolve) => receiver.once('handshake', () => resolve()));
  sender.handshake(INFO_HASH, '02'.repeat(20), { dht: false });
  await handshaken;
  if (fast) {
    // a webtorrent upgrade that reshapes its wires fails here instead of silently losing the tuning
    expect(tuneWire(receiver)).toBe(true);
    expect(tuneWire(sender)).toBe(true);
  }
  receiver.on('have', (index: never) => got.push(`have ${index}`));
  receiver.on('piece', (index: never, offset: never, block: never) =>
    got.push(
      `piece ${index} ${offset} ${crypto
        .createHash('sha1')
        .update(block as Uint8Array)
        .digest('hex')}`,
    ),
  );
  const done = new Promise<void>((resolve) => receiver.on('have', (index: never) => index === 9999 && resolve()));
  let data = 7;
  for (let i = 0; i < 120; i++) {
    sender.have(i);
    const block = Buffer.alloc(i % 3 === 0 ? 16384 : 1 + ((i * 997) % 16384), data++ & 0xff);
    sender.piece(i, (i % 8) * 16384, block);
  }
  sender.have(9999);
  await done;
  return got;
}

/**
 * Like `connect`, but once the receiver parses plain messages and its stream has parsed all it was given, each chunk is
 * copied into one reused buffer, fed to the wire from there (feedWire, as socket-reads.ts does) and the buffer is then
 * overwritten: anything the wire kept a view of is garbled. Counts the chunks that went each way.
 */
function feedFromReusedBuffer(from: TestWire, to: TestWire, seed: number) {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 40_000;
  const reused = Buffer.alloc(40_000);
  const counts = { streamed: 0, fed: 0 };
  let streamedBytes = 0;
  const deliver = (part: Uint8Array) => {
    if (parsesPlainMessages(to) && framedStreamBytes(to) === streamedBytes) {
      reused.set(part);
      feedWire(to, reused.subarray(0, part.length));
      reused.fill(0xee);
      counts.fed++;
    } else {
      streamedBytes += part.length;
      to.write(part);
      counts.streamed++;
    }
  };
  // what the sender pushes in one go arrives together, cut anywhere (a socket read holds several messages, whole or not)
  let pending: Uint8Array[] = [];
  (from as unknown as { on(e: 'data', l: (chunk: Uint8Array) => void): void }).on('data', (chunk) => {
    if (pending.length === 0) {
      setImmediate(() => {
        const all = Buffer.concat(pending);
        pending = [];
        for (let at = 0, size = 0; at < all.length; at += size) {
          size = Math.max(1, Math.floor(random()));
          deliver(all.subarray(at, at + size));
        }
      });
    }
    pending.push(chunk);
  });
  return counts;
}

describe('wire-io', () => {
  it('parses the same messages as bittorrent-protocol whatever the socket chunking', async () => {
    const reference = await exchange(false, 1);
    expect(reference).toHaveLength(241);
    for (const seed of [1, 2, 3, 42]) expect(await exchange(true, seed)).toEqual(reference);
  });

  it('parses messages fed from a reused read buffer and keeps copies of what it holds on to', async () => {
    for (const seed of [1, 7, 42]) {
      const sender = new Wire() as unknown as TestWire;
      const receiver = new Wire() as unknown as TestWire;
      // on before the handshake, as socket-reads.ts puts it, so its count of stream bytes starts at the first byte
      expect(tuneWire(receiver)).toBe(true);
      const counts = feedFromReusedBuffer(sender, receiver, seed);
      const handshaken = new Promise<void>((resolve) => receiver.once('handshake', () => resolve()));
      sender.handshake(INFO_HASH, '02'.repeat(20), { dht: false, extended: true });
      await handshaken;
      const pieces: string[] = [];
      const expected: string[] = [];
      const extended: Uint8Array[] = [];
      receiver.on('piece', (index: never, offset: never, block: never) =>
        pieces.push(
          `${index} ${offset} ${crypto
            .createHash('sha1')
            .update(block as Uint8Array)
            .digest('hex')}`,
        ),
      );
      receiver.on('extended', (ext: never, payload: never) => ext === 3 && extended.push(payload));
      const done = new Promise<void>((resolve) => receiver.on('have', (index: never) => index === 9999 && resolve()));
      const bitfield = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff));
      sender.bitfield(bitfield);
      sender.extended(0, { m: { ut_test: 3 }, v: 'racoon-test' });
      for (let i = 0; i < 60; i++) {
        const block = crypto.randomBytes(i % 4 === 0 ? 16384 : 1 + ((i * 997) % 16384));
        expected.push(`${i} ${(i % 8) * 16384} ${crypto.createHash('sha1').update(block).digest('hex')}`);
        sender.piece(i, (i % 8) * 16384, block);
        if (i % 20 === 0) sender.extended(3, Buffer.from(`extension message ${i}`));
      }
      sender.have(9999);
      await done;
      expect(counts.fed, `seed ${seed}: chunks fed past the stream`).toBeGreaterThan(20);
      expect(pieces).toEqual(expected);
      // what the wire kept after the buffer was overwritten: the bitfield, the extended handshake, extension messages
      expect(Buffer.from(receiver.peerPieces.buffer).subarray(0, bitfield.length).equals(bitfield)).toBe(true);
      expect(Buffer.from(receiver.peerExtendedHandshake.v!).toString()).toBe('racoon-test');
      expect(extended.map((e) => Buffer.from(e).toString())).toEqual([0, 20, 40].map((i) => `extension message ${i}`));
    }
  });

  it('leaves alone what is not a bittorrent-protocol 4 wire', () => {
    const other = { _write() {}, _push() {}, _buffer: 'no' };
    expect(isParsableWire(other)).toBe(false);
    expect(tuneWire(other as unknown as ParsableWire)).toBe(false);
    expect(other._buffer).toBe('no');
  });
});
