import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TorznabIndexer, type TorznabRelease } from './torznab-client.js';
import { TorznabTestServer, type FakeIndexer, type FakeRelease } from './torznab-server.test-support.js';
import {
  DEFAULT_BACKOFF,
  TorznabSearch,
  inBackoff,
  initialHealth,
  mergeReleases,
  nextHealth,
  normaliseTitle,
} from './torznab-search.js';

const HASH_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const HASH_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const T0 = Date.parse('2025-06-01T10:00:00Z');
const MIN = 60_000;

describe('nextHealth', () => {
  const fresh = initialHealth('a', 'Alpha');

  it('a success records the time and clears failures', () => {
    const failed = nextHealth(fresh, { ok: false, error: 'boom' }, T0);
    expect(nextHealth(failed, { ok: true }, T0 + 5 * MIN)).toEqual({
      ...failed,
      lastOkAt: new Date(T0 + 5 * MIN).toISOString(),
      consecutiveFailures: 0,
      backoffUntil: null,
    });
  });

  it('failures back off 1 min doubling, capped at 1 h', () => {
    let h = fresh;
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      h = nextHealth(h, { ok: false, error: `e${i}` }, T0);
      delays.push((Date.parse(h.backoffUntil!) - T0) / MIN);
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect([h.consecutiveFailures, h.lastError, h.lastErrorAt]).toEqual([9, 'e8', new Date(T0).toISOString()]);
  });

  it('keeps the input untouched and honours a custom policy', () => {
    const copy = { ...fresh };
    const h = nextHealth(fresh, { ok: false, error: 'x' }, T0, { baseMs: 1000, maxMs: 1500 });
    expect(fresh).toEqual(copy);
    expect(Date.parse(h.backoffUntil!) - T0).toBe(1000);
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: MIN, maxMs: 60 * MIN });
  });

  it('inBackoff until the instant passes', () => {
    const h = nextHealth(fresh, { ok: false, error: 'x' }, T0);
    expect([inBackoff(fresh, T0), inBackoff(h, T0 + MIN - 1), inBackoff(h, T0 + MIN)]).toEqual([false, true, false]);
  });
});

function release(patch: Partial<TorznabRelease>): TorznabRelease {
  return {
    indexerId: 'a',
    indexer: 'Alpha',
    title: 'Movie 2020 1080p',
    guid: 'g',
    link: null,
    magnetUrl: null,
    infoHash: null,
    size: 1000,
    seeders: null,
    peers: null,
    leechers: null,
    publishDate: null,
    categories: [2000],
    downloadVolumeFactor: null,
    uploadVolumeFactor: null,
    imdbId: null,
    tmdbId: null,
    infoUrl: null,
    ...patch,
  };
}

describe('mergeReleases', () => {
  it('one entry per info-hash, the best-seeded kept, every indexer recorded', () => {
    const merged = mergeReleases([
      [release({ infoHash: HASH_A, seeders: 3, title: 'Alpha title' })],
      [release({ indexerId: 'b', indexer: 'Beta', infoHash: HASH_A, seeders: 10, title: 'Beta title', imdbId: null })],
      [release({ indexerId: 'c', indexer: 'Gamma', infoHash: HASH_A, seeders: 1, imdbId: 'tt0000001' })],
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      title: 'Beta title',
      seeders: 10,
      indexers: ['Beta', 'Alpha', 'Gamma'],
      indexerIds: ['b', 'a', 'c'],
    });
    expect(merged[0].imdbId).toBe('tt0000001'); // filled from an entry that had it
  });

  it('without a hash: same normalised title and size; an unknown size never matches', () => {
    const merged = mergeReleases([
      [release({ title: 'Movie.2020.1080p', seeders: 2 }), release({ title: 'Other', size: 0 })],
      [
        release({
          indexer: 'Beta',
          indexerId: 'b',
          title: 'movie 2020 1080P',
          seeders: 7,
          magnetUrl: 'magnet:?xt=urn:btih:' + HASH_B,
          infoHash: HASH_B,
        }),
        release({ indexer: 'Beta', indexerId: 'b', title: 'Movie 2020 1080p', size: 999 }),
        release({ indexer: 'Beta', indexerId: 'b', title: 'Other', size: 0 }),
      ],
    ]);
    expect(merged.map((r) => [r.title, r.size, r.indexers])).toEqual([
      ['movie 2020 1080P', 1000, ['Beta', 'Alpha']],
      ['Other', 0, ['Alpha']],
      ['Movie 2020 1080p', 999, ['Beta']],
      ['Other', 0, ['Beta']],
    ]);
    expect(merged[0].infoHash).toBe(HASH_B);
  });

  it('different hashes stay apart even with the same title and size', () => {
    const merged = mergeReleases([[release({ infoHash: HASH_A })], [release({ infoHash: HASH_B, indexer: 'Beta' })]]);
    expect(merged).toHaveLength(2);
    expect(normaliseTitle('Ёлки.2010 — WEB-DL')).toBe('ёлки 2010 web dl');
  });
});

describe('TorznabSearch against local indexers', () => {
  const shared: FakeRelease = { title: 'Shared Movie 2021 2160p', size: 30e9, categories: [2045], infoHash: HASH_A, seeders: 4 };
  const fakes: FakeIndexer[] = [
    { name: 'good', releases: [shared, { title: 'Good Only Movie 2021', size: 5e9, categories: [2040], seeders: 8 }] },
    { name: 'also-good', releases: [{ ...shared, seeders: 40 }] },
    { name: 'slow', delayMs: 5000, releases: [shared] },
    { name: 'broken', garbage: 'html' },
  ];
  let server: TorznabTestServer;
  beforeAll(async () => {
    server = await TorznabTestServer.start(fakes);
  });
  afterAll(() => server.close());

  const client = (name: string) =>
    new TorznabIndexer({
      id: name,
      name: name.toUpperCase(),
      url: server.feedUrl(name),
      apiKey: server.apiKey(name),
      timeoutMs: 400,
    });

  it('a slow and a broken indexer cost only themselves; results merge across the healthy ones', async () => {
    let now = T0;
    const search = new TorznabSearch({ indexers: fakes.map((f) => client(f.name)), now: () => now });
    const started = Date.now();
    const outcome = await search.search({ kind: 'movie', q: 'movie 2021' });
    expect(Date.now() - started).toBeLessThan(2000); // the slow one would take 5 s

    expect(outcome.indexers.map(({ id, status, count, error }) => ({ id, status, count, error }))).toEqual([
      { id: 'good', status: 'ok', count: 2, error: undefined },
      { id: 'also-good', status: 'ok', count: 1, error: undefined },
      { id: 'slow', status: 'error', count: 0, error: 'timed out after 400 ms' },
      { id: 'broken', status: 'error', count: 0, error: 'answered an HTML page instead of Torznab XML: "Just a moment..."' },
    ]);
    expect(outcome.releases.map((r) => [r.title, r.seeders, r.indexers])).toEqual([
      [shared.title, 40, ['ALSO-GOOD', 'GOOD']],
      ['Good Only Movie 2021', 8, ['GOOD']],
    ]);

    const health = search.snapshot();
    expect(health.find((h) => h.id === 'good')).toMatchObject({ lastOkAt: new Date(T0).toISOString(), consecutiveFailures: 0 });
    expect(health.find((h) => h.id === 'broken')).toMatchObject({
      consecutiveFailures: 1,
      lastErrorAt: new Date(T0).toISOString(),
      backoffUntil: new Date(T0 + MIN).toISOString(),
    });

    // within the back-off the failing ones are skipped without a request; a restored copy skips them too
    const before = server.requestsFor('broken').length;
    now = T0 + 30_000;
    const second = await search.search({ kind: 'movie', q: 'movie 2021' });
    const restored = new TorznabSearch({
      indexers: fakes.map((f) => client(f.name)),
      now: () => now,
      health: JSON.parse(JSON.stringify(health)),
    });
    const third = await restored.search({ kind: 'movie', q: 'movie 2021' });
    for (const outcome of [second, third]) {
      expect(outcome.indexers.map((i) => i.status)).toEqual(['ok', 'ok', 'skipped', 'skipped']);
      expect(outcome.indexers[3].error).toMatch(/^skipped until .+ after 1 failure\(s\): answered an HTML page/u);
    }
    expect(server.requestsFor('broken')).toHaveLength(before);

    // after the back-off it is tried again; a second failure doubles the wait
    server.update('slow', { delayMs: 0 });
    now = T0 + MIN + 1;
    const fourth = await search.search({ kind: 'movie', q: 'movie 2021' });
    expect(fourth.indexers.map((i) => i.status)).toEqual(['ok', 'ok', 'ok', 'error']);
    const broken = search.snapshot().find((h) => h.id === 'broken')!;
    expect([broken.consecutiveFailures, Date.parse(broken.backoffUntil!) - now]).toEqual([2, 2 * MIN]);
    expect(search.snapshot().find((h) => h.id === 'slow')).toMatchObject({ consecutiveFailures: 0, backoffUntil: null });
  });

  it('an indexer that cannot express the query is skipped without counting against it', async () => {
    const name = 'q-only';
    server.add({ name, modes: { 'movie-search': ['q'] } });
    const search = new TorznabSearch({ indexers: [client(name), client('good')] });
    const outcome = await search.search({ kind: 'movie', imdbId: 'tt0133093' });
    expect(outcome.indexers.map((i) => [i.id, i.status])).toEqual([
      [name, 'skipped'],
      ['good', 'ok'],
    ]);
    expect(search.snapshot()[0]).toEqual(initialHealth(name, 'Q-ONLY'));
  });
});
