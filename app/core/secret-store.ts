/**
 * Secrets (tokens, camera and indexer passwords) live behind one interface. Three stores:
 * - `keychain`: the OS keychain through keytar (optional native module; needs D-Bus + a keyring on Linux),
 * - `safe-storage`: Electron's safeStorage (desktop only, implemented in main/),
 * - `encrypted-file`: AES-256-GCM in `<dataDir>/secrets.json`, key in `<dataDir>/secret.key` (both 0600).
 * This file never imports electron: the headless engine uses it as is.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretStore {
  readonly kind: 'keychain' | 'safe-storage' | 'encrypted-file';
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export type SecretStoreKind = SecretStore['kind'];

/** The part of keytar we use (keytar's own signatures). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYTAR_SERVICE = 'racoon';
const FILE_MODE = 0o600;
const IS_WINDOWS = process.platform === 'win32';

export function assertSecretKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 256) {
    throw new Error(`Invalid secret key ${JSON.stringify(key)}: expected a non-empty string of at most 256 characters`);
  }
}

/**
 * Writes `data` to `file` atomically: a temp file in the same directory (created with `mode`), fsync, rename.
 * A crash leaves either the old or the new file, never a half-written one.
 */
export async function writeFileAtomic(file: string, data: string | Buffer, mode = FILE_MODE): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = await writeTempBeside(file, data, mode);
  try {
    await fs.promises.rename(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** Writes `data` to a synced temporary file next to `file`, with exactly `mode`; returns its path. */
async function writeTempBeside(file: string, data: string | Buffer, mode: number): Promise<string> {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await fs.promises.open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (!IS_WINDOWS) await fs.promises.chmod(tmp, mode); // the umask may have narrowed the mode: be exact
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
  return tmp;
}

/** Runs async operations one after another (read-modify-write of one file must not interleave). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(op: () => Promise<T>): Promise<T> {
    const result = this.tail.then(op, op);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

interface EncryptedEntry {
  iv: string; // base64, 12 bytes
  tag: string; // base64, 16 bytes
  data: string; // base64 ciphertext
}

interface EncryptedFile {
  version: 1;
  entries: Record<string, EncryptedEntry>;
}

function isEntry(v: unknown): v is EncryptedEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.iv === 'string' && typeof e.tag === 'string' && typeof e.data === 'string';
}

/** AES-256-GCM secrets in `<dataDir>/secrets.json`; the entry's key name is bound in as associated data. */
export class EncryptedFileSecretStore implements SecretStore {
  readonly kind = 'encrypted-file' as const;
  readonly secretsFile: string;
  readonly keyFile: string;
  private key: Buffer | null = null;
  private readonly queue = new SerialQueue();

  constructor(readonly dataDir: string) {
    this.secretsFile = path.join(dataDir, 'secrets.json');
    this.keyFile = path.join(dataDir, 'secret.key');
  }

  get(key: string): Promise<string | null> {
    assertSecretKey(key);
    return this.queue.run(async () => {
      const file = await this.readFile();
      const entry = file.entries[key];
      if (!entry) return null;
      return this.decrypt(key, entry, await this.loadKey(file));
    });
  }

  set(key: string, value: string): Promise<void> {
    assertSecretKey(key);
    if (typeof value !== 'string') throw new Error(`Secret "${key}": value must be a string`);
    return this.queue.run(async () => {
      const file = await this.readFile();
      const aesKey = await this.loadKey(file);
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', aesKey, iv);
      cipher.setAAD(Buffer.from(key, 'utf8'));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      file.entries[key] = {
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
      await writeFileAtomic(this.secretsFile, JSON.stringify(file, null, 2) + '\n');
    });
  }

  delete(key: string): Promise<void> {
    assertSecretKey(key);
    return this.queue.run(async () => {
      const file = await this.readFile();
      if (!(key in file.entries)) return;
      delete file.entries[key];
      await writeFileAtomic(this.secretsFile, JSON.stringify(file, null, 2) + '\n');
    });
  }

  private decrypt(key: string, entry: EncryptedEntry, aesKey: Buffer): string {
    try {
      const iv = Buffer.from(entry.iv, 'base64');
      const tag = Buffer.from(entry.tag, 'base64');
      if (iv.length !== 12 || tag.length !== 16) throw new Error('bad iv or tag length');
      const decipher = crypto.createDecipheriv('aes-256-gcm', aesKey, iv);
      decipher.setAAD(Buffer.from(key, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(
        `Secret "${key}" in ${this.secretsFile} cannot be decrypted: the entry is corrupt or was tampered with, ` +
          `or ${this.keyFile} was replaced. Set the secret again to overwrite it.`,
      );
    }
  }

  private async readFile(): Promise<EncryptedFile> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.secretsFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} };
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${this.secretsFile} is not valid JSON: it is corrupt. Move it aside to start with no secrets.`);
    }
    const obj = parsed as Partial<EncryptedFile> | null;
    if (!obj || obj.version !== 1 || typeof obj.entries !== 'object' || obj.entries === null) {
      throw new Error(`${this.secretsFile} has an unknown format (expected {"version":1,"entries":{…}}).`);
    }
    const entries: Record<string, EncryptedEntry> = Object.create(null);
    for (const [k, v] of Object.entries(obj.entries)) {
      if (!isEntry(v)) throw new Error(`Secret "${k}" in ${this.secretsFile} is malformed (expected iv, tag, data).`);
      entries[k] = v;
    }
    return { version: 1, entries };
  }

  /** Reads the key file (fixing its mode to 0600), or creates it when there is nothing it could have encrypted. */
  private async loadKey(file: EncryptedFile): Promise<Buffer> {
    if (this.key) return this.key;
    let key: Buffer | null = null;
    try {
      key = await fs.promises.readFile(this.keyFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (key) {
      if (key.length !== 32) {
        throw new Error(`${this.keyFile} is not a 32-byte AES-256 key (${key.length} bytes): it is corrupt.`);
      }
      if (!IS_WINDOWS) {
        const mode = (await fs.promises.stat(this.keyFile)).mode & 0o777;
        if (mode !== FILE_MODE) await fs.promises.chmod(this.keyFile, FILE_MODE);
      }
    } else {
      if (Object.keys(file.entries).length > 0) {
        throw new Error(
          `${this.keyFile} is missing but ${this.secretsFile} holds secrets encrypted with it; ` +
            `restore the key file, or move ${this.secretsFile} aside to start with no secrets.`,
        );
      }
      key = crypto.randomBytes(32);
      await fs.promises.mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      try {
        await writeFileAtomicExclusive(this.keyFile, key);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        key = await fs.promises.readFile(this.keyFile); // another process created it first: use theirs
      }
    }
    this.key = key;
    return key;
  }
}

/** Like writeFileAtomic, but fails with EEXIST instead of replacing an existing file (link instead of rename). */
async function writeFileAtomicExclusive(file: string, data: Buffer): Promise<void> {
  const tmp = await writeTempBeside(file, data, FILE_MODE);
  try {
    await fs.promises.link(tmp, file);
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}

/** Secrets in the OS keychain (service "racoon", account = key). */
export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  constructor(
    private readonly keytar: KeytarLike,
    readonly service: string = KEYTAR_SERVICE,
  ) {}

  async get(key: string): Promise<string | null> {
    assertSecretKey(key);
    return (await this.keytar.getPassword(this.service, key)) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    assertSecretKey(key);
    await this.keytar.setPassword(this.service, key, value);
  }

  async delete(key: string): Promise<void> {
    assertSecretKey(key);
    await this.keytar.deletePassword(this.service, key);
  }
}

function asKeytar(mod: unknown): KeytarLike | null {
  for (const candidate of [mod, (mod as { default?: unknown } | null)?.default]) {
    const k = candidate as Partial<KeytarLike> | null | undefined;
    if (
      k &&
      typeof k.getPassword === 'function' &&
      typeof k.setPassword === 'function' &&
      typeof k.deletePassword === 'function'
    ) {
      return k as KeytarLike;
    }
  }
  return null;
}

export interface LoadKeytarOptions {
  /** Loads the module; default `import('keytar')`. */
  importer?: () => Promise<unknown>;
  /** How long the probe call may take; default 2000 ms. */
  timeoutMs?: number;
  log?: (msg: string) => void;
}

/**
 * Loads keytar and proves it works with one read of a dummy key: on Linux without D-Bus or a keyring keytar
 * loads fine but every call rejects ("Cannot autolaunch D-Bus"), or hangs waiting for an unlock prompt.
 * Returns null when the module is missing, malformed, or the probe rejects or times out.
 */
export async function loadKeytar(options: LoadKeytarOptions = {}): Promise<KeytarLike | null> {
  const { importer = () => import('keytar' as string), timeoutMs = 2000, log = () => {} } = options;
  let keytar: KeytarLike | null;
  try {
    keytar = asKeytar(await importer());
  } catch (err) {
    log(`keytar not available: ${firstLine(err)}`);
    return null;
  }
  if (!keytar) {
    log('keytar not available: the module does not export getPassword/setPassword/deletePassword');
    return null;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      keytar.getPassword(KEYTAR_SERVICE, '__racoon_probe__'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        timer.unref();
      }),
    ]);
    return keytar;
  } catch (err) {
    log(`keytar loaded but the keychain does not answer: ${firstLine(err)}`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}

/** Pure choice: which store to use, with the reason (for logs). Keychain first, then safeStorage, then the file. */
export function chooseSecretStore(available: { keytar: boolean; safeStorage: boolean }): {
  kind: SecretStoreKind;
  reason: string;
} {
  if (available.keytar) {
    return { kind: 'keychain', reason: 'the OS keychain answers through keytar' };
  }
  if (available.safeStorage) {
    return {
      kind: 'safe-storage',
      reason: 'keytar is not available; Electron safeStorage encryption is available',
    };
  }
  return {
    kind: 'encrypted-file',
    reason:
      'neither keytar nor Electron safeStorage is available; secrets are AES-256-GCM encrypted in secrets.json ' +
      'with the key in secret.key (both mode 0600)',
  };
}

/** The store for the headless engine: keytar where it loads and answers, else the encrypted file. */
export async function createHeadlessSecretStore(dataDir: string, log: (msg: string) => void = () => {}): Promise<SecretStore> {
  const keytar = await loadKeytar({ log });
  const choice = chooseSecretStore({ keytar: keytar !== null, safeStorage: false });
  log(`secrets: ${choice.kind} (${choice.reason})`);
  return keytar ? new KeytarSecretStore(keytar) : new EncryptedFileSecretStore(dataDir);
}
