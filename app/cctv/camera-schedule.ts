/**
 * Weekly recording schedules: intervals per weekday, each recording continuously or on events; outside every
 * interval the camera is off. Pure: (schedule, time, time zone) → the mode now, why, and when it next changes.
 * Intervals are wall-clock times in the given zone (the machine's by default), so 08:00 stays 08:00 across DST;
 * an interval whose end is not after its start runs overnight (22:00-06:00 ends the next morning).
 */

export const SCHEDULE_MODES = ['continuous', 'events'] as const;
export type ScheduleMode = (typeof SCHEDULE_MODES)[number];

export interface ScheduleInterval {
  /** 0 = Sunday … 6 = Saturday (when the interval starts) */
  day: number;
  /** "HH:MM", 00:00-23:59 */
  start: string;
  /** "HH:MM", 00:00-24:00; not after start = overnight into the next day */
  end: string;
  mode: ScheduleMode;
}

export interface ScheduleDecision {
  mode: ScheduleMode | 'off';
  /** why, for people: "schedule: Mon 08:00-18:00 events" */
  reason: string;
  /** epoch ms of the next moment the decision changes; null when it never does */
  nextChangeAt: number | null;
}

export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const DAY_MIN = 24 * 60;
const WEEK_MIN = 7 * DAY_MIN;
const MINUTE_MS = 60_000;

/** Minutes since midnight of "HH:MM" (24:00 allowed when `allowEndOfDay`), or null when it is not a time. */
export function parseClock(value: string, allowEndOfDay = false): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (allowEndOfDay && h === 24 && m === 0) return DAY_MIN;
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** What is wrong with an interval, field by field (empty when it is fine). */
export function intervalProblems(interval: ScheduleInterval): Array<{ field: keyof ScheduleInterval; message: string }> {
  const problems: Array<{ field: keyof ScheduleInterval; message: string }> = [];
  if (!Number.isInteger(interval.day) || interval.day < 0 || interval.day > 6) {
    problems.push({ field: 'day', message: 'must be 0..6 (0 = Sunday)' });
  }
  const start = parseClock(interval.start);
  const end = parseClock(interval.end, true);
  if (start === null) problems.push({ field: 'start', message: `"${interval.start}" is not a time HH:MM (00:00-23:59)` });
  if (end === null) problems.push({ field: 'end', message: `"${interval.end}" is not a time HH:MM (00:00-24:00)` });
  if (start !== null && end !== null && start === end) {
    problems.push({ field: 'end', message: 'must differ from start (an empty interval)' });
  }
  if (!(SCHEDULE_MODES as readonly string[]).includes(interval.mode)) {
    problems.push({ field: 'mode', message: `must be ${SCHEDULE_MODES.join(' or ')}` });
  }
  return problems;
}

/** An interval as minutes of the week [from, to) (to may pass the week's end: overnight Saturday → Sunday). */
function weekSpan(interval: ScheduleInterval): { from: number; to: number } {
  const start = parseClock(interval.start) ?? 0;
  const endRaw = parseClock(interval.end, true) ?? 0;
  const end = endRaw <= start ? endRaw + DAY_MIN : endRaw;
  const from = interval.day * DAY_MIN + start;
  return { from, to: interval.day * DAY_MIN + end };
}

const label = (i: ScheduleInterval) => `${DAY_NAMES[i.day]} ${i.start}-${i.end} ${i.mode}`;

/** The decision at a minute of the week (wall clock): continuous wins over events where intervals overlap. */
function decideAt(schedule: readonly ScheduleInterval[], weekMinute: number): { mode: ScheduleMode | 'off'; reason: string } {
  let best: ScheduleInterval | null = null;
  for (const interval of schedule) {
    const { from, to } = weekSpan(interval);
    const inside = (m: number) => m >= from && m < to;
    if (!inside(weekMinute) && !inside(weekMinute + WEEK_MIN)) continue;
    if (!best || (best.mode === 'events' && interval.mode === 'continuous')) best = interval;
  }
  if (best) return { mode: best.mode, reason: `schedule: ${label(best)}` };
  return { mode: 'off', reason: schedule.length ? 'schedule: outside every interval' : 'schedule: no intervals' };
}

// ---- time zones: wall clock of an instant, through Intl (no dependency) ------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The machine's time zone (what a schedule means when none is given). */
export const machineTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

interface WallClock {
  weekMinute: number;
  /** minutes the zone is ahead of UTC at that instant */
  offsetMin: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const day = DAY_NAMES.indexOf(parts.weekday as (typeof DAY_NAMES)[number]);
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), hour, minute, Number(parts.second));
  const offsetMin = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
  return { weekMinute: day * DAY_MIN + hour * 60 + minute, offsetMin };
}

/**
 * The schedule's decision at `nowMs` in `timeZone`, and when it next changes. Candidates for the next change are
 * every interval boundary in the coming 8 days (as wall-clock minutes converted to instants) and every UTC-offset
 * change (a DST jump can skip over a boundary); the first candidate whose decision differs wins.
 */
export function scheduleAt(
  schedule: readonly ScheduleInterval[],
  nowMs: number,
  timeZone: string = machineTimeZone(),
): ScheduleDecision {
  const here = wallClock(nowMs, timeZone);
  const now = decideAt(schedule, here.weekMinute);
  if (!schedule.length) return { ...now, nextChangeAt: null };

  const horizonMs = nowMs + 8 * DAY_MIN * MINUTE_MS;
  const candidates: number[] = [];
  // boundaries: minutes ahead on the wall clock, turned into instants with the offset there (checked twice for DST)
  const minuteStart = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  for (const interval of schedule) {
    const { from, to } = weekSpan(interval);
    for (const boundary of [from, to]) {
      for (let week = -1; week <= 1; week++) {
        const ahead = boundary + week * WEEK_MIN - here.weekMinute;
        if (ahead <= 0 || ahead > 8 * DAY_MIN) continue;
        let guess = minuteStart + ahead * MINUTE_MS;
        guess -= (wallClock(guess, timeZone).offsetMin - here.offsetMin) * MINUTE_MS;
        candidates.push(guess);
      }
    }
  }
  // offset changes, found hour by hour then narrowed to the minute
  let prevMs = nowMs;
  let prevOffset = here.offsetMin;
  for (let t = nowMs + 3600_000; t <= horizonMs; t += 3600_000) {
    const offset = wallClock(t, timeZone).offsetMin;
    if (offset !== prevOffset) {
      let [lo, hi] = [prevMs, t];
      while (hi - lo > MINUTE_MS) {
        const mid = Math.floor((lo + hi) / 2 / MINUTE_MS) * MINUTE_MS;
        if (mid <= lo) break;
        if (wallClock(mid, timeZone).offsetMin === prevOffset) lo = mid;
        else hi = mid;
      }
      candidates.push(Math.ceil(hi / MINUTE_MS) * MINUTE_MS);
    }
    prevMs = t;
    prevOffset = offset;
  }
  for (const at of [...new Set(candidates)].filter((c) => c > nowMs).sort((a, b) => a - b)) {
    const then = decideAt(schedule, wallClock(at, timeZone).weekMinute);
    if (then.mode !== now.mode || then.reason !== now.reason) return { ...now, nextChangeAt: at };
  }
  return { ...now, nextChangeAt: null };
}
