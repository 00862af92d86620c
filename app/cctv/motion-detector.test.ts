import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MOTION,
  FrameComparer,
  maskMap,
  MotionEvents,
  pixelThreshold,
  type FrameVerdict,
  type MotionSettings,
} from './motion-detector.js';

const W = 64;
const H = 36;
const settings = (over: Partial<MotionSettings> = {}): MotionSettings => ({ ...DEFAULT_MOTION, width: W, height: H, ...over });

/** A grey frame with a bright square at (x, y). */
function frame(square: { x: number; y: number; size: number } | null = null, level = 40): Uint8Array {
  const f = new Uint8Array(W * H).fill(level);
  if (square) {
    for (let y = square.y; y < Math.min(H, square.y + square.size); y++)
      f.fill(230, y * W + square.x, y * W + Math.min(W, square.x + square.size));
  }
  return f;
}

describe('FrameComparer', () => {
  it('the first frame is only the background; the same scene again is no motion', () => {
    const c = new FrameComparer(settings());
    expect(c.push(frame())).toEqual({ changedArea: 0, motion: false });
    expect(c.push(frame())).toEqual({ changedArea: 0, motion: false });
  });

  it('a bright object appearing is motion, sized by its area', () => {
    const c = new FrameComparer(settings());
    c.push(frame());
    const v = c.push(frame({ x: 10, y: 10, size: 8 }));
    expect(v.motion).toBe(true);
    expect(v.changedArea).toBeCloseTo(64 / (W * H), 5);
  });

  it('a change smaller than the minimum area is not motion', () => {
    const c = new FrameComparer(settings({ minArea: 0.05 }));
    c.push(frame());
    expect(c.push(frame({ x: 0, y: 0, size: 4 })).motion).toBe(false);
  });

  it('changes inside a masked zone do not count', () => {
    const c = new FrameComparer(settings({ masks: [{ x: 0, y: 0, width: 0.5, height: 1 }] }));
    c.push(frame());
    expect(c.push(frame({ x: 4, y: 4, size: 10 })).motion).toBe(false);
    expect(c.push(frame({ x: 40, y: 4, size: 10 })).motion).toBe(true);
  });

  it('a uniform light change smaller than the threshold (clouds, auto exposure) is not motion', () => {
    const c = new FrameComparer(settings({ sensitivity: 60 }));
    c.push(frame(null, 40));
    expect(c.push(frame(null, 40 + pixelThreshold(60) - 1)).motion).toBe(false);
  });

  it('the background follows a scene that changed for good, so it stops being motion', () => {
    const c = new FrameComparer(settings({ backgroundRate: 0.5 }));
    c.push(frame());
    const moved = frame({ x: 20, y: 10, size: 10 });
    const verdicts = Array.from({ length: 8 }, () => c.push(moved).motion);
    expect(verdicts[0]).toBe(true);
    expect(verdicts.at(-1)).toBe(false);
  });

  it('rejects a frame of the wrong size', () => {
    expect(() => new FrameComparer(settings()).push(new Uint8Array(10))).toThrow(/expected 2304 \(64×36 grey\)/);
  });

  it.each([
    [1, 80],
    [100, 8],
    [0, 80],
    [200, 8],
  ])('sensitivity %i → a pixel must change by more than %i grey levels', (sensitivity, threshold) => {
    expect(pixelThreshold(sensitivity)).toBe(threshold);
  });

  it('masks are clipped to the picture', () => {
    const map = maskMap({ width: 4, height: 2, masks: [{ x: 0.5, y: -1, width: 5, height: 1.5 }] });
    expect([...map]).toEqual([1, 1, 0, 0, 1, 1, 1, 1]);
  });
});

describe('MotionEvents', () => {
  const m = (motion: boolean, changedArea = motion ? 0.1 : 0): FrameVerdict => ({ motion, changedArea });

  it('starts after the set number of motion frames in a row, ends after the quiet spell, with the peak area', () => {
    const events = new MotionEvents({ startFrames: 2, quietSec: 5 });
    const out = [
      events.push(m(true), 0),
      events.push(m(false), 0.5),
      events.push(m(true), 1),
      events.push(m(true, 0.3), 1.5),
      events.push(m(true, 0.2), 2),
      events.push(m(false), 4),
      events.push(m(false), 6.9),
      events.push(m(false), 7.1),
    ];
    expect(out.filter(Boolean)).toEqual([
      { type: 'start', atSec: 1.5, changedArea: 0.3 },
      { type: 'end', atSec: 7.1, startedSec: 1.5, peakArea: 0.3 },
    ]);
    expect(events.inEvent).toBe(false);
  });

  it('a lone flicker never starts an event', () => {
    const events = new MotionEvents({ startFrames: 3, quietSec: 1 });
    const out = [true, false, true, true, false, true].map((motion, i) => events.push(m(motion), i));
    expect(out.every((e) => e === null)).toBe(true);
  });

  it('flush ends a running event when the stream stops', () => {
    const events = new MotionEvents({ startFrames: 1, quietSec: 60 });
    events.push(m(true), 10);
    expect(events.flush(12)).toEqual({ type: 'end', atSec: 12, startedSec: 10, peakArea: 0.1 });
    expect(events.flush(13)).toBeNull();
  });
});

describe('on real video decoded by ffmpeg (2 fps, 64×36 grey)', () => {
  /** Frames of a generated clip: what the camera's sub-stream gives the detector. */
  function frames(source: string): Uint8Array[] {
    const raw = execFileSync(
      'ffmpeg',
      [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        source,
        '-t',
        '8',
        '-vf',
        `fps=2,scale=${W}:${H},format=gray`,
        '-f',
        'rawvideo',
        'pipe:1',
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const out: Uint8Array[] = [];
    for (let i = 0; i + W * H <= raw.length; i += W * H) out.push(new Uint8Array(raw.subarray(i, i + W * H)));
    return out;
  }

  function events(source: string): string[] {
    const comparer = new FrameComparer(settings());
    const machine = new MotionEvents(settings());
    const seen: string[] = [];
    frames(source).forEach((f, i) => {
      const e = machine.push(comparer.push(f), i / 2);
      if (e) seen.push(e.type);
    });
    return seen;
  }

  it('a square crossing the picture starts an event', () => {
    // (drawbox does not move with t in ffmpeg 5.1; an overlay does)
    const moving =
      "color=c=black:s=320x180:r=10[bg];color=c=white:s=40x40:r=10[box];[bg][box]overlay=x='mod(t*60,280)':y=70[out0]";
    expect(events(moving)).toContain('start');
  });

  it('a static scene with sensor noise does not', () => {
    expect(events('color=c=0x404040:s=320x180:r=10,noise=alls=12:allf=t')).toEqual([]);
  });
});
