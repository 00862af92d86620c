/**
 * Posters downloaded once into `<dataDir>/cache/posters/<sha1 of the URL>.<ext>`, so the UI and TVs get them from the
 * engine (offline, fast, no third-party request per view). Only http(s) URLs; only raster images we recognise by
 * their bytes (an SVG served from our origin could run script); a size cap; written atomically (temp + rename).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describeBytes, readCapped } from './provider-http.js';

export class PosterCacheError extends Error {
  override name = 'PosterCacheError';
}

export interface PosterCacheOptions {
  /** the data directory's cache/ folder; posters go to its posters/ subfolder */
  cacheDir: string;
  /** whole download; default 15 s */
  timeoutMs?: number;
  /** default 10 MiB */
  maxBytes?: number;
}

type Ext = 'jpg' | 'png' | 'gif' | 'webp' | 'avif';
const EXTS: readonly Ext[] = ['jpg', 'png', 'webp', 'gif', 'avif'];

/** The image format by its magic bytes; null for anything else (SVG, HTML, truncated). */
export function sniffImage(b: Buffer): Ext | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  const ascii = (from: number, to: number) => b.subarray(from, to).toString('latin1');
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (b.length >= 12 && ascii(4, 8) === 'ftyp' && /^avi[fs]$/u.test(ascii(8, 12))) return 'avif';
  return null;
}

export class PosterCache {
  /** where the files are: <cacheDir>/posters */
  readonly dir: string;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  /** downloads under way, so a grid asking for one poster many times at once fetches it once */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(options: PosterCacheOptions) {
    this.dir = path.join(options.cacheDir, 'posters');
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  }

  /** The file name (without extension) a URL is stored under. */
  static keyOf(url: string): string {
    return crypto.createHash('sha1').update(url).digest('hex');
  }

  /** The local file of an already cached poster, or null. */
  async localPath(url: string): Promise<string | null> {
    const key = PosterCache.keyOf(url);
    for (const ext of EXTS) {
      const file = path.join(this.dir, `${key}.${ext}`);
      if (
        await fs.promises.stat(file).then(
          (s) => s.isFile(),
          () => false,
        )
      )
        return file;
    }
    return null;
  }

  /** The local path of the poster at `url`, downloading it first when it is not cached yet. */
  async get(url: string): Promise<string> {
    const cached = await this.localPath(url);
    if (cached) return cached;
    let job = this.pending.get(url);
    if (!job) {
      job = this.download(url).finally(() => this.pending.delete(url));
      this.pending.set(url, job);
    }
    return job;
  }

  private async download(url: string): Promise<string> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new PosterCacheError(`Not a valid poster URL: ${url}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new PosterCacheError(`Only http(s) posters can be fetched, not ${parsed.protocol}`);
    }
    const host = parsed.host;
    const signal = AbortSignal.timeout(this.timeoutMs);
    let body: Buffer;
    let type: string;
    try {
      const res = await fetch(parsed, { signal, headers: { accept: 'image/*' } });
      type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (!res.ok || !type.startsWith('image/')) {
        await res.body?.cancel().catch(() => {});
        if (!res.ok) throw new PosterCacheError(`${host} answered ${res.status} for poster ${url}`);
        throw new PosterCacheError(`${host} answered ${type || 'no content type'}, not an image, for poster ${url}`);
      }
      body = await readCapped(
        res,
        this.maxBytes,
        () => new PosterCacheError(`Poster ${url} is larger than the ${describeBytes(this.maxBytes)} limit`),
      );
    } catch (err) {
      if (err instanceof PosterCacheError) throw err;
      const e = err as Error;
      if (e.name === 'TimeoutError' || signal.aborted) {
        throw new PosterCacheError(`${host} did not send poster ${url} within ${this.timeoutMs / 1000} s`);
      }
      throw new PosterCacheError(`Cannot fetch poster ${url}: ${(e.cause as Error | undefined)?.message ?? e.message}`);
    }
    const ext = sniffImage(body);
    if (!ext) throw new PosterCacheError(`Poster ${url} is not a JPEG, PNG, WebP, GIF or AVIF image (${type})`);

    await fs.promises.mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${PosterCache.keyOf(url)}.${ext}`);
    const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.promises.writeFile(temp, body);
      await fs.promises.rename(temp, file);
    } catch (err) {
      await fs.promises.rm(temp, { force: true });
      throw err;
    }
    return file;
  }
}
