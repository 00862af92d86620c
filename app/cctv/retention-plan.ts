/**
 * Which recorded segments go, and why: footage past its camera's days (continuous and event footage each have their
 * own), then — while the recordings are over the global quota or the disk is under its minimum free space — the
 * oldest footage first, continuous footage before any event footage. Pure: data in, the list with reasons out.
 */

export interface RetentionSegment {
  id: number;
  cameraId: number;
  startMs: number;
  endMs: number;
  size: number;
  /** part of an alarm event (kept longer) */
  event: boolean;
}

export interface CameraRetention {
  /** days continuous footage is kept; null = no age limit */
  continuousDays: number | null;
  /** days event footage is kept; null = no age limit */
  eventDays: number | null;
}

export interface RetentionPolicy {
  /** per camera; a camera not listed has no age limits */
  cameras: ReadonlyMap<number, CameraRetention>;
  /** the most all recordings may take, in bytes; null = no quota */
  quotaBytes: number | null;
  /** the free space to keep on the recordings' disk, in bytes; null = none */
  minFreeBytes: number | null;
}

export type RetentionReason = 'continuous-age' | 'event-age' | 'quota' | 'free-space';

export interface RetentionRemoval {
  id: number;
  cameraId: number;
  reason: RetentionReason;
  size: number;
}

export interface RetentionPlan {
  remove: RetentionRemoval[];
  freedBytes: number;
  /** what the recordings take after the plan */
  keptBytes: number;
  /** the quota or free space could not be reached even by removing everything allowed (all footage is gone) */
  shortBy: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Oldest first; at equal start, continuous before event, then by id (a stable order). */
function byAge(a: RetentionSegment, b: RetentionSegment): number {
  return a.startMs - b.startMs || Number(a.event) - Number(b.event) || a.id - b.id;
}

export function planRetention(
  segments: readonly RetentionSegment[],
  policy: RetentionPolicy,
  disk: { freeBytes: number | null },
  nowMs: number,
): RetentionPlan {
  const remove: RetentionRemoval[] = [];
  const kept: RetentionSegment[] = [];
  for (const segment of segments) {
    const limits = policy.cameras.get(segment.cameraId);
    const days = segment.event ? limits?.eventDays : limits?.continuousDays;
    // a segment goes by age once all of it is older than the limit
    if (days != null && segment.endMs < nowMs - days * DAY_MS) {
      remove.push({
        id: segment.id,
        cameraId: segment.cameraId,
        size: segment.size,
        reason: segment.event ? 'event-age' : 'continuous-age',
      });
    } else kept.push(segment);
  }

  let keptBytes = kept.reduce((sum, s) => sum + s.size, 0);
  let freed = remove.reduce((sum, r) => sum + r.size, 0);
  const overQuota = () => (policy.quotaBytes == null ? 0 : keptBytes - policy.quotaBytes);
  const underFree = () =>
    policy.minFreeBytes == null || disk.freeBytes == null ? 0 : policy.minFreeBytes - (disk.freeBytes + freed);

  // continuous footage goes before any event footage, each oldest first
  const queue = [...kept.filter((s) => !s.event).sort(byAge), ...kept.filter((s) => s.event).sort(byAge)];
  for (const segment of queue) {
    const quota = overQuota();
    const free = underFree();
    if (quota <= 0 && free <= 0) break;
    remove.push({ id: segment.id, cameraId: segment.cameraId, size: segment.size, reason: quota > 0 ? 'quota' : 'free-space' });
    keptBytes -= segment.size;
    freed += segment.size;
  }
  return { remove, freedBytes: freed, keptBytes, shortBy: Math.max(0, overQuota(), underFree()) };
}
