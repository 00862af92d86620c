import crypto from 'node:crypto';
// webtorrent's own peer-wire module (a dependency of webtorrent), the one our framer is installed on
import Wire from 'bittorrent-protocol';
import { describe, expect, it } from 'vitest';
import { isParsableWire, tuneWire, type ParsableWire } from './wire-io.js';

const INFO_HASH = '01'.repeat(20);

interface TestWire extends ParsableWire {
  handshake(infoHash: string, peerId: string, extensions?: object): void;
  have(index: number): void;
  piece(index: number, offset: number, buffer: Uint8Array): void;
  on(event: string, listener: (...args: never[]) => void): void;
  once(event: string, listener: (...args: never[]) => void): void;
  write(chunk: Uint8Array): boolean;
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

describe('wire-io', () => {
  it('parses the same messages as bittorrent-protocol whatever the socket chunking', async () => {
    const reference = await exchange(false, 1);
    expect(reference).toHaveLength(241);
    for (const seed of [1, 2, 3, 42]) expect(await exchange(true, seed)).toEqual(reference);
  });

  it('leaves alone what is not a bittorrent-protocol 4 wire', () => {
    const other = { _write() {}, _push() {}, _buffer: 'no' };
    expect(isParsableWire(other)).toBe(false);
    expect(tuneWire(other as unknown as ParsableWire)).toBe(false);
    expect(other._buffer).toBe('no');
  });
});
