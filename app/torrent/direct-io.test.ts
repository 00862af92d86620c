// direct-io: the aligned buffers really are what O_DIRECT accepts (checked by the kernel on a real file), which bytes
// of a piece part may go past the page cache, and the cap on direct writes running at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocateAligned, DIRECT_ALIGNMENT, directSpan, inDirectWriteSlot, isAlignedAt, O_DIRECT } from './direct-io.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** A file in a fresh temp folder opened with O_DIRECT, or null where this platform or filesystem refuses it. */
function openDirectFile(): { fd: number; close(): void } | null {
  if (O_DIRECT === undefined) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-direct-io-'));
  try {
    const fd = fs.openSync(path.join(dir, 'f'), fs.constants.O_WRONLY | fs.constants.O_CREAT | O_DIRECT);
    return { fd, close: () => (fs.closeSync(fd), fs.rmSync(dir, { recursive: true, force: true })) };
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

describe('allocateAligned', () => {
  it('gives zero-filled buffers of the asked length that start on a page boundary', () => {
    for (const length of [1, 16 * KiB, 100_000, 2 * MiB]) {
      const buf = allocateAligned(length);
      expect(buf.length).toBe(length);
      expect(buf.every((b) => b === 0)).toBe(true);
      expect(isAlignedAt(buf, 0)).toBe(true);
      expect(isAlignedAt(buf, DIRECT_ALIGNMENT)).toBe(true);
      expect(isAlignedAt(buf, 512)).toBe(false);
    }
    const big = allocateAligned(2 * MiB);
    expect(isAlignedAt(big.subarray(DIRECT_ALIGNMENT), 0)).toBe(true);
    expect(isAlignedAt(big.subarray(16), 0)).toBe(false);
    expect(isAlignedAt(Buffer.allocUnsafeSlow(2 * MiB), 0)).toBe(false); // where it starts is unknown: never trusted
  });

  it('makes buffers the kernel takes for O_DIRECT writes, and says no to the ones it refuses', (ctx) => {
    const file = openDirectFile();
    if (!file) return ctx.skip(); // no O_DIRECT here (not Linux, or a filesystem without it)
    try {
      const buf = allocateAligned(256 * KiB).fill(7);
      expect(fs.writeSync(file.fd, buf, 0, buf.length, 0)).toBe(buf.length);
      expect(fs.writeSync(file.fd, buf, DIRECT_ALIGNMENT, 64 * KiB, 64 * KiB)).toBe(64 * KiB);
      // what isAlignedAt calls unaligned, the kernel refuses: the check is not stricter than needed, nor looser
      expect(() => fs.writeSync(file.fd, buf.subarray(16), 0, 64 * KiB, 0)).toThrow(/EINVAL/);
    } finally {
      file.close();
    }
  });

  it('stops making page-aligned memory past 24 live buffers (each reserves ~10 GiB of address space)', () => {
    const held: Buffer[] = [];
    while (held.length < 40 && (held.length === 0 || isAlignedAt(held[held.length - 1]!, 0))) {
      held.push(allocateAligned(64 * KiB));
    }
    const aligned = held.filter((b) => isAlignedAt(b, 0)).length;
    expect(aligned).toBeGreaterThan(0);
    expect(aligned).toBeLessThanOrEqual(24);
    const plain = held.at(-1)!;
    expect(isAlignedAt(plain, 0)).toBe(false);
    expect(plain.length).toBe(64 * KiB); // still a usable buffer
  });
});

describe('directSpan', () => {
  const aligned = allocateAligned(4 * MiB);

  it('takes a whole piece whose file position is page-aligned', () => {
    expect(directSpan(aligned, 0, 2 * MiB, 6 * MiB)).toEqual({ start: 0, end: 2 * MiB });
    expect(directSpan(aligned, 2 * MiB, 4 * MiB, 0)).toEqual({ start: 2 * MiB, end: 4 * MiB });
  });

  it('leaves the last partial page of a file to the page cache', () => {
    expect(directSpan(aligned, 0, 1 * MiB + 100, 0)).toEqual({ start: 0, end: 1 * MiB });
  });

  it('skips to the first page boundary of the file when the buffer lines up with it there', () => {
    // file position 4096-1000 at buffer byte 0: buffer byte 1000 lands on file position 4096, but that byte is not
    // on a page boundary of memory: nothing goes direct
    expect(directSpan(aligned, 0, 2 * MiB, DIRECT_ALIGNMENT - 1000)).toBeNull();
    // the part of a piece that a second file starts at byte 8192 of, at that file's position 0
    expect(directSpan(aligned, 8192, 2 * MiB, 0)).toEqual({ start: 8192, end: 2 * MiB });
    // buffer byte 5000 at file position 904: the first page boundary of both is buffer byte 8192
    expect(directSpan(aligned, 5000, 2 * MiB, 904)).toEqual({ start: 8192, end: 2 * MiB });
  });

  it('leaves parts under 64 KiB and buffers of unknown alignment to the page cache', () => {
    expect(directSpan(aligned, 0, 64 * KiB - 1, 0)).toBeNull();
    expect(directSpan(aligned, 0, 64 * KiB, 0)).toEqual({ start: 0, end: 64 * KiB });
    expect(directSpan(aligned, 0, 100, 0)).toBeNull();
    expect(directSpan(Buffer.alloc(2 * MiB), 0, 2 * MiB, 0)).toBeNull();
    expect(directSpan(aligned.subarray(512), 0, 2 * MiB, 0)).toBeNull();
  });
});

describe('inDirectWriteSlot', () => {
  it('runs at most two writes at once, the others in the order asked, and frees a slot when a write fails', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates: (() => void)[] = [];
    const write = (n: number, fail = false) =>
      inDirectWriteSlot(async () => {
        started.push(n);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        if (fail) throw new Error(`write ${n} failed`);
        return n;
      });
    const all = [write(1, true), write(2), write(3), write(4), write(5)].map((p) => p.catch((err: Error) => err.message));
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    await tick();
    expect(started).toEqual([1, 2]);
    while (gates.length) {
      gates.shift()!();
      await tick();
    }
    expect(await Promise.all(all)).toEqual(['write 1 failed', 2, 3, 4, 5]);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    // every slot came back: two new writes start at once
    const again = [write(6), write(7)];
    await tick();
    expect(started.slice(-2)).toEqual([6, 7]);
    gates.splice(0).forEach((open) => open());
    expect(await Promise.all(again)).toEqual([6, 7]);
  });
});
