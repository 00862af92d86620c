// HTTP API /api/v1/discover and /settings/discovery against a real engine whose providers are local servers that speak
// TMDB v3 JSON and Torznab (as Jackett does): configure, search, open, rank, grab; and the bad input a user hits.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DiscoverySettings,
  DownloadDetail,
  IndexerInfo,
  ReleaseSearchResponse,
  TitleDetails,
  TitleSearchResponse,
} from './api-types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../core/logger.js';
import { MetadataTestServer, TEST_KEYS } from '../discovery/metadata-server.test-support.js';
import { TorznabTestServer } from '../discovery/torznab-server.test-support.js';
import { tempDir } from '../../e2e/support/media-fixtures.js';

const HASH = (n: number) => n.toString(16).padStart(40, 'a');
const GiB = 1024 ** 3;

describe('HTTP API /api/v1/discover against local TMDB- and Torznab-speaking servers', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let token: string;
  let tmdb: MetadataTestServer;
  let torznab: TorznabTestServer;

  const call = (method: string, url: string, body?: unknown) =>
    fetch(base + url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async <T>(res: Response | Promise<Response>, status = 200): Promise<T> => {
    const r = await res;
    const body = (await r.json()) as T;
    expect(r.status, JSON.stringify(body)).toBe(status);
    return body;
  };

  beforeAll(async () => {
    dir = tempDir('discovery-api');
    tmdb = await MetadataTestServer.start();
    const magnet = (n: number, dn: string) => `magnet:?xt=urn:btih:${HASH(n)}&dn=${encodeURIComponent(dn)}`;
    torznab = await TorznabTestServer.start([
      {
        name: 'alpha',
        releases: [
          {
            title: 'The.Matrix.1999.1080p.BluRay.x264-GROUP',
            size: 9 * GiB,
            categories: [2040],
            seeders: 120,
            peers: 140,
            infoHash: HASH(1),
            magnetUrl: magnet(1, 'matrix-1080'),
            imdbId: 'tt0133093',
            tmdbId: 603,
          },
          {
            title: 'The.Matrix.1999.720p.WEB-DL.x264-OTHER',
            size: 4 * GiB,
            categories: [2040],
            seeders: 300,
            peers: 310,
            infoHash: HASH(2),
            magnetUrl: magnet(2, 'matrix-720'),
            imdbId: 'tt0133093',
            tmdbId: 603,
          },
          {
            title: 'The.Matrix.1999.CAMRip-BAD',
            size: 1 * GiB,
            categories: [2000],
            seeders: 5,
            peers: 9,
            infoHash: HASH(3),
            magnetUrl: magnet(3, 'cam'),
            imdbId: 'tt0133093',
            tmdbId: 603,
          },
        ],
      },
      { name: 'broken', garbage: 'html' },
    ]);
    engine = await Engine.create({
      dataDir: path.join(dir, 'data'),
      port: 0,
      adminPassword: 'discovery password',
      logger: silentLogger(),
      watch: false,
      scanOnStart: false,
      torrent: { dht: false, lsd: false, utp: false },
      providers: { tmdbBaseUrl: tmdb.tmdbBaseUrl, tmdbImageBaseUrl: tmdb.tmdbImageBaseUrl, omdbBaseUrl: tmdb.omdbBaseUrl },
      indexerTimeoutMs: 3000,
    });
    base = (await engine.start()).url.replace(/\/$/u, '');
    token = await engine.issueSessionToken();
  });

  afterAll(async () => {
    await engine?.stop();
    await tmdb?.close();
    await torznab?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('needs a session', async () => {
    expect((await fetch(`${base}/api/v1/discover/search?q=x`)).status).toBe(401);
    expect((await fetch(`${base}/api/v1/settings/discovery`)).status).toBe(401);
  });

  it('says exactly what to configure while nothing is, then searches once a TMDB key is saved', async () => {
    const none = await json<{ message: string }>(call('GET', '/api/v1/discover/search?q=matrix'), 400);
    expect(none.message).toMatch(/No metadata provider is configured: add a TMDB API key/u);

    const bad = await json<{ message: string }>(call('PUT', '/api/v1/settings/discovery', { language: 'Russian' }), 400);
    expect(bad.message).toMatch(/language/u);
    const settings = await json<DiscoverySettings>(
      call('PUT', '/api/v1/settings/discovery', { tmdbKey: TEST_KEYS.tmdbApiKey, language: 'ru-RU' }),
    );
    expect(settings).toMatchObject({ language: 'ru-RU', tmdb: { configured: true }, omdb: { configured: false } });
    expect(JSON.stringify(settings)).not.toContain(TEST_KEYS.tmdbApiKey); // keys are write-only

    const found = await json<TitleSearchResponse>(call('GET', '/api/v1/discover/search?q=matrix'));
    const matrix = found.hits.find((h) => h.tmdbId === 603)!;
    expect(matrix).toMatchObject({ provider: 'tmdb', kind: 'movie', title: 'Матрица', originalTitle: 'The Matrix', year: 1999 });
    expect(found.providers).toEqual([{ id: 'tmdb', status: 'ok' }]);
    // the poster is served by the engine from its cache, never hot-linked
    expect(matrix.poster).toMatch(/^\/api\/v1\/discover\/posters\/[0-9a-f]{40}$/u);
    const poster = await fetch(base + matrix.poster!, { headers: { authorization: `Bearer ${token}` } });
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toMatch(/^image\//u);
    expect((await call('GET', `/api/v1/discover/posters/${'0'.repeat(40)}`)).status).toBe(404);
  });

  it('opens a series with its seasons and episodes; unknown ids and bad params are clear errors', async () => {
    const bb = await json<TitleDetails>(call('GET', '/api/v1/discover/titles/tmdb/series/1396'));
    expect(bb.title).toBe('Во все тяжкие');
    const s1 = bb.seasons.find((s) => s.number === 1)!;
    expect(s1.episodes[0]).toMatchObject({ number: 1, airDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/u) });
    expect((await call('GET', '/api/v1/discover/titles/tmdb/series/424242')).status).toBe(404);
    expect((await call('GET', '/api/v1/discover/titles/imdb/movie/603')).status).toBe(400);
    expect((await call('GET', '/api/v1/discover/titles/tmdb/movie/..%2F..%2Fetc')).status).toBe(400);
  });

  it('ranks releases from every indexer with reasons; a broken indexer is reported, not fatal; grab links the title', async () => {
    const noIndexer = await json<{ message: string }>(call('GET', '/api/v1/discover/titles/tmdb/movie/603/releases'), 400);
    expect(noIndexer.message).toMatch(/No indexer is configured/u);
    expect((await call('POST', '/api/v1/settings/discovery/indexers', { name: 'x', url: 'ftp://x', apiKey: 'k' })).status).toBe(
      400,
    );
    const alpha = await json<IndexerInfo>(
      call('POST', '/api/v1/settings/discovery/indexers', {
        name: 'Alpha',
        url: torznab.feedUrl('alpha'),
        apiKey: torznab.apiKey('alpha'),
      }),
      201,
    );
    await json<IndexerInfo>(
      call('POST', '/api/v1/settings/discovery/indexers', {
        name: 'Broken',
        url: torznab.feedUrl('broken'),
        apiKey: torznab.apiKey('broken'),
      }),
      201,
    );
    expect(await json(call('POST', `/api/v1/settings/discovery/indexers/${alpha.id}/test`))).toMatchObject({ ok: true });

    const res = await json<ReleaseSearchResponse>(
      call('GET', '/api/v1/discover/titles/tmdb/movie/603/releases?profile=best-quality'),
    );
    expect(res.releases.map((r) => [r.infoHash, r.accepted])).toEqual([
      [HASH(1), true],
      [HASH(2), true],
      [HASH(3), false],
    ]);
    expect(res.best?.id).toBe(HASH(1));
    expect(res.best?.why).toMatch(/1080p/u);
    expect(res.releases[2].rejections.length).toBeGreaterThan(0);
    expect(res.releases[0]).toMatchObject({ quality: '1080p', source: 'BluRay', indexers: ['Alpha'] });
    const broken = res.indexers.find((i) => i.name === 'Broken')!;
    expect(broken.status).toBe('error');
    expect(broken.error).toMatch(/HTML/iu);
    const health = (await json<DiscoverySettings>(call('GET', '/api/v1/settings/discovery'))).indexers.find(
      (i) => i.name === 'Broken',
    )!;
    expect(health.health.consecutiveFailures).toBe(1);

    expect((await call('GET', '/api/v1/discover/titles/tmdb/movie/603/releases?profile=nope')).status).toBe(400);

    const best = res.releases[0];
    const grabbed = await json<{ id: number; infoHash: string }>(
      call('POST', '/api/v1/discover/grab', {
        uri: best.uri,
        releaseTitle: best.title,
        infoHash: best.infoHash,
        title: { provider: 'tmdb', kind: 'movie', id: '603' },
      }),
      201,
    );
    expect(grabbed.infoHash).toBe(HASH(1));
    const detail = await json<DownloadDetail>(call('GET', `/api/v1/downloads/${grabbed.id}`));
    expect(detail.title).toEqual({ provider: 'tmdb', kind: 'movie', id: '603', title: 'Матрица', year: 1999 });
  });

  it('keeps your own release profiles: validated, listed after the built-ins, used by a search, removable', async () => {
    const bad = await json<{ message: string }>(
      call('PUT', '/api/v1/settings/discovery/profiles/strict', {
        qualities: ['1080p'],
        cutoff: '720p',
        forbiddenWords: ['(cam'],
      }),
      400,
    );
    expect(bad.message).toMatch(/cutoff 720p is not one of the allowed qualities/u);
    expect(bad.message).toMatch(/forbiddenWords\.0: invalid regular expression/u);
    expect(
      (await call('PUT', '/api/v1/settings/discovery/profiles/fastest', { qualities: ['720p'], cutoff: '720p' })).status,
    ).toBe(400);

    // only 720p, and no HDTV: the 1080p BluRay and the CAM are rejected, the 720p WEB-DL wins
    const saved = await json<{ name: string; builtIn: boolean }>(
      call('PUT', '/api/v1/settings/discovery/profiles/only-720p', {
        qualities: ['720p'],
        cutoff: '720p',
        forbiddenWords: ['HDTV'],
      }),
    );
    expect(saved).toMatchObject({ name: 'only-720p', builtIn: false });
    const listed = await json<Array<{ name: string; builtIn: boolean }>>(call('GET', '/api/v1/discover/profiles'));
    expect(listed.map((p) => p.name)).toEqual(['best-quality', 'fastest', 'compact', 'balanced-1080p', 'only-720p']);
    await json(call('PUT', '/api/v1/settings/discovery', { profile: 'only-720p' }));

    const res = await json<ReleaseSearchResponse>(call('GET', '/api/v1/discover/titles/tmdb/movie/603/releases'));
    expect(res.profile).toBe('only-720p');
    expect(res.best?.id).toBe(HASH(2));
    expect(res.releases.find((r) => r.infoHash === HASH(1))?.rejections.map((r) => r.code)).toContain('quality-not-allowed');

    expect((await call('DELETE', '/api/v1/settings/discovery/profiles/only-720p')).status).toBe(204);
    expect((await call('DELETE', '/api/v1/settings/discovery/profiles/only-720p')).status).toBe(404);
    expect((await json<DiscoverySettings>(call('GET', '/api/v1/settings/discovery'))).profile).toBe('balanced-1080p');
  });
});
