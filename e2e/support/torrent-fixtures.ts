// Deterministic payloads for BitTorrent tests: AES-128-CTR over zeros with a key derived from a seed string, so every run
// (and every machine) gets the same "random" bytes without storing them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function seededBytes(seed: string, length: number): Buffer {
  const key = crypto.createHash('sha256').update(seed).digest().subarray(0, 16);
  const cipher = crypto.createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(length)), cipher.final()]);
}

/** Writes `files` (relative path → length) under `dir` with bytes seeded by `seed` + path; returns their contents. */
export function writePayload(dir: string, seed: string, files: Record<string, number>): Map<string, Buffer> {
  const written = new Map<string, Buffer>();
  for (const [rel, length] of Object.entries(files)) {
    const bytes = seededBytes(`${seed}/${rel}`, length);
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
    written.set(rel, bytes);
  }
  return written;
}
