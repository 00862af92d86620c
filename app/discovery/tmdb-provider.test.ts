// TmdbProvider against the local TMDB v3 look-alike (metadata-server.test-support.ts): real HTTP on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BREAKING_BAD, MetadataTestServer, providerError, TEST_KEYS } from './metadata-server.test-support.js';
import { ProviderError } from './metadata-types.js';
import { TmdbProvider, type TmdbOptions } from './tmdb-provider.js';

let server: MetadataTestServer;
beforeAll(async () => {
  server = await MetadataTestServer.start();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const tmdb = (options: Partial<TmdbOptions> = {}) =>
  new TmdbProvider({
    apiKey: TEST_KEYS.tmdbApiKey,
    baseUrl: server.tmdbBaseUrl,
    imageBaseUrl: server.tmdbImageBaseUrl,
    ...options,
  });

describe('TmdbProvider search', () => {
  it('multi-searches in ru-RU with the v3 key as api_key and maps a Russian-titled series', async () => {
    const hits = await tmdb().search({ text: 'Во все тяжкие', language: 'ru-RU' });
    expect(hits).toEqual([
      {
        provider: 'tmdb',
        id: '1396',
        kind: 'series',
        title: 'Во все тяжкие',
        originalTitle: 'Breaking Bad',
        year: 2008,
        overview: 'Школьный учитель химии Уолтер Уайт узнаёт, что болен раком лёгких.',
        rating: 8.9,
        votes: 15234,
        posterUrl: `${server.tmdbImageBaseUrl}w500/ztkUQFLlC19CCMYHW9o1zWhJRNq.png`,
        imdbId: null,
        tmdbId: 1396,
      },
    ]);
    const [req] = server.requestsTo('tmdb');
    expect(req.path).toBe('/search/multi');
    expect(req.query).toEqual({
      query: 'Во все тяжкие',
      language: 'ru-RU',
      include_adult: 'false',
      page: '1',
      api_key: TEST_KEYS.tmdbApiKey,
    });
    expect(req.headers.authorization).toBeUndefined();
  });

  it('leaves people out of a multi search', async () => {
    expect(await tmdb().search({ text: 'Cranston', language: 'en-US' })).toEqual([]);
    expect(server.requestsTo('tmdb', '/search/multi')).toHaveLength(1);
  });

  it('with a kind asks /search/movie with year or /search/tv with first_air_date_year', async () => {
    const movies = await tmdb().search({ text: 'matrix', kind: 'movie', year: 1999, language: 'en-US' });
    expect(movies.map((h) => [h.kind, h.title, h.year])).toEqual([['movie', 'The Matrix', 1999]]);
    expect(await tmdb().search({ text: 'matrix', kind: 'movie', year: 2003, language: 'en-US' })).toEqual([]);
    const series = await tmdb().search({ text: 'breaking', kind: 'series', year: 2008, language: 'en-US' });
    expect(series.map((h) => [h.kind, h.title, h.year])).toEqual([['series', 'Breaking Bad', 2008]]);
    const reqs = server.requestsTo('tmdb');
    expect(reqs.map((r) => [r.path, r.query.year ?? r.query.first_air_date_year])).toEqual([
      ['/search/movie', '1999'],
      ['/search/movie', '2003'],
      ['/search/tv', '2008'],
    ]);
  });

  it('with a year but no kind asks both typed searches (multi has no year filter)', async () => {
    const hits = await tmdb().search({ text: 'a', year: 2008, language: 'en-US' });
    expect(hits.map((h) => h.title)).toEqual(['Breaking Bad']);
    expect(
      server
        .requestsTo('tmdb')
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/search/movie', '/search/tv']);
  });

  it('authenticates with a v4 read access token as a Bearer header, never in the URL', async () => {
    for (const apiKey of [TEST_KEYS.tmdbToken, `Bearer ${TEST_KEYS.tmdbToken}`, `  ${TEST_KEYS.tmdbToken}\n`]) {
      const provider = tmdb({ apiKey });
      expect(provider.authStyle).toBe('bearer');
      expect((await provider.search({ text: 'Matrix', language: 'en-US' })).map((h) => h.id)).toEqual(['603']);
    }
    for (const req of server.requestsTo('tmdb')) {
      expect(req.headers.authorization).toBe(`Bearer ${TEST_KEYS.tmdbToken}`);
      expect(req.query.api_key).toBeUndefined();
    }
    expect(tmdb().authStyle).toBe('api_key');
  });

  it('maps zero votes to no rating and empty fields to null', async () => {
    const [hit] = await tmdb().search({ text: 'Obscure', language: 'en-US' });
    expect(hit).toMatchObject({ title: 'Obscure Short', year: null, overview: null, rating: null, votes: 0, posterUrl: null });
  });
});

describe('TmdbProvider details', () => {
  it('a movie with external ids, runtime and genres in the asked language', async () => {
    const d = await tmdb().details({ kind: 'movie', id: '603' }, 'ru-RU');
    expect(d).toMatchObject({
      provider: 'tmdb',
      id: '603',
      kind: 'movie',
      title: 'Матрица',
      originalTitle: 'The Matrix',
      year: 1999,
      imdbId: 'tt0133093',
      runtimeMin: 136,
      genres: ['боевик', 'фантастика'],
      seasons: [],
      externalIds: { imdbId: 'tt0133093', tmdbId: 603, tvdbId: null },
    });
    expect(server.requestsTo('tmdb').map((r) => [r.path, r.query.append_to_response, r.query.language])).toEqual([
      ['/movie/603', 'external_ids', 'ru-RU'],
    ]);
  });

  it('a series with every season (specials included), its episodes, air dates and runtimes', async () => {
    const d = await tmdb({ apiKey: TEST_KEYS.tmdbToken }).details({ kind: 'series', id: '1396' }, 'ru-RU');
    expect(d).toMatchObject({
      title: 'Во все тяжкие',
      year: 2008,
      imdbId: 'tt0903747',
      runtimeMin: 47,
      genres: ['драма', 'криминал'],
      externalIds: { imdbId: 'tt0903747', tmdbId: 1396, tvdbId: 81189 },
    });
    expect(d.seasons.map((s) => [s.number, s.name, s.airDate, s.episodeCount])).toEqual([
      [0, 'Спецматериалы', '2009-02-17', 1],
      [1, 'Сезон 1', '2008-01-20', 3],
      [2, 'Сезон 2', '2009-03-08', 2],
    ]);
    expect(d.seasons[1].episodes).toEqual([
      { number: 1, title: 'Пилот', airDate: '2008-01-20', runtimeMin: 58 },
      { number: 2, title: 'Кот в мешке…', airDate: '2008-01-27', runtimeMin: 48 },
      { number: 3, title: '…и мешок в реке', airDate: '2008-02-10', runtimeMin: 48 },
    ]);
    const paths = server.requestsTo('tmdb').map((r) => r.path);
    expect(paths[0]).toBe('/tv/1396');
    expect(paths.slice(1).sort()).toEqual(['/tv/1396/season/0', '/tv/1396/season/1', '/tv/1396/season/2']);
    expect(server.requestsTo('tmdb').every((r) => r.query.language === 'ru-RU')).toBe(true);
  });

  it('keeps a listed season whose own page is not found (announced), and takes the runtime from an episode', async () => {
    const d = await tmdb().details({ kind: 'series', id: '990002' }, 'en-US');
    expect(d.runtimeMin).toBe(52);
    expect(d.seasons).toEqual([
      {
        number: 1,
        name: 'Season 1',
        airDate: '2025-09-05',
        episodeCount: 2,
        episodes: [
          { number: 1, title: 'Arrival', airDate: '2025-09-05', runtimeMin: 52 },
          { number: 2, title: 'Whiteout', airDate: '2025-09-12', runtimeMin: null },
        ],
      },
      { number: 2, name: 'Season 2', airDate: null, episodeCount: 0, episodes: [] },
    ]);
  });

  it('finds a title by its IMDb id', async () => {
    const hits = await tmdb().findByImdbId(BREAKING_BAD.imdbId!, 'en-US');
    expect(hits).toMatchObject([{ kind: 'series', id: '1396', title: 'Breaking Bad', imdbId: 'tt0903747', tmdbId: 1396 }]);
    expect(server.requestsTo('tmdb')[0]).toMatchObject({
      path: '/find/tt0903747',
      query: { external_source: 'imdb_id', language: 'en-US' },
    });
    expect(await tmdb().findByImdbId('tt0000404', 'en-US')).toEqual([]);
  });
});

describe('TmdbProvider errors', () => {
  it("reports TMDB's own message for a refused key (status_code 7), without the key in it", async () => {
    for (const apiKey of ['ffffffffffffffffffffffffffffffff', TEST_KEYS.tmdbToken.replace(/.$/u, 'X')]) {
      const err = await providerError(tmdb({ apiKey }).search({ text: 'Matrix', language: 'en-US' }));
      expect(err.code).toBe('auth');
      expect(err.message).toBe('TMDB: Invalid API key: You must be granted a valid key.');
      expect(err.statusCode).toBe(502);
    }
  });

  it('a missing title is not-found (status_code 34), a 404 for the API', async () => {
    const err = await providerError(tmdb().details({ kind: 'movie', id: '1396' }, 'en-US'));
    expect(err).toMatchObject({ code: 'not-found', statusCode: 404 });
    expect(err.message).toBe('TMDB: The resource you requested could not be found.');
    expect((await providerError(tmdb().details({ kind: 'movie', id: '../etc' }, 'en-US'))).code).toBe('not-found');
  });

  it('429 is rate-limited with Retry-After', async () => {
    server.setFault('tmdb', { type: 'rate-limit', retryAfterSec: 7 });
    const err = await providerError(tmdb().search({ text: 'Matrix', language: 'en-US' }));
    expect(err).toMatchObject({ code: 'rate-limited', retryAfterSec: 7, statusCode: 429 });
    expect(err.message).toMatch(/rate limited by 127\.0\.0\.1:\d+; try again in 7 s/u);
  });

  it('malformed JSON, an HTML page and JSON of another shape are bad responses', async () => {
    server.setFault('tmdb', { type: 'malformed-json' });
    let err = await providerError(tmdb().search({ text: 'Matrix', language: 'en-US' }));
    expect(err.code).toBe('bad-response');
    expect(err.message).toMatch(/answered malformed JSON \(HTTP 200\)/u);

    server.setFault('tmdb', { type: 'html' });
    err = await providerError(tmdb().details({ kind: 'movie', id: '603' }, 'en-US'));
    expect(err.message).toMatch(/answered a web page \(HTTP 502\) instead of JSON; check the server address/u);

    server.setFault('tmdb', { type: 'status', status: 200, body: '{"page":1,"results":"none"}' });
    err = await providerError(tmdb().search({ text: 'Matrix', language: 'en-US' }));
    expect(err.message).toMatch(/^TMDB: unexpected search answer \(results: /u);
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    server.setFault('tmdb', { type: 'huge', bytes: 6 * 1024 * 1024, declareLength: true });
    let err = await providerError(tmdb().search({ text: 'Matrix', language: 'en-US' }));
    expect(err.message).toMatch(/answered 6 MiB, over the 5 MiB limit/u);

    server.setFault('tmdb', { type: 'huge', bytes: 6 * 1024 * 1024 });
    err = await providerError(tmdb().search({ text: 'Matrix', language: 'en-US' }));
    expect(err.message).toMatch(/answered more than 5 MiB, over the 5 MiB limit/u);
  });

  it('gives up on a slow server at the timeout', async () => {
    server.setFault('tmdb', { type: 'delay', ms: 3_000 });
    const started = Date.now();
    const err = await providerError(tmdb({ timeoutMs: 200 }).search({ text: 'Matrix', language: 'en-US' }));
    expect(err).toMatchObject({ code: 'timeout' });
    expect(err.message).toMatch(/did not answer within 0\.2 s/u);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('says when the server cannot be reached', async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const err = await providerError(
      tmdb({ baseUrl: `http://127.0.0.1:${port}/3` }).search({ text: 'Matrix', language: 'en-US' }),
    );
    expect(err.code).toBe('unreachable');
    expect(err.message).toMatch(new RegExp(`cannot reach 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`, 'u'));
    expect(err.message).not.toContain(TEST_KEYS.tmdbApiKey);
  });

  it('refuses an empty key', () => {
    expect(() => tmdb({ apiKey: '  ' })).toThrow('TMDB API key is empty');
  });
});
