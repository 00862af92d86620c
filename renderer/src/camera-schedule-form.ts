// Pure helpers for a camera's weekly schedule (Settings → Cameras → mode "By schedule"). The API keeps one entry per
// weekday ({day, start, end, mode}); the form shows rows of several weekdays sharing times and a mode, as people plan a
// week ("Mon–Fri 08:00–18:00 events"). Rows are checked here so mistakes show inline before saving (a time that isn't
// one, a row with no weekday, an empty interval); overlaps are allowed (continuous wins, as in the engine) but named.
// A row whose end is not after its start runs overnight into the next day, as the engine reads it.
import type { CameraScheduleEntry } from './api/camera-settings';
import { sortDays, WEEKDAYS } from './torrent-settings-form';

export type ScheduleMode = CameraScheduleEntry['mode'];

export interface ScheduleRowForm {
  /** 0 = Sunday, sorted */
  days: number[];
  start: string;
  end: string;
  mode: ScheduleMode;
}

/** A problem of one row; `part` says which input to mark. */
export interface ScheduleRowError {
  row: number;
  part: 'days' | 'start' | 'end';
  message: string;
}

export type ScheduleResult =
  | {
      ok: true;
      schedule: CameraScheduleEntry[];
      /** the row each entry came from (a server error about entry N marks that row) */
      entryRows: number[];
    }
  | { ok: false; errors: ScheduleRowError[] };

export const SCHEDULE_MODES: ReadonlyArray<{ value: ScheduleMode; label: string }> = [
  { value: 'continuous', label: 'Record all the time' },
  { value: 'events', label: 'Record events' },
];

const DAY_MINUTES = 24 * 60;
const SHORT_DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Add a row" starts with working hours on working days. */
export const newScheduleRow = (): ScheduleRowForm => ({ days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', mode: 'events' });

/** Minutes since midnight of "H:MM"/"HH:MM"; "24:00" only as an end; null when it is not a time. */
export function parseTime(text: string, isEnd = false): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return null;
  if (h < 24) return h * 60 + min;
  return isEnd && h === 24 && min === 0 ? DAY_MINUTES : null;
}

/** 480 → "08:00" (1440 → "24:00") */
export const formatTime = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The API's entries as rows: entries with the same times and mode become one row of several weekdays. */
export function rowsFromSchedule(entries: readonly CameraScheduleEntry[]): ScheduleRowForm[] {
  const rows: ScheduleRowForm[] = [];
  for (const e of entries) {
    const same = rows.find((r) => r.start === e.start && r.end === e.end && r.mode === e.mode && !r.days.includes(e.day));
    if (same) same.days = sortDays([...same.days, e.day]);
    else rows.push({ days: [e.day], start: e.start, end: e.end, mode: e.mode });
  }
  return rows;
}

/** The minutes of the week a row covers, as [from, to) spans (Sunday 00:00 = 0); an overnight row spills into the next day. */
function weekSpans(days: readonly number[], start: number, end: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const day of days) {
    const from = day * DAY_MINUTES + start;
    const length = end > start ? end - start : DAY_MINUTES - start + end;
    const to = from + length;
    const week = 7 * DAY_MINUTES;
    // Saturday night runs into Sunday morning: wrap around the week
    if (to > week) spans.push([from, week], [0, to - week]);
    else spans.push([from, to]);
  }
  return spans;
}

/** "Mon 22:00" for a minute of the week */
const weekTime = (minute: number) => `${SHORT_DAY[Math.floor(minute / DAY_MINUTES) % 7]} ${formatTime(minute % DAY_MINUTES)}`;

/**
 * Where rows cover the same time, said once per pair on the later row: allowed (the engine records continuously where
 * a continuous row overlaps an events row, e.g. events all week + continuous during working hours), but worth seeing.
 */
export function scheduleOverlaps(rows: readonly ScheduleRowForm[]): Array<{ row: number; message: string }> {
  const spans = rows.flatMap((r, i) => {
    const start = parseTime(r.start);
    const end = parseTime(r.end, true);
    if (start === null || end === null || start === end) return [];
    return weekSpans(sortDays(r.days), start, end).map((span) => ({ row: i, span }));
  });
  const found = new Map<string, { row: number; message: string }>();
  for (let a = 0; a < spans.length; a++) {
    for (let b = a + 1; b < spans.length; b++) {
      const [x, y] = [spans[a], spans[b]];
      const from = Math.max(x.span[0], y.span[0]);
      const to = Math.min(x.span[1], y.span[1]);
      const [first, second] = [Math.min(x.row, y.row), Math.max(x.row, y.row)];
      const key = `${first}-${second}`;
      if (x.row === y.row || from >= to || found.has(key)) continue;
      const modes = new Set([rows[first].mode, rows[second].mode]);
      const outcome = modes.size > 1 ? 'continuous wins there' : 'harmless: both record the same way';
      found.set(key, {
        row: second,
        message: `Overlaps row ${first + 1} (${weekTime(from)}–${formatTime(to % DAY_MINUTES || DAY_MINUTES)}): ${outcome}`,
      });
    }
  }
  return [...found.values()];
}

/** The rows as API entries (one per weekday), or what is wrong with each row. */
export function scheduleFromRows(rows: readonly ScheduleRowForm[]): ScheduleResult {
  const errors: ScheduleRowError[] = [];
  const parsed: Array<{ row: number; days: number[]; start: number; end: number } | null> = rows.map((r, i) => {
    const n = i + 1;
    const start = parseTime(r.start);
    const end = parseTime(r.end, true);
    const days = sortDays(r.days);
    if (days.length === 0) errors.push({ row: i, part: 'days', message: `Row ${n}: pick at least one weekday` });
    if (start === null)
      errors.push({ row: i, part: 'start', message: `Row ${n}: “${r.start.trim()}” is not a time (HH:MM, 00:00–23:59)` });
    if (end === null)
      errors.push({ row: i, part: 'end', message: `Row ${n}: “${r.end.trim()}” is not a time (HH:MM, 00:00–24:00)` });
    if (start !== null && end !== null && start === end % DAY_MINUTES && end !== DAY_MINUTES) {
      errors.push({ row: i, part: 'end', message: `Row ${n}: from and to are the same; for the whole day use 00:00–24:00` });
    }
    if (start === null || end === null || days.length === 0 || start === end) return null;
    return { row: i, days, start, end };
  });

  if (errors.length > 0) return { ok: false, errors };

  const schedule: CameraScheduleEntry[] = [];
  const entryRows: number[] = [];
  parsed.forEach((p, i) => {
    if (!p) return;
    for (const day of p.days) {
      schedule.push({ day, start: formatTime(p.start), end: formatTime(p.end), mode: rows[i].mode });
      entryRows.push(i);
    }
  });
  return { ok: true, schedule, entryRows };
}

/** What a row means in words, shown beside it: "runs overnight, until 06:00 the next day", "the whole day". */
export function rowNote(row: ScheduleRowForm): string | null {
  const start = parseTime(row.start);
  const end = parseTime(row.end, true);
  if (start === null || end === null || start === end) return null;
  if (start === 0 && end === DAY_MINUTES) return 'the whole day';
  if (end < start) return `runs overnight, until ${formatTime(end)} the next day`;
  return null;
}

/** "Mon–Fri", "Sat, Sun", "every day": weekdays in the order the chips show them (Monday first). */
export function daysText(days: readonly number[]): string {
  const set = new Set(days);
  if (set.size === 7) return 'every day';
  const order = WEEKDAYS.map((d) => d.day);
  const on = order.filter((d) => set.has(d));
  const parts: string[] = [];
  let i = 0;
  while (i < on.length) {
    let j = i;
    while (j + 1 < on.length && order.indexOf(on[j + 1]) === order.indexOf(on[j]) + 1) j++;
    const a = SHORT_DAY[on[i]];
    const b = SHORT_DAY[on[j]];
    parts.push(j - i >= 2 ? `${a}–${b}` : j === i ? a : `${a}, ${b}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** A saved schedule in a line for the camera list: "Mon–Fri 08:00–18:00 events; Sat, Sun 00:00–24:00 continuous". */
export function scheduleSummary(entries: readonly CameraScheduleEntry[]): string {
  if (entries.length === 0) return 'no intervals: never records';
  return rowsFromSchedule(entries)
    .map((r) => `${daysText(r.days)} ${r.start}–${r.end} ${r.mode}`)
    .join('; ');
}
