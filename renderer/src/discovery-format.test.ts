import { describe, expect, it } from 'vitest';
import type { DiscoverySettings, IndexerInfo, ReleaseRow, ReleaseSearchResponse, TitleDetails } from '../../app/api/api-types';
import {
  bestRelease,
  breakdownLines,
  breakdownText,
  discoveryUpdate,
  emptyKey,
  formatMs,
  formatPoints,
  grabRequest,
  indexerHealthState,
  indexerInputError,
  indexerPatch,
  indexerRunText,
  isUpcoming,
  keyStatus,
  languageOptions,
  parseNumberParam,
  peersTitle,
  ratingLabel,
  rejectionSummary,
  rejectionTooltip,
  releaseSizeLabel,
  releasesKey,
  runtimeLabel,
  searchRoute,
  seasonName,
  seasonSpanLabel,
  seedersLabel,
  setupNeeded,
  splitReleases,
  testResultText,
  titleRoute,
  toDiscoveryForm,
  voiceLabel,
  votesLabel,
} from './discovery-format';

function row(over: Partial<ReleaseRow> & { id: string }): ReleaseRow {
  return {
    title: `Release ${over.id}`,
    indexers: ['Jackett'],
    size: 0,
    seeders: null,
    leechers: null,
    publishDate: null,
    infoHash: null,
    infoUrl: null,
    uri: `magnet:?xt=urn:btih:${over.id}`,
    quality: null,
    source: null,
    codec: null,
    voice: [],
    seasons: [],
    episodes: [],
    accepted: true,
    score: 0,
    rejections: [],
    breakdown: [],
    notes: [],
    ...over,
  };
}

const settings: DiscoverySettings = {
  language: 'en-US',
  tmdb: { configured: true },
  omdb: { configured: false },
  profile: 'balanced',
  profiles: ['balanced', 'quality', 'compact'],
  indexers: [],
};

function indexer(over: Partial<IndexerInfo['health']> = {}, enabled = true): IndexerInfo {
  return {
    id: 'ix1',
    name: 'Jackett',
    url: 'http://127.0.0.1:9117/api/v2.0/indexers/all/results/torznab/',
    enabled,
    hasApiKey: true,
    health: { lastOkAt: null, lastError: null, lastErrorAt: null, consecutiveFailures: 0, backoffUntil: null, ...over },
  };
}

describe('labels', () => {
  it('sizes: 0 is unknown', () => {
    expect(releaseSizeLabel(0)).toBe('—');
    expect(releaseSizeLabel(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(releaseSizeLabel(700 * 1024 ** 2)).toBe('700 MB');
  });

  it('seeders and the peers tooltip', () => {
    expect(seedersLabel(null)).toBe('—');
    expect(seedersLabel(0)).toBe('0');
    expect(seedersLabel(12345)).toBe('12,345');
    expect(peersTitle(120, 4)).toBe('120 seeders · 4 leechers');
    expect(peersTitle(1, null)).toBe('1 seeder');
    expect(peersTitle(null, null)).toBe('seeders unknown');
  });

  it('voice tracks', () => {
    expect(voiceLabel([])).toBe('—');
    expect(voiceLabel(['MVO (LostFilm)', 'Original'])).toBe('MVO (LostFilm), Original');
  });

  it('seasons and episodes a release covers', () => {
    expect(seasonSpanLabel([], [])).toBeNull();
    expect(seasonSpanLabel([2], [])).toBe('S02');
    expect(seasonSpanLabel([3, 1, 2], [])).toBe('S01–S03');
    expect(seasonSpanLabel([1, 3], [])).toBe('S01, S03');
    expect(seasonSpanLabel([1, 2, 3, 5], [])).toBe('S01–S03, S05');
    expect(seasonSpanLabel([2], [5])).toBe('S02E05');
    expect(seasonSpanLabel([2], [1, 2, 3])).toBe('S02E01–E03');
    expect(seasonSpanLabel([2], [1, 3])).toBe('S02E01, E03');
    // episodes across several seasons: the seasons say enough
    expect(seasonSpanLabel([1, 2], [1])).toBe('S01–S02');
    expect(seasonName(0)).toBe('Specials');
    expect(seasonName(4)).toBe('Season 4');
  });

  it('ratings, votes and runtimes', () => {
    expect(ratingLabel(null)).toBeNull();
    expect(ratingLabel(0)).toBeNull();
    expect(ratingLabel(7.84)).toBe('7.8');
    expect(votesLabel(12345)).toBe('12,345 votes');
    expect(votesLabel(1)).toBe('1 vote');
    expect(votesLabel(null)).toBeNull();
    expect(runtimeLabel(136)).toBe('2h 16m');
    expect(runtimeLabel(120)).toBe('2h');
    expect(runtimeLabel(45)).toBe('45m');
    expect(runtimeLabel(null)).toBeNull();
  });

  it('routes and keys', () => {
    expect(titleRoute({ provider: 'tmdb', kind: 'movie', id: '603' })).toBe('/search/title/tmdb/movie/603');
    expect(titleRoute({ provider: 'omdb', kind: 'series', id: 'tt0903747' })).toBe('/search/title/omdb/series/tt0903747');
    const ref = { provider: 'tmdb', kind: 'series', id: '1396' } as const;
    expect(releasesKey(ref, { season: 1, episode: null, profile: null })).not.toBe(
      releasesKey(ref, { season: null, episode: 1, profile: null }),
    );
  });

  it('the way back to the search results', () => {
    expect(searchRoute(null)).toBe('/search');
    expect(searchRoute({ q: '  ', kind: null, year: null })).toBe('/search');
    expect(searchRoute({ q: 'The Matrix', kind: null, year: null })).toBe('/search?q=The+Matrix');
    expect(searchRoute({ q: 'Дюна', kind: 'movie', year: 2021 })).toBe('/search?q=%D0%94%D1%8E%D0%BD%D0%B0&kind=movie&year=2021');
  });

  it('number params from the URL', () => {
    expect(parseNumberParam(null)).toBeNull();
    expect(parseNumberParam('')).toBeNull();
    expect(parseNumberParam('3')).toBe(3);
    expect(parseNumberParam('0')).toBe(0);
    expect(parseNumberParam('0', 1)).toBeNull();
    expect(parseNumberParam('-1')).toBeNull();
    expect(parseNumberParam('1.5')).toBeNull();
    expect(parseNumberParam('abc')).toBeNull();
  });

  it('timings and indexer outcomes', () => {
    expect(formatMs(340)).toBe('340 ms');
    expect(formatMs(1234)).toBe('1.2 s');
    expect(formatMs(15_400)).toBe('15 s');
    expect(indexerRunText({ id: 'a', name: 'A', status: 'ok', count: 12, ms: 340 })).toBe('12 results · 340 ms');
    expect(indexerRunText({ id: 'a', name: 'A', status: 'ok', count: 1, ms: 20 })).toBe('1 result · 20 ms');
    expect(indexerRunText({ id: 'a', name: 'A', status: 'error', count: 0, error: 'timeout', ms: 5000 })).toBe('timeout · 5.0 s');
    expect(indexerRunText({ id: 'a', name: 'A', status: 'skipped', count: 0, error: 'backing off', ms: 0 })).toBe(
      'skipped: backing off',
    );
  });

  it('air dates to come', () => {
    expect(isUpcoming('2030-01-01', '2026-05-01')).toBe(true);
    expect(isUpcoming('2026-05-01', '2026-05-01')).toBe(false);
    expect(isUpcoming(null, '2026-05-01')).toBe(false);
  });
});

describe('rejections', () => {
  const rejections = [
    { code: 'too-small', message: 'Too small for 1080p: 300 MB' },
    { code: 'no-seeders', message: 'No seeders' },
  ];

  it('tooltip: one reason a line', () => {
    expect(rejectionTooltip([])).toBe('');
    expect(rejectionTooltip(rejections)).toBe('Rejected:\n• Too small for 1080p: 300 MB\n• No seeders');
  });

  it('summary under the title', () => {
    expect(rejectionSummary([])).toBeNull();
    expect(rejectionSummary(rejections.slice(0, 1))).toBe('Too small for 1080p: 300 MB');
    expect(rejectionSummary(rejections)).toBe('Too small for 1080p: 300 MB (+1 more)');
  });

  it('groups accepted before rejected, keeping the engine order', () => {
    const rows = [
      row({ id: 'a', score: 90 }),
      row({ id: 'x', accepted: false }),
      row({ id: 'b', score: 50 }),
      row({ id: 'y', accepted: false }),
    ];
    const { accepted, rejected } = splitReleases(rows);
    expect(accepted.map((r) => r.id)).toEqual(['a', 'b']);
    expect(rejected.map((r) => r.id)).toEqual(['x', 'y']);
  });
});

describe('score breakdown', () => {
  const breakdown = [
    { factor: 'quality', points: 40, value: '1080p', why: 'the profile prefers 1080p' },
    { factor: 'seeders', points: 12.345, value: '120 seeders', why: 'well seeded' },
    { factor: 'size', points: -10, value: '', why: '' },
  ];

  it('points with a sign', () => {
    expect(formatPoints(40)).toBe('+40');
    expect(formatPoints(-10)).toBe('−10');
    expect(formatPoints(0)).toBe('0');
    expect(formatPoints(12.345)).toBe('+12.3');
  });

  it('a line per factor and the total', () => {
    expect(breakdownLines(breakdown)).toEqual([
      '+40 quality (1080p): the profile prefers 1080p',
      '+12.3 seeders (120 seeders): well seeded',
      '−10 size',
    ]);
    expect(breakdownText({ breakdown, score: 42 }).split('\n').pop()).toBe('= +42');
    expect(breakdownText({ breakdown: [], score: 0 })).toBe('Score 0');
  });
});

describe('best release and grabbing', () => {
  const title: TitleDetails = {
    provider: 'tmdb',
    id: '603',
    kind: 'movie',
    title: 'The Matrix',
    originalTitle: null,
    year: 1999,
    overview: null,
    rating: null,
    votes: null,
    poster: null,
    imdbId: null,
    tmdbId: 603,
    runtimeMin: 136,
    genres: [],
    seasons: [],
  };
  const res: ReleaseSearchResponse = {
    title,
    season: null,
    episode: null,
    profile: 'balanced',
    releases: [row({ id: 'a' }), row({ id: 'b' })],
    best: { id: 'b', why: 'more seeders' },
    plan: null,
    indexers: [],
  };

  it('finds the best row', () => {
    expect(bestRelease(res)?.id).toBe('b');
    expect(bestRelease({ ...res, best: null })).toBeNull();
    expect(bestRelease({ ...res, best: { id: 'gone', why: '' } })).toBeNull();
  });

  it('builds the grab body; no link, no grab', () => {
    const r = row({ id: 'a', title: 'The.Matrix.1999.1080p', infoHash: 'abc', uri: 'http://x/a.torrent' });
    expect(grabRequest(title, r)).toEqual({
      uri: 'http://x/a.torrent',
      releaseTitle: 'The.Matrix.1999.1080p',
      infoHash: 'abc',
      title: { provider: 'tmdb', kind: 'movie', id: '603' },
    });
    expect(grabRequest(title, row({ id: 'b', uri: null }))).toBeNull();
  });

  it('knows a 400 that asks for setup', () => {
    expect(setupNeeded(400, 'No metadata provider is configured: add a TMDB API key in Settings → Metadata')).toBe('metadata');
    expect(setupNeeded(400, 'No indexer is configured: add one in Settings')).toBe('indexer');
    expect(setupNeeded(400, 'q: too long')).toBeNull();
    expect(setupNeeded(500, 'No indexer is configured')).toBeNull();
    expect(setupNeeded(null, null)).toBeNull();
  });
});

describe('settings form', () => {
  it('keeps an unknown saved language', () => {
    expect(languageOptions('ru-RU')[0].code).toBe('en-US');
    expect(languageOptions('xx-YY')[0]).toEqual({ code: 'xx-YY', label: 'xx-YY' });
  });

  it('sends only what changed; keys are write-only', () => {
    const form = toDiscoveryForm(settings);
    expect(discoveryUpdate(settings, form)).toEqual({});
    expect(discoveryUpdate(settings, { ...form, language: 'ru-RU' })).toEqual({ language: 'ru-RU' });
    expect(discoveryUpdate(settings, { ...form, profile: 'compact' })).toEqual({ profile: 'compact' });
    expect(discoveryUpdate(settings, { ...form, tmdb: { value: '  abc  ', remove: false } })).toEqual({ tmdbKey: 'abc' });
    expect(discoveryUpdate(settings, { ...form, tmdb: { value: '', remove: true } })).toEqual({ tmdbKey: null });
    // removing a key that is not set changes nothing
    expect(discoveryUpdate(settings, { ...form, omdb: { value: '', remove: true } })).toEqual({});
    expect(discoveryUpdate(settings, { ...form, omdb: { value: 'k', remove: true } })).toEqual({ omdbKey: 'k' });
  });

  it('says what Save does to a key', () => {
    expect(keyStatus(true, emptyKey())).toBe('configured');
    expect(keyStatus(false, emptyKey())).toBe('not set');
    expect(keyStatus(true, { value: 'x', remove: false })).toBe('will be replaced');
    expect(keyStatus(false, { value: 'x', remove: false })).toBe('will be set');
    expect(keyStatus(true, { value: '', remove: true })).toBe('will be removed');
  });

  it('checks an indexer before sending it', () => {
    expect(indexerInputError({ name: '', url: 'http://x', apiKey: '' })).toMatch(/name/);
    expect(indexerInputError({ name: 'J', url: '', apiKey: '' })).toMatch(/URL/);
    expect(indexerInputError({ name: 'J', url: 'jackett', apiKey: '' })).toMatch(/valid URL/);
    expect(indexerInputError({ name: 'J', url: 'ftp://x', apiKey: '' })).toMatch(/http/);
    expect(indexerInputError({ name: 'J', url: 'http://127.0.0.1:9117/torznab', apiKey: 'k' })).toBeNull();
  });

  it('patches only the changed indexer fields', () => {
    const saved = indexer();
    expect(indexerPatch(saved, { name: saved.name, url: saved.url, apiKey: '' })).toEqual({});
    expect(indexerPatch(saved, { name: 'Prowlarr ', url: saved.url, apiKey: ' new ' })).toEqual({
      name: 'Prowlarr',
      apiKey: 'new',
    });
  });

  it('indexer health', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    expect(indexerHealthState(indexer({}, false), now)).toBe('disabled');
    expect(indexerHealthState(indexer(), now)).toBe('unknown');
    expect(indexerHealthState(indexer({ lastOkAt: '2026-05-01T11:00:00Z' }), now)).toBe('ok');
    expect(indexerHealthState(indexer({ consecutiveFailures: 2 }), now)).toBe('failing');
    expect(indexerHealthState(indexer({ consecutiveFailures: 3, backoffUntil: '2026-05-01T12:05:00Z' }), now)).toBe('backoff');
    expect(indexerHealthState(indexer({ consecutiveFailures: 3, backoffUntil: '2026-05-01T11:55:00Z' }), now)).toBe('failing');
  });

  it('test results in words', () => {
    expect(testResultText({ ok: true, modes: ['search', 'tv-search'], categories: 42 })).toBe(
      'Works: search, tv-search · 42 categories',
    );
    expect(testResultText({ ok: true, modes: [], categories: 1 })).toBe('Works: no search modes advertised · 1 category');
    expect(testResultText({ ok: false, modes: [], categories: 0, error: '401 Unauthorized' })).toBe('Failed: 401 Unauthorized');
  });
});
