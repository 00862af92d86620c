import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  clipRangeProblem,
  dayWindow,
  hasFootage,
  layoutSpans,
  panWindow,
  piecesFromSpans,
  playlistPositionFor,
  shiftDay,
  spanAt,
  tickStepMinutes,
  ticks,
  timeToX,
  wallClockAt,
  xToTime,
  zoomWindow,
} from './camera-timeline';

// local times, so the tables hold in any time zone
const at = (h: number, m = 0, s = 0) => new Date(2025, 4, 5, h, m, s).getTime();
const day = dayWindow(at(13, 7));

describe('days and zoom windows', () => {
  it('a day runs from local midnight to the next', () => {
    expect(day).toEqual({ start: at(0), end: new Date(2025, 4, 6).getTime() });
    expect(shiftDay(day, -1)).toEqual({ start: new Date(2025, 4, 4).getTime(), end: at(0) });
    expect(shiftDay(day, 1).start).toBe(day.end);
  });

  it.each([
    [24, at(13), at(0), day.end],
    [6, at(12), at(9), at(15)],
    [6, at(1), at(0), at(6)], // kept inside the day at its start
    [6, at(23, 30), at(18), day.end], // … and at its end
    [1, at(10, 30), at(10), at(11)],
  ] as const)('zoom %i h around a focus', (hours, focus, start, end) => {
    expect(zoomWindow(day, hours, focus)).toEqual({ start, end });
  });

  it('panning moves by a share of the window and stops at the day edges', () => {
    const view = { start: at(9), end: at(15) };
    expect(panWindow(day, view, 0.5)).toEqual({ start: at(12), end: at(18) });
    expect(panWindow(day, view, -5)).toEqual({ start: at(0), end: at(6) });
    expect(panWindow(day, view, 5)).toEqual({ start: at(18), end: day.end });
  });
});

describe('time <-> x', () => {
  const view = { start: at(10), end: at(11) };
  it.each([
    [at(10), 0],
    [at(10, 30), 300],
    [at(11), 600],
  ])('time %i is at x %i on a 600 px bar', (ms, x) => {
    expect(timeToX(ms, view, 600)).toBe(x);
    expect(xToTime(x, view, 600)).toBe(ms);
  });

  it('x outside the bar clamps to its ends', () => {
    expect(xToTime(-20, view, 600)).toBe(at(10));
    expect(xToTime(900, view, 600)).toBe(at(11));
  });
});

describe('span layout', () => {
  const view = { start: at(10), end: at(11) };
  it('clips to the view, keeps tiny spans visible and draws event spans last (on top)', () => {
    const boxes = layoutSpans(
      [
        { start: at(10, 30), end: at(10, 30, 1), event: true },
        { start: at(9), end: at(10, 15), event: false },
        { start: at(10, 45), end: at(12), event: false },
        { start: at(12), end: at(13), event: false }, // outside: left out
      ],
      view,
      600,
    );
    expect(boxes.map((b) => [Math.round(b.left), Math.round(b.width), b.event])).toEqual([
      [0, 150, false],
      [450, 150, false],
      [300, 2, true],
    ]);
  });
});

describe('ticks', () => {
  it.each([
    [{ start: at(0), end: day.end }, 120],
    [{ start: at(9), end: at(15) }, 30],
    [{ start: at(10), end: at(11) }, 10],
  ])('step for %o is %i min', (view, step) => {
    expect(tickStepMinutes(view)).toBe(step);
  });

  it.each([
    [{ start: at(0), end: day.end }, 1200, 120],
    [{ start: at(0), end: day.end }, 340, 240], // a phone: fewer labels that don't overlap
    [{ start: at(0), end: day.end }, 240, 360],
    [{ start: at(9), end: at(15) }, 340, 60],
    [{ start: at(10), end: at(11) }, 340, 10],
    [{ start: at(10), end: at(11) }, 300, 15],
  ])('on a narrow bar, step for %o at %i px is %i min', (view, width, step) => {
    expect(tickStepMinutes(view, width)).toBe(step);
  });

  it('ticks fall on clock boundaries with HH:MM labels', () => {
    const list = ticks({ start: at(10, 4), end: at(11, 4) }, 600);
    expect(list.map((t) => t.label)).toEqual(['10:10', '10:20', '10:30', '10:40', '10:50', '11:00']);
    expect(list[0].x).toBeCloseTo(60);
  });
});

describe('replay positions across gaps', () => {
  // footage 10:00-10:10 and 10:20-10:30; the playlist starts at 10:00 and cuts the 10 minute gap out
  const spans = [
    { start: at(10, 20), end: at(10, 30) },
    { start: at(10), end: at(10, 10) },
  ];
  const pieces = piecesFromSpans(spans, at(10));

  it('lays the spans end to end', () => {
    expect(pieces).toEqual([
      { at: 0, wallStart: at(10), duration: 600 },
      { at: 600, wallStart: at(10, 20), duration: 600 },
    ]);
  });

  it.each([
    ['inside the first span', at(10, 5), { position: 300, snapped: false }],
    ['inside the second span', at(10, 25), { position: 900, snapped: false }],
    ['in the gap: the next footage', at(10, 15), { position: 600, snapped: true }],
    ['before the footage', at(9, 59), { position: 0, snapped: true }],
    ['after the footage', at(10, 31), null],
  ])('%s', (_, wanted, expected) => {
    expect(playlistPositionFor(wanted, pieces)).toEqual(expected);
  });

  it.each([
    [0, at(10)],
    [300, at(10, 5)],
    [600, at(10, 20)],
    [900, at(10, 25)],
    [1200, at(10, 30)],
    [1300, null],
  ])('playlist second %i shows %s', (position, wall) => {
    expect(wallClockAt(position, pieces)).toBe(wall);
  });

  it('a playlist that starts inside a span begins there', () => {
    expect(piecesFromSpans(spans, at(10, 5))[0]).toEqual({ at: 0, wallStart: at(10, 5), duration: 300 });
  });

  it('finds the span under a moment and whether a window has footage', () => {
    expect(spanAt(spans, at(10, 25))).toBe(spans[0]);
    expect(spanAt(spans, at(10, 15))).toBeNull();
    expect(hasFootage(spans, at(10, 11), at(10, 19))).toBe(false);
    expect(hasFootage(spans, at(10, 11), at(10, 21))).toBe(true);
  });
});

describe('clip range', () => {
  it.each([
    [null, at(10), 'Choose where the clip starts.'],
    [at(10), null, 'Choose where the clip ends.'],
    [at(10), at(10), 'The clip must end after it starts.'],
    [at(10), at(9), 'The clip must end after it starts.'],
    [at(10), at(10) + 6 * HOUR_MS + 1000, 'A clip can be at most 6 hours long.'],
    [at(10), at(10) + 6 * HOUR_MS, null],
    [at(10), at(10, 0, 30), null],
  ])('%s → %s: %s', (from, to, problem) => {
    expect(clipRangeProblem(from, to)).toBe(problem);
  });
});
