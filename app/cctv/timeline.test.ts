import { describe, expect, it } from 'vitest';
import { mergeSpans, planFootage, resolveOverlaps, type TimelineRecording } from './timeline.js';
import { segmentQuery, vodPlaylist } from './timeline-hls.js';

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const s = (sec: number) => T0 + sec * 1000;

/** [start s, end s, event?, stream?] → recordings with ids 1, 2, … */
function recs(...rows: Array<[number, number, boolean?, ('main' | 'sub')?]>): TimelineRecording[] {
  return rows.map(([a, b, event = false, stream], i) => ({ id: i + 1, startMs: s(a), endMs: s(b), event, stream }));
}

const spans = (r: TimelineRecording[]) => mergeSpans(r).map((x) => [(x.startMs - T0) / 1000, (x.endMs - T0) / 1000, x.event]);

describe('mergeSpans: recordings → timeline spans', () => {
  it.each([
    ['nothing', recs(), []],
    ['back to back', recs([0, 10], [10, 20], [20, 30]), [[0, 30, false]]],
    ['out of order in, in order out', recs([20, 30], [0, 10], [10, 20]), [[0, 30, false]]],
    ['1.5 s gap is jitter', recs([0, 10], [11.5, 20]), [[0, 20, false]]],
    ['2.4 s gap after 10 s segments: within 2 s + 5 %', recs([0, 10], [12.4, 22.4]), [[0, 22.4, false]]],
    [
      '2.6 s gap after 10 s segments: a gap',
      recs([0, 10], [12.6, 22.6]),
      [
        [0, 10, false],
        [12.6, 22.6, false],
      ],
    ],
    ['2.6 s gap after 60 s segments: still jitter (2 + 3 s)', recs([0, 60], [62.6, 122.6]), [[0, 122.6, false]]],
    [
      'a long gap',
      recs([0, 10], [100, 110]),
      [
        [0, 10, false],
        [100, 110, false],
      ],
    ],
    [
      'event footage is its own span',
      recs([0, 10], [10, 20, true], [20, 30]),
      [
        [0, 10, false],
        [10, 20, true],
        [20, 30, false],
      ],
    ],
    ['events back to back merge', recs([0, 10, true], [10, 20, true]), [[0, 20, true]]],
    ['zero-length rows are ignored', recs([0, 10], [10, 10]), [[0, 10, false]]],
    [
      'events+continuous: main event footage wins over the sub stream under it',
      recs([0, 60, false, 'sub'], [20, 30, true, 'main']),
      [
        [0, 20, false],
        [20, 30, true],
        [30, 60, false],
      ],
    ],
  ] as const)('%s', (_name, input, expected) => {
    expect(spans(input as TimelineRecording[])).toEqual(expected);
  });
});

const cut = (r: TimelineRecording[]) =>
  resolveOverlaps(r).map((c) => [c.recording.id, (c.startMs - T0) / 1000, (c.endMs - T0) / 1000]);

describe('resolveOverlaps: better footage first, the rest cut around it', () => {
  it.each([
    [
      'no overlap',
      recs([0, 10], [10, 20]),
      [
        [1, 0, 10],
        [2, 10, 20],
      ],
    ],
    [
      'sub cut around a main event segment',
      recs([0, 60, false, 'sub'], [20, 30, true]),
      [
        [1, 0, 20],
        [2, 20, 30],
        [1, 30, 60],
      ],
    ],
    ['main continuous over sub continuous', recs([0, 10, false, 'sub'], [0, 10, false, 'main']), [[2, 0, 10]]],
    [
      'event sub over continuous main',
      recs([0, 10, false, 'main'], [5, 15, true, 'sub']),
      [
        [1, 0, 5],
        [2, 5, 15],
      ],
    ],
    [
      '0.5 s overlap of neighbours is jitter: both whole',
      recs([0, 10.5, false, 'sub'], [10, 20, true]),
      [
        [1, 0, 10.5],
        [2, 10, 20],
      ],
    ],
    [
      'same rank overlap: both kept whole',
      recs([0, 10.04], [10, 20]),
      [
        [1, 0, 10.04],
        [2, 10, 20],
      ],
    ],
    ['left-overs under 1 s are dropped', recs([0, 10, false, 'sub'], [0.5, 9.8, true]), [[2, 0.5, 9.8]]],
    ['a short recording is kept even under 1 s', recs([0, 0.6]), [[1, 0, 0.6]]],
  ] as const)('%s', (_name, input, expected) => {
    expect(cut(input as TimelineRecording[])).toEqual(expected);
  });
});

const H = 3600_000;
const piecesOf = (r: TimelineRecording[], from: number, to: number, clip = false) => {
  const result = planFootage(r, s(from), s(to), { maxWindowMs: 6 * H, clip });
  if (!result.ok) throw new Error(result.error);
  return result.plan.pieces.map((p) => [p.recordingId, p.inSec, p.durationSec, p.offsetSec, p.discontinuity]);
};

describe('planFootage: the replay / clip plan', () => {
  it.each([
    ['from = to', s(10), s(10), 'bad-window', 'to: must be after from (2024-05-01T10:00:10.000Z)'],
    ['from after to', s(10), s(5), 'bad-window', 'to: must be after from'],
    ['not a time', NaN, s(5), 'bad-window', 'from: not a valid time'],
    ['over 6 h', s(0), s(0) + 6 * H + 1000, 'too-long', 'to: the window may be at most 6 h long (got 6.00 h)'],
    [
      'nothing recorded there',
      s(1000),
      s(2000),
      'no-footage',
      'No footage between 2024-05-01T10:16:40.000Z and 2024-05-01T10:33:20.000Z',
    ],
  ] as const)('refuses %s', (_name, from, to, reason, error) => {
    const result = planFootage(recs([0, 10], [10, 20]), from, to, { maxWindowMs: 6 * H });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.error).toContain(error);
    }
  });

  it('whole segments with offsets running on; a discontinuity at the gap, none at jitter', () => {
    const r = recs([0, 4], [4, 8], [8.5, 12.5], [30, 34], [34, 38]);
    expect(piecesOf(r, 1, 37)).toEqual([
      [1, 0, 4, 0, false],
      [2, 0, 4, 4, false],
      [3, 0, 4, 8, false],
      [4, 0, 4, 12, true],
      [5, 0, 4, 16, false],
    ]);
    const plan = planFootage(r, s(1), s(37), { maxWindowMs: H });
    expect(plan.ok && plan.plan.startMs).toBe(s(0));
    expect(plan.ok && plan.plan.durationSec).toBe(20);
    expect(plan.ok && plan.plan.spans.map((x) => [(x.startMs - T0) / 1000, (x.endMs - T0) / 1000, x.offsetSec])).toEqual([
      [0, 12.5, 0],
      [30, 38, 12],
    ]);
  });

  it('a clip cuts the first and last pieces at from / to', () => {
    expect(piecesOf(recs([0, 4], [4, 8], [8, 12]), 2.5, 9, true)).toEqual([
      [1, 2.5, 1.5, 0, false],
      [2, 0, 4, 1.5, false],
      [3, 0, 1, 5.5, false],
    ]);
  });

  it('events+continuous: the sub piece after the event starts inside its recording; a stream change is a discontinuity', () => {
    expect(piecesOf(recs([0, 60, false, 'sub'], [20, 30, true, 'main']), 0, 60)).toEqual([
      [1, 0, 20, 0, false],
      [2, 0, 10, 20, true],
      [1, 30, 30, 30, true],
    ]);
  });
});

describe('the HLS VOD playlist', () => {
  it('has the header, wall-clock time per segment, a discontinuity at the gap, and ENDLIST', () => {
    const result = planFootage(recs([0, 4], [4, 8.2], [30, 34], [34, 60, false, 'sub'], [40, 50, true]), s(0), s(60), {
      maxWindowMs: H,
    });
    if (!result.ok) throw new Error(result.error);
    const text = vodPlaylist(result.plan.pieces, (p) => `recordings/${p.recordingId}/segment.ts?${p.offsetSec}`);
    expect(text.split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-TARGETDURATION:10',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:00.000Z',
      '#EXTINF:4.000,',
      'recordings/1/segment.ts?0',
      '#EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:04.000Z',
      '#EXTINF:4.200,',
      'recordings/2/segment.ts?4',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:30.000Z',
      '#EXTINF:4.000,',
      'recordings/3/segment.ts?8.2',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:34.000Z',
      '#EXTINF:6.000,',
      'recordings/4/segment.ts?12.2',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:40.000Z',
      '#EXTINF:10.000,',
      'recordings/5/segment.ts?18.2',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-PROGRAM-DATE-TIME:2024-05-01T10:00:50.000Z',
      '#EXTINF:10.000,',
      'recordings/4/segment.ts?28.2',
      '#EXT-X-ENDLIST',
      '',
    ]);
    // the cut pieces of the sub recording say which part of it they play
    const [, , , before, , after] = result.plan.pieces;
    expect(segmentQuery(before, 26, true)).toEqual({ offset: 12.2, dur: 6, audio: 1 });
    expect(segmentQuery(after, 26, false)).toEqual({ offset: 28.2, in: 16, dur: 10, audio: 0 });
    expect(segmentQuery(result.plan.pieces[0], 4, true)).toEqual({ offset: 0, audio: 1 });
  });
});
