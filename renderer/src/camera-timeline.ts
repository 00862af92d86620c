// Pure geometry of a camera's timeline: which part of a day is shown (zoom), time <-> x, where recorded spans and
// event marks go, and how a wall-clock moment maps to a position in the replay playlist (gaps are cut out of it).
// Times are epoch milliseconds; days are the viewer's local days.

export const HOUR_MS = 3600_000;
export const ZOOMS = [24, 6, 1] as const;
export type ZoomHours = (typeof ZOOMS)[number];

export interface TimeWindow {
  start: number;
  end: number;
}

/** Local midnight of the day `ms` falls in, and the next midnight (a day is 23 or 25 h across a DST change). */
export function dayWindow(ms: number): TimeWindow {
  const d = new Date(ms);
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  return { start, end };
}

/** The day before (-1) or after (+1) the day of `ms`, as its window. */
export function shiftDay(day: TimeWindow, by: number): TimeWindow {
  const d = new Date(day.start);
  return dayWindow(new Date(d.getFullYear(), d.getMonth(), d.getDate() + by, 12).getTime());
}

/** The shown part of the day: `hours` long, centred on `focus`, kept inside the day. */
export function zoomWindow(day: TimeWindow, hours: ZoomHours, focus: number): TimeWindow {
  const length = Math.min(hours * HOUR_MS, day.end - day.start);
  let start = Math.round(focus - length / 2);
  start = Math.max(day.start, Math.min(start, day.end - length));
  return { start, end: start + length };
}

/** Slides the shown window by a share of its length (-1 = one whole window back), kept inside the day. */
export function panWindow(day: TimeWindow, view: TimeWindow, share: number): TimeWindow {
  const length = view.end - view.start;
  const start = Math.max(day.start, Math.min(view.start + share * length, day.end - length));
  return { start, end: start + length };
}

export function timeToX(ms: number, view: TimeWindow, width: number): number {
  return ((ms - view.start) / (view.end - view.start)) * width;
}

/** x (clamped to the bar) → the moment under it. */
export function xToTime(x: number, view: TimeWindow, width: number): number {
  const share = width > 0 ? Math.max(0, Math.min(1, x / width)) : 0;
  return Math.round(view.start + share * (view.end - view.start));
}

export interface SpanBox {
  left: number;
  width: number;
  event: boolean;
  start: number;
  end: number;
}

/**
 * Where each recorded span is drawn: clipped to the view, at least `minWidth` px wide so that a short event clip stays
 * visible at 24 h, event spans after continuous ones so they are drawn on top.
 */
export function layoutSpans(
  spans: ReadonlyArray<{ start: number; end: number; event: boolean }>,
  view: TimeWindow,
  width: number,
  minWidth = 2,
): SpanBox[] {
  const boxes: SpanBox[] = [];
  for (const s of spans) {
    const start = Math.max(s.start, view.start);
    const end = Math.min(s.end, view.end);
    if (end <= start && !(s.start === s.end && s.start >= view.start && s.start <= view.end)) continue;
    const left = timeToX(start, view, width);
    const w = Math.max(minWidth, timeToX(end, view, width) - left);
    boxes.push({ left: Math.min(left, Math.max(0, width - w)), width: w, event: s.event, start: s.start, end: s.end });
  }
  return boxes.sort((a, b) => Number(a.event) - Number(b.event) || a.start - b.start);
}

export interface Tick {
  ms: number;
  x: number;
  label: string;
}

const TICK_STEPS_MIN = [10, 15, 30, 60, 120, 180, 240, 360, 720];
/** Labels ("14:00") need about this much room each. */
const MIN_TICK_PX = 56;

/**
 * Minutes between ticks: 24 h → every 2 h, 6 h → every 30 min, 1 h → every 10 min; wider steps when the bar is
 * too narrow for those labels (a phone).
 */
export function tickStepMinutes(view: TimeWindow, width = Infinity): number {
  const hours = (view.end - view.start) / HOUR_MS;
  const base = hours > 12 ? 120 : hours > 3 ? 30 : hours > 1.5 ? 15 : 10;
  const pxPerMinute = width / ((view.end - view.start) / 60_000);
  return TICK_STEPS_MIN.find((step) => step >= base && step * pxPerMinute >= MIN_TICK_PX) ?? TICK_STEPS_MIN.at(-1)!;
}

/** Labelled ticks on local clock boundaries ("14:00", "14:30"). */
export function ticks(view: TimeWindow, width: number): Tick[] {
  const stepMin = tickStepMinutes(view, width);
  const first = new Date(view.start);
  first.setSeconds(0, 0);
  const minutes = first.getHours() * 60 + first.getMinutes();
  const rounded = Math.ceil(minutes / stepMin) * stepMin;
  first.setHours(0, rounded, 0, 0);
  const out: Tick[] = [];
  for (let t = new Date(first); t.getTime() <= view.end; t = new Date(t.getTime() + stepMin * 60_000)) {
    const ms = t.getTime();
    if (ms < view.start) continue;
    out.push({ ms, x: timeToX(ms, view, width), label: clock(ms) });
  }
  return out;
}

const clock = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** The recorded span that holds `ms`, or null. */
export function spanAt<T extends { start: number; end: number }>(spans: readonly T[], ms: number): T | null {
  return spans.find((s) => ms >= s.start && ms <= s.end) ?? null;
}

/**
 * A piece of the replay playlist: `duration` seconds starting at playlist second `at`, showing wall-clock time from
 * `wallStart`. Built from hls.js fragments (their #EXT-X-PROGRAM-DATE-TIME) or, before those load, from the spans.
 */
export interface PlaylistPiece {
  at: number;
  wallStart: number;
  duration: number;
}

/** The replay's spans laid end to end from playlist second 0 (the playlist cuts the gaps out). */
export function piecesFromSpans(spans: ReadonlyArray<{ start: number; end: number }>, playlistStart: number): PlaylistPiece[] {
  const pieces: PlaylistPiece[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const wallStart = Math.max(s.start, playlistStart);
    if (s.end <= wallStart) continue;
    const duration = (s.end - wallStart) / 1000;
    pieces.push({ at, wallStart, duration });
    at += duration;
  }
  return pieces;
}

export interface PlaylistPosition {
  /** playlist seconds to seek to */
  position: number;
  /** the wanted moment was in a gap (or before the footage): this is the next recorded moment instead */
  snapped: boolean;
}

/** Wall-clock `wanted` → the playlist second showing it; in a gap, the start of the next piece; after the end: null. */
export function playlistPositionFor(wanted: number, pieces: readonly PlaylistPiece[]): PlaylistPosition | null {
  for (const p of pieces) {
    const end = p.wallStart + p.duration * 1000;
    if (wanted < p.wallStart) return { position: p.at, snapped: true };
    if (wanted < end) return { position: p.at + (wanted - p.wallStart) / 1000, snapped: false };
  }
  return null;
}

/** Playlist second → the wall-clock moment it shows (for the playhead), or null outside the playlist. */
export function wallClockAt(position: number, pieces: readonly PlaylistPiece[]): number | null {
  for (let i = pieces.length - 1; i >= 0; i--) {
    const p = pieces[i];
    if (position >= p.at) {
      // a little past the last piece's end is still that piece (the player's end-of-stream rounding)
      if (position > p.at + p.duration + 1) return null;
      return Math.round(p.wallStart + Math.min(position - p.at, p.duration) * 1000);
    }
  }
  return null;
}

export const MAX_CLIP_MS = 6 * HOUR_MS;

/** What is wrong with a clip's from → to, in words, or null when the engine would accept it. */
export function clipRangeProblem(from: number | null, to: number | null): string | null {
  if (from === null || !Number.isFinite(from)) return 'Choose where the clip starts.';
  if (to === null || !Number.isFinite(to)) return 'Choose where the clip ends.';
  if (to <= from) return 'The clip must end after it starts.';
  if (to - from > MAX_CLIP_MS) return 'A clip can be at most 6 hours long.';
  return null;
}

/** Whether any recorded span overlaps from → to. */
export function hasFootage(spans: ReadonlyArray<{ start: number; end: number }>, from: number, to: number): boolean {
  return spans.some((s) => s.end > from && s.start < to);
}
