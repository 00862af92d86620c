import { describe, expect, it } from 'vitest';
import type { ContinueWatchingEntry } from '../api/api-types.js';
import {
  applyProgress,
  clock,
  isEmptyState,
  judgeProgress,
  markPlayed,
  mergeContinueWatching,
  nextUpEpisode,
  ProgressError,
  WATCH_RULES,
  type EpisodeSlot,
  type UnitState,
} from './watch-state.js';

const T1 = '2024-05-01T10:00:00.000Z';
const T2 = '2024-05-02T10:00:00.000Z';
const T3 = '2024-05-03T10:00:00.000Z';

describe('judgeProgress: a reported position → resume point, played or neither, with the rule that decided', () => {
  it.each([
    // [position, duration, outcome, reason]
    [0, 3600, 'none', 'under-a-minute'],
    [59.9, 3600, 'none', 'under-a-minute'],
    [60, 3600, 'none', 'near-start'], // a minute of an hour is under 5 %
    [179.9, 3600, 'none', 'near-start'],
    [180, 3600, 'resume', 'in-progress'], // exactly 5 %
    [754, 3600, 'resume', 'in-progress'],
    [3239.9, 3600, 'resume', 'in-progress'],
    [3240, 3600, 'played', 'reached-end'], // exactly 90 %
    [3599, 3600, 'played', 'reached-end'],
    [3600, 3600, 'played', 'reached-end'],
    [3600.5, 3600, 'played', 'reached-end'], // a hair past the end: clamped
    [60, 600, 'resume', 'in-progress'], // a 10-minute episode: one minute is 10 %
    [59, 600, 'none', 'under-a-minute'],
    [20, 30, 'none', 'under-a-minute'], // a 30 s clip has no resume point…
    [27, 30, 'played', 'reached-end'], // …but can be played
    [26.9, 30, 'none', 'under-a-minute'],
    [0, 0.5, 'none', 'under-a-minute'],
  ] as const)('%s s of %s s → %s (%s)', (position, duration, outcome, reason) => {
    const j = judgeProgress(position, duration);
    expect([j.outcome, j.reason]).toEqual([outcome, reason]);
    expect(j.positionSec).toBe(Math.min(position, duration));
    expect(j.fraction).toBeCloseTo(Math.min(position, duration) / duration, 9);
  });

  it('explains itself in words with the numbers', () => {
    expect(judgeProgress(754, 3600).message).toBe('Resume point at 12:34 (21 %)');
    expect(judgeProgress(3300, 3600).message).toBe('Watched 92 % (90 % or more counts as played)');
    expect(judgeProgress(42, 3600).message).toBe('Only 0:42 in (under 60 s): no resume point');
    expect(judgeProgress(90, 3600).message).toBe('Only 3 % in (under 5 %): no resume point');
    expect(judgeProgress(4000, 7200).message).toBe('Resume point at 1:06:40 (56 %)');
  });

  it.each([
    [-1, 3600, /positionSec must be 0 or more/],
    [Number.NaN, 3600, /positionSec must be 0 or more/],
    [Number.POSITIVE_INFINITY, 3600, /positionSec must be 0 or more/],
    [10, 0, /durationSec must be a positive/],
    [10, -5, /durationSec must be a positive/],
    [10, Number.NaN, /durationSec must be a positive/],
    [10, Number.POSITIVE_INFINITY, /durationSec must be a positive/],
    [3601.5, 3600, /positionSec 3601.5 is past the end of the video \(durationSec 3600\)/],
    [5000, 3600, /past the end/],
  ])('rejects position %s of duration %s as a user error', (position, duration, message) => {
    expect(() => judgeProgress(position, duration)).toThrow(ProgressError);
    expect(() => judgeProgress(position, duration)).toThrow(message);
  });

  it('takes other thresholds (the rules are data)', () => {
    const rules = { ...WATCH_RULES, minResumeSec: 0, minResumeFraction: 0, playedFraction: 0.95 };
    expect(judgeProgress(1, 100, rules).outcome).toBe('resume');
    expect(judgeProgress(94, 100, rules).outcome).toBe('resume');
    expect(judgeProgress(95, 100, rules).outcome).toBe('played');
  });

  it('clock() writes m:ss under an hour and h:mm:ss above', () => {
    expect([clock(0), clock(5.9), clock(65), clock(3599), clock(3600), clock(36_061), clock(-3)]).toEqual([
      '0:00',
      '0:05',
      '1:05',
      '59:59',
      '1:00:00',
      '10:01:01',
      '0:00',
    ]);
  });
});

const state = (over: Partial<UnitState> = {}): UnitState => ({
  played: false,
  playCount: 0,
  positionSec: null,
  durationSec: 3600,
  fileId: 1,
  updatedAt: T1,
  ...over,
});

describe('applyProgress: the state after a report', () => {
  it('a first report in the resume range makes a resume point', () => {
    expect(applyProgress(null, judgeProgress(754, 3600), 7, T2)).toEqual({
      played: false,
      playCount: 0,
      positionSec: 754,
      durationSec: 3600,
      fileId: 7,
      updatedAt: T2,
    });
  });

  it('a first report in the first minute keeps nothing (no row)', () => {
    expect(applyProgress(null, judgeProgress(30, 3600), 7, T2)).toBeNull();
  });

  it('going back to the start (Start over) clears the resume point', () => {
    expect(applyProgress(state({ positionSec: 1200 }), judgeProgress(20, 3600), 1, T2)).toBeNull();
  });

  it('reaching 90 % marks played, counts one play and clears the resume point', () => {
    expect(applyProgress(state({ positionSec: 1200 }), judgeProgress(3300, 3600), 1, T2)).toEqual(
      state({ played: true, playCount: 1, positionSec: null, updatedAt: T2 }),
    );
  });

  it('reports after the end (credits rolling) do not count more plays', () => {
    const played = state({ played: true, playCount: 1 });
    expect(applyProgress(played, judgeProgress(3400, 3600), 1, T2)?.playCount).toBe(1);
    expect(applyProgress(played, judgeProgress(3600, 3600), 1, T2)?.playCount).toBe(1);
  });

  it('rewatching keeps the played mark with a resume point, and finishing again counts a second play', () => {
    const rewatching = applyProgress(state({ played: true, playCount: 1 }), judgeProgress(1800, 3600), 1, T2)!;
    expect(rewatching).toMatchObject({ played: true, playCount: 1, positionSec: 1800 });
    expect(applyProgress(rewatching, judgeProgress(3500, 3600), 1, T3)).toMatchObject({
      played: true,
      playCount: 2,
      positionSec: null,
      updatedAt: T3,
    });
  });

  it('a played item stays played when its rewatch goes back to the start', () => {
    const next = applyProgress(state({ played: true, playCount: 2, positionSec: 900 }), judgeProgress(10, 3600), 1, T2);
    expect(next).toMatchObject({ played: true, playCount: 2, positionSec: null });
  });

  it('remembers the file and duration of the latest report', () => {
    expect(applyProgress(state({ positionSec: 900, fileId: 1 }), judgeProgress(1000, 2400), 9, T2)).toMatchObject({
      fileId: 9,
      durationSec: 2400,
      positionSec: 1000,
    });
  });
});

describe('markPlayed / isEmptyState', () => {
  it('marks an unwatched item played with one play', () => {
    expect(markPlayed(null, T2)).toEqual({
      played: true,
      playCount: 1,
      positionSec: null,
      durationSec: null,
      fileId: null,
      updatedAt: T2,
    });
  });

  it('marking a half-watched item drops its resume point', () => {
    expect(markPlayed(state({ positionSec: 1000 }), T2)).toEqual(state({ played: true, playCount: 1, updatedAt: T2 }));
  });

  it('marking an item already played changes nothing (a whole series marked again keeps its dates and counts)', () => {
    const played = state({ played: true, playCount: 3 });
    expect(markPlayed(played, T3)).toBe(played);
  });

  it('empty means nothing worth a row', () => {
    expect(isEmptyState(null)).toBe(true);
    expect(isEmptyState(state())).toBe(true);
    expect(isEmptyState(state({ positionSec: 100 }))).toBe(false);
    expect(isEmptyState(state({ played: true }))).toBe(false);
    expect(isEmptyState(state({ playCount: 1 }))).toBe(false);
  });
});

let nextId = 100;
const ep = (season: number, number: number, s: Partial<UnitState> | null = null): EpisodeSlot => ({
  episodeId: nextId++,
  season,
  number,
  state: s ? state(s) : null,
});

describe('nextUpEpisode: the series\u2019 next episode (Jellyfin\u2019s Next up)', () => {
  it('nobody started the series: none', () => {
    expect(nextUpEpisode([ep(1, 1), ep(1, 2)])).toBeNull();
  });

  it('after the last played episode, the first unplayed one', () => {
    const e2 = ep(1, 2);
    const result = nextUpEpisode([ep(1, 1, { played: true, updatedAt: T2 }), e2, ep(1, 3)]);
    expect(result?.episode).toBe(e2);
    expect(result?.lastWatchedAt).toBe(T2);
  });

  it('crosses into the next season, whatever order the list came in', () => {
    const s2e1 = ep(2, 1);
    const result = nextUpEpisode([s2e1, ep(1, 2, { played: true }), ep(1, 1, { played: true })]);
    expect(result?.episode).toBe(s2e1);
    expect(result?.after).toMatchObject({ season: 1, number: 2 });
  });

  it('goes from the highest played episode, not the earliest gap (skipped episodes stay skipped)', () => {
    const e5 = ep(1, 5);
    expect(nextUpEpisode([ep(1, 1, { played: true }), ep(1, 2), ep(1, 3), ep(1, 4, { played: true }), e5])?.episode).toBe(e5);
  });

  it('skips episodes already played after the last point (marked by hand)', () => {
    const e4 = ep(1, 4);
    expect(nextUpEpisode([ep(1, 1, { played: true }), ep(1, 2, { played: true }), ep(1, 3, { played: true }), e4])?.episode).toBe(
      e4,
    );
  });

  it('a series played to its last episode has none', () => {
    expect(nextUpEpisode([ep(1, 1, { played: true }), ep(1, 2, { played: true })])).toBeNull();
  });

  it('ignores specials: neither a starting point nor a candidate', () => {
    expect(nextUpEpisode([ep(0, 1, { played: true }), ep(1, 1)])).toBeNull();
    const e2 = ep(1, 2);
    expect(nextUpEpisode([ep(1, 1, { played: true }), ep(0, 1), e2])?.episode).toBe(e2);
  });

  it('a half-watched next episode is still the next one (the row shows it as a resume card)', () => {
    const e2 = ep(1, 2, { positionSec: 300, updatedAt: T3 });
    const result = nextUpEpisode([ep(1, 1, { played: true, updatedAt: T1 }), e2]);
    expect(result?.episode).toBe(e2);
    expect(result?.lastWatchedAt).toBe(T3);
  });

  it('an empty series has none', () => {
    expect(nextUpEpisode([])).toBeNull();
  });
});

const entry = (over: Partial<ContinueWatchingEntry> & { fileId: number; lastWatchedAt: string }): ContinueWatchingEntry => ({
  kind: 'resume',
  item: { id: 1, type: 'movie', title: 'A', year: null },
  episode: null,
  positionSec: 100,
  durationSec: 1000,
  ...over,
});

describe('mergeContinueWatching: one row, most recent first', () => {
  it('interleaves resume and next-up cards by when they were last watched', () => {
    const movie = entry({ fileId: 1, lastWatchedAt: T1 });
    const next = entry({
      kind: 'next-up',
      fileId: 2,
      lastWatchedAt: T3,
      item: { id: 2, type: 'series', title: 'S', year: null },
      episode: { id: 20, season: 1, number: 2, title: null },
      positionSec: null,
    });
    const episode = entry({
      fileId: 3,
      lastWatchedAt: T2,
      item: { id: 3, type: 'series', title: 'T', year: null },
      episode: { id: 30, season: 1, number: 1, title: null },
    });
    expect(mergeContinueWatching([movie, episode], [next], 10).map((e) => e.fileId)).toEqual([2, 3, 1]);
  });

  it('a file holding two episodes shows once', () => {
    const a = entry({ fileId: 5, lastWatchedAt: T2, episode: { id: 1, season: 1, number: 1, title: null } });
    const b = entry({ fileId: 5, lastWatchedAt: T2, episode: { id: 2, season: 1, number: 2, title: null } });
    expect(mergeContinueWatching([a, b], [], 10)).toEqual([a]);
  });

  it('a next-up episode that is half-watched shows only as its resume card', () => {
    const resume = entry({ fileId: 5, lastWatchedAt: T2, episode: { id: 9, season: 1, number: 2, title: null } });
    const next = entry({ kind: 'next-up', fileId: 6, lastWatchedAt: T3, episode: { id: 9, season: 1, number: 2, title: null } });
    expect(mergeContinueWatching([resume], [next], 10)).toEqual([resume]);
  });

  it('on a tie the resume card comes first; the limit cuts the oldest', () => {
    const resume = entry({ fileId: 1, lastWatchedAt: T2 });
    const next = entry({
      kind: 'next-up',
      fileId: 2,
      lastWatchedAt: T2,
      item: { id: 2, type: 'series', title: 'S', year: null },
    });
    const old = entry({ fileId: 3, lastWatchedAt: T1, item: { id: 3, type: 'movie', title: 'O', year: null } });
    expect(mergeContinueWatching([old, resume], [next], 2).map((e) => e.fileId)).toEqual([1, 2]);
    expect(mergeContinueWatching([old, resume], [next], 0)).toEqual([]);
  });
});
