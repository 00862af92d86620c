import { describe, expect, it } from 'vitest';
import {
  buildReport,
  knownDuration,
  ProgressTracker,
  readablePosition,
  resumePoint,
  worthReporting,
  type PlaybackSnapshot,
} from './watch-progress';

const video = (over: Partial<PlaybackSnapshot> = {}): PlaybackSnapshot => ({
  readyState: 4,
  seeking: false,
  currentTime: 0,
  duration: 3600,
  ...over,
});

describe('readablePosition / knownDuration', () => {
  it('reads currentTime only once metadata is there and no seek is under way', () => {
    expect(readablePosition(video({ currentTime: 754 }))).toBe(754);
    expect(readablePosition(video({ currentTime: 754, readyState: 1 }))).toBe(754);
    expect(readablePosition(video({ currentTime: 0, readyState: 0 }))).toBeNull();
    expect(readablePosition(video({ currentTime: 900, seeking: true }))).toBeNull();
    expect(readablePosition(video({ currentTime: Number.NaN }))).toBeNull();
    expect(readablePosition(video({ currentTime: -1 }))).toBeNull();
  });

  it('a duration is known when finite and positive (a live or loading HLS stream says Infinity or NaN)', () => {
    expect(knownDuration(3600)).toBe(3600);
    expect([knownDuration(Number.POSITIVE_INFINITY), knownDuration(Number.NaN), knownDuration(0)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('buildReport / worthReporting / resumePoint', () => {
  it('clamps to the duration, rounds to the millisecond and leaves an unknown duration out', () => {
    expect(buildReport(3600.0004, 3600, true)).toEqual({ positionSec: 3600, durationSec: 3600, paused: true });
    expect(buildReport(12.34567, 60, false)).toEqual({ positionSec: 12.346, durationSec: 60, paused: false });
    expect(buildReport(500, undefined, false)).toEqual({ positionSec: 500, paused: false });
    expect(buildReport(-2, 60, false).positionSec).toBe(0);
  });

  it('periodic reports need a second of movement; forced ones any change', () => {
    const last = { positionSec: 100, durationSec: 3600, paused: false };
    expect(worthReporting(null, last, false)).toBe(true);
    expect(worthReporting(last, { ...last, positionSec: 100.5 }, false)).toBe(false);
    expect(worthReporting(last, { ...last, positionSec: 101 }, false)).toBe(true);
    expect(worthReporting(last, { ...last, positionSec: 99 }, false)).toBe(true); // went back
    expect(worthReporting(last, { ...last, positionSec: 100.5 }, true)).toBe(true);
    expect(worthReporting(last, { ...last, paused: true }, true)).toBe(true);
    expect(worthReporting(last, { ...last }, true)).toBe(false); // the same report twice (pagehide, then unmount)
  });

  it('offers a resume point only for a real position', () => {
    expect(resumePoint({ fileId: 1, positionSec: 754, durationSec: 3600, played: false, lastWatchedAt: 'x' })).toBe(754);
    expect(resumePoint({ fileId: 1, positionSec: null, durationSec: null, played: true, lastWatchedAt: 'x' })).toBeNull();
    expect(resumePoint({ fileId: 1, positionSec: 0, durationSec: 10, played: false, lastWatchedAt: null })).toBeNull();
    expect(resumePoint(null)).toBeNull();
  });
});

describe('ProgressTracker', () => {
  it('says nothing until enabled (the resume prompt is waiting), whatever the video does', () => {
    const t = new ProgressTracker();
    t.observe(video({ currentTime: 5 }));
    expect(t.next(video({ currentTime: 12 }), { paused: false })).toBeNull();
    expect(t.next(null, { paused: true, force: true })).toBeNull();
    expect(t.isEnabled()).toBe(false);
  });

  it('reports every tick while playing, skipping ticks without movement', () => {
    const t = new ProgressTracker();
    t.enable(null);
    expect(t.next(video({ currentTime: 10 }), { paused: false })).toEqual({ positionSec: 10, durationSec: 3600, paused: false });
    expect(t.next(video({ currentTime: 10.2 }), { paused: false })).toBeNull();
    expect(t.next(video({ currentTime: 20 }), { paused: false })).toEqual({ positionSec: 20, durationSec: 3600, paused: false });
  });

  it('no periodic report during a seek or before metadata; the forced one sends the last good position', () => {
    const t = new ProgressTracker();
    t.enable(null);
    t.observe(video({ currentTime: 300 }));
    expect(t.next(video({ currentTime: 2000, seeking: true }), { paused: false })).toBeNull();
    expect(t.next(video({ currentTime: 0, readyState: 0 }), { paused: false })).toBeNull();
    // leaving while the element is already emptied (currentTime 0, no metadata): the position before counts
    expect(t.next(video({ currentTime: 0, readyState: 0 }), { paused: true, force: true })).toEqual({
      positionSec: 300,
      durationSec: 3600,
      paused: true,
    });
  });

  it('resuming starts from the resume point even before the seek lands, so leaving at once keeps it', () => {
    const t = new ProgressTracker();
    t.observe(video({ currentTime: 0, readyState: 1 })); // metadata loaded at 0 while the prompt waited
    t.enable(754);
    expect(t.next(null, { paused: true, force: true })).toEqual({ positionSec: 754, durationSec: 3600, paused: true });
  });

  it('starting over reports nothing until playback is seen', () => {
    const t = new ProgressTracker();
    t.observe(video({ currentTime: 0 }));
    t.enable(null);
    expect(t.next(null, { paused: true, force: true })).toBeNull();
    t.observe(video({ currentTime: 42 }));
    expect(t.next(null, { paused: true, force: true })).toMatchObject({ positionSec: 42 });
  });

  it('the end is reported at the duration; the same report is not sent twice', () => {
    const t = new ProgressTracker();
    t.enable(null);
    const ended = video({ currentTime: 3600.01 });
    expect(t.next(ended, { paused: true, force: true })).toEqual({ positionSec: 3600, durationSec: 3600, paused: true });
    expect(t.next(ended, { paused: true, force: true })).toBeNull();
  });

  it('keeps the last known duration when the element stops knowing it', () => {
    const t = new ProgressTracker();
    t.enable(null);
    t.observe(video({ currentTime: 100, duration: 1800 }));
    t.observe(video({ currentTime: 110, duration: Number.NaN }));
    expect(t.next(null, { paused: true, force: true })).toEqual({ positionSec: 110, durationSec: 1800, paused: true });
  });
});
