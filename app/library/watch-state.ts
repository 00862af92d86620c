// Watch-state rules, as Jellyfin users know them: when a reported position is a resume point, when it marks a movie or
// episode played, what a series' "next up" episode is, and how the "continue watching" row is ordered. Pure: data in,
// data (with reasons) out.
import type { ContinueWatchingEntry, ProgressOutcome, ProgressReason } from '../api/api-types.js';
import { UserError } from '../core/user-error.js';

export const WATCH_RULES = {
  /** a position in the first 5 % is not worth resuming (Jellyfin's MinResumePct) */
  minResumeFraction: 0.05,
  /** from 90 % on the video counts as watched: played, and the resume point goes (Jellyfin's MaxResumePct) */
  playedFraction: 0.9,
  /** nor is anything in the first minute */
  minResumeSec: 60,
  /** a report may overshoot the duration a little (rounding; a stream a bit longer than its probe says) */
  overshootToleranceSec: 1,
} as const;

export type WatchRules = { [K in keyof typeof WATCH_RULES]: number };

export interface ProgressJudgement {
  outcome: ProgressOutcome;
  reason: ProgressReason;
  /** the position, clamped to the duration */
  positionSec: number;
  durationSec: number;
  /** 0..1 */
  fraction: number;
  message: string;
}

/** A report that cannot be a playback position (the API's edge checks the fields; this checks them together). */
export class ProgressError extends UserError {}

/** m:ss or h:mm:ss, for messages */
export function clock(sec: number): string {
  const total = Math.max(0, Math.floor(sec));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;

/** What a reported position means: a resume point, played, or neither (too close to the start). */
export function judgeProgress(positionSec: number, durationSec: number, rules: WatchRules = WATCH_RULES): ProgressJudgement {
  if (!Number.isFinite(durationSec) || durationSec <= 0) {
    throw new ProgressError(`durationSec must be a positive number of seconds (got ${durationSec})`);
  }
  if (!Number.isFinite(positionSec) || positionSec < 0) {
    throw new ProgressError(`positionSec must be 0 or more seconds (got ${positionSec})`);
  }
  if (positionSec > durationSec + rules.overshootToleranceSec) {
    throw new ProgressError(
      `positionSec ${positionSec} is past the end of the video (durationSec ${durationSec}); report where playback is`,
    );
  }
  const position = Math.min(positionSec, durationSec);
  const fraction = position / durationSec;
  const base = { positionSec: position, durationSec, fraction };
  if (fraction >= rules.playedFraction) {
    return {
      ...base,
      outcome: 'played',
      reason: 'reached-end',
      message: `Watched ${percent(fraction)} (${percent(rules.playedFraction)} or more counts as played)`,
    };
  }
  if (position < rules.minResumeSec) {
    return {
      ...base,
      outcome: 'none',
      reason: 'under-a-minute',
      message: `Only ${clock(position)} in (under ${rules.minResumeSec} s): no resume point`,
    };
  }
  if (fraction < rules.minResumeFraction) {
    return {
      ...base,
      outcome: 'none',
      reason: 'near-start',
      message: `Only ${percent(fraction)} in (under ${percent(rules.minResumeFraction)}): no resume point`,
    };
  }
  return {
    ...base,
    outcome: 'resume',
    reason: 'in-progress',
    message: `Resume point at ${clock(position)} (${percent(fraction)})`,
  };
}

/** One user's state of one movie or episode. */
export interface UnitState {
  played: boolean;
  /** times watched to the end or marked played */
  playCount: number;
  /** the resume point; null = none */
  positionSec: number | null;
  durationSec: number | null;
  /** the file the position was taken in */
  fileId: number | null;
  /** ISO time of the last report or mark */
  updatedAt: string;
}

/** A state that says nothing is not kept. */
export function isEmptyState(state: UnitState | null): boolean {
  return !state || (!state.played && state.playCount === 0 && state.positionSec === null);
}

/**
 * The state after a progress report. Played sticks once set (rewatching keeps the mark, like Jellyfin): reaching the end
 * again only counts another play when this viewing had a resume point or the item was not played yet.
 */
export function applyProgress(
  prev: UnitState | null,
  judgement: ProgressJudgement,
  fileId: number,
  at: string,
): UnitState | null {
  const playCount = prev?.playCount ?? 0;
  let next: UnitState;
  if (judgement.outcome === 'played') {
    const newViewing = !prev?.played || prev.positionSec !== null;
    next = {
      played: true,
      playCount: newViewing ? playCount + 1 : playCount,
      positionSec: null,
      durationSec: judgement.durationSec,
      fileId,
      updatedAt: at,
    };
  } else {
    next = {
      played: prev?.played ?? false,
      playCount,
      positionSec: judgement.outcome === 'resume' ? judgement.positionSec : null,
      durationSec: judgement.durationSec,
      fileId,
      updatedAt: at,
    };
  }
  return isEmptyState(next) ? null : next;
}

/** Marked played by hand: the resume point goes; an item already played (and not being rewatched) stays as it was. */
export function markPlayed(prev: UnitState | null, at: string): UnitState {
  if (prev?.played && prev.positionSec === null) return prev;
  return {
    played: true,
    playCount: (prev?.playCount ?? 0) + 1,
    positionSec: null,
    durationSec: prev?.durationSec ?? null,
    fileId: prev?.fileId ?? null,
    updatedAt: at,
  };
}

export interface EpisodeSlot {
  episodeId: number;
  season: number;
  number: number;
  state: UnitState | null;
}

export interface NextUp {
  episode: EpisodeSlot;
  /** the played episode it follows */
  after: EpisodeSlot;
  /** the series' latest activity: orders next-up cards among the others */
  lastWatchedAt: string;
}

const inOrder = (a: EpisodeSlot, b: EpisodeSlot) => a.season - b.season || a.number - b.number;

/**
 * A series' next episode (Jellyfin's "Next up"): the first unplayed episode after the last one played, in season and
 * episode order. Specials (season 0) are neither a starting point nor a candidate; a series nobody started, or one
 * played to its last episode, has none.
 */
export function nextUpEpisode(episodes: readonly EpisodeSlot[]): NextUp | null {
  const regular = episodes.filter((e) => e.season > 0).sort(inOrder);
  let lastPlayed = -1;
  regular.forEach((e, i) => {
    if (e.state?.played) lastPlayed = i;
  });
  if (lastPlayed < 0) return null;
  const next = regular.slice(lastPlayed + 1).find((e) => !e.state?.played);
  if (!next) return null;
  const lastWatchedAt = episodes.map((e) => e.state?.updatedAt ?? '').reduce((latest, t) => (t > latest ? t : latest), '');
  return { episode: next, after: regular[lastPlayed], lastWatchedAt };
}

/**
 * The "continue watching" row: half-watched things and next-up episodes, most recently watched first. A file holding
 * several episodes shows once; a next-up episode that is already half-watched shows as its resume card.
 */
export function mergeContinueWatching(
  resume: readonly ContinueWatchingEntry[],
  nextUp: readonly ContinueWatchingEntry[],
  limit: number,
): ContinueWatchingEntry[] {
  const byRecency = (a: ContinueWatchingEntry, b: ContinueWatchingEntry) =>
    b.lastWatchedAt.localeCompare(a.lastWatchedAt) || (a.kind === b.kind ? 0 : a.kind === 'resume' ? -1 : 1);
  const files = new Set<number>();
  const episodes = new Set<number>();
  const rows: ContinueWatchingEntry[] = [];
  for (const entry of [...resume].sort(byRecency)) {
    if (files.has(entry.fileId)) continue;
    files.add(entry.fileId);
    if (entry.episode) episodes.add(entry.episode.id);
    rows.push(entry);
  }
  const items = new Set<number>();
  for (const entry of [...nextUp].sort(byRecency)) {
    if (files.has(entry.fileId) || (entry.episode && episodes.has(entry.episode.id)) || items.has(entry.item.id)) continue;
    items.add(entry.item.id);
    rows.push(entry);
  }
  return rows.sort(byRecency).slice(0, Math.max(0, limit));
}
