import { describe, expect, it } from 'vitest';
import type { ContinueWatchingEntry, EpisodeWatchState, ItemWatchSummary } from '../../app/api/api-types';
import {
  cardWatch,
  clockLabel,
  continueForTab,
  continueLines,
  continuePlayTitle,
  episodeWatch,
  playedToggleText,
  progressFraction,
  resumeLabel,
  seasonPlayed,
  timeLeftLabel,
} from './watch-format';

const movie = (over: Partial<ItemWatchSummary> = {}): ItemWatchSummary => ({
  itemId: 1,
  played: false,
  positionSec: null,
  durationSec: null,
  playedEpisodes: 0,
  totalEpisodes: 0,
  lastWatchedAt: '2024-05-01T10:00:00.000Z',
  ...over,
});

const episodeState = (season: number, number: number, over: Partial<EpisodeWatchState> = {}): EpisodeWatchState => ({
  episodeId: season * 100 + number,
  season,
  number,
  played: false,
  playCount: 0,
  positionSec: null,
  durationSec: null,
  lastWatchedAt: null,
  ...over,
});

const entry = (over: Partial<ContinueWatchingEntry> = {}): ContinueWatchingEntry => ({
  kind: 'resume',
  item: { id: 1, type: 'movie', title: 'Alien', year: 1979 },
  episode: null,
  fileId: 5,
  positionSec: 754,
  durationSec: 7000,
  lastWatchedAt: '2024-05-01T10:00:00.000Z',
  ...over,
});

describe('progress and time words', () => {
  it('progressFraction is 0..1, null without a resume point or duration', () => {
    expect(progressFraction(900, 3600)).toBe(0.25);
    expect(progressFraction(4000, 3600)).toBe(1);
    expect(progressFraction(-5, 3600)).toBe(0);
    expect([progressFraction(null, 3600), progressFraction(10, null), progressFraction(10, 0)]).toEqual([null, null, null]);
  });

  it('clocks and resume labels', () => {
    expect([clockLabel(0), clockLabel(247), clockLabel(754.9), clockLabel(3723)]).toEqual(['0:00', '4:07', '12:34', '1:02:03']);
    expect(resumeLabel(754)).toBe('Resume from 12:34');
  });

  it('time left in minutes and hours', () => {
    expect(timeLeftLabel(3550, 3600)).toBe('under a minute left');
    expect(timeLeftLabel(2220, 3600)).toBe('23 min left');
    expect(timeLeftLabel(0, 3900)).toBe('1 h 5 min left');
    expect(timeLeftLabel(0, 7200)).toBe('2 h left');
    expect(timeLeftLabel(null, 3600)).toBeNull();
    expect(timeLeftLabel(10, null)).toBeNull();
  });
});

describe('cardWatch: the library card', () => {
  it('nothing for an item never watched', () => {
    expect(cardWatch(undefined)).toEqual({ played: false, progress: null, label: null });
  });

  it('a half-watched movie: a bar and where it resumes', () => {
    expect(cardWatch(movie({ positionSec: 1800, durationSec: 7200 }))).toEqual({
      played: false,
      progress: 0.25,
      label: 'Resume from 30:00 · 1 h 30 min left',
    });
  });

  it('a played movie: the check mark; being rewatched: both', () => {
    expect(cardWatch(movie({ played: true }))).toEqual({ played: true, progress: null, label: 'Watched' });
    expect(cardWatch(movie({ played: true, positionSec: 600, durationSec: 6000 }))).toMatchObject({
      played: true,
      progress: 0.1,
      label: 'Watched · Resume from 10:00 · 1 h 30 min left',
    });
  });

  it('a series: the share of episodes played, the check mark when all are', () => {
    expect(cardWatch(movie({ playedEpisodes: 3, totalEpisodes: 12 }))).toEqual({
      played: false,
      progress: 0.25,
      label: '3 of 12 episodes watched',
    });
    expect(cardWatch(movie({ played: true, playedEpisodes: 12, totalEpisodes: 12 }))).toEqual({
      played: true,
      progress: null,
      label: 'All 12 episodes watched',
    });
    // only a half-watched episode: nothing on the series card yet
    expect(cardWatch(movie({ playedEpisodes: 0, totalEpisodes: 12 }))).toEqual({ played: false, progress: null, label: null });
  });
});

describe('episodes and seasons', () => {
  it('episodeWatch: bar with the resume point, check when played', () => {
    expect(episodeWatch(undefined).played).toBe(false);
    expect(episodeWatch(episodeState(1, 1, { positionSec: 600, durationSec: 2400 }))).toEqual({
      played: false,
      progress: 0.25,
      label: 'Resume from 10:00 · 30 min left',
    });
    expect(episodeWatch(episodeState(1, 2, { played: true }))).toEqual({ played: true, progress: null, label: 'Watched' });
  });

  it('seasonPlayed: all, some or none of a season', () => {
    const states = [episodeState(1, 1, { played: true }), episodeState(1, 2, { played: true }), episodeState(2, 1)];
    expect(seasonPlayed(states, 1)).toBe('all');
    expect(seasonPlayed(states, 2)).toBe('none');
    expect(seasonPlayed([...states, episodeState(2, 2, { played: true })], 2)).toBe('some');
    expect(seasonPlayed(states, 3)).toBe('none');
  });
});

describe('playedToggleText', () => {
  it('names what it marks, and says when it is played', () => {
    expect(playedToggleText(false, 'season')).toBe('Mark season played');
    expect(playedToggleText(true, 'season')).toBe('✓ Season played');
    expect(playedToggleText(true, 'movie')).toBe('✓ Movie played');
    expect(playedToggleText(false, 'series')).toBe('Mark series played');
    expect([playedToggleText(false, 'episode'), playedToggleText(true, 'episode')]).toEqual(['Mark played', '✓ Played']);
  });
});

describe('continue-watching cards', () => {
  const episode = entry({
    item: { id: 2, type: 'series', title: 'Dark', year: 2017 },
    episode: { id: 9, season: 1, number: 2, title: 'Lies' },
  });

  it('lines: a movie with its year, an episode with its code and title, next-up says so', () => {
    expect(continueLines(entry())).toEqual({ title: 'Alien', subtitle: '1979' });
    expect(continueLines(entry({ item: { id: 1, type: 'movie', title: 'X', year: null } }))).toEqual({
      title: 'X',
      subtitle: null,
    });
    expect(continueLines(episode)).toEqual({ title: 'Dark', subtitle: 'S01E02 · Lies' });
    expect(continueLines({ ...episode, kind: 'next-up', episode: { id: 9, season: 2, number: 1, title: null } })).toEqual({
      title: 'Dark',
      subtitle: 'Next · S02E01',
    });
  });

  it('the player title matches the item page', () => {
    expect(continuePlayTitle(entry())).toBe('Alien (1979)');
    expect(continuePlayTitle(episode)).toBe('Dark — S01E02 — Lies');
  });

  it('follows the library tab', () => {
    const both = [entry(), episode];
    expect(continueForTab(both, 'all')).toEqual(both);
    expect(continueForTab(both, 'movie')).toEqual([both[0]]);
    expect(continueForTab(both, 'series')).toEqual([episode]);
  });
});
