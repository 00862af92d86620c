// When the player reports its position, and what: the rules behind useWatchProgress, without the DOM so they are tested.
import type { FileProgress, ProgressReport } from '../../app/api/api-types';

/** how often a playing video reports (Jellyfin's clients: every ~10 s) */
export const REPORT_INTERVAL_MS = 10_000;

/** a report closer than this to the last one says nothing new */
const MIN_MOVE_SEC = 1;

/** HTMLMediaElement.HAVE_METADATA */
const HAVE_METADATA = 1;

/** What the tracker reads off the video element. */
export interface PlaybackSnapshot {
  readyState: number;
  seeking: boolean;
  currentTime: number;
  duration: number;
}

/** The playback position, or null before metadata has loaded or while a seek is under way (currentTime lies then). */
export function readablePosition(video: PlaybackSnapshot): number | null {
  if (video.readyState < HAVE_METADATA || video.seeking) return null;
  if (!Number.isFinite(video.currentTime) || video.currentTime < 0) return null;
  return video.currentTime;
}

/** The video's duration when it knows one; otherwise the engine uses the file's probed duration. */
export function knownDuration(duration: number): number | undefined {
  return Number.isFinite(duration) && duration > 0 ? duration : undefined;
}

/** A report, its position clamped to the duration (currentTime may overshoot by a rounding error at the end). */
export function buildReport(positionSec: number, durationSec: number | undefined, paused: boolean): ProgressReport {
  const position = Math.max(0, durationSec === undefined ? positionSec : Math.min(positionSec, durationSec));
  const report: ProgressReport = { positionSec: Math.round(position * 1000) / 1000, paused };
  if (durationSec !== undefined) report.durationSec = durationSec;
  return report;
}

/** Whether to send `next` after `last`: it moved a second or more, or (forced: pause, end, leaving) it differs at all. */
export function worthReporting(last: ProgressReport | null, next: ProgressReport, force: boolean): boolean {
  if (!last) return true;
  const moved = Math.abs(next.positionSec - last.positionSec);
  if (moved >= MIN_MOVE_SEC) return true;
  if (!force) return false;
  return moved > 0 || next.paused !== last.paused || next.durationSec !== last.durationSec;
}

/** The position the player should offer to resume from (the engine already left out the first minute and the end). */
export function resumePoint(progress: FileProgress | null | undefined): number | null {
  const at = progress?.positionSec;
  return at != null && Number.isFinite(at) && at > 0 ? at : null;
}

/**
 * Follows one playback and hands out the reports worth sending. It stays silent until it is enabled: while the resume
 * prompt waits for an answer, a report from position 0 would wipe the very resume point being offered.
 */
export class ProgressTracker {
  private enabled = false;
  private lastGood: { positionSec: number; durationSec: number | undefined } | null = null;
  private lastSent: ProgressReport | null = null;

  /** Starts reporting; `startAt` is where playback resumes (known before the seek lands). */
  enable(startAt: number | null): void {
    this.enabled = true;
    this.lastSent = null;
    this.lastGood = startAt === null ? null : { positionSec: startAt, durationSec: this.lastGood?.durationSec };
  }

  isEnabled(): boolean {
    return this.enabled;
  }

  /** Remembers where playback truly is (timeupdate); seeks and unloaded media are ignored. */
  observe(video: PlaybackSnapshot): void {
    const position = readablePosition(video);
    if (position === null) return;
    this.lastGood = { positionSec: position, durationSec: knownDuration(video.duration) ?? this.lastGood?.durationSec };
  }

  /**
   * The report to send now, or null. A periodic tick (force false) says nothing during a seek or before metadata; a
   * pause, the end or leaving (force true) sends the last good position, since the element may already be torn down.
   */
  next(video: PlaybackSnapshot | null, options: { paused: boolean; force?: boolean }): ProgressReport | null {
    const force = options.force ?? false;
    if (!this.enabled) return null;
    if (video) {
      if (!force && readablePosition(video) === null) return null;
      this.observe(video);
    }
    if (!this.lastGood) return null;
    const report = buildReport(this.lastGood.positionSec, this.lastGood.durationSec, options.paused);
    if (!worthReporting(this.lastSent, report, force)) return null;
    this.lastSent = report;
    return report;
  }
}
