// OmdbProvider against the local OMDb look-alike (metadata-server.test-support.ts): real HTTP on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MetadataTestServer, providerError, TEST_KEYS, type Fault } from './metadata-server.test-support.js';
import { ProviderError } from './metadata-types.js';
import { OmdbProvider, type OmdbOptions } from './omdb-provider.js';

let server: MetadataTestServer;
beforeAll(async () => {
  server = await MetadataTestServer.start();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const omdb = (options: Partial<OmdbOptions> = {}) =>
  new OmdbProvider({ apiKey: TEST_KEYS.omdbApiKey, baseUrl: server.omdbBaseUrl, ...options });

describe('OmdbProvider search', () => {
  it('maps Search[] to hits: the IMDb id is the id, a series year range gives its first year', async () => {
    const hits = await omdb().search({ text: 'Breaking Bad', language: 'ru-RU' });
    expect(hits).toEqual([
      {
        provider: 'omdb',
        id: 'tt0903747',
        kind: 'series',
        title: 'Breaking Bad',
        originalTitle: null,
        year: 2008,
        overview: null,
        rating: null,
        votes: null,
        posterUrl: `${server.url}/images/omdb/ztkUQFLlC19CCMYHW9o1zWhJRNq.png`,
        imdbId: 'tt0903747',
        tmdbId: null,
      },
    ]);
    expect(server.requestsTo('omdb').map((r) => r.query)).toEqual([{ apikey: TEST_KEYS.omdbApiKey, s: 'Breaking Bad' }]);
  });

  it('passes kind as type= and the year as y=', async () => {
    expect((await omdb().search({ text: 'matrix', kind: 'movie', year: 1999, language: 'en-US' })).map((h) => h.id)).toEqual([
      'tt0133093',
    ]);
    expect(await omdb().search({ text: 'matrix', kind: 'series', language: 'en-US' })).toEqual([]);
    expect(server.requestsTo('omdb').map((r) => [r.query.type, r.query.y])).toEqual([
      ['movie', '1999'],
      ['series', undefined],
    ]);
  });

  it('"Movie not found!" is an empty result; a Russian title finds nothing (OMDb is English only)', async () => {
    expect(await omdb().search({ text: 'Во все тяжкие', language: 'ru-RU' })).toEqual([]);
    expect(await omdb().search({ text: 'No Such Film', language: 'en-US' })).toEqual([]);
  });

  it('"Too many results." is an error that says what to do', async () => {
    const err = await providerError(omdb().search({ text: 'a', language: 'en-US' }));
    expect(err).toMatchObject({ code: 'failed', message: 'OMDb: too many results; type more of the title' });
  });
});

describe('OmdbProvider details', () => {
  it('a movie: full plot, imdbRating, imdbVotes with thousands separators, runtime, genres', async () => {
    const d = await omdb().details({ kind: 'movie', id: 'tt0133093' }, 'en-US');
    expect(d).toMatchObject({
      provider: 'omdb',
      id: 'tt0133093',
      kind: 'movie',
      title: 'The Matrix',
      year: 1999,
      rating: 8.7,
      votes: 2_101_458,
      runtimeMin: 136,
      genres: ['Action', 'Science Fiction'],
      seasons: [],
      externalIds: { imdbId: 'tt0133093', tmdbId: null, tvdbId: null },
    });
    expect(d.overview).toMatch(/^Set in the 22nd century, .* underground insurgents\.$/u);
    expect(server.requestsTo('omdb').map((r) => r.query)).toEqual([
      { apikey: TEST_KEYS.omdbApiKey, i: 'tt0133093', plot: 'full' },
    ]);
  });

  it('a series: one ?Season=N request a season, episodes with air dates', async () => {
    const d = await omdb().details({ kind: 'series', id: 'tt0903747' }, 'ru-RU');
    expect(d).toMatchObject({ kind: 'series', title: 'Breaking Bad', year: 2008, rating: 9.5, runtimeMin: 47 });
    expect(d.seasons).toEqual([
      {
        number: 1,
        name: 'Season 1',
        airDate: '2008-01-20',
        episodeCount: 3,
        episodes: [
          { number: 1, title: 'Pilot', airDate: '2008-01-20', runtimeMin: null },
          { number: 2, title: "Cat's in the Bag...", airDate: '2008-01-27', runtimeMin: null },
          { number: 3, title: "...And the Bag's in the River", airDate: '2008-02-10', runtimeMin: null },
        ],
      },
      {
        number: 2,
        name: 'Season 2',
        airDate: '2009-03-08',
        episodeCount: 2,
        episodes: [
          { number: 1, title: 'Seven Thirty-Seven', airDate: '2009-03-08', runtimeMin: null },
          { number: 2, title: 'Grilled', airDate: '2009-03-15', runtimeMin: null },
        ],
      },
    ]);
    const seasons = server.requestsTo('omdb').filter((r) => r.query.Season);
    expect(seasons.map((r) => [r.query.i, r.query.Season]).sort()).toEqual([
      ['tt0903747', '1'],
      ['tt0903747', '2'],
    ]);
  });

  it('a running series: "2025–" is 2025, a season OMDb has no page for is listed empty', async () => {
    const d = await omdb().details({ kind: 'series', id: 'tt9900002' }, 'en-US');
    expect(d).toMatchObject({ year: 2025, runtimeMin: null, rating: 7.4, votes: 1204 });
    expect(d.seasons.map((s) => [s.number, s.airDate, s.episodeCount])).toEqual([
      [1, '2025-09-05', 2],
      [2, null, 0],
    ]);
  });

  it('"N/A" fields become null', async () => {
    const d = await omdb().details({ kind: 'movie', id: 'tt9900001' }, 'en-US');
    expect(d).toMatchObject({
      title: 'Obscure Short',
      year: null,
      overview: null,
      rating: null,
      votes: null,
      runtimeMin: null,
      genres: [],
      posterUrl: null,
    });
  });

  it('an unknown or malformed IMDb id is not-found', async () => {
    const err = await providerError(omdb().details({ kind: 'movie', id: 'tt0000404' }, 'en-US'));
    expect(err).toMatchObject({ code: 'not-found', statusCode: 404, message: 'OMDb: Incorrect IMDb ID.' });
    expect((await providerError(omdb().details({ kind: 'movie', id: '603' }, 'en-US'))).code).toBe('not-found');
    expect(server.requestsTo('omdb')).toHaveLength(1);
  });
});

describe('OmdbProvider errors', () => {
  it('a refused key, whether OMDb answers it with 401 or 200', async () => {
    let err = await providerError(omdb({ apiKey: 'wrong' }).search({ text: 'Matrix', language: 'en-US' }));
    expect(err).toMatchObject({ code: 'auth', message: 'OMDb: Invalid API key!' });

    server.setFault('omdb', { type: 'status', status: 200, body: '{"Response":"False","Error":"Invalid API key!"}' });
    err = await providerError(omdb().details({ kind: 'movie', id: 'tt0133093' }, 'en-US'));
    expect(err).toMatchObject({ code: 'auth', message: 'OMDb: Invalid API key!' });
  });

  it('the daily request limit is rate-limited, though OMDb sends it as 401', async () => {
    server.setFault('omdb', { type: 'status', status: 401, body: '{"Response":"False","Error":"Request limit reached!"}' });
    const err = await providerError(omdb().search({ text: 'Matrix', language: 'en-US' }));
    expect(err).toMatchObject({ code: 'rate-limited', message: 'OMDb: Request limit reached!' });
  });

  const faults: Array<[string, Fault, RegExp]> = [
    ['malformed JSON', { type: 'malformed-json' }, /^OMDb: 127\.0\.0\.1:\d+ answered malformed JSON \(HTTP 200\)$/u],
    ['an HTML page', { type: 'html', status: 503 }, /answered a web page \(HTTP 503\) instead of JSON/u],
    ['a huge body', { type: 'huge', bytes: 6 * 1024 * 1024 }, /answered more than 5 MiB, over the 5 MiB limit/u],
    ['429', { type: 'rate-limit', retryAfterSec: 30 }, /rate limited by .*; try again in 30 s/u],
    ['JSON without "Response"', { type: 'status', status: 200, body: '{"Title":"x"}' }, /unexpected answer/u],
    ['a 500 without a body', { type: 'status', status: 500, body: '{}' }, /^OMDb: HTTP 500$/u],
    ['a slow answer', { type: 'delay', ms: 3_000 }, /did not answer within 0\.2 s/u],
  ];
  it.each(faults)('%s is a clear error', async (_name, fault, message) => {
    server.setFault('omdb', fault);
    const err = await providerError(omdb({ timeoutMs: 200 }).search({ text: 'Matrix', language: 'en-US' }));
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain(TEST_KEYS.omdbApiKey);
  });
});
