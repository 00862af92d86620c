import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store.js';

/** A stand-in for Electron's safeStorage with real crypto (AES-256-GCM under a per-"user" key), like DPAPI. */
function realCryptoSafeStorage(key = crypto.randomBytes(32)): SafeStorageLike & { available: boolean } {
  return {
    available: true,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString(s: string) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([c.update(s, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from('v10'), iv, c.getAuthTag(), data]);
    },
    decryptString(b: Buffer) {
      if (b.subarray(0, 3).toString() !== 'v10')
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const d = crypto.createDecipheriv('aes-256-gcm', key, b.subarray(3, 15));
      d.setAuthTag(b.subarray(15, 31));
      return Buffer.concat([d.update(b.subarray(31)), d.final()]).toString('utf8');
    },
  };
}

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-safe-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('SafeStorageSecretStore', () => {
  it('round-trips, persists across instances, deletes', async () => {
    const safe = realCryptoSafeStorage();
    const store = new SafeStorageSecretStore(dir, safe);
    expect(store.kind).toBe('safe-storage');
    expect(await store.get('k')).toBeNull();
    await store.set('telegram.token', '123:ABC 🦝');
    await store.set('camera.front', '');
    const again = new SafeStorageSecretStore(dir, safe);
    expect(await again.get('telegram.token')).toBe('123:ABC 🦝');
    expect(await again.get('camera.front')).toBe('');
    await again.delete('telegram.token');
    await again.delete('never-set');
    expect(await new SafeStorageSecretStore(dir, safe).get('telegram.token')).toBeNull();
    expect(await new SafeStorageSecretStore(dir, safe).get('camera.front')).toBe('');
  });

  it('stores base64 ciphertext in secrets.safe.json (0600), never the plaintext', async () => {
    await new SafeStorageSecretStore(dir, realCryptoSafeStorage()).set('indexer.key', 'plaintext-value-xyz');
    const file = path.join(dir, 'secrets.safe.json');
    const raw = fs.readFileSync(file, 'utf8');
    expect(raw).not.toContain('plaintext-value-xyz');
    const json = JSON.parse(raw);
    expect(json.version).toBe(1);
    expect(json.entries['indexer.key']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps every value when many sets run at once', async () => {
    const store = new SafeStorageSecretStore(dir, realCryptoSafeStorage());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`);
    expect(fs.readdirSync(dir)).toEqual(['secrets.safe.json']);
  });

  it('names the key when an entry cannot be decrypted (tampered, or another user/machine)', async () => {
    await new SafeStorageSecretStore(dir, realCryptoSafeStorage()).set('victim', 'v');
    // another "machine": a different safeStorage key
    await expect(new SafeStorageSecretStore(dir, realCryptoSafeStorage()).get('victim')).rejects.toThrow(
      /Secret "victim" .* cannot be decrypted/,
    );
    const safe = realCryptoSafeStorage();
    const store = new SafeStorageSecretStore(dir, safe);
    await store.set('victim', 'v');
    const file = path.join(dir, 'secrets.safe.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const buf = Buffer.from(json.entries.victim, 'base64');
    buf[buf.length - 1] ^= 1;
    json.entries.victim = buf.toString('base64');
    fs.writeFileSync(file, JSON.stringify(json));
    await expect(store.get('victim')).rejects.toThrow(/Secret "victim"/);
  });

  it('refuses clearly when encryption is not available, without touching the file', async () => {
    const safe = realCryptoSafeStorage();
    const store = new SafeStorageSecretStore(dir, safe);
    await store.set('k', 'v');
    const before = fs.readFileSync(path.join(dir, 'secrets.safe.json'), 'utf8');
    safe.available = false;
    await expect(store.set('k2', 'v')).rejects.toThrow(/safeStorage\) is not available/);
    await expect(store.get('k')).rejects.toThrow(/not available/);
    expect(await store.get('missing')).toBeNull();
    expect(fs.readFileSync(path.join(dir, 'secrets.safe.json'), 'utf8')).toBe(before);
  });

  it('gives clear errors for a corrupt or malformed file', async () => {
    const file = path.join(dir, 'secrets.safe.json');
    const store = new SafeStorageSecretStore(dir, realCryptoSafeStorage());
    fs.writeFileSync(file, 'nope');
    await expect(store.get('k')).rejects.toThrow(/secrets\.safe\.json is not valid JSON/);
    fs.writeFileSync(file, JSON.stringify({ version: 2, entries: {} }));
    await expect(store.get('k')).rejects.toThrow(/unknown format/);
    fs.writeFileSync(file, JSON.stringify({ version: 1, entries: { k: 5 } }));
    await expect(store.get('k')).rejects.toThrow(/Secret "k" .* is malformed/);
  });
});
