// MetadataService with the real TMDB and OMDb providers against the local server, a real SQLite cache in a temp
// dir and a fake clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { UserError } from '../core/user-error.js';
import { MetadataCache } from './metadata-cache.js';
import { MetadataTestServer, TEST_KEYS } from './metadata-server.test-support.js';
import { MetadataService, mergeHits, NO_PROVIDER_MESSAGE, sameTitle, type MetadataServiceOptions } from './metadata-service.js';
import type { MetadataHit } from './metadata-types.js';
import { OmdbProvider } from './omdb-provider.js';
import { TmdbProvider } from './tmdb-provider.js';

const HOUR = 3_600_000;
let server: MetadataTestServer;
let tmp = '';
let db: Db;
let t = 1_700_000_000_000;

beforeAll(async () => {
  server = await MetadataTestServer.start();
});
afterAll(() => server.close());
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-metadata-'));
  db = openDatabase(path.join(tmp, 'racoon.db'));
  t = 1_700_000_000_000;
});
afterEach(() => {
  server.reset();
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const tmdb = (apiKey = TEST_KEYS.tmdbApiKey) =>
  new TmdbProvider({ apiKey, baseUrl: server.tmdbBaseUrl, imageBaseUrl: server.tmdbImageBaseUrl, timeoutMs: 1_000 });
const omdb = (apiKey = TEST_KEYS.omdbApiKey) => new OmdbProvider({ apiKey, baseUrl: server.omdbBaseUrl, timeoutMs: 1_000 });
const service = (options: Partial<MetadataServiceOptions> = {}) =>
  new MetadataService({
    providers: [omdb(), tmdb()], // out of order on purpose: TMDB must still come first
    cache: new MetadataCache({ db, now: () => t }),
    language: 'ru-RU',
    ...options,
  });

describe('MetadataService.search', () => {
  it('asks both providers and merges the same title, TMDB first (its Russian title, OMDb filling the IMDb id)', async () => {
    const result = await service().search('Breaking Bad');
    expect(result.providers).toEqual([
      { id: 'tmdb', status: 'ok' },
      { id: 'omdb', status: 'ok' },
    ]);
    expect(result.hits).toEqual([
      expect.objectContaining({
        provider: 'tmdb',
        id: '1396',
        title: 'Во все тяжкие',
        originalTitle: 'Breaking Bad',
        imdbId: 'tt0903747',
        tmdbId: 1396,
        rating: 8.9,
      }),
    ]);
    expect(server.requestsTo('tmdb')[0].query.language).toBe('ru-RU');
    expect(server.requestsTo('omdb')).toHaveLength(1);
  });

  it('keeps titles only one provider knows, after the merged ones', async () => {
    const tmdbOnly = await service().search('Во все тяжкие');
    expect(tmdbOnly.hits.map((h) => [h.provider, h.title])).toEqual([['tmdb', 'Во все тяжкие']]);
    const both = await service({ language: 'en-US' }).search('matrix', { kind: 'movie', year: 1999 });
    expect(both.hits.map((h) => [h.provider, h.title, h.imdbId])).toEqual([['tmdb', 'The Matrix', 'tt0133093']]);
  });

  it('a failing provider never fails the search: its error is reported next to the other hits', async () => {
    server.setFault('omdb', { type: 'html' });
    const result = await service().search('Breaking Bad');
    expect(result.hits.map((h) => [h.provider, h.title, h.imdbId])).toEqual([['tmdb', 'Во все тяжкие', null]]);
    expect(result.providers[1]).toEqual({
      id: 'omdb',
      status: 'error',
      error: expect.stringMatching(/^OMDb: 127\.0\.0\.1:\d+ answered a web page \(HTTP 502\)/u),
    });

    const wrongTmdbKey = service({ providers: [tmdb('ffffffffffffffffffffffffffffffff'), omdb()] });
    server.setFault('omdb', null);
    const other = await wrongTmdbKey.search('Matrix');
    expect(other.hits.map((h) => [h.provider, h.title])).toEqual([['omdb', 'The Matrix']]);
    expect(other.providers[0]).toEqual({
      id: 'tmdb',
      status: 'error',
      error: 'TMDB: Invalid API key: You must be granted a valid key.',
    });

    server.setFault('tmdb', { type: 'delay', ms: 3_000 });
    server.setFault('omdb', { type: 'malformed-json' });
    const none = await service().search('Dune');
    expect(none.hits).toEqual([]);
    expect(none.providers.map((p) => p.status)).toEqual(['error', 'error']);
  });

  it('caches each provider answer: a repeat sends no request, the failed one is retried, the TTL expires', async () => {
    const svc = service();
    server.setFault('omdb', { type: 'rate-limit' });
    await svc.search('Breaking Bad');
    server.setFault('omdb', null);
    const again = await svc.search('  breaking   BAD ');
    expect(again.providers.map((p) => p.status)).toEqual(['ok', 'ok']);
    expect(server.requestsTo('tmdb')).toHaveLength(1);
    expect(server.requestsTo('omdb')).toHaveLength(2);

    await svc.search('Breaking Bad');
    expect(server.requests).toHaveLength(3);
    await svc.search('Breaking Bad', { language: 'en-US' });
    expect(server.requests).toHaveLength(5);

    t += 12 * HOUR;
    await svc.search('Breaking Bad');
    expect(server.requests).toHaveLength(7);
  });

  it('with no provider configured says what to configure', async () => {
    const svc = service({ providers: [] });
    const err = await svc.search('Matrix').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe(NO_PROVIDER_MESSAGE);
    expect(NO_PROVIDER_MESSAGE).toBe(
      'No metadata provider is configured: add a TMDB API key (themoviedb.org → Settings → API) or an OMDb key in Settings → Metadata',
    );
    await expect(svc.details('tmdb', 'movie', '603')).rejects.toThrow(NO_PROVIDER_MESSAGE);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses an empty search', async () => {
    await expect(service().search('   ')).rejects.toBeInstanceOf(UserError);
  });
});

describe('MetadataService.details', () => {
  it('a series with seasons from the provider that listed it, cached for a day', async () => {
    const svc = service();
    const d = await svc.details('tmdb', 'series', '1396');
    expect(d.title).toBe('Во все тяжкие');
    expect(d.seasons.map((s) => s.number)).toEqual([0, 1, 2]);
    expect(server.requestsTo('tmdb')).toHaveLength(4);
    expect(await svc.details('tmdb', 'series', '1396')).toEqual(d);
    expect(server.requestsTo('tmdb')).toHaveLength(4);
    t += 24 * HOUR;
    await svc.details('tmdb', 'series', '1396');
    expect(server.requestsTo('tmdb')).toHaveLength(8);

    const o = await svc.details('omdb', 'series', 'tt0903747', 'en-US');
    expect(o.seasons.map((s) => s.episodeCount)).toEqual([3, 2]);
  });

  it("a provider's error propagates (a 404 stays a 404); an unconfigured provider is a UserError", async () => {
    await expect(service().details('tmdb', 'movie', '424242')).rejects.toMatchObject({ code: 'not-found', statusCode: 404 });
    const onlyOmdb = service({ providers: [omdb()] });
    await expect(onlyOmdb.details('tmdb', 'movie', '603')).rejects.toThrow(
      'TMDB is not configured: add its key in Settings → Metadata',
    );
    expect(onlyOmdb.configured).toEqual(['omdb']);
    expect(service().configured).toEqual(['tmdb', 'omdb']);
  });
});

describe('merging hits', () => {
  const hit = (over: Partial<MetadataHit>): MetadataHit => ({
    provider: 'tmdb',
    id: '1',
    kind: 'movie',
    title: 'Dune',
    originalTitle: null,
    year: 2021,
    overview: null,
    rating: null,
    votes: null,
    posterUrl: null,
    imdbId: null,
    tmdbId: null,
    ...over,
  });

  it('matches by shared id first, else by kind, year and (original) title ignoring case and punctuation', () => {
    expect(sameTitle(hit({ imdbId: 'tt1' }), hit({ title: 'Other', imdbId: 'tt1' }))).toBe(true);
    expect(sameTitle(hit({ imdbId: 'tt1', title: 'Dune' }), hit({ imdbId: 'tt2' }))).toBe(false);
    expect(sameTitle(hit({ title: 'Дюна', originalTitle: 'Dune: Part One' }), hit({ title: 'dune - part one' }))).toBe(true);
    expect(sameTitle(hit({}), hit({ year: 1984 }))).toBe(false);
    expect(sameTitle(hit({}), hit({ kind: 'series' }))).toBe(false);
    expect(sameTitle(hit({ year: null }), hit({ year: null }))).toBe(false);
  });

  it('fills gaps of the first hit only, and matches each first hit at most once per provider', () => {
    const first = [hit({ id: '438631', tmdbId: 438631, rating: 7.8 }), hit({ id: '841', tmdbId: 841, year: 1984 })];
    const second = [
      hit({ provider: 'omdb', id: 'tt1160419', imdbId: 'tt1160419', rating: 8.0, overview: 'Paul Atreides…' }),
      hit({ provider: 'omdb', id: 'tt9999999', imdbId: 'tt9999999' }),
    ];
    const merged = mergeHits([first, second]);
    expect(merged.map((h) => [h.provider, h.id, h.imdbId, h.rating, h.overview])).toEqual([
      ['tmdb', '438631', 'tt1160419', 7.8, 'Paul Atreides…'],
      ['tmdb', '841', null, null, null],
      ['omdb', 'tt9999999', 'tt9999999', null, null],
    ]);
    expect(first[0].imdbId).toBeNull();
  });
});
