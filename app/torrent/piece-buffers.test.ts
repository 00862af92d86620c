import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// webtorrent's store wrapper (a dependency of webtorrent): the real one the pool hooks into
import ImmediateChunkStore from 'immediate-chunk-store';
// webtorrent's own piece module: installPieceBuffers patches this very class
import Piece from 'torrent-piece';
import { describe, expect, it } from 'vitest';
import { FileChunkStore } from './file-chunk-store.js';
import { installPieceBuffers, isPatchablePiece, recycleWrittenPieces, type PieceStore } from './piece-buffers.js';

const BLOCK = 16384;
installPieceBuffers(new Piece(BLOCK));

/** Fills a piece from `data` block by block in the given order (each block sent `times` times). */
function assemble(data: Uint8Array, order: number[], times = 1): Uint8Array | null {
  const piece = new Piece(data.length);
  const blocks = Math.ceil(data.length / BLOCK);
  for (let i = 0; i < blocks; i++) expect(piece.reserve()).toBe(i);
  let complete = false;
  for (const i of order) {
    for (let t = 0; t < times; t++) complete = piece.set(i, data.subarray(i * BLOCK, (i + 1) * BLOCK), 'peer');
  }
  expect(complete).toBe(true);
  expect(piece.missing).toBe(0);
  return piece.flush();
}

/** webtorrent's own store stack: immediate-chunk-store over our FileChunkStore, on a temp folder */
function realStore(): { store: PieceStore; file: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-piece-buffers-'));
  const files = [{ path: 'p.bin', length: 8 * 4 * BLOCK, offset: 0 }];
  const store = new ImmediateChunkStore(new FileChunkStore(4 * BLOCK, { path: dir, files })) as unknown as PieceStore;
  return { store, file: path.join(dir, 'p.bin'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
const isOurs = (under: unknown) => under instanceof FileChunkStore;

describe('piece-buffers', () => {
  it("recognises the installed torrent-piece's pieces, and nothing else", () => {
    // a webtorrent upgrade that reshapes its pieces fails here instead of silently losing the patch
    expect(isPatchablePiece(new Piece(3 * BLOCK))).toBe(true);
    expect(isPatchablePiece({ length: 1, missing: 1 })).toBe(false);
  });

  it('assembles blocks arriving in any order, duplicates ignored, a short last block included', () => {
    const data = crypto.randomBytes(5 * BLOCK + 1000);
    const out = assemble(data, [3, 0, 5, 1, 4, 2], 2);
    expect(Buffer.compare(Buffer.from(out!), data)).toBe(0);
  });

  it('reuses a piece buffer once the store has written it, never one handed out meanwhile', async ({ onTestFinished }) => {
    const { store, file, cleanup } = realStore();
    onTestFinished(cleanup);
    expect(recycleWrittenPieces(store, isOurs)).toBe(true);
    const a = crypto.randomBytes(4 * BLOCK);
    const first = assemble(a, [0, 1, 2, 3])!;
    await new Promise<void>((resolve, reject) => store.put(0, first, (err) => (err ? reject(err) : resolve())));
    const b = crypto.randomBytes(4 * BLOCK);
    const second = assemble(b, [2, 3, 0, 1])!;
    expect(second).toBe(first); // the same memory, refilled
    expect(Buffer.compare(Buffer.from(second), b)).toBe(0);
    expect(
      fs
        .readFileSync(file)
        .subarray(0, 4 * BLOCK)
        .equals(a),
    ).toBe(true); // piece 0 as it was written

    // read while being written (immediate-chunk-store serves it from memory): it may be held elsewhere, never reused
    const writing = new Promise<void>((resolve) => store.put(1, second, () => resolve()));
    const read = new Promise<Uint8Array>((resolve) =>
      store.get(1, null, ((_err: Error | null, buf: Uint8Array) => resolve(buf)) as never),
    );
    expect(await read).toBe(second);
    await writing;
    const third = assemble(crypto.randomBytes(4 * BLOCK), [0, 1, 2, 3])!;
    expect(third).not.toBe(second);
    expect(Buffer.compare(Buffer.from(second), b)).toBe(0);
  });

  it('recycles nothing over a store that may keep written pieces, or a store of another shape', ({ onTestFinished }) => {
    const { store, cleanup } = realStore();
    onTestFinished(cleanup);
    expect(recycleWrittenPieces(store, () => false)).toBe(false);
    const odd = { put() {}, get() {} } as PieceStore;
    expect(recycleWrittenPieces(odd, () => true)).toBe(false);
  });
});
