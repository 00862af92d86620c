// SliceWriter on a real file: inline writes while they are quick, the thread pool for a while after a slow one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SliceWriter } from './slice-writer.js';

let dir = '';
let fd = -1;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-slice-writer-'));
  fd = fs.openSync(path.join(dir, 'f.bin'), 'w+');
});
afterEach(() => {
  fs.closeSync(fd);
  fs.rmSync(dir, { recursive: true, force: true });
});

const data = Buffer.from('0123456789abcdef');
const onDisk = () => fs.readFileSync(path.join(dir, 'f.bin'), 'latin1');

describe('SliceWriter', () => {
  it('writes inline (the bytes are there when write returns) while writes are quick', () => {
    const w = new SliceWriter();
    expect(w.write(fd, data, 4, 8, 0)).toBe(8);
    expect(w.write(fd, data, 0, 4, 8)).toBe(4);
    expect(onDisk()).toBe('456789ab0123');
    expect(w.inline).toBe(true);
  });

  it('after a slow write goes through the thread pool, then back inline once the time is up', async () => {
    let clock = 1000;
    // every reading of the injected clock is 25 ms later, so each write "takes" 25 ms: slower than the 10 ms threshold
    const w = new SliceWriter({ slowWriteMs: 10, pooledForMs: 5000, now: () => (clock += 25) });
    expect(w.write(fd, data, 0, 4, 0)).toBe(4);
    expect(w.inline).toBe(false);
    const pooled = w.write(fd, data, 4, 4, 4);
    expect(pooled).toBeInstanceOf(Promise);
    await expect(pooled).resolves.toBe(4);
    expect(onDisk()).toBe('01234567');
    clock += 5000;
    expect(w.inline).toBe(true);
  });

  it('fails with the system error of a bad write, inline or pooled', async () => {
    const readOnly = fs.openSync(path.join(dir, 'f.bin'), 'r');
    try {
      expect(() => new SliceWriter().write(readOnly, data, 0, 4, 0)).toThrow(/EBADF/);
      let clock = 0;
      const pooled = new SliceWriter({ now: () => (clock += 100) });
      expect(() => pooled.write(fd, data, 0, 1, 0)).not.toThrow(); // slow by the clock: now pooled
      await expect(pooled.write(readOnly, data, 0, 4, 0)).rejects.toThrow(/EBADF/);
    } finally {
      fs.closeSync(readOnly);
    }
  });
});
