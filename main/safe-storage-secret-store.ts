/**
 * A SecretStore over Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux).
 * The safeStorage object is passed in so this file does not import electron and tests can use a stand-in.
 * Values persist to `<dataDir>/secrets.safe.json` as base64 of safeStorage's ciphertext.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assertSecretKey, SerialQueue, writeFileAtomic, type SecretStore } from '../app/core/secret-store.js';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

interface SafeFile {
  version: 1;
  entries: Record<string, string>;
}

export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'safe-storage' as const;
  readonly file: string;
  private readonly queue = new SerialQueue();

  constructor(
    readonly dataDir: string,
    private readonly safeStorage: SafeStorageLike,
  ) {
    this.file = path.join(dataDir, 'secrets.safe.json');
  }

  get(key: string): Promise<string | null> {
    assertSecretKey(key);
    return this.queue.run(async () => {
      const entry = (await this.read()).entries[key];
      if (entry === undefined) return null;
      this.assertAvailable();
      try {
        return this.safeStorage.decryptString(Buffer.from(entry, 'base64'));
      } catch (err) {
        throw new Error(
          `Secret "${key}" in ${this.file} cannot be decrypted by the OS secret storage ` +
            `(${(err as Error).message}): it is corrupt, or was written by another user or machine. Set it again.`,
        );
      }
    });
  }

  set(key: string, value: string): Promise<void> {
    assertSecretKey(key);
    if (typeof value !== 'string') throw new Error(`Secret "${key}": value must be a string`);
    return this.queue.run(async () => {
      this.assertAvailable();
      const file = await this.read();
      file.entries[key] = this.safeStorage.encryptString(value).toString('base64');
      await writeFileAtomic(this.file, JSON.stringify(file, null, 2) + '\n');
    });
  }

  delete(key: string): Promise<void> {
    assertSecretKey(key);
    return this.queue.run(async () => {
      const file = await this.read();
      if (!(key in file.entries)) return;
      delete file.entries[key];
      await writeFileAtomic(this.file, JSON.stringify(file, null, 2) + '\n');
    });
  }

  private assertAvailable(): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error(
        'The OS secret storage (Electron safeStorage) is not available right now; secrets cannot be read or written.',
      );
    }
  }

  private async read(): Promise<SafeFile> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} };
      throw err;
    }
    let parsed: Partial<SafeFile> | null;
    try {
      parsed = JSON.parse(text) as Partial<SafeFile> | null;
    } catch {
      throw new Error(`${this.file} is not valid JSON: it is corrupt. Move it aside to start with no secrets.`);
    }
    if (!parsed || parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) {
      throw new Error(`${this.file} has an unknown format (expected {"version":1,"entries":{…}}).`);
    }
    const entries: Record<string, string> = Object.create(null);
    for (const [k, v] of Object.entries(parsed.entries)) {
      if (typeof v !== 'string') throw new Error(`Secret "${k}" in ${this.file} is malformed (expected a base64 string).`);
      entries[k] = v;
    }
    return { version: 1, entries };
  }
}
