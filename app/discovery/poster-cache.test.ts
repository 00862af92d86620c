// PosterCache downloading from the local metadata server's image host into a temp data directory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JPEG_BYTES, MetadataTestServer, PNG_BYTES } from './metadata-server.test-support.js';
import { PosterCache, PosterCacheError, sniffImage, type PosterCacheOptions } from './poster-cache.js';

let server: MetadataTestServer;
let tmp = '';
beforeAll(async () => {
  server = await MetadataTestServer.start();
});
afterAll(() => server.close());
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-posters-'));
});
afterEach(() => {
  server.reset();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const cacheDir = () => path.join(tmp, 'cache');
const posters = (options: Partial<PosterCacheOptions> = {}) => new PosterCache({ cacheDir: cacheDir(), ...options });
const jpegUrl = () => `${server.tmdbImageBaseUrl}w500/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg`;
const pngUrl = () => `${server.tmdbImageBaseUrl}w500/ztkUQFLlC19CCMYHW9o1zWhJRNq.png`;
const sha1 = (s: string) => crypto.createHash('sha1').update(s).digest('hex');
const dirFiles = () => (fs.existsSync(path.join(cacheDir(), 'posters')) ? fs.readdirSync(path.join(cacheDir(), 'posters')) : []);

async function posterError(promise: Promise<unknown>): Promise<PosterCacheError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PosterCacheError);
  return err as PosterCacheError;
}

describe('PosterCache', () => {
  it('downloads once to cache/posters/<sha1 of url>.<ext>; later calls and a restarted cache use the file', async () => {
    const cache = posters();
    const file = await cache.get(jpegUrl());
    expect(file).toBe(path.join(cacheDir(), 'posters', `${sha1(jpegUrl())}.jpg`));
    expect(fs.readFileSync(file)).toEqual(JPEG_BYTES);
    expect(await cache.get(jpegUrl())).toBe(file);
    expect(await posters().get(jpegUrl())).toBe(file);
    expect(await posters().localPath(jpegUrl())).toBe(file);
    expect(server.requestsTo('images')).toHaveLength(1);

    const png = await cache.get(pngUrl());
    expect(path.basename(png)).toBe(`${sha1(pngUrl())}.png`);
    expect(fs.readFileSync(png)).toEqual(PNG_BYTES);
    expect(dirFiles().sort()).toEqual([path.basename(file), path.basename(png)].sort());
  });

  it('concurrent requests for one URL share one download', async () => {
    server.setFault('images', { type: 'delay', ms: 150 });
    const cache = posters();
    const files = await Promise.all(Array.from({ length: 6 }, () => cache.get(jpegUrl())));
    expect(new Set(files).size).toBe(1);
    expect(server.requestsTo('images')).toHaveLength(1);
  });

  it('refuses a web page (bad content type) and leaves no file behind, then succeeds once the server recovers', async () => {
    server.setFault('images', { type: 'html', status: 200 });
    const err = await posterError(posters().get(jpegUrl()));
    expect(err.message).toMatch(/answered text\/html, not an image, for poster http:\/\/127\.0\.0\.1/u);
    expect(dirFiles()).toEqual([]);
    server.setFault('images', null);
    expect(fs.readFileSync(await posters().get(jpegUrl()))).toEqual(JPEG_BYTES);
  });

  it('refuses an image type it cannot vouch for (SVG can carry script) and bytes that are no image', async () => {
    server.setFault('images', { type: 'status', status: 200, contentType: 'image/svg+xml', body: '<svg onload="alert(1)"/>' });
    expect((await posterError(posters().get(jpegUrl()))).message).toMatch(
      /is not a JPEG, PNG, WebP, GIF or AVIF image \(image\/svg\+xml\)/u,
    );
    server.setFault('images', { type: 'status', status: 200, contentType: 'image/jpeg', body: 'GIF? no, just text' });
    expect((await posterError(posters().get(jpegUrl()))).message).toMatch(/is not a JPEG/u);
    expect(dirFiles()).toEqual([]);
  });

  it('refuses non-http URLs without a request', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/x.jpg', 'not a url']) {
      expect((await posterError(posters().get(url))).message).toMatch(/Only http\(s\) posters|Not a valid poster URL/u);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a poster over the size cap, a 404 and a slow server', async () => {
    server.setFault('images', { type: 'status', status: 200, contentType: 'image/jpeg', body: 'x'.repeat(20_000) });
    expect((await posterError(posters({ maxBytes: 10_000 }).get(jpegUrl()))).message).toMatch(/larger than the 10 KiB limit/u);

    server.setFault('images', null);
    expect((await posterError(posters().get(`${server.tmdbImageBaseUrl}w500/missing.gif`))).message).toMatch(/answered 404/u);

    server.setFault('images', { type: 'delay', ms: 3_000 });
    expect((await posterError(posters({ timeoutMs: 200 }).get(jpegUrl()))).message).toMatch(
      /did not send poster .* within 0\.2 s/u,
    );
    expect(dirFiles()).toEqual([]);
  });

  it('knows images by their magic bytes', () => {
    expect(sniffImage(JPEG_BYTES)).toBe('jpg');
    expect(sniffImage(PNG_BYTES)).toBe('png');
    expect(sniffImage(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('gif');
    expect(sniffImage(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffImage(Buffer.from('\x00\x00\x00\x1cftypavif', 'latin1'))).toBe('avif');
    expect(sniffImage(Buffer.from('<svg/>'))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});
