import { describe, expect, it } from 'vitest';
import type { CameraScheduleEntry } from './api/camera-settings';
import {
  daysText,
  formatTime,
  parseTime,
  rowNote,
  rowsFromSchedule,
  scheduleFromRows,
  scheduleOverlaps,
  scheduleSummary,
  type ScheduleRowForm,
} from './camera-schedule-form';

const row = (days: number[], start: string, end: string, mode: ScheduleRowForm['mode'] = 'events'): ScheduleRowForm => ({
  days,
  start,
  end,
  mode,
});

const messages = (rows: ScheduleRowForm[]) => {
  const r = scheduleFromRows(rows);
  return r.ok ? [] : r.errors.map((e) => `${e.row}/${e.part}: ${e.message}`);
};

describe('times as typed', () => {
  it.each([
    ['08:00', false, 480],
    ['8:00', false, 480],
    [' 23:59 ', false, 1439],
    ['00:00', false, 0],
    ['24:00', true, 1440],
    ['24:00', false, null],
    ['25:00', true, null],
    ['12:60', false, null],
    ['1200', false, null],
    ['', false, null],
    ['8', false, null],
    ['08:5', false, null],
    ['-1:00', false, null],
  ])('%j (end %s) → %s', (text, isEnd, minutes) => {
    expect(parseTime(text, isEnd)).toBe(minutes);
  });

  it('formats minutes back', () => {
    expect(formatTime(0)).toBe('00:00');
    expect(formatTime(485)).toBe('08:05');
    expect(formatTime(1440)).toBe('24:00');
  });
});

describe('rows ↔ entries', () => {
  it('groups entries with the same times and mode into one row of weekdays', () => {
    const entries: CameraScheduleEntry[] = [
      { day: 1, start: '08:00', end: '18:00', mode: 'events' },
      { day: 2, start: '08:00', end: '18:00', mode: 'events' },
      { day: 6, start: '00:00', end: '24:00', mode: 'continuous' },
      { day: 3, start: '08:00', end: '18:00', mode: 'continuous' },
      { day: 0, start: '00:00', end: '24:00', mode: 'continuous' },
    ];
    expect(rowsFromSchedule(entries)).toEqual([
      row([1, 2], '08:00', '18:00', 'events'),
      row([0, 6], '00:00', '24:00', 'continuous'),
      row([3], '08:00', '18:00', 'continuous'),
    ]);
  });

  it('a day twice with the same times stays two rows (the overlap check then names them)', () => {
    const e = { day: 1, start: '08:00', end: '09:00', mode: 'events' as const };
    expect(rowsFromSchedule([e, e])).toHaveLength(2);
  });

  it('writes one entry per weekday, times normalised, and remembers each entry’s row', () => {
    const r = scheduleFromRows([row([5, 1], '8:00', '18:00'), row([0], '22:00', '6:30', 'continuous')]);
    expect(r).toEqual({
      ok: true,
      schedule: [
        { day: 1, start: '08:00', end: '18:00', mode: 'events' },
        { day: 5, start: '08:00', end: '18:00', mode: 'events' },
        { day: 0, start: '22:00', end: '06:30', mode: 'continuous' },
      ],
      entryRows: [0, 0, 1],
    });
  });

  it('round-trips', () => {
    const rows = [row([1, 2, 3, 4, 5], '07:30', '19:00'), row([0, 6], '00:00', '24:00', 'continuous')];
    const r = scheduleFromRows(rows);
    expect(r.ok && rowsFromSchedule(r.schedule)).toEqual(rows);
  });

  it('no rows is an empty schedule', () => {
    expect(scheduleFromRows([])).toEqual({ ok: true, schedule: [], entryRows: [] });
  });
});

describe('row checks, shown inline', () => {
  it.each<[string, ScheduleRowForm[], string[]]>([
    ['an ordinary day', [row([1], '08:00', '18:00')], []],
    ['overnight is fine', [row([1], '22:00', '06:00')], []],
    ['the whole day', [row([1], '00:00', '24:00')], []],
    ['up to midnight', [row([1], '18:00', '24:00')], []],
    ['25:00 is refused', [row([1], '25:00', '06:00')], ['0/start: Row 1: “25:00” is not a time (HH:MM, 00:00–23:59)']],
    ['24:00 cannot start', [row([1], '24:00', '06:00')], ['0/start: Row 1: “24:00” is not a time (HH:MM, 00:00–23:59)']],
    ['junk end', [row([1], '08:00', 'late')], ['0/end: Row 1: “late” is not a time (HH:MM, 00:00–24:00)']],
    ['no weekday', [row([], '08:00', '18:00')], ['0/days: Row 1: pick at least one weekday']],
    [
      'empty interval',
      [row([2], '10:00', '10:00')],
      ['0/end: Row 1: from and to are the same; for the whole day use 00:00–24:00'],
    ],
    ['overlapping rows are allowed', [row([1, 2], '08:00', '18:00'), row([2], '17:00', '20:00', 'continuous')], []],
    ['same times on other days', [row([1, 2], '08:00', '18:00'), row([3], '08:00', '18:00')], []],
    [
      'several problems at once',
      [row([], 'x', '18:00'), row([1], '08:00', '99:99')],
      [
        '0/days: Row 1: pick at least one weekday',
        '0/start: Row 1: “x” is not a time (HH:MM, 00:00–23:59)',
        '1/end: Row 2: “99:99” is not a time (HH:MM, 00:00–24:00)',
      ],
    ],
  ])('%s', (_, rows, expected) => {
    expect(messages(rows)).toEqual(expected);
  });
});

describe('overlaps: allowed, named on the later row', () => {
  const overlaps = (rows: ScheduleRowForm[]) => scheduleOverlaps(rows).map((o) => `${o.row}: ${o.message}`);
  it.each<[string, ScheduleRowForm[], string[]]>([
    ['touching rows do not overlap', [row([1], '08:00', '12:00'), row([1], '12:00', '18:00', 'continuous')], []],
    ['same times on other days', [row([1, 2], '08:00', '18:00'), row([3], '08:00', '18:00')], []],
    [
      'events all week, continuous in working hours',
      [row([0, 1, 2, 3, 4, 5, 6], '00:00', '24:00'), row([1, 2, 3, 4, 5], '08:00', '18:00', 'continuous')],
      ['1: Overlaps row 1 (Mon 08:00–18:00): continuous wins there'],
    ],
    [
      'the same mode twice',
      [row([1, 2], '08:00', '18:00'), row([2], '17:00', '20:00')],
      ['1: Overlaps row 1 (Tue 17:00–18:00): harmless: both record the same way'],
    ],
    [
      'an overnight row spills into the next morning',
      [row([1], '22:00', '06:00'), row([2], '05:00', '07:00', 'continuous')],
      ['1: Overlaps row 1 (Tue 05:00–06:00): continuous wins there'],
    ],
    [
      'Saturday night runs into Sunday morning',
      [row([6], '23:00', '02:00'), row([0], '01:00', '03:00', 'continuous')],
      ['1: Overlaps row 1 (Sun 01:00–02:00): continuous wins there'],
    ],
    [
      'each overlapping pair is named once',
      [row([1, 2, 3], '08:00', '18:00'), row([1, 2, 3], '09:00', '10:00', 'continuous'), row([5], '09:00', '10:00')],
      ['1: Overlaps row 1 (Mon 09:00–10:00): continuous wins there'],
    ],
    ['rows with bad times are left out', [row([1], '08:00', '18:00'), row([1], '25:00', '10:00')], []],
  ])('%s', (_, rows, expected) => {
    expect(overlaps(rows)).toEqual(expected);
  });
});

describe('words', () => {
  it.each<[ScheduleRowForm, string | null]>([
    [row([1], '22:00', '06:00'), 'runs overnight, until 06:00 the next day'],
    [row([1], '00:00', '24:00'), 'the whole day'],
    [row([1], '08:00', '18:00'), null],
    [row([1], '25:00', '06:00'), null],
    [row([1], '10:00', '10:00'), null],
  ])('note of %j → %s', (r, note) => {
    expect(rowNote(r)).toBe(note);
  });

  it.each<[number[], string]>([
    [[1, 2, 3, 4, 5], 'Mon–Fri'],
    [[0, 6], 'Sat, Sun'],
    [[0, 1, 2, 3, 4, 5, 6], 'every day'],
    [[1, 3, 5], 'Mon, Wed, Fri'],
    [[1, 2], 'Mon, Tue'],
    [[0, 1, 2, 4], 'Mon, Tue, Thu, Sun'],
    [[5, 6, 0], 'Fri–Sun'],
    [[], ''],
  ])('days %j → %s', (days, text) => {
    expect(daysText(days)).toBe(text);
  });

  it('summarises a saved schedule for the list', () => {
    expect(scheduleSummary([])).toBe('no intervals: never records');
    expect(
      scheduleSummary([
        { day: 1, start: '08:00', end: '18:00', mode: 'events' },
        { day: 2, start: '08:00', end: '18:00', mode: 'events' },
        { day: 3, start: '08:00', end: '18:00', mode: 'events' },
      ]),
    ).toBe('Mon–Wed 08:00–18:00 events');
  });
});
