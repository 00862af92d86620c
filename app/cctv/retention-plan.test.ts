import { describe, expect, it } from 'vitest';
import { planRetention, type RetentionPolicy, type RetentionSegment } from './retention-plan.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 24, 12);
const MB = 1_000_000;

/** A 10-minute segment of `cameraId` that started `daysAgo` days before now. */
function seg(id: number, cameraId: number, daysAgo: number, opts: { event?: boolean; size?: number } = {}): RetentionSegment {
  const startMs = NOW - daysAgo * DAY;
  return { id, cameraId, startMs, endMs: startMs + 10 * 60 * 1000, size: opts.size ?? 100 * MB, event: opts.event ?? false };
}

const policy = (over: Partial<RetentionPolicy> = {}): RetentionPolicy => ({
  cameras: new Map([
    [1, { continuousDays: 7, eventDays: 30 }],
    [2, { continuousDays: 3, eventDays: null }],
  ]),
  quotaBytes: null,
  minFreeBytes: null,
  ...over,
});

const ids = (plan: ReturnType<typeof planRetention>) => plan.remove.map((r) => `${r.id}:${r.reason}`);

describe('planRetention', () => {
  it('removes footage past its camera days: continuous and event footage each by their own', () => {
    const plan = planRetention(
      [
        seg(1, 1, 8),
        seg(2, 1, 6),
        seg(3, 1, 8, { event: true }),
        seg(4, 1, 31, { event: true }),
        seg(5, 2, 4),
        seg(6, 2, 400, { event: true }),
      ],
      policy(),
      { freeBytes: null },
      NOW,
    );
    expect(ids(plan)).toEqual(['1:continuous-age', '4:event-age', '5:continuous-age']);
    expect(plan.freedBytes).toBe(300 * MB);
    expect(plan.keptBytes).toBe(300 * MB);
    expect(plan.shortBy).toBe(0);
  });

  it('keeps a segment that ends inside the limit even when it started before it', () => {
    const straddling = { ...seg(1, 1, 7), endMs: NOW - 7 * DAY + 60_000 };
    expect(planRetention([straddling], policy(), { freeBytes: null }, NOW).remove).toEqual([]);
  });

  it('a camera without limits keeps everything by age', () => {
    expect(planRetention([seg(1, 9, 1000)], policy(), { freeBytes: null }, NOW).remove).toEqual([]);
  });

  it('over the quota: the oldest continuous footage goes first, event footage only after all continuous', () => {
    const segments = [seg(1, 1, 5, { event: true }), seg(2, 1, 4), seg(3, 2, 2), seg(4, 1, 1), seg(5, 1, 0.5, { event: true })];
    expect(ids(planRetention(segments, policy({ quotaBytes: 300 * MB }), { freeBytes: null }, NOW))).toEqual([
      '2:quota',
      '3:quota',
    ]);
    // so little room that continuous footage is not enough
    expect(ids(planRetention(segments, policy({ quotaBytes: 150 * MB }), { freeBytes: null }, NOW))).toEqual([
      '2:quota',
      '3:quota',
      '4:quota',
      '1:quota',
    ]);
  });

  it('below the minimum free space: removes until the disk has it, counting what age removal freed', () => {
    const segments = [seg(1, 1, 10), seg(2, 1, 3), seg(3, 1, 2), seg(4, 1, 1)];
    const plan = planRetention(segments, policy({ minFreeBytes: 500 * MB }), { freeBytes: 250 * MB }, NOW);
    // the 10-day-old one goes by age (100 MB), then two more by free space: 250 + 100 + 200 ≥ 500
    expect(ids(plan)).toEqual(['1:continuous-age', '2:free-space', '3:free-space']);
    expect(plan.shortBy).toBe(0);
  });

  it('the quota and free space together: each removal counts for both, named by the one still short', () => {
    const segments = [seg(1, 1, 3), seg(2, 1, 2), seg(3, 1, 1)];
    const plan = planRetention(segments, policy({ quotaBytes: 250 * MB, minFreeBytes: 300 * MB }), { freeBytes: 100 * MB }, NOW);
    expect(ids(plan)).toEqual(['1:quota', '2:free-space']);
  });

  it('says how far it is short when removing everything is not enough', () => {
    const plan = planRetention(
      [seg(1, 1, 1, { size: 50 * MB })],
      policy({ minFreeBytes: 1000 * MB }),
      { freeBytes: 100 * MB },
      NOW,
    );
    expect(ids(plan)).toEqual(['1:free-space']);
    expect(plan.shortBy).toBe(850 * MB);
  });

  it('within every limit nothing goes; an empty index is fine', () => {
    expect(planRetention([seg(1, 1, 1)], policy({ quotaBytes: 1e12, minFreeBytes: 1 }), { freeBytes: 1e12 }, NOW).remove).toEqual(
      [],
    );
    expect(planRetention([], policy({ quotaBytes: 1 }), { freeBytes: 0 }, NOW)).toEqual({
      remove: [],
      freedBytes: 0,
      keptBytes: 0,
      shortBy: 0,
    });
  });

  it('an unknown free space (statfs failed) only disables the free-space rule', () => {
    const plan = planRetention(
      [seg(1, 1, 1), seg(2, 1, 0.5)],
      policy({ quotaBytes: 150 * MB, minFreeBytes: 1e15 }),
      { freeBytes: null },
      NOW,
    );
    expect(ids(plan)).toEqual(['1:quota']);
  });

  it('orders equal starts stably: continuous before event, then by id', () => {
    const a = seg(7, 1, 1);
    const b = { ...seg(3, 1, 1), startMs: a.startMs };
    const c = { ...seg(5, 1, 1, { event: true }), startMs: a.startMs };
    const plan = planRetention([c, a, b], policy({ quotaBytes: 0 }), { freeBytes: null }, NOW);
    expect(plan.remove.map((r) => r.id)).toEqual([3, 7, 5]);
  });
});
