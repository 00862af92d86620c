/**
 * Speed limits with qBittorrent semantics: a global pair, an alternative ("turtle") pair switched on, off or by a weekly
 * schedule, and per-torrent limits. Pure: data in, data out with reasons; the clock comes in as a local weekday and
 * minutes of the day (`localClock` turns a Date into one), so nothing here reads the time.
 *
 * Conventions (the edge validates; these keep garbage from doing harm):
 * - limits are KiB/s in settings and bytes/s out; `null`, 0, negative, NaN or Infinity mean unlimited. 0 is unlimited as in
 *   qBittorrent's UI, because "nothing may move" is what pause is for.
 * - global and alternative limits cap the whole session (the engine applies `sessionLimits` to the client); a torrent's own
 *   limit applies to that torrent only when it is lower than the session cap (`effectiveLimits`).
 * - a schedule rule `{ days, from, to }` covers [from, to) on each listed weekday; `to < from` runs past midnight into the
 *   next day (Fri 22:00–06:00 covers Friday night and Saturday until 06:00, Sat 22:00–06:00 wraps into Sunday). `to` may
 *   be 24:00 (end of day). `from === to` is an empty interval: rejected by `validateSchedule`, ignored at run time, as is
 *   any malformed rule or day.
 */

export type AltMode = 'off' | 'on' | 'scheduled';
export interface RatePair {
  downloadKiBps: number | null;
  uploadKiBps: number | null;
}
export interface ScheduleRule {
  /** weekday numbers the interval starts on: 0 = Sunday … 6 = Saturday */
  days: number[];
  /** 'HH:MM', 00:00–23:59 */
  from: string;
  /** 'HH:MM', 00:00–24:00; earlier than `from` = ends the next day */
  to: string;
}
export interface SpeedSettings {
  global: RatePair;
  alternative: RatePair;
  altMode: AltMode;
  schedule: readonly ScheduleRule[];
}
/** A torrent's own limits; a missing or null side has no limit of its own. */
export type TorrentLimits = Partial<RatePair>;
/** A moment in the user's local time. `minutes` since local midnight, may carry seconds as a fraction. */
export interface LocalTime {
  weekday: number;
  minutes: number;
}
export type LimitSource = 'global' | 'alternative' | 'torrent';
export interface SessionLimits {
  downloadBps: number | null;
  uploadBps: number | null;
  source: 'global' | 'alternative';
  reason: string;
}
export interface EffectiveLimits {
  downloadBps: number | null;
  uploadBps: number | null;
  /** 'torrent' when the torrent's own limit caps either direction, else where the session caps come from */
  source: LimitSource;
  downloadSource: LimitSource;
  uploadSource: LimitSource;
  reason: string;
}
export type ScheduleValidation = { ok: true; schedule: ScheduleRule[] } | { ok: false; errors: string[] };

const DAY = 1440;
const WEEK = 7 * DAY;
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const TIME_RE = /^(\d{1,2}):(\d{2})$/u;

/** Minutes of the day of 'HH:MM' (an hour of one digit is fine); 24:00 only as an end. null when not a time. */
export function parseTime(text: unknown, end = false): number | null {
  const match = typeof text === 'string' ? TIME_RE.exec(text.trim()) : null;
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59) return null;
  if (hours < 24) return hours * 60 + minutes;
  return end && hours === 24 && minutes === 0 ? DAY : null;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(Math.floor(m % 60)).padStart(2, '0')}`;
const when = (t: number) => `${DAY_NAMES[Math.floor(t / DAY)]} ${hhmm(t % DAY)}`;
const validDay = (d: unknown): d is number => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 6;

function describeRule(rule: ScheduleRule): string {
  const days = [...new Set(rule.days.filter(validDay))].sort((a, b) => a - b).map((d) => DAY_NAMES[d]);
  const from = parseTime(rule.from);
  const to = parseTime(rule.to, true);
  const wraps = from !== null && to !== null && to < from ? ' (into the next day)' : '';
  return `${days.join(',')} ${rule.from}–${rule.to}${wraps}`;
}

interface Interval {
  start: number;
  end: number;
  rule: number;
}

/** Every rule as half-open intervals of minutes of the week [0, WEEK); an interval past Saturday midnight is split. */
function weekIntervals(schedule: readonly ScheduleRule[]): Interval[] {
  const out: Interval[] = [];
  const rules: readonly ScheduleRule[] = Array.isArray(schedule) ? schedule : [];
  rules.forEach((rule, i) => {
    const from = parseTime(rule?.from);
    const to = parseTime(rule?.to, true);
    if (from === null || to === null || from === to || !Array.isArray(rule.days)) return;
    for (const day of new Set(rule.days.filter(validDay))) {
      const start = day * DAY + from;
      const end = day * DAY + to + (to < from ? DAY : 0);
      if (end <= WEEK) out.push({ start, end, rule: i });
      else out.push({ start, end: WEEK, rule: i }, { start: 0, end: end - WEEK, rule: i });
    }
  });
  return out;
}

const covers = (iv: Interval, t: number) => t >= iv.start && t < iv.end;

function weekMinute(at: LocalTime): number {
  const t = at.weekday * DAY + at.minutes;
  if (!Number.isFinite(t)) throw new RangeError(`Not a local time: weekday ${at.weekday}, minutes ${at.minutes}`);
  return ((t % WEEK) + WEEK) % WEEK;
}

/** Whether the alternative limits are in force at `at`, with the reason. An unknown mode counts as 'off'. */
export function altState(settings: SpeedSettings, at: LocalTime): { active: boolean; reason: string } {
  if (settings.altMode === 'on') return { active: true, reason: 'alternative limits switched on' };
  if (settings.altMode !== 'scheduled') return { active: false, reason: 'alternative limits switched off' };
  const t = weekMinute(at);
  const hit = weekIntervals(settings.schedule).find((iv) => covers(iv, t));
  if (!hit) return { active: false, reason: `scheduled: no rule covers ${when(t)}` };
  return {
    active: true,
    reason: `scheduled: rule ${hit.rule + 1} (${describeRule(settings.schedule[hit.rule])}) covers ${when(t)}`,
  };
}

export function isAltActive(settings: SpeedSettings, at: LocalTime): boolean {
  return altState(settings, at).active;
}

/**
 * Minutes from `at` until the scheduled alternative mode flips, for a timer; null when it never flips (mode 'on'/'off', an
 * empty schedule, or one that covers the whole week). Adjacent or overlapping rules count as one interval. The engine
 * re-evaluates `altState` when the timer fires (a DST jump can move the local clock meanwhile).
 */
export function nextScheduleChange(settings: SpeedSettings, at: LocalTime): number | null {
  if (settings.altMode !== 'scheduled') return null;
  const intervals = weekIntervals(settings.schedule);
  const t = weekMinute(at);
  const activeAt = (m: number) => intervals.some((iv) => covers(iv, m));
  const now = activeAt(t);
  const ahead = [...new Set(intervals.flatMap((iv) => [iv.start, iv.end % WEEK]))]
    .map((b) => ({ b, d: b > t ? b - t : b - t + WEEK }))
    .sort((x, y) => x.d - y.d);
  return ahead.find(({ b }) => activeAt(b) !== now)?.d ?? null;
}

function bps(kib: number | null | undefined): number | null {
  return typeof kib === 'number' && Number.isFinite(kib) && kib > 0 ? Math.round(kib * 1024) : null;
}
const rate = (b: number | null) => (b === null ? 'unlimited' : `${Math.round((b / 1024) * 100) / 100} KiB/s`);

/** The session-wide caps in force at `at`: the alternative pair when it is active, else the global one. */
export function sessionLimits(settings: SpeedSettings, at: LocalTime): SessionLimits {
  const alt = altState(settings, at);
  const pair = alt.active ? settings.alternative : settings.global;
  return {
    downloadBps: bps(pair?.downloadKiBps),
    uploadBps: bps(pair?.uploadKiBps),
    source: alt.active ? 'alternative' : 'global',
    reason: alt.reason,
  };
}

function pick(session: number | null, sessionSource: LimitSource, own: number | null) {
  const lower = own !== null && (session === null || own < session);
  return lower ? { bps: own, source: 'torrent' as LimitSource } : { bps: session, source: sessionSource };
}

const explain = (dir: string, p: { bps: number | null; source: LimitSource }, session: SessionLimits, s: number | null) =>
  p.source === 'torrent'
    ? `${dir} ${rate(p.bps)} from this torrent's limit (${s === null ? `the ${session.source} one is unlimited` : `below the ${session.source} ${rate(s)}`})`
    : `${dir} ${rate(p.bps)} from the ${p.source} limit`;

/** The caps for one torrent at `at`: per direction, its own limit when lower than the session cap, else the session cap. */
export function effectiveLimits(
  settings: SpeedSettings,
  torrent: TorrentLimits | null | undefined,
  at: LocalTime,
): EffectiveLimits {
  const session = sessionLimits(settings, at);
  const down = pick(session.downloadBps, session.source, bps(torrent?.downloadKiBps));
  const up = pick(session.uploadBps, session.source, bps(torrent?.uploadKiBps));
  const parts = [explain('download', down, session, session.downloadBps), explain('upload', up, session, session.uploadBps)];
  return {
    downloadBps: down.bps,
    uploadBps: up.bps,
    source: down.source === 'torrent' || up.source === 'torrent' ? 'torrent' : session.source,
    downloadSource: down.source,
    uploadSource: up.source,
    reason: `${parts.join('; ')} (${session.reason})`,
  };
}

const show = (v: unknown) => (v === undefined ? 'missing' : typeof v === 'string' ? `'${v}'` : String(JSON.stringify(v)));

/**
 * Validates a schedule from the outside world. Returns it normalised ('7:00' → '07:00', days deduplicated and sorted), or
 * every problem found, each naming its rule (1-based). Duplicate days are fine; an empty list of rules is a valid schedule.
 */
export function validateSchedule(input: unknown): ScheduleValidation {
  if (!Array.isArray(input)) return { ok: false, errors: ['the schedule must be a list of rules { days, from, to }'] };
  const errors: string[] = [];
  const schedule: ScheduleRule[] = [];
  input.forEach((raw: unknown, i) => {
    const rule = `rule ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push(`${rule}: must be an object { days, from, to }, got ${show(raw)}`);
      return;
    }
    const { days, from, to } = raw as Record<string, unknown>;
    const before = errors.length;
    if (!Array.isArray(days)) errors.push(`${rule}: days must be a list of weekday numbers, 0 (Sunday) to 6 (Saturday)`);
    else if (days.length === 0) errors.push(`${rule}: days is empty; pick at least one weekday`);
    else
      for (const d of days.filter((d) => !validDay(d)))
        errors.push(`${rule}: day ${show(d)} is not a weekday number, 0 (Sunday) to 6 (Saturday)`);
    const start = parseTime(from);
    const end = parseTime(to, true);
    if (start === null && parseTime(from, true) === DAY)
      errors.push(`${rule}: from '24:00': 24:00 is only allowed as an end (to)`);
    else if (start === null) errors.push(`${rule}: from ${show(from)} is not a time of day HH:MM (00:00–23:59)`);
    if (end === null) errors.push(`${rule}: to ${show(to)} is not a time of day HH:MM (00:00–24:00)`);
    if (start !== null && start === end)
      errors.push(`${rule}: from and to are both ${hhmm(start)}, an empty interval; use 00:00–24:00 for a whole day`);
    if (errors.length === before && start !== null && end !== null && Array.isArray(days)) {
      schedule.push({ days: [...new Set(days as number[])].sort((a, b) => a - b), from: hhmm(start), to: hhmm(end) });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, schedule };
}

/** The weekday and minutes of the day of `date` in `timeZone` (an IANA name; default the system's zone), via Intl. */
export function localClock(date: Date, timeZone?: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const minutes =
    Number(part('hour')) * 60 + Number(part('minute')) + (Number(part('second')) + date.getUTCMilliseconds() / 1000) / 60;
  return { weekday: DAY_NAMES.indexOf(part('weekday')), minutes };
}
