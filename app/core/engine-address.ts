import fs from 'node:fs';
import path from 'node:path';

/** What a running engine leaves in its data directory so the `racoon` command can reach it. */
export interface EngineAddress {
  url: string;
  pid: number;
}

export const ENGINE_FILE = 'engine.json';

export function writeEngineAddress(dataDir: string, address: EngineAddress): void {
  fs.writeFileSync(path.join(dataDir, ENGINE_FILE), JSON.stringify(address) + '\n', { mode: 0o600 });
}

/** Removes the address, unless another process has written its own since. */
export function clearEngineAddress(dataDir: string, pid = process.pid): void {
  if (readEngineAddress(dataDir)?.pid === pid) fs.rmSync(path.join(dataDir, ENGINE_FILE), { force: true });
}

export function readEngineAddress(dataDir: string): EngineAddress | null {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(dataDir, ENGINE_FILE), 'utf8')) as Partial<EngineAddress>;
    return typeof value.url === 'string' && typeof value.pid === 'number' ? { url: value.url, pid: value.pid } : null;
  } catch {
    return null;
  }
}
