import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Parses a PNG fully: signature, chunk CRCs, IHDR, and inflates IDAT to the expected byte count. */
function readPng(file: string) {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let off = 8;
  const chunks: { type: string; data: Buffer }[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    expect(buf.readUInt32BE(off + 8 + len), `${type} CRC`).toBe(crc32(buf.subarray(off + 4, off + 8 + len)));
    chunks.push({ type, data });
    off += 12 + len;
  }
  const ihdr = chunks[0]!;
  expect(ihdr.type).toBe('IHDR');
  expect(chunks.at(-1)!.type).toBe('IEND');
  const width = ihdr.data.readUInt32BE(0);
  const height = ihdr.data.readUInt32BE(4);
  const colorType = ihdr.data[9];
  const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  return { width, height, colorType, rawLength: raw.length };
}

describe('resources', () => {
  it.each([
    ['tray.png', 32],
    ['icon.png', 512], // electron-builder needs ≥512 px for macOS, ≥256 px for Windows
  ])('%s is a valid %dpx RGBA PNG', (name, size) => {
    const png = readPng(path.join(repo, 'resources', name));
    expect(png).toEqual({ width: size, height: size, colorType: 6, rawLength: size * (size * 4 + 1) });
  });
});

describe('electron-builder.yml', () => {
  const yml = fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8');
  it('has the ids, files and targets the app needs', () => {
    expect(yml).toMatch(/^appId: app\.racoon\.desktop$/m);
    expect(yml).toMatch(/^productName: Racoon$/m);
    for (const f of ['dist/**', 'package.json', 'resources/**']) expect(yml).toContain(`  - ${f}\n`);
    expect(yml).toMatch(/better-sqlite3\/\*\*\/\*\.node/);
    for (const t of ['AppImage', 'deb']) expect(yml).toContain(`    - ${t}\n`);
    expect(yml).toMatch(/^mac:\n {2}target: dmg$/m);
    expect(yml).toMatch(/^win:\n {2}target: nsis$/m);
    expect(yml).toMatch(/^ {2}output: release$/m); // not dist/, which is what gets packaged
  });
  it('points at icons that exist', () => {
    const icons = [...yml.matchAll(/icon: (\S+)/g)].map((m) => m[1]!);
    expect(icons.length).toBeGreaterThanOrEqual(3);
    for (const icon of icons) expect(fs.existsSync(path.join(repo, icon)), icon).toBe(true);
  });
});
