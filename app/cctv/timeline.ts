/**
 * A camera's footage as time: recordings (one per segment) merged into spans for the timeline, and the replay plan,
 * the ordered pieces of footage that cover a window with a discontinuity wherever time jumps. Pure: recordings in,
 * data (or the reason there is none) out.
 *
 * A camera in "events+continuous" mode records its main stream around events and its sub stream all the time, both
 * indexed for the same camera; where they overlap the plan keeps the better footage (event over continuous, main over
 * sub) and cuts the overlapped part out of the other.
 */

export interface TimelineRecording {
  id: number;
  startMs: number;
  endMs: number;
  event: boolean;
  /** which of the camera's streams it holds; absent = main */
  stream?: 'main' | 'sub';
}

export interface Span {
  startMs: number;
  endMs: number;
  /** event footage (kept longer, shown apart on the timeline) */
  event: boolean;
}

/** One piece of a recording in a replay or a clip. */
export interface FootagePiece {
  recordingId: number;
  /** wall-clock start and end of the part played */
  startMs: number;
  endMs: number;
  /** where that part starts inside the recording's file, in seconds (0 = from its start) */
  inSec: number;
  /** seconds played */
  durationSec: number;
  event: boolean;
  stream: 'main' | 'sub';
  /** time jumps (a gap) or the stream changes just before this piece */
  discontinuity: boolean;
  /** where it starts in the replay, in seconds (gaps take no time) */
  offsetSec: number;
}

export interface FootagePlan {
  /** wall-clock time of the replay's second 0 */
  startMs: number;
  durationSec: number;
  pieces: FootagePiece[];
  /** the pieces merged, with where each span starts in the replay */
  spans: Array<Span & { offsetSec: number }>;
}

export type PlanResult =
  { ok: true; plan: FootagePlan } | { ok: false; reason: 'bad-window' | 'too-long' | 'no-footage'; error: string };

/** Gaps up to this are recording jitter (a reconnect, a segment cut late), not missing footage. */
export const MERGE_GAP_MS = 2000;
/** Longer segments close later after their nominal end: the tolerance grows with the segment. */
const GAP_PER_SEGMENT = 0.05;
/** An overlap shorter than this between neighbours is index jitter: both play whole. */
const JITTER_MS = 1000;
/** A piece left shorter than this after cutting out an overlap is not worth a segment of its own. */
const MIN_PIECE_MS = 1000;

/** The largest gap between two recordings that still counts as continuous footage. */
export function allowedGapMs(a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }): number {
  const shorter = Math.min(a.endMs - a.startMs, b.endMs - b.startMs);
  return MERGE_GAP_MS + Math.max(0, shorter) * GAP_PER_SEGMENT;
}

/**
 * Recordings merged across small gaps into spans, event and continuous footage apart (touching spans of different
 * kinds stay two). Overlaps of main and sub footage are resolved first, as in a replay.
 */
export function mergeSpans(recordings: readonly TimelineRecording[]): Span[] {
  return spansOf(resolveOverlaps(recordings));
}

function spansOf(pieces: ReadonlyArray<{ startMs: number; endMs: number; event: boolean }>): Span[] {
  const spans: Span[] = [];
  let last: { span: Span; piece: { startMs: number; endMs: number } } | null = null;
  for (const piece of [...pieces].sort((a, b) => a.startMs - b.startMs)) {
    if (last && last.span.event === piece.event && piece.startMs - last.span.endMs <= allowedGapMs(last.piece, piece)) {
      last.span.endMs = Math.max(last.span.endMs, piece.endMs);
      last.piece = piece;
      continue;
    }
    const span = { startMs: piece.startMs, endMs: piece.endMs, event: piece.event };
    spans.push(span);
    last = { span, piece };
  }
  return spans;
}

interface Cut {
  recording: TimelineRecording;
  startMs: number;
  endMs: number;
}

/** Better footage first: event over continuous, then main over sub, then the longer recording. */
function rank(r: TimelineRecording): number {
  return (r.event ? 2 : 0) + (r.stream === 'sub' ? 0 : 1);
}

/**
 * Each recording minus what better footage already covers (exact cuts, then snapped to the recording's own edges
 * when within jitter), in time order.
 */
export function resolveOverlaps(recordings: readonly TimelineRecording[]): Array<Cut & { event: boolean }> {
  const valid = recordings.filter((r) => r.endMs > r.startMs);
  const ordered = [...valid].sort((a, b) => rank(b) - rank(a) || a.startMs - b.startMs || a.id - b.id);
  const kept: Cut[] = [];
  for (const recording of ordered) {
    const better = kept.filter((k) => rank(k.recording) > rank(recording));
    let parts: Array<[number, number]> = [[recording.startMs, recording.endMs]];
    for (const cover of better) parts = parts.flatMap(([s, e]) => subtract(s, e, cover.startMs, cover.endMs));
    for (const [s, e] of parts) {
      const startMs = s - recording.startMs < JITTER_MS ? recording.startMs : s;
      const endMs = recording.endMs - e < JITTER_MS ? recording.endMs : e;
      if (endMs - startMs >= Math.min(MIN_PIECE_MS, recording.endMs - recording.startMs)) {
        kept.push({ recording, startMs, endMs });
      }
    }
  }
  return kept
    .sort((a, b) => a.startMs - b.startMs || a.recording.id - b.recording.id)
    .map((cut) => ({ ...cut, event: cut.recording.event }));
}

function subtract(s: number, e: number, cs: number, ce: number): Array<[number, number]> {
  if (ce <= s || cs >= e) return [[s, e]];
  const out: Array<[number, number]> = [];
  if (cs > s) out.push([s, cs]);
  if (ce < e) out.push([ce, e]);
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The window's own problems, in words naming the field (null when it is fine). */
export function windowError(
  fromMs: number,
  toMs: number,
  maxMs: number,
): { reason: 'bad-window' | 'too-long'; error: string } | null {
  if (!Number.isFinite(fromMs)) return { reason: 'bad-window', error: 'from: not a valid time' };
  if (!Number.isFinite(toMs)) return { reason: 'bad-window', error: 'to: not a valid time' };
  if (toMs <= fromMs) return { reason: 'bad-window', error: `to: must be after from (${iso(fromMs)})` };
  if (toMs - fromMs > maxMs) {
    return { reason: 'too-long', error: `to: the window may be at most ${hours(maxMs)} long (got ${hours(toMs - fromMs)})` };
  }
  return null;
}

const hours = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${(ms / 3_600_000).toFixed(2)} h`);

export interface PlanOptions {
  /** the longest window allowed */
  maxWindowMs: number;
  /**
   * Cut the first and last pieces at from / to (a clip). A replay plays whole segments instead: cutting a start needs
   * a keyframe, and the player seeks inside the segment anyway.
   */
  clip?: boolean;
}

/** The footage that covers [fromMs, toMs]: ordered pieces with discontinuities, or why there is none. */
export function planFootage(
  recordings: readonly TimelineRecording[],
  fromMs: number,
  toMs: number,
  options: PlanOptions,
): PlanResult {
  const bad = windowError(fromMs, toMs, options.maxWindowMs);
  if (bad) return { ok: false, ...bad };
  const inWindow = recordings.filter((r) => r.endMs > fromMs && r.startMs < toMs);
  const cuts = resolveOverlaps(inWindow)
    .map((cut) => {
      if (!options.clip) return cut;
      return { ...cut, startMs: Math.max(cut.startMs, fromMs), endMs: Math.min(cut.endMs, toMs) };
    })
    .filter((cut) => cut.endMs > fromMs && cut.startMs < toMs && cut.endMs > cut.startMs);
  if (!cuts.length) return { ok: false, reason: 'no-footage', error: `No footage between ${iso(fromMs)} and ${iso(toMs)}` };
  const pieces: FootagePiece[] = [];
  let offsetSec = 0;
  let previous: Cut | null = null;
  for (const cut of cuts) {
    const stream = cut.recording.stream ?? 'main';
    const gap = previous ? cut.startMs - previous.endMs : 0;
    const discontinuity =
      previous !== null && (gap > allowedGapMs(previous, cut) || stream !== (previous.recording.stream ?? 'main'));
    const durationSec = round3((cut.endMs - cut.startMs) / 1000);
    pieces.push({
      recordingId: cut.recording.id,
      startMs: cut.startMs,
      endMs: cut.endMs,
      inSec: round3((cut.startMs - cut.recording.startMs) / 1000),
      durationSec,
      event: cut.recording.event,
      stream,
      discontinuity,
      offsetSec: round3(offsetSec),
    });
    offsetSec += durationSec;
    previous = cut;
  }
  return {
    ok: true,
    plan: { startMs: pieces[0].startMs, durationSec: round3(offsetSec), pieces, spans: replaySpans(pieces) },
  };
}

/** Pieces merged where they play on without a discontinuity and are of one kind; each with its replay offset. */
function replaySpans(pieces: readonly FootagePiece[]): FootagePlan['spans'] {
  const spans: FootagePlan['spans'] = [];
  for (const piece of pieces) {
    const last = spans[spans.length - 1];
    if (last && !piece.discontinuity && last.event === piece.event) {
      last.endMs = Math.max(last.endMs, piece.endMs);
      continue;
    }
    spans.push({ startMs: piece.startMs, endMs: piece.endMs, event: piece.event, offsetSec: piece.offsetSec });
  }
  return spans;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Spans clipped to a window (what a timeline bar shows). */
export function clipSpans(spans: readonly Span[], fromMs: number, toMs: number): Span[] {
  return spans
    .filter((s) => s.endMs > fromMs && s.startMs < toMs)
    .map((s) => ({ ...s, startMs: Math.max(s.startMs, fromMs), endMs: Math.min(s.endMs, toMs) }));
}
