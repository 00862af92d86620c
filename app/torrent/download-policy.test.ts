import { describe, expect, it } from 'vitest';
import {
  decideQueue,
  decideSeeding,
  decideStall,
  eta,
  ratio,
  reorder,
  type DownloadSnapshot,
  type DownloadState,
  type QueueMove,
  type QueueSettings,
  type SeedingSettings,
  type StallSettings,
} from './download-policy.js';

const MIN = 60_000;
const NOW = 1_700_000_000_000;
const GiB = 1024 ** 3;

/** A downloading, half-done 1 GiB download at queue position 1; rows override what they test. */
function dl(over: Partial<DownloadSnapshot> = {}): DownloadSnapshot {
  return {
    id: 'a',
    state: 'downloading',
    queuePosition: 1,
    progress: 0.5,
    bytesDownloaded: GiB / 2,
    uploaded: 0,
    size: GiB,
    addedAt: NOW - 60 * MIN,
    completedAt: null,
    lastProgressAt: NOW,
    seedingSince: null,
    userPaused: false,
    ratioLimit: null,
    seedingTimeLimitMin: null,
    ...over,
  };
}

/** Compact queue fixture: `id:state[:flags]` in queue order, space-separated; flags p = user-paused, c = complete. */
function q(specs: string): DownloadSnapshot[] {
  return specs.split(' ').map((spec, i) => {
    const [id, state, flags = ''] = spec.split(':');
    const done = flags.includes('c');
    return dl({
      id,
      state: state as DownloadState,
      queuePosition: i + 1,
      userPaused: flags.includes('p'),
      progress: done ? 1 : 0.5,
      bytesDownloaded: done ? GiB : GiB / 2,
    });
  });
}
const ids = (list: string) => (list ? list.split(' ') : []);

describe('decideQueue', () => {
  // [name, fixture, settings, started ids, queued ids]
  const rows: [string, string, QueueSettings, string, string][] = [
    ['default limit 3, rest queued', 'a:queued b:queued c:queued d:queued e:queued', {}, 'a b c', 'd e'],
    ['running beyond the limit are queued', 'a:downloading b:downloading c:downloading', { maxActiveDownloads: 2 }, 'a b', 'c'],
    ['queue order wins over current state', 'a:queued b:downloading', { maxActiveDownloads: 1 }, 'a', 'b'],
    ['stalled does not count against the limit', 'a:stalled b:queued c:queued', { maxActiveDownloads: 2 }, 'a b c', ''],
    ['stalled lower in the queue still runs', 'a:queued b:queued c:stalled', { maxActiveDownloads: 1 }, 'a c', 'b'],
    ['user-paused stays paused and frees its slot', 'a:downloading:p b:queued', { maxActiveDownloads: 1 }, 'b', ''],
    ['paused state stays paused', 'a:paused b:queued', { maxActiveDownloads: 1 }, 'b', ''],
    ['all paused: nothing starts or queues', 'a:paused:p b:downloading:p c:seeding:pc', {}, '', ''],
    ['failed stays failed', 'a:failed b:queued', { maxActiveDownloads: 1 }, 'b', ''],
    ['completed is left alone', 'a:completed:c b:queued', { maxActiveDownloads: 1 }, 'b', ''],
    ['seeds do not take download slots', 'a:seeding:c b:queued', { maxActiveDownloads: 1 }, 'a b', ''],
    ['completed while queued becomes a seed', 'a:queued:c b:queued', { maxActiveDownloads: 1 }, 'a b', ''],
    ['seed limit queues lower seeds', 'a:seeding:c b:seeding:c c:queued:c', { maxActiveSeeds: 1 }, 'a', 'b c'],
    ['limit 0 is unlimited', 'a:queued b:queued c:queued d:queued', { maxActiveDownloads: 0 }, 'a b c d', ''],
    ['limit null is unlimited', 'a:queued b:queued c:queued d:queued', { maxActiveDownloads: null }, 'a b c d', ''],
    ['negative / NaN limit is unlimited', 'a:queued b:queued', { maxActiveDownloads: -1, maxActiveSeeds: NaN }, 'a b', ''],
    ['fractional limit floors, at least 1', 'a:queued b:queued', { maxActiveDownloads: 0.5 }, 'a', 'b'],
  ];
  it.each(rows)('%s', (_name, fixture, settings, start, queue) => {
    const downloads = q(fixture);
    const decision = decideQueue(downloads, settings);
    expect(decision.start).toEqual(ids(start));
    expect(decision.queue).toEqual(ids(queue));
    expect(Object.keys(decision.reasons).sort()).toEqual(downloads.map((d) => d.id).sort());
  });

  it('an empty list decides nothing', () => expect(decideQueue([])).toEqual({ start: [], queue: [], reasons: {} }));

  it('sorts by position, ties by addedAt then id, junk positions last', () => {
    const downloads = [
      dl({ id: 'z', queuePosition: NaN }),
      dl({ id: 'c', queuePosition: 2, addedAt: 5 }),
      dl({ id: 'b', queuePosition: 2, addedAt: 5 }),
      dl({ id: 'a', queuePosition: 2, addedAt: 1 }),
      dl({ id: 'y', queuePosition: 1 }),
    ];
    expect(decideQueue(downloads, { maxActiveDownloads: 3 })).toMatchObject({ start: ['y', 'a', 'b'], queue: ['c', 'z'] });
  });

  it('explains every decision', () => {
    const { reasons } = decideQueue(q('a:stalled b:queued c:queued d:queued:c e:paused:p f:failed'), {
      maxActiveDownloads: 1,
      maxActiveSeeds: 0,
    });
    expect(reasons).toEqual({
      a: 'stalled: keeps running without counting against the download slots',
      b: 'downloads: download slot 1 of 1',
      c: 'queued: all 1 download slots taken by downloads higher in the queue',
      d: 'seeds: seed slots unlimited (completed while queued)',
      e: 'paused by the user: stays paused',
      f: 'failed: stays failed until retried',
    });
  });

  it('does not mutate its input', () => {
    const downloads = q('b:queued a:queued');
    downloads.reverse();
    const copy = structuredClone(downloads);
    decideQueue(downloads);
    expect(downloads).toEqual(copy);
  });
});

describe('reorder', () => {
  const four = ['a', 'b', 'c', 'd'].map((id, i) => dl({ id, queuePosition: i + 1 }));
  const rows: [string, QueueMove, string[]][] = [
    ['c', 'top', ['c', 'a', 'b', 'd']],
    ['c', 'up', ['a', 'c', 'b', 'd']],
    ['b', 'down', ['a', 'c', 'b', 'd']],
    ['b', 'bottom', ['a', 'c', 'd', 'b']],
    ['a', 'top', ['a', 'b', 'c', 'd']],
    ['a', 'up', ['a', 'b', 'c', 'd']],
    ['d', 'down', ['a', 'b', 'c', 'd']],
    ['d', 'bottom', ['a', 'b', 'c', 'd']],
  ];
  it.each(rows)('%s %s', (id, move, order) => {
    expect(reorder(four, id, move)).toEqual(Object.fromEntries(order.map((x, i) => [x, i + 1])));
  });

  it('closes gaps and settles ties before moving', () => {
    const gappy = [
      dl({ id: 'x', queuePosition: 10 }),
      dl({ id: 'w', queuePosition: 3, addedAt: 2 }),
      dl({ id: 'v', queuePosition: 3, addedAt: 1 }),
    ];
    expect(reorder(gappy, 'x', 'up')).toEqual({ v: 1, x: 2, w: 3 });
  });

  it('a single download stays at 1', () =>
    expect(reorder([dl({ id: 'solo', queuePosition: 7 })], 'solo', 'down')).toEqual({ solo: 1 }));

  it('an unknown id or move is a clear error', () => {
    expect(() => reorder(four, 'nope', 'top')).toThrow('Cannot move download "nope": no download with that id in the queue');
    expect(() => reorder(four, 'a', 'sideways' as QueueMove)).toThrow('unknown move "sideways"');
    expect(() => reorder(four, 'a', 'toString' as QueueMove)).toThrow('unknown move "toString"');
  });
});

describe('decideSeeding', () => {
  const seeding = (over: Partial<DownloadSnapshot>) =>
    dl({
      state: 'seeding',
      progress: 1,
      bytesDownloaded: GiB,
      completedAt: NOW - 30 * MIN,
      seedingSince: NOW - 30 * MIN,
      ...over,
    });
  const g = (ratioLimit: number | null, seedingTimeLimitMin: number | null, action: 'stop' | 'remove' = 'stop') => ({
    ratioLimit,
    seedingTimeLimitMin,
    action,
  });
  // [name, seeding download (seeded 30 min, 1 GiB), global settings, action, reason]; uploads in GiB as `up`
  const up = (gib: number, over: Partial<DownloadSnapshot> = {}) => ({ uploaded: gib * GiB, ...over });
  const rows: [string, Partial<DownloadSnapshot>, SeedingSettings, string, RegExp][] = [
    ['no limits: keep', up(5), g(null, null), 'keep', /no ratio limit; no seeding time limit/],
    ['global ratio reached: stop', up(2), g(2, null), 'stop', /ratio 2\.00 reached the global limit 2/],
    ['global ratio reached with remove', up(3), g(2, null, 'remove'), 'remove', /global limit 2/],
    ['ratio below limit: keep', up(1), g(2, null), 'keep', /ratio 1\.00 of 2 \(global\)/],
    ['per-download ratio wins (lower)', up(1, { ratioLimit: 1 }), g(2, null), 'stop', /per-download limit 1/],
    ['per-download ratio wins (higher)', up(2, { ratioLimit: 5 }), g(2, null), 'keep', /of 5 \(per-download\)/],
    ['negative per-download ratio = no limit', up(9, { ratioLimit: -1 }), g(2, null), 'keep', /no ratio limit/],
    ['ratio 0 stops at once', up(0), g(0, null), 'stop', /ratio 0\.00 reached the global limit 0/],
    ['global time reached', {}, g(null, 30), 'stop', /seeded 30 min, reached the global limit of 30 min/],
    ['time below limit: keep', {}, g(null, 60), 'keep', /seeded 30 of 60 min \(global\)/],
    ['per-download time wins', { seedingTimeLimitMin: 10 }, g(null, 600), 'stop', /per-download limit of 10 min/],
    ['either limit triggers (time, ratio not)', up(0), g(2, 20), 'stop', /seeded 30 min/],
    ['either limit triggers (ratio, time not)', up(4), g(2, 600, 'remove'), 'remove', /ratio 4\.00/],
    ['time falls back to completedAt', { seedingSince: null, completedAt: NOW - 90 * MIN }, g(null, 60), 'stop', /seeded 90/],
    ['clock backwards: seeded 0 min', { seedingSince: NOW + 10 * MIN }, g(null, 5), 'keep', /seeded 0 of 5 min/],
    ['zero size: ratio 0', up(1, { size: 0 }), g(1, null), 'keep', /ratio 0\.00 of 1/],
    ['paused seed is not judged', up(9, { userPaused: true }), g(1, null), 'keep', /not seeding \(paused\)/],
    ['completed is not judged', up(9, { state: 'completed' }), g(1, null), 'keep', /not seeding \(completed\)/],
    ['downloading is not judged', up(9, { state: 'downloading', progress: 0.5 }), g(1, 0), 'keep', /not seeding \(downloading\)/],
  ];
  it.each(rows)('%s', (_name, over, settings, action, reason) => {
    const decision = decideSeeding(seeding(over), settings, NOW);
    expect(decision.action).toBe(action);
    expect(decision.reason).toMatch(reason);
  });

  it('ratio() is uploaded / size, 0 when unknown', () => {
    const cases = [ratio({ uploaded: GiB, size: 2 * GiB }), ratio({ uploaded: 5, size: 0 }), ratio({ uploaded: -5, size: 10 })];
    expect(cases).toEqual([0.5, 0, 0]);
  });
});

describe('decideStall', () => {
  const idle = (minutes: number, over: Partial<DownloadSnapshot> = {}) => dl({ lastProgressAt: NOW - minutes * MIN, ...over });
  const stalled = (minutes: number) => idle(minutes, { state: 'stalled' });
  const rows: [string, DownloadSnapshot, StallSettings, DownloadState, boolean, RegExp][] = [
    ['progressing stays downloading', idle(2), {}, 'downloading', false, /progressing: last verified bytes 2 mins ago/],
    ['just under the default 10 min', idle(9.9), {}, 'downloading', false, /stalls after 10/],
    ['10 min idle → stalled', idle(10), {}, 'stalled', false, /no verified progress for 10 mins/],
    ['custom stallAfter', idle(3), { stallAfterMin: 2 }, 'stalled', false, /stalls after 2/],
    ['stalled, still within fail window', stalled(69), {}, 'stalled', false, /fails after a further 60/],
    ['stalled for stall + fail → failed', stalled(70), {}, 'failed', true, /failed, release blocklisted/],
    ['custom fail window', stalled(8), { stallAfterMin: 5, failAfterMin: 3 }, 'failed', true, /stall 5 \+ fail 3/],
    ['downloading never jumps straight to failed', idle(500), {}, 'stalled', false, /no verified progress for 500 mins/],
    ['progress resumes → downloading', stalled(1), {}, 'downloading', false, /progress resumed/],
    ['clock backwards counts as progress', stalled(-30), {}, 'downloading', false, /progress resumed/],
    ['NaN lastProgressAt counts as progress', dl({ lastProgressAt: NaN }), {}, 'downloading', false, /0 mins ago/],
    ['failAfter null: stalled forever', stalled(999), { failAfterMin: null }, 'stalled', false, /never fails/],
    ['failAfter 0: off, not instant', stalled(11), { failAfterMin: 0 }, 'stalled', false, /never fails/],
    ['stallAfter null: detection off', stalled(999), { stallAfterMin: null }, 'downloading', false, /off/],
    ['no-metadata magnet stalls', idle(15, { size: 0, progress: 0, bytesDownloaded: 0 }), {}, 'stalled', false, /15 mins/],
    ['complete download untouched', idle(999, { progress: 1, bytesDownloaded: GiB }), {}, 'downloading', false, /complete/],
    ['seeding untouched', idle(999, { state: 'seeding', progress: 1 }), {}, 'seeding', false, /seeding: not watched/],
    ['completed untouched', idle(999, { state: 'completed', progress: 1 }), {}, 'completed', false, /completed: not watched/],
    ['queued untouched', idle(999, { state: 'queued' }), {}, 'queued', false, /queued: not watched/],
    ['paused untouched', idle(999, { state: 'paused', userPaused: true }), {}, 'paused', false, /paused by the user/],
    ['failed untouched, not blocklisted again', idle(999, { state: 'failed' }), {}, 'failed', false, /failed: not watched/],
  ];
  it.each(rows)('%s', (_name, download, settings, state, blocklist, reason) => {
    const decision = decideStall(download, settings, NOW);
    expect(decision).toMatchObject({ state, blocklist });
    expect(decision.reason).toMatch(reason);
  });
});

describe('eta', () => {
  const rows: [string, Partial<DownloadSnapshot>, number, number | null][] = [
    ['half of 1 GiB at 1 MiB/s', {}, 1024 ** 2, 512],
    ['rounds up', { size: 10, bytesDownloaded: 0, progress: 0 }, 3, 4],
    ['complete → 0', { progress: 1, bytesDownloaded: GiB }, 0, 0],
    ['bytes past size → 0', { progress: 0.99, bytesDownloaded: GiB + 1 }, 100, 0],
    ['zero speed → unknown', {}, 0, null],
    ['negative speed → unknown', {}, -5, null],
    ['NaN speed → unknown', {}, NaN, null],
    ['Infinity speed → unknown', {}, Infinity, null],
    ['zero size (no metadata) → unknown', { size: 0, progress: 0, bytesDownloaded: 0 }, 1000, null],
    ['NaN bytes count as none', { size: 100, bytesDownloaded: NaN, progress: 0 }, 10, 10],
  ];
  it.each(rows)('%s', (_name, over, speed, expected) => expect(eta(dl(over), speed)).toBe(expected));
});
