/**
 * The pure decision core of the torrent engine (qBittorrent/Transmission semantics): which downloads run, queue order,
 * when seeding stops, when a download stalls or fails, and its ETA. Data in, data out with reasons: no I/O, no clock
 * (time comes in as `now`, ms since the epoch), no webtorrent. The engine applies the decisions.
 *
 * Conventions for settings values (the edge validates with zod; these keep garbage from doing harm):
 * - queue slots and stall timers: `undefined` → the default; `null`, 0, negative or NaN → off (unlimited / never).
 *   A queue limit of 0 is unlimited because "nothing may download" is what pause-all is for.
 * - seeding limits: 0 is a real limit (qBittorrent: stop as soon as complete); `null`, negative or NaN → no limit.
 *   A per-download override of `null` means "use the global one"; a negative override means "no limit for this one".
 */

export const DOWNLOAD_STATES = ['queued', 'downloading', 'paused', 'stalled', 'seeding', 'completed', 'failed'] as const;
export type DownloadState = (typeof DOWNLOAD_STATES)[number];

export interface DownloadSnapshot {
  id: string;
  state: DownloadState;
  /** 1 = top of the queue; ties are broken by addedAt, then id */
  queuePosition: number;
  /** 0..1 of the wanted (selected) bytes */
  progress: number;
  /** verified bytes of the wanted files */
  bytesDownloaded: number;
  uploaded: number;
  /** wanted bytes; 0 while a magnet's metadata is unknown */
  size: number;
  addedAt: number;
  completedAt: number | null;
  /** ms of the last time verified bytes grew; the engine resets it when it (re)starts a download */
  lastProgressAt: number;
  seedingSince: number | null;
  userPaused: boolean;
  /** null → the global limit; negative → no limit for this download */
  ratioLimit: number | null;
  seedingTimeLimitMin: number | null;
}

const MINUTE = 60_000;
const num = (x: number) => (Number.isFinite(x) ? x : Infinity);
const cmp = (x: number, y: number) => (x === y ? 0 : x < y ? -1 : 1);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const minutes = (ms: number) => Math.floor(ms / MINUTE);

/** Complete when every wanted byte is verified (a zero-size magnet without metadata is not complete). */
export function isComplete(d: Pick<DownloadSnapshot, 'progress' | 'bytesDownloaded' | 'size'>): boolean {
  return d.progress >= 1 || (d.size > 0 && d.bytesDownloaded >= d.size);
}

/** Share ratio = uploaded / size; 0 while the size is unknown. */
export function ratio(d: Pick<DownloadSnapshot, 'uploaded' | 'size'>): number {
  return d.size > 0 && d.uploaded > 0 ? d.uploaded / d.size : 0;
}

type Queued = Pick<DownloadSnapshot, 'id' | 'queuePosition' | 'addedAt'>;

/** A sorted copy in queue order: position, then addedAt, then id; non-finite positions go last. */
export function queueOrder<T extends Queued>(downloads: readonly T[]): T[] {
  return [...downloads].sort(
    (a, b) =>
      cmp(num(a.queuePosition), num(b.queuePosition)) ||
      cmp(num(a.addedAt), num(b.addedAt)) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

// ---- queue -------------------------------------------------------------------------------------------------------

export interface QueueSettings {
  /** default 3 */
  maxActiveDownloads?: number | null;
  /** default null = unlimited */
  maxActiveSeeds?: number | null;
}

export interface QueueDecision {
  /** ids that should be running (downloading, stalled or seeding), in queue order */
  start: string[];
  /** ids waiting for a slot (state 'queued') */
  queue: string[];
  /** one reason per input id, including the ones left alone (paused, failed, completed) */
  reasons: Record<string, string>;
}

function slotLimit(value: number | null | undefined, fallback: number | null): number {
  const v = value === undefined ? fallback : value;
  return v === null || !(v > 0) ? Infinity : Math.max(1, Math.floor(v));
}

const slots = (used: number, max: number, what: string) =>
  max === Infinity ? `${what} slots unlimited` : `${what} slot ${used} of ${max}`;

export function decideQueue(downloads: readonly DownloadSnapshot[], settings: QueueSettings = {}): QueueDecision {
  const maxDown = slotLimit(settings.maxActiveDownloads, 3);
  const maxSeed = slotLimit(settings.maxActiveSeeds, null);
  const start: string[] = [];
  const queue: string[] = [];
  const reasons: Record<string, string> = {};
  let down = 0;
  let seeds = 0;
  for (const d of queueOrder(downloads)) {
    if (d.userPaused || d.state === 'paused') reasons[d.id] = 'paused by the user: stays paused';
    else if (d.state === 'failed') reasons[d.id] = 'failed: stays failed until retried';
    else if (isComplete(d)) {
      const note = d.state === 'queued' ? ' (completed while queued)' : '';
      if (d.state === 'completed') reasons[d.id] = 'completed: done seeding';
      else if (seeds < maxSeed) {
        seeds++;
        start.push(d.id);
        reasons[d.id] = `seeds: ${slots(seeds, maxSeed, 'seed')}${note}`;
      } else {
        queue.push(d.id);
        reasons[d.id] = `queued to seed: all ${maxSeed} seed slots taken${note}`;
      }
    } else if (d.state === 'stalled') {
      start.push(d.id);
      reasons[d.id] = 'stalled: keeps running without counting against the download slots';
    } else if (down < maxDown) {
      down++;
      start.push(d.id);
      reasons[d.id] = `downloads: ${slots(down, maxDown, 'download')}`;
    } else {
      queue.push(d.id);
      reasons[d.id] = `queued: all ${maxDown} download slots taken by downloads higher in the queue`;
    }
  }
  return { start, queue, reasons };
}

// ---- reorder -----------------------------------------------------------------------------------------------------

export type QueueMove = 'top' | 'up' | 'down' | 'bottom';

/** New queue positions (1..n, contiguous) after moving one download; the others keep their relative order. */
export function reorder(downloads: readonly Queued[], id: string, move: QueueMove): Record<string, number> {
  const ids = queueOrder(downloads).map((d) => d.id);
  const from = ids.indexOf(id);
  if (from < 0) throw new Error(`Cannot move download "${id}": no download with that id in the queue`);
  const targets: Record<string, number> = { top: 0, up: from - 1, down: from + 1, bottom: ids.length - 1 };
  const to = Object.hasOwn(targets, move) ? targets[move] : undefined;
  if (to === undefined) throw new Error(`Cannot move download "${id}": unknown move "${String(move)}" (top, up, down, bottom)`);
  ids.splice(from, 1);
  ids.splice(Math.min(Math.max(to, 0), ids.length), 0, id);
  return Object.fromEntries(ids.map((x, i) => [x, i + 1]));
}

// ---- seeding -----------------------------------------------------------------------------------------------------

export interface SeedingSettings {
  ratioLimit: number | null;
  seedingTimeLimitMin: number | null;
  action: 'stop' | 'remove';
}

export interface SeedingDecision {
  action: 'keep' | 'stop' | 'remove';
  reason: string;
}

interface Limit {
  value: number | null;
  source: 'per-download' | 'global';
}

function limit(override: number | null, global: number | null): Limit {
  const [v, source] = override !== null ? [override, 'per-download' as const] : [global, 'global' as const];
  return { value: v !== null && v >= 0 ? v : null, source };
}

/** Minutes seeded since seedingSince (or completedAt); a clock gone backwards counts as 0. */
export function seedingMinutes(d: Pick<DownloadSnapshot, 'seedingSince' | 'completedAt'>, now: number): number {
  const since = d.seedingSince ?? d.completedAt;
  const ms = since === null ? 0 : now - since;
  return Number.isFinite(ms) && ms > 0 ? ms / MINUTE : 0;
}

export function decideSeeding(d: DownloadSnapshot, settings: SeedingSettings, now: number): SeedingDecision {
  if (d.userPaused || d.state !== 'seeding')
    return { action: 'keep', reason: `not seeding (${d.userPaused ? 'paused' : d.state})` };
  const r = ratio(d);
  const mins = seedingMinutes(d, now);
  const rl = limit(d.ratioLimit, settings.ratioLimit);
  const tl = limit(d.seedingTimeLimitMin, settings.seedingTimeLimitMin);
  const action = settings.action === 'remove' ? 'remove' : 'stop';
  if (rl.value !== null && r >= rl.value)
    return { action, reason: `ratio ${r.toFixed(2)} reached the ${rl.source} limit ${rl.value}` };
  if (tl.value !== null && mins >= tl.value)
    return { action, reason: `seeded ${Math.floor(mins)} min, reached the ${tl.source} limit of ${tl.value} min` };
  const parts = [
    rl.value === null ? 'no ratio limit' : `ratio ${r.toFixed(2)} of ${rl.value} (${rl.source})`,
    tl.value === null ? 'no seeding time limit' : `seeded ${Math.floor(mins)} of ${tl.value} min (${tl.source})`,
  ];
  return { action: 'keep', reason: parts.join('; ') };
}

// ---- stalled -----------------------------------------------------------------------------------------------------

export interface StallSettings {
  /** default 10; null/0 → never stall */
  stallAfterMin?: number | null;
  /** further minutes stalled before failing, default 60; null/0 → a stalled download never fails */
  failAfterMin?: number | null;
}

export interface StallDecision {
  state: DownloadState;
  reason: string;
  /** true when the download fails: its release goes on the blocklist so discovery never picks it again */
  blocklist: boolean;
}

function timer(value: number | null | undefined, fallback: number): number | null {
  const v = value === undefined ? fallback : value;
  return v !== null && v > 0 ? v : null;
}

/**
 * Stall watch for running, incomplete downloads. Failure is measured from lastProgressAt (stallAfter + failAfter
 * minutes idle) so no extra timestamp must be persisted; a download always passes through 'stalled' first, so a
 * 'download.failed' event is always preceded by a 'download.stalled' one.
 */
export function decideStall(d: DownloadSnapshot, settings: StallSettings, now: number): StallDecision {
  const keep = (reason: string): StallDecision => ({ state: d.state, reason, blocklist: false });
  if (d.userPaused) return keep('paused by the user: not watched for stalls');
  if (d.state !== 'downloading' && d.state !== 'stalled') return keep(`${d.state}: not watched for stalls`);
  if (isComplete(d)) return keep('complete: not watched for stalls');
  const stallMin = timer(settings.stallAfterMin, 10);
  const failMin = timer(settings.failAfterMin, 60);
  const gap = now - d.lastProgressAt;
  const idle = Number.isFinite(gap) && gap > 0 ? gap : 0; // clock went backwards → treat as just progressed
  const down = (reason: string): StallDecision => ({ state: 'downloading', reason, blocklist: false });
  if (stallMin === null) return down('stall detection is off');
  if (idle < stallMin * MINUTE)
    return down(
      d.state === 'stalled'
        ? 'progress resumed: verified bytes grew again'
        : `progressing: last verified bytes ${plural(minutes(idle), 'min')} ago (stalls after ${stallMin})`,
    );
  const stalled = `no verified progress for ${plural(minutes(idle), 'min')}`;
  if (failMin === null) return { state: 'stalled', reason: `${stalled}; never fails (fail timer off)`, blocklist: false };
  if (d.state === 'stalled' && idle >= (stallMin + failMin) * MINUTE)
    return {
      state: 'failed',
      reason: `${stalled} (stall ${stallMin} + fail ${failMin} min): failed, release blocklisted`,
      blocklist: true,
    };
  return {
    state: 'stalled',
    reason: `${stalled} (stalls after ${stallMin}, fails after a further ${failMin})`,
    blocklist: false,
  };
}

// ---- ETA ---------------------------------------------------------------------------------------------------------

/** Seconds left at the given speed (bytes/s): 0 when complete, null when unknown (no size, no or bad speed). */
export function eta(d: Pick<DownloadSnapshot, 'progress' | 'bytesDownloaded' | 'size'>, downloadSpeed: number): number | null {
  if (isComplete(d)) return 0;
  if (!(d.size > 0) || !Number.isFinite(downloadSpeed) || downloadSpeed <= 0) return null;
  const left = d.size - Math.max(0, Number.isFinite(d.bytesDownloaded) ? d.bytesDownloaded : 0);
  return Math.ceil(left / downloadSpeed);
}
