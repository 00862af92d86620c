import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseSecretStore,
  createHeadlessSecretStore,
  EncryptedFileSecretStore,
  KeytarSecretStore,
  loadKeytar,
  writeFileAtomic,
  type KeytarLike,
} from './secret-store.js';

const posix = process.platform !== 'win32';
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

/** A keytar-like object over a Map, with keytar's signatures. */
function memoryKeytar(): KeytarLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    async getPassword(service, account) {
      return map.get(`${service}/${account}`) ?? null;
    },
    async setPassword(service, account, password) {
      map.set(`${service}/${account}`, password);
    },
    async deletePassword(service, account) {
      return map.delete(`${service}/${account}`);
    },
  };
}

const keytarInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('keytar');
    return true;
  } catch {
    return false;
  }
})();

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-secrets-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('EncryptedFileSecretStore', () => {
  it('round-trips values, including unicode and empty strings', async () => {
    const store = new EncryptedFileSecretStore(dir);
    expect(store.kind).toBe('encrypted-file');
    expect(await store.get('missing')).toBeNull();
    const values: Record<string, string> = {
      'telegram.token': '123456:ABC-DEF',
      'camera/front.password': 'pässwörd 🦝 "quoted" \n newline',
      empty: '',
      long: 'x'.repeat(100_000),
    };
    for (const [k, v] of Object.entries(values)) await store.set(k, v);
    for (const [k, v] of Object.entries(values)) expect(await store.get(k)).toBe(v);
    await store.set('telegram.token', 'replaced');
    expect(await store.get('telegram.token')).toBe('replaced');
  });

  it('never writes the plaintext to disk', async () => {
    const store = new EncryptedFileSecretStore(dir);
    await store.set('indexer.apikey', 'very-secret-plaintext-value');
    const raw = fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8');
    expect(raw).not.toContain('very-secret-plaintext-value');
    expect(raw).toContain('indexer.apikey');
  });

  it('persists across instances', async () => {
    await new EncryptedFileSecretStore(dir).set('a', 'one');
    await new EncryptedFileSecretStore(dir).set('b', 'two');
    const third = new EncryptedFileSecretStore(dir);
    expect(await third.get('a')).toBe('one');
    expect(await third.get('b')).toBe('two');
  });

  it('keeps every value when many sets run at once', async () => {
    const store = new EncryptedFileSecretStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    const fresh = new EncryptedFileSecretStore(dir);
    for (let i = 0; i < 20; i++) expect(await fresh.get(`k${i}`)).toBe(`v${i}`);
    expect(fs.readdirSync(dir).sort()).toEqual(['secret.key', 'secrets.json']); // no temp files left
  });

  it.runIf(posix)('creates the key and the secrets file with mode 0600', async () => {
    const store = new EncryptedFileSecretStore(dir);
    await store.set('k', 'v');
    expect(fs.readFileSync(path.join(dir, 'secret.key')).length).toBe(32);
    expect(modeOf(path.join(dir, 'secret.key'))).toBe(0o600);
    expect(modeOf(path.join(dir, 'secrets.json'))).toBe(0o600);
  });

  it.runIf(posix)('still works with a wrong-permission key file and chmods it back to 0600', async () => {
    await new EncryptedFileSecretStore(dir).set('k', 'v');
    fs.chmodSync(path.join(dir, 'secret.key'), 0o644);
    expect(await new EncryptedFileSecretStore(dir).get('k')).toBe('v');
    expect(modeOf(path.join(dir, 'secret.key'))).toBe(0o600);
  });

  it('creates the data directory when it does not exist', async () => {
    const nested = path.join(dir, 'a', 'b');
    await new EncryptedFileSecretStore(nested).set('k', 'v');
    expect(await new EncryptedFileSecretStore(nested).get('k')).toBe('v');
  });

  it('does not create a key file for a read of an empty store', async () => {
    expect(await new EncryptedFileSecretStore(dir).get('k')).toBeNull();
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
  });

  it('deletes one key and leaves the others; deleting a missing key is fine', async () => {
    const store = new EncryptedFileSecretStore(dir);
    await store.set('a', '1');
    await store.set('b', '2');
    await store.delete('a');
    await store.delete('never-set');
    const fresh = new EncryptedFileSecretStore(dir);
    expect(await fresh.get('a')).toBeNull();
    expect(await fresh.get('b')).toBe('2');
  });

  type Tamper = (entries: Record<string, { iv: string; tag: string; data: string }>) => void;
  const flip = (b64: string) => {
    const buf = Buffer.from(b64, 'base64');
    buf[0] ^= 0x01;
    return buf.toString('base64');
  };
  const tampers: [string, Tamper][] = [
    ['a flipped ciphertext byte', (e) => (e.victim.data = flip(e.victim.data))],
    ['a flipped auth tag byte', (e) => (e.victim.tag = flip(e.victim.tag))],
    ['a flipped iv byte', (e) => (e.victim.iv = flip(e.victim.iv))],
    ['a truncated tag', (e) => (e.victim.tag = Buffer.alloc(4).toString('base64'))],
    ['another entry copied over it', (e) => (e.victim = { ...e.other })],
  ];
  it.each(tampers)('rejects %s with an error naming the key', async (_name, tamper) => {
    const store = new EncryptedFileSecretStore(dir);
    await store.set('victim', 'secret-1');
    await store.set('other', 'secret-2');
    const file = path.join(dir, 'secrets.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    tamper(json.entries);
    fs.writeFileSync(file, JSON.stringify(json));
    const fresh = new EncryptedFileSecretStore(dir);
    await expect(fresh.get('victim')).rejects.toThrow(/Secret "victim".*cannot be decrypted.*tampered/);
    expect(await fresh.get('other')).toBe('secret-2');
    await fresh.set('victim', 'fixed'); // overwriting a damaged entry recovers it
    expect(await new EncryptedFileSecretStore(dir).get('victim')).toBe('fixed');
  });

  it('rejects every entry when the key file was replaced', async () => {
    await new EncryptedFileSecretStore(dir).set('k', 'v');
    fs.writeFileSync(path.join(dir, 'secret.key'), Buffer.alloc(32, 7));
    await expect(new EncryptedFileSecretStore(dir).get('k')).rejects.toThrow(/Secret "k"/);
  });

  it('gives clear errors for a corrupt secrets file, a corrupt key and a missing key', async () => {
    fs.writeFileSync(path.join(dir, 'secrets.json'), '{not json');
    await expect(new EncryptedFileSecretStore(dir).get('k')).rejects.toThrow(/secrets\.json is not valid JSON/);

    fs.writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify({ version: 1, entries: { k: { iv: 1 } } }));
    await expect(new EncryptedFileSecretStore(dir).get('k')).rejects.toThrow(/Secret "k" .* is malformed/);

    fs.rmSync(path.join(dir, 'secrets.json'));
    await new EncryptedFileSecretStore(dir).set('k', 'v');
    fs.writeFileSync(path.join(dir, 'secret.key'), 'short');
    await expect(new EncryptedFileSecretStore(dir).get('k')).rejects.toThrow(/not a 32-byte AES-256 key/);

    fs.rmSync(path.join(dir, 'secret.key'));
    await expect(new EncryptedFileSecretStore(dir).get('k')).rejects.toThrow(/secret\.key is missing/);
    await expect(new EncryptedFileSecretStore(dir).set('k2', 'v')).rejects.toThrow(/secret\.key is missing/);
  });

  it('rejects invalid key names', async () => {
    const store = new EncryptedFileSecretStore(dir);
    expect(() => store.get('')).toThrow(/Invalid secret key/);
    expect(() => store.set('x'.repeat(300), 'v')).toThrow(/Invalid secret key/);
  });
});

describe('writeFileAtomic', () => {
  it.runIf(posix)('replaces the file with the given mode and leaves no temp file', async () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    await writeFileAtomic(file, 'new', 0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });
});

describe('chooseSecretStore', () => {
  const table: [boolean, boolean, string, RegExp][] = [
    [true, true, 'keychain', /keytar/],
    [true, false, 'keychain', /keytar/],
    [false, true, 'safe-storage', /safeStorage/],
    [false, false, 'encrypted-file', /AES-256-GCM/],
  ];
  it.each(table)('keytar=%s safeStorage=%s → %s', (keytar, safeStorage, kind, reason) => {
    const choice = chooseSecretStore({ keytar, safeStorage });
    expect(choice.kind).toBe(kind);
    expect(choice.reason).toMatch(reason);
  });
});

describe('KeytarSecretStore', () => {
  it('stores under service "racoon" with the key as account', async () => {
    const keytar = memoryKeytar();
    const store = new KeytarSecretStore(keytar);
    expect(store.kind).toBe('keychain');
    expect(await store.get('k')).toBeNull();
    await store.set('k', 'v');
    expect(keytar.map.get('racoon/k')).toBe('v');
    expect(await store.get('k')).toBe('v');
    await store.delete('k');
    await store.delete('k');
    expect(await store.get('k')).toBeNull();
    expect(keytar.map.size).toBe(0);
  });

  it('passes keychain errors through', async () => {
    const keytar = memoryKeytar();
    keytar.setPassword = async () => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    };
    await expect(new KeytarSecretStore(keytar).set('k', 'v')).rejects.toThrow(/D-Bus/);
  });
});

describe('loadKeytar', () => {
  it.runIf(!keytarInstalled)('returns null here: keytar is not installed', async () => {
    const logs: string[] = [];
    expect(await loadKeytar({ log: (m) => logs.push(m) })).toBeNull();
    expect(logs.join('\n')).toMatch(/keytar not available/);
  });

  it('returns the module when the probe answers (default export or named exports)', async () => {
    const k = memoryKeytar();
    expect(await loadKeytar({ importer: async () => ({ default: k }) })).toBe(k);
    expect(await loadKeytar({ importer: async () => k })).toBe(k);
  });

  it('returns null when the probe rejects (no D-Bus)', async () => {
    const k = memoryKeytar();
    k.getPassword = () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    const logs: string[] = [];
    expect(await loadKeytar({ importer: async () => k, log: (m) => logs.push(m) })).toBeNull();
    expect(logs.join('\n')).toMatch(/Cannot autolaunch D-Bus/);
  });

  it('returns null when the probe hangs past the timeout', async () => {
    const k = memoryKeytar();
    k.getPassword = () => new Promise(() => {});
    const started = Date.now();
    expect(await loadKeytar({ importer: async () => k, timeoutMs: 50 })).toBeNull();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('returns null for a module without the keytar functions', async () => {
    expect(await loadKeytar({ importer: async () => ({ default: {} }) })).toBeNull();
  });
});

describe('createHeadlessSecretStore', () => {
  it.runIf(!keytarInstalled)('falls back to the encrypted file where keytar does not load', async () => {
    const logs: string[] = [];
    const store = await createHeadlessSecretStore(dir, (m) => logs.push(m));
    expect(store.kind).toBe('encrypted-file');
    expect(logs.at(-1)).toMatch(/^secrets: encrypted-file \(/);
    await store.set('k', 'v');
    expect(await new EncryptedFileSecretStore(dir).get('k')).toBe('v');
  });
});
