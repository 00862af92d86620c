import { describe, expect, it } from 'vitest';
import type { ParsedRelease } from './release-types.js';
import { BUILTIN_PROFILES, releaseProfileSchema, type ReleaseProfile, type ReleaseProfileInput } from './release-profile.js';
import {
  compactPlan,
  decide,
  explainWinner,
  normalizeTitle,
  type Decision,
  type ReleaseCandidate,
  type WantedItem,
} from './release-decision.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** A ParsedRelease with defaults: The Matrix (1999) 1080p BluRay H.264 movie. */
const parsed = (o: Partial<ParsedRelease> = {}): ParsedRelease => ({
  titles: ['The Matrix'],
  year: 1999,
  seasons: [],
  episodes: [],
  quality: '1080p',
  source: 'BluRay',
  codec: 'H.264',
  audio: 'AC3',
  remux: false,
  hdr: false,
  voice: [],
  subtitles: [],
  group: null,
  type: 'movie',
  ...o,
});

type CandidateInput = Partial<Omit<ReleaseCandidate, 'parsed'>> & { parsed?: Partial<ParsedRelease> };
let nextId = 0;
const cand = (o: CandidateInput = {}): ReleaseCandidate => ({
  id: `c${++nextId}`,
  title: 'The.Matrix.1999.1080p.BluRay.x264',
  size: 8 * GB,
  seeders: 50,
  leechers: 5,
  indexer: 'test',
  infoHash: null,
  downloadVolumeFactor: 1,
  publishDate: null,
  ...o,
  parsed: parsed(o.parsed),
});

/** A permissive test profile (every quality, any source, no size limits) unless a row says otherwise. */
const profile = (o: Partial<ReleaseProfileInput> = {}): ReleaseProfile =>
  releaseProfileSchema.parse({ name: 'test', qualities: ['2160p', '1080p', '720p', '480p'], cutoff: '2160p', ...o });

const MOVIE: WantedItem = { kind: 'movie', titles: ['The Matrix', 'Матрица'], year: 1999, runtimeMin: 136 };
const SERIES = (o: Partial<WantedItem> = {}): WantedItem => ({
  kind: 'series',
  titles: ['Breaking Bad', 'Во все тяжкие'],
  year: 2008,
  runtimeMin: 47,
  season: 2,
  ...o,
});
const ep = (season: number, episodes: number[], o: Partial<ParsedRelease> = {}) =>
  ({ titles: ['Breaking Bad'], year: 2008, seasons: [season], episodes, type: 'series', ...o }) satisfies Partial<ParsedRelease>;
const pack = (seasons: number[], o: Partial<ParsedRelease> = {}) =>
  ({
    titles: ['Во все тяжкие', 'Breaking Bad'],
    year: 2008,
    seasons,
    episodes: [],
    type: 'series',
    ...o,
  }) satisfies Partial<ParsedRelease>;

/** Runs decide and checks the invariant every decision keeps: the score is the sum of its breakdown. */
function run(wanted: WantedItem, candidates: ReleaseCandidate[], p: ReleaseProfile, blocklist = new Set<string>()): Decision[] {
  const { ranked } = decide(wanted, candidates, p, { blocklist });
  for (const d of ranked) expect(d.score).toBe(d.breakdown.reduce((s, f) => s + f.points, 0));
  expect(ranked).toHaveLength(candidates.length);
  return ranked;
}
const one = (wanted: WantedItem, c: ReleaseCandidate, p = profile(), blocklist?: Set<string>) =>
  run(wanted, [c], p, blocklist)[0];

describe('decide: rejections list every reason', () => {
  const rows: Array<{
    why: string;
    wanted?: WantedItem;
    candidate: CandidateInput;
    profile?: Partial<ReleaseProfileInput>;
    blocklist?: string[];
    expectRejections: string[];
  }> = [
    { why: 'a clean 1080p BluRay of the right movie passes', candidate: {}, expectRejections: [] },
    {
      why: 'a CAM is not in the allowed sources',
      candidate: { parsed: { source: 'CAM', quality: '720p' } },
      profile: { sources: ['BluRay', 'WEB-DL'] },
      expectRejections: ['source-not-allowed'],
    },
    {
      why: '2160p is not allowed in a 1080p/720p profile',
      candidate: { parsed: { quality: '2160p' } },
      profile: { qualities: ['1080p', '720p'], cutoff: '1080p' },
      expectRejections: ['quality-not-allowed'],
    },
    {
      why: 'a WEB-DL without a resolution has unknown quality',
      candidate: { parsed: { quality: null, source: 'WEB-DL' } },
      expectRejections: ['quality-not-allowed'],
    },
    {
      why: 'an untagged DVDRip counts as 480p, which this profile does not allow',
      candidate: { parsed: { quality: null, source: 'DVDRip' } },
      profile: { qualities: ['1080p'], cutoff: '1080p' },
      expectRejections: ['quality-not-allowed'],
    },
    {
      why: 'an untagged DVDRip counts as 480p, which is allowed',
      candidate: { parsed: { quality: null, source: 'DVDRip' } },
      expectRejections: [],
    },
    {
      why: 'a remux when the profile allows none',
      candidate: { parsed: { remux: true } },
      expectRejections: ['remux-not-allowed'],
    },
    {
      why: '500 MB for 136 min is 3.7 MB/min, under 1080p minimum 8',
      candidate: { size: 500 * MB },
      profile: { sizeLimits: { '1080p': { minMbPerMin: 8 } } },
      expectRejections: ['too-small'],
    },
    {
      why: '60 GB for 136 min is 452 MB/min, over 1080p maximum 300',
      candidate: { size: 60 * GB },
      profile: { sizeLimits: { '1080p': { maxMbPerMin: 300 } } },
      expectRejections: ['too-large'],
    },
    {
      why: 'zero seeders cannot download (no min-seeders duplicate)',
      candidate: { seeders: 0 },
      profile: { minSeeders: 5 },
      expectRejections: ['no-seeders'],
    },
    {
      why: '2 seeders under a minimum of 5',
      candidate: { seeders: 2 },
      profile: { minSeeders: 5 },
      expectRejections: ['min-seeders'],
    },
    {
      why: 'unknown seeders pass the minimum (with a note)',
      candidate: { seeders: null },
      profile: { minSeeders: 5 },
      expectRejections: [],
    },
    {
      why: 'a forbidden word matches case-insensitively',
      candidate: { title: 'The.Matrix.1999.1080p.TeleSync' },
      profile: { forbiddenWords: ['telesync|\\bhdcam\\b'] },
      expectRejections: ['forbidden-word'],
    },
    {
      why: 'every required word must match: one missing',
      candidate: { title: 'The Matrix 1999 1080p RUS' },
      profile: { requiredWords: ['rus', 'eng'] },
      expectRejections: ['missing-required-word'],
    },
    {
      why: 'a blocklisted info-hash, any case',
      candidate: { infoHash: 'ABCDEF0123' },
      blocklist: ['abcdef0123'],
      expectRejections: ['blocklisted'],
    },
    {
      why: 'a different movie is the wrong title',
      candidate: { parsed: { titles: ['The Matrix Reloaded'], year: 2003 } },
      expectRejections: ['wrong-title', 'wrong-year'],
    },
    { why: 'no parsed title matches nothing', candidate: { parsed: { titles: [] } }, expectRejections: ['wrong-title'] },
    { why: '1997 is two years from 1999', candidate: { parsed: { year: 1997 } }, expectRejections: ['wrong-year'] },
    { why: 'one year off is tolerated for movies', candidate: { parsed: { year: 2000 } }, expectRejections: [] },
    { why: 'an unknown year is not a mismatch', candidate: { parsed: { year: null } }, expectRejections: [] },
    {
      why: 'a series release is not the wanted movie',
      candidate: { parsed: { seasons: [1], type: 'series' } },
      expectRejections: ['wrong-kind'],
    },
    {
      why: 'music is not video',
      candidate: { parsed: { type: 'music', quality: null, source: null } },
      expectRejections: ['not-video', 'quality-not-allowed'],
    },
    { why: '"other" is not video', candidate: { parsed: { type: 'other' } }, expectRejections: ['not-video'] },
    { why: 'the localized title matches', candidate: { parsed: { titles: ['Матрица'] } }, expectRejections: [] },
    {
      why: 'season 3 when season 2 is wanted',
      wanted: SERIES(),
      candidate: { parsed: ep(3, [1]) },
      expectRejections: ['wrong-season'],
    },
    {
      why: 'a series title with no season',
      wanted: SERIES(),
      candidate: { parsed: pack([]) },
      expectRejections: ['wrong-season'],
    },
    {
      why: 'episode 5 when episode 3 is wanted',
      wanted: SERIES({ episode: 3 }),
      candidate: { parsed: ep(2, [5]) },
      expectRejections: ['wrong-episode'],
    },
    { why: 'the exact episode passes', wanted: SERIES({ episode: 3 }), candidate: { parsed: ep(2, [3]) }, expectRejections: [] },
    {
      why: 'an episode range holding the episode passes',
      wanted: SERIES({ episode: 3 }),
      candidate: { parsed: ep(2, [1, 2, 3, 4]) },
      expectRejections: [],
    },
    {
      why: 'the season pack holds the wanted episode',
      wanted: SERIES({ episode: 3 }),
      candidate: { parsed: pack([2]) },
      expectRejections: [],
    },
    {
      why: 'a multi-season pack holds the wanted season',
      wanted: SERIES(),
      candidate: { parsed: pack([1, 2, 3]) },
      expectRejections: [],
    },
    {
      why: 'a series year differing by years is not checked (trackers use the season year)',
      wanted: SERIES(),
      candidate: { parsed: pack([2], { year: 2011 }) },
      expectRejections: [],
    },
    {
      why: 'with only wanted seasons, any one of them is enough',
      wanted: SERIES({ season: undefined, seasons: [1, 2] }),
      candidate: { parsed: ep(1, [4]) },
      expectRejections: [],
    },
    {
      why: 'every reason at once: blocklisted music CAM of another title, dead, with a forbidden word',
      candidate: {
        title: 'OST CAMRip',
        infoHash: 'aa',
        seeders: 0,
        parsed: { type: 'music', titles: ['Soundtrack'], source: 'CAM', quality: '720p', year: 1980 },
      },
      profile: {
        sources: ['BluRay'],
        forbiddenWords: ['camrip'],
        requiredWords: ['matrix'],
        qualities: ['1080p'],
        cutoff: '1080p',
      },
      blocklist: ['AA'.toLowerCase()],
      expectRejections: [
        'blocklisted',
        'not-video',
        'wrong-title',
        'wrong-year',
        'quality-not-allowed',
        'source-not-allowed',
        'no-seeders',
        'forbidden-word',
        'missing-required-word',
      ],
    },
  ];
  it.each(rows)('$why', ({ wanted = MOVIE, candidate, profile: p, blocklist = [], expectRejections }) => {
    const d = one(wanted, cand(candidate), profile(p), new Set(blocklist));
    expect(d.rejections.map((r) => r.code)).toEqual(expectRejections);
    expect(d.accepted).toBe(expectRejections.length === 0);
    for (const r of d.rejections) expect(r.message.length).toBeGreaterThan(5);
  });
});

describe('normalizeTitle: what counts as the same title', () => {
  const rows: Array<[string, string, boolean]> = [
    ['The Matrix', 'matrix', true],
    ['Spider-Man: No Way Home', 'Spiderman No Way Home', true],
    ['Ёлки', 'Елки', true],
    ['Amélie', 'Amelie', true],
    ['Tom & Jerry', 'Tom and Jerry', true],
    ["Ocean's Eleven", 'Oceans Eleven', true],
    ['Matrix, The', 'The Matrix', true],
    ['The Matrix', 'The Matrix Reloaded', false],
    ['Брат', 'Брат 2', false],
  ];
  it.each(rows)('%s ≡ %s: %s', (a, b, same) => expect(normalizeTitle(a) === normalizeTitle(b)).toBe(same));
});

describe('decide: size limits per minute of runtime', () => {
  // 1080p: 8–300 MB/min, 720p: 5–80 MB/min (the built-in limits)
  const limits = { sizeLimits: BUILTIN_PROFILES['best-quality'].sizeLimits };
  const rows: Array<{
    why: string;
    wanted: WantedItem;
    candidate: CandidateInput;
    expect: 'ok' | 'too-small' | 'too-large';
    note?: string;
  }> = [
    { why: 'movie 1 GB / 136 min = 7.5 MB/min < 8', wanted: MOVIE, candidate: { size: 1 * GB }, expect: 'too-small' },
    { why: 'movie 2 GB / 136 min = 15 MB/min', wanted: MOVIE, candidate: { size: 2 * GB }, expect: 'ok' },
    { why: 'movie 39 GB / 136 min = 294 MB/min', wanted: MOVIE, candidate: { size: 39 * GB }, expect: 'ok' },
    { why: 'movie 40 GB / 136 min = 301 MB/min > 300', wanted: MOVIE, candidate: { size: 40 * GB }, expect: 'too-large' },
    {
      why: 'limits are per quality: 40 GB is fine for 2160p',
      wanted: MOVIE,
      candidate: { size: 40 * GB, parsed: { quality: '2160p' } },
      expect: 'ok',
    },
    {
      why: 'runtime unknown: not checked',
      wanted: { ...MOVIE, runtimeMin: null },
      candidate: { size: 100 * MB },
      expect: 'ok',
      note: 'runtime unknown',
    },
    { why: 'size unknown: not checked', wanted: MOVIE, candidate: { size: 0 }, expect: 'ok', note: 'size unknown' },
    {
      why: 'episode 200 MB / 47 min = 4.3 MB/min < 5 (720p)',
      wanted: SERIES({ episode: 3 }),
      candidate: { size: 200 * MB, parsed: ep(2, [3], { quality: '720p' }) },
      expect: 'too-small',
    },
    {
      why: 'episode 400 MB / 47 min = 8.5 MB/min (720p)',
      wanted: SERIES({ episode: 3 }),
      candidate: { size: 400 * MB, parsed: ep(2, [3], { quality: '720p' }) },
      expect: 'ok',
    },
    {
      why: 'two episodes 400 MB / 94 min = 4.3 MB/min < 5',
      wanted: SERIES({ episode: 3 }),
      candidate: { size: 400 * MB, parsed: ep(2, [3, 4], { quality: '720p' }) },
      expect: 'too-small',
    },
    {
      why: 'season pack of 13 × 47 min: 10 GB = 16.8 MB/min',
      wanted: SERIES({ episodeCounts: { 2: 13 } }),
      candidate: { size: 10 * GB, parsed: pack([2], { quality: '720p' }) },
      expect: 'ok',
    },
    {
      why: 'season pack of 13 × 47 min: 2 GB = 3.4 MB/min < 5',
      wanted: SERIES({ episodeCounts: { 2: 13 } }),
      candidate: { size: 2 * GB, parsed: pack([2], { quality: '720p' }) },
      expect: 'too-small',
    },
    {
      why: 'season pack, episode count unknown: not checked',
      wanted: SERIES(),
      candidate: { size: 1 * MB, parsed: pack([2]) },
      expect: 'ok',
      note: 'episode count of season(s) 2 unknown',
    },
    {
      why: 'seasons 1–2 of 7 + 13 × 47 min: 60 GB = 65 MB/min < 80',
      wanted: SERIES({ episodeCounts: { 1: 7, 2: 13 } }),
      candidate: { size: 60 * GB, parsed: pack([1, 2], { quality: '720p' }) },
      expect: 'ok',
    },
    {
      why: 'seasons 1–2 of 7 + 13 × 47 min: 80 GB = 87 MB/min > 80',
      wanted: SERIES({ episodeCounts: { 1: 7, 2: 13 } }),
      candidate: { size: 80 * GB, parsed: pack([1, 2], { quality: '720p' }) },
      expect: 'too-large',
    },
    {
      why: 'seasons 1–2, season 1 count unknown: not checked',
      wanted: SERIES({ episodeCounts: { 2: 13 } }),
      candidate: { size: 80 * GB, parsed: pack([1, 2], { quality: '720p' }) },
      expect: 'ok',
      note: 'season(s) 1-2 unknown',
    },
  ];
  it.each(rows)('$why', ({ wanted, candidate, expect: outcome, note }) => {
    const d = one(wanted, cand(candidate), profile(limits));
    expect(d.rejections.map((r) => r.code)).toEqual(outcome === 'ok' ? [] : [outcome]);
    if (note) expect(d.notes.join('\n')).toContain(note);
  });

  it('the message gives the size, the rate, the runtime and the limit', () => {
    const d = one(MOVIE, cand({ size: 1 * GB }), profile(limits));
    expect(d.rejections[0].message).toBe('1.0 GB is 7.5 MB/min over 136 min; 1080p needs at least 8 MB/min');
  });
});

describe('decide: which of two ranks first', () => {
  const best = BUILTIN_PROFILES['best-quality'];
  const rows: Array<{
    why: string;
    profile: ReleaseProfile;
    wanted?: WantedItem;
    a: CandidateInput;
    b: CandidateInput;
    expect: 'a' | 'b';
  }> = [
    {
      why: '1080p BluRay beats 720p WEB-DL under best-quality',
      profile: best,
      a: {},
      b: { parsed: { quality: '720p', source: 'WEB-DL' } },
      expect: 'a',
    },
    {
      why: '2160p beats 1080p under best-quality (cutoff 2160p)',
      profile: best,
      a: { parsed: { quality: '2160p' }, size: 30 * GB },
      b: {},
      expect: 'a',
    },
    { why: 'BluRay beats WEB-DL at the same quality', profile: best, a: { parsed: { source: 'WEB-DL' } }, b: {}, expect: 'b' },
    {
      why: 'a remux beats an encode when remuxes are allowed',
      profile: best,
      a: { parsed: { remux: true }, size: 30 * GB },
      b: {},
      expect: 'a',
    },
    {
      why: 'HDR beats SDR under best-quality',
      profile: best,
      a: { parsed: { quality: '2160p', hdr: true }, size: 30 * GB },
      b: { parsed: { quality: '2160p' }, size: 30 * GB },
      expect: 'a',
    },
    {
      why: 'best-quality: 1080p with 10 seeders beats 720p with 1000',
      profile: best,
      a: { seeders: 10 },
      b: { seeders: 1000, parsed: { quality: '720p' } },
      expect: 'a',
    },
    {
      why: 'at or above the cutoff scores equal-top: 1080p with more seeders beats 2160p',
      profile: profile({ qualities: ['2160p', '1080p', '720p'], cutoff: '1080p' }),
      a: { parsed: { quality: '2160p' }, seeders: 5 },
      b: { seeders: 500 },
      expect: 'b',
    },
    {
      why: 'fastest: 720p with 500 seeders beats 1080p with 20',
      profile: BUILTIN_PROFILES.fastest,
      a: { seeders: 20 },
      b: { seeders: 500, parsed: { quality: '720p' }, size: 4 * GB },
      expect: 'b',
    },
    {
      why: 'fastest: seeders first even against a much smaller file',
      profile: BUILTIN_PROFILES.fastest,
      a: { seeders: 400, size: 2 * GB },
      b: { seeders: 40, size: 1.5 * GB },
      expect: 'a',
    },
    {
      why: 'fastest: equal seeders, the smaller file wins',
      profile: BUILTIN_PROFILES.fastest,
      a: { size: 12 * GB },
      b: { size: 3 * GB },
      expect: 'b',
    },
    {
      why: 'fastest: H.265 preferred (smaller for the picture)',
      profile: BUILTIN_PROFILES.fastest,
      a: { parsed: { codec: 'H.265' } },
      b: {},
      expect: 'a',
    },
    {
      why: 'balanced: 1080p with 30 seeders beats 720p with 300',
      profile: BUILTIN_PROFILES['balanced-1080p'],
      a: { seeders: 30 },
      b: { seeders: 300, parsed: { quality: '720p' } },
      expect: 'a',
    },
    {
      why: 'balanced: an accepted 720p beats a rejected (too-large) 1080p',
      profile: BUILTIN_PROFILES['balanced-1080p'],
      a: { size: 30 * GB },
      b: { parsed: { quality: '720p' }, size: 4 * GB },
      expect: 'b',
    },
    {
      why: 'compact: the seasons 1–4 pack beats the season 2 pack when seasons 1–4 are wanted',
      profile: BUILTIN_PROFILES.compact,
      wanted: SERIES({ season: undefined, seasons: [1, 2, 3, 4] }),
      a: { parsed: pack([2]), seeders: 300, size: 5 * GB },
      b: { parsed: pack([1, 2, 3, 4]), size: 20 * GB },
      expect: 'b',
    },
    {
      why: 'compact: a season pack beats a single episode for a wanted season',
      profile: BUILTIN_PROFILES.compact,
      wanted: SERIES(),
      a: { parsed: ep(2, [1]), seeders: 500, size: 1 * GB },
      b: { parsed: pack([2]), size: 10 * GB },
      expect: 'b',
    },
    {
      why: 'the preferred codec wins an otherwise equal pair',
      profile: profile({ preferredCodec: 'h.265' }),
      a: {},
      b: { parsed: { codec: 'H.265' } },
      expect: 'b',
    },
    {
      why: 'a preferred studio beats an unlisted one',
      profile: profile({ preferredStudios: ['LostFilm'] }),
      a: { parsed: { voice: [{ kind: 'MVO', studio: 'Other' }] } },
      b: { parsed: { voice: [{ kind: 'MVO', studio: 'lostfilm' }] } },
      expect: 'b',
    },
    {
      why: 'the first preferred studio beats the second',
      profile: profile({ preferredStudios: ['Кубик в кубе', 'LostFilm'] }),
      a: { parsed: { voice: [{ kind: 'MVO', studio: 'LostFilm' }] } },
      b: { parsed: { voice: [{ kind: 'MVO', studio: 'Кубик в Кубе' }] } },
      expect: 'b',
    },
    {
      why: 'a preferred voice kind: DUB over MVO',
      profile: profile({ preferredVoiceKinds: ['DUB', 'MVO'] }),
      a: { parsed: { voice: [{ kind: 'MVO', studio: null }] } },
      b: { parsed: { voice: [{ kind: 'DUB', studio: null }] } },
      expect: 'b',
    },
    {
      why: 'preferred audio "original": an ORIG track wins',
      profile: profile({ preferredAudioLanguages: ['original'] }),
      a: { parsed: { voice: [{ kind: 'DUB', studio: null }] } },
      b: {
        parsed: {
          voice: [
            { kind: 'DUB', studio: null },
            { kind: 'ORIG', studio: null },
          ],
        },
      },
      expect: 'b',
    },
    {
      why: 'preferred audio "ru": any named voice-over is a Russian track',
      profile: profile({ preferredAudioLanguages: ['ru'] }),
      a: {},
      b: { parsed: { voice: [{ kind: 'AVO', studio: 'Гоблин' }] } },
      expect: 'b',
    },
    {
      why: 'a preferred word adds its points',
      profile: profile({ preferredWords: [{ pattern: 'proper|repack', points: 20 }] }),
      a: { title: 'The.Matrix.1999.PROPER' },
      b: {},
      expect: 'a',
    },
    {
      why: 'a negative preferred word pushes down without rejecting',
      profile: profile({ preferredWords: [{ pattern: 'hardsub', points: -30 }] }),
      a: { title: 'The.Matrix.HARDSUB' },
      b: {},
      expect: 'b',
    },
    { why: 'freeleech wins an otherwise equal pair', profile: best, a: {}, b: { downloadVolumeFactor: 0 }, expect: 'b' },
    { why: 'the exact year beats one year off', profile: best, a: { parsed: { year: 2000 } }, b: {}, expect: 'b' },
  ];
  it.each(rows)('$why', ({ profile: p, wanted = MOVIE, a, b, expect: winner }) => {
    const ca = cand(a);
    const cb = cand(b);
    // the loser goes first so input order cannot explain the result
    const ranked = run(wanted, winner === 'a' ? [cb, ca] : [ca, cb], p);
    expect(ranked[0].candidateId).toBe(winner === 'a' ? ca.id : cb.id);
    expect(explainWinner(ranked[1], ranked[0])).toMatch(
      new RegExp(`^"${ranked[0].title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`),
    );
  });
});

describe('decide: ties and order', () => {
  const best = BUILTIN_PROFILES['best-quality'];
  it('equal score: more seeders first (100 and 102 seeders round to the same points)', () => {
    const [x, y] = [cand({ seeders: 100 }), cand({ seeders: 102 })];
    const ranked = run(MOVIE, [x, y], best);
    expect(ranked[0].score).toBe(ranked[1].score);
    expect(ranked.map((d) => d.candidateId)).toEqual([y.id, x.id]);
    expect(explainWinner(ranked[0], ranked[1])).toContain('has more seeders (102 vs 100)');
  });
  it('equal score and seeders: the smaller first (best-quality does not score size)', () => {
    const [x, y] = [cand({ size: 9 * GB }), cand({ size: 7 * GB })];
    const ranked = run(MOVIE, [x, y], best);
    expect(ranked.map((d) => d.candidateId)).toEqual([y.id, x.id]);
    expect(explainWinner(ranked[0], ranked[1])).toContain('is smaller (7.0 GB vs 9.0 GB)');
  });
  it('all equal: input order is kept (stable)', () => {
    const xs = [cand(), cand(), cand()];
    expect(run(MOVIE, xs, best).map((d) => d.candidateId)).toEqual(xs.map((c) => c.id));
  });
  it('rejected come after accepted, whatever their score', () => {
    const rejected = cand({ parsed: { quality: '2160p', remux: true, hdr: true }, seeders: 1000, infoHash: 'dead' });
    const accepted = cand({ parsed: { quality: '480p', source: 'DVDRip' }, seeders: 1, size: 2 * GB });
    const ranked = run(MOVIE, [rejected, accepted], best, new Set(['dead']));
    expect(ranked.map((d) => [d.candidateId, d.accepted])).toEqual([
      [accepted.id, true],
      [rejected.id, false],
    ]);
    expect(ranked[1].score).toBeGreaterThan(ranked[0].score);
  });
  it('cutoff: 2160p and 1080p get the same top quality points, and say why', () => {
    const p = profile({ qualities: ['2160p', '1080p', '720p'], cutoff: '1080p' });
    const ranked = run(MOVIE, [cand({ parsed: { quality: '2160p' } }), cand(), cand({ parsed: { quality: '720p' } })], p);
    const q = ranked.map((d) => d.breakdown.find((f) => f.factor === 'quality')!);
    expect(q[0].points).toBe(q[1].points);
    expect(q[0].why).toContain('at or above the cutoff 1080p');
    expect(q[2].points).toBeLessThan(q[0].points);
  });
  it('notes say what was not checked', () => {
    const d = one(MOVIE, cand({ seeders: null, parsed: { source: null, quality: null } }), profile({ sources: ['BluRay'] }));
    expect(d.notes).toEqual([
      'source unknown: not checked against the allowed sources',
      'seeders unknown: minimum seeders not checked',
    ]);
  });
  it('an unvalidated profile with a bad regex fails with a clear error', () => {
    expect(() => decide(MOVIE, [cand()], { ...best, requiredWords: ['('] })).toThrow('invalid regular expression "("');
  });
});

describe('explainWinner', () => {
  const best = BUILTIN_PROFILES['best-quality'];
  const a = cand({ title: 'A 1080p BluRay', seeders: 10 });
  const b = cand({ title: 'B 720p WEB-DL', seeders: 900, parsed: { quality: '720p', source: 'WEB-DL' } });
  const [first, second] = run(MOVIE, [a, b], best);
  it('names the winning factors with values and points, and what the loser did better', () => {
    expect(explainWinner(first, second)).toBe(
      '"A 1080p BluRay" ranks above "B 720p WEB-DL" by 25 points (118 vs 93): quality 1080p vs 720p (+25), source BluRay vs WEB-DL (+7), despite seeders 900 vs 10 (-7).',
    );
  });
  it('reads the same whichever argument comes first', () =>
    expect(explainWinner(second, first)).toBe(explainWinner(first, second)));
  it('an accepted one beats a rejected one, and the sentence says why', () => {
    const [ok, bad] = run(MOVIE, [cand({ title: 'Good' }), cand({ title: 'Dead', seeders: 0 })], best);
    expect(explainWinner(bad, ok)).toBe('"Good" is accepted; "Dead" is rejected: no seeders: it cannot download.');
  });
});

describe('compactPlan: fewest torrents for seasons 1–4', () => {
  const wanted = SERIES({ season: undefined, seasons: [1, 2, 3, 4], episodeCounts: { 4: 2 } });
  const p12 = cand({ id: 'p12', parsed: pack([1, 2]) });
  const p3 = cand({ id: 'p3', parsed: pack([3]) });
  const p14 = cand({ id: 'p14', parsed: pack([1, 2, 3, 4]), seeders: 5 });
  const s4e1 = cand({ id: 's4e1', parsed: ep(4, [1]) });
  const s1e1 = cand({ id: 's1e1', parsed: ep(1, [1]) });
  const s4all = cand({ id: 's4all', parsed: ep(4, [1, 2]) });
  const plan = (cs: ReleaseCandidate[], blocklist?: string[]) =>
    compactPlan(wanted, run(wanted, cs, BUILTIN_PROFILES.compact, new Set(blocklist)), cs);

  const rows: Array<{ why: string; candidates: ReleaseCandidate[]; blocklist?: string[]; picks: string[]; uncovered: number[] }> =
    [
      { why: 'the 1–4 pack alone covers everything', candidates: [p12, p3, p14, s4e1, s1e1], picks: ['p14'], uncovered: [] },
      {
        why: 'without it: 1–2 then 3; singles never make a full season 4',
        candidates: [s4e1, p3, p12, s1e1],
        picks: ['p12', 'p3'],
        uncovered: [4],
      },
      {
        why: 'episodes 1–2 of a 2-episode season 4 are a full season',
        candidates: [p12, p3, s4e1, s4all],
        picks: ['p12', 'p3', 's4all'],
        uncovered: [],
      },
      {
        why: 'a blocklisted 1–4 pack is not planned',
        candidates: [p12, p3, p14],
        blocklist: ['hash14'],
        picks: ['p12', 'p3'],
        uncovered: [4],
      },
      { why: 'no candidates: everything uncovered', candidates: [], picks: [], uncovered: [1, 2, 3, 4] },
    ];
  it.each(rows)('$why', ({ candidates, blocklist, picks, uncovered }) => {
    const cs = candidates.map((c) => (c.id === 'p14' && blocklist ? { ...c, infoHash: 'HASH14' } : c));
    const result = plan(cs, blocklist);
    expect(result.picks.map((x) => x.candidateId)).toEqual(picks);
    expect(result.uncovered).toEqual(uncovered);
  });

  it('gives a reason per pick', () => {
    expect(plan([p12, p3, s4all]).picks.map((x) => x.reason)).toEqual([
      'covers season(s) 1-2: the most of the remaining 1-4',
      'covers season(s) 3: the most of the remaining 3-4; the highest score (84) of 2 candidates adding as many',
      'covers season(s) 4: all of the remaining 4',
    ]);
    expect(plan([p14]).picks[0]).toEqual({
      candidateId: 'p14',
      seasons: [1, 2, 3, 4],
      reason: 'covers season(s) 1-4: all of the remaining 1-4',
    });
  });

  it('equal coverage: the higher score wins and the reason says so', () => {
    const p14b = cand({ id: 'p14b', parsed: pack([1, 2, 3, 4], { quality: '720p' }) });
    const result = plan([p14b, p14]);
    expect(result.picks.map((x) => x.candidateId)).toEqual(['p14']);
    expect(result.picks[0].reason).toMatch(/; the highest score \(\d+\) of 2 candidates adding as many$/);
  });
});
