// The weekly schedule as a table: (schedule, instant, zone) → mode, reason and the next change, including overnight
// intervals, overlaps, 24:00 ends and both DST days of Europe/Berlin.
import { describe, expect, it } from 'vitest';
import { intervalProblems, parseClock, scheduleAt, type ScheduleInterval } from './camera-schedule.js';

const at = (day: number, start: string, end: string, mode: 'continuous' | 'events'): ScheduleInterval => ({
  day,
  start,
  end,
  mode,
});
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// 2024-01-01 is a Monday
const officeHours = [at(1, '08:00', '18:00', 'events')];
const overnight = [at(5, '22:00', '06:00', 'continuous')];
const saturdayNight = [at(6, '22:00', '06:00', 'continuous')];
const lunch = [at(1, '08:00', '18:00', 'events'), at(1, '12:00', '13:00', 'continuous')];
const halves = [at(1, '08:00', '12:00', 'events'), at(1, '12:00', '18:00', 'events')];
const wholeMonday = [at(1, '00:00', '24:00', 'continuous')];
const berlinSunday = [at(0, '08:00', '18:00', 'events')];
const berlinSkipped = [at(0, '02:30', '04:00', 'continuous')];

const rows: Array<[string, ScheduleInterval[], string, string, string, string, string | null]> = [
  // name, schedule, zone, now, mode, reason, next change
  [
    'before office hours',
    officeHours,
    'UTC',
    '2024-01-01T07:59:30Z',
    'off',
    'schedule: outside every interval',
    '2024-01-01T08:00:00.000Z',
  ],
  [
    'at the start',
    officeHours,
    'UTC',
    '2024-01-01T08:00:00Z',
    'events',
    'schedule: Mon 08:00-18:00 events',
    '2024-01-01T18:00:00.000Z',
  ],
  [
    'just before the end',
    officeHours,
    'UTC',
    '2024-01-01T17:59:59Z',
    'events',
    'schedule: Mon 08:00-18:00 events',
    '2024-01-01T18:00:00.000Z',
  ],
  [
    'at the end: off until next week',
    officeHours,
    'UTC',
    '2024-01-01T18:00:00Z',
    'off',
    'schedule: outside every interval',
    '2024-01-08T08:00:00.000Z',
  ],
  [
    'Sunday: off until Monday',
    officeHours,
    'UTC',
    '2024-01-07T12:00:00Z',
    'off',
    'schedule: outside every interval',
    '2024-01-08T08:00:00.000Z',
  ],
  [
    'overnight: Friday evening before',
    overnight,
    'UTC',
    '2024-01-05T21:00:00Z',
    'off',
    'schedule: outside every interval',
    '2024-01-05T22:00:00.000Z',
  ],
  [
    'overnight: Friday late',
    overnight,
    'UTC',
    '2024-01-05T23:30:00Z',
    'continuous',
    'schedule: Fri 22:00-06:00 continuous',
    '2024-01-06T06:00:00.000Z',
  ],
  [
    'overnight: Saturday early morning',
    overnight,
    'UTC',
    '2024-01-06T05:59:00Z',
    'continuous',
    'schedule: Fri 22:00-06:00 continuous',
    '2024-01-06T06:00:00.000Z',
  ],
  [
    'overnight: Saturday 06:00 ends',
    overnight,
    'UTC',
    '2024-01-06T06:00:00Z',
    'off',
    'schedule: outside every interval',
    '2024-01-12T22:00:00.000Z',
  ],
  [
    'overnight across the week end',
    saturdayNight,
    'UTC',
    '2024-01-07T03:00:00Z',
    'continuous',
    'schedule: Sat 22:00-06:00 continuous',
    '2024-01-07T06:00:00.000Z',
  ],
  [
    'overlap: continuous wins',
    lunch,
    'UTC',
    '2024-01-01T12:30:00Z',
    'continuous',
    'schedule: Mon 12:00-13:00 continuous',
    '2024-01-01T13:00:00.000Z',
  ],
  [
    'overlap: events before',
    lunch,
    'UTC',
    '2024-01-01T11:00:00Z',
    'events',
    'schedule: Mon 08:00-18:00 events',
    '2024-01-01T12:00:00.000Z',
  ],
  [
    'overlap: events after',
    lunch,
    'UTC',
    '2024-01-01T13:00:00Z',
    'events',
    'schedule: Mon 08:00-18:00 events',
    '2024-01-01T18:00:00.000Z',
  ],
  [
    'adjacent intervals: the reason changes',
    halves,
    'UTC',
    '2024-01-01T11:00:00Z',
    'events',
    'schedule: Mon 08:00-12:00 events',
    '2024-01-01T12:00:00.000Z',
  ],
  [
    '24:00 end',
    wholeMonday,
    'UTC',
    '2024-01-01T23:59:00Z',
    'continuous',
    'schedule: Mon 00:00-24:00 continuous',
    '2024-01-02T00:00:00.000Z',
  ],
  ['no intervals', [], 'UTC', '2024-01-01T12:00:00Z', 'off', 'schedule: no intervals', null],
  [
    'a zone ahead of UTC',
    officeHours,
    'Asia/Tokyo',
    '2023-12-31T23:00:00Z',
    'events',
    'schedule: Mon 08:00-18:00 events',
    '2024-01-01T09:00:00.000Z',
  ],
  // Berlin springs forward on 2024-03-31 at 01:00 UTC (02:00 CET → 03:00 CEST): 08:00 that day is 06:00 UTC
  [
    'DST spring: boundary after the jump',
    berlinSunday,
    'Europe/Berlin',
    '2024-03-31T00:00:00Z',
    'off',
    'schedule: outside every interval',
    '2024-03-31T06:00:00.000Z',
  ],
  [
    'DST spring: a start skipped by the jump begins at the jump',
    berlinSkipped,
    'Europe/Berlin',
    '2024-03-31T00:30:00Z',
    'off',
    'schedule: outside every interval',
    '2024-03-31T01:00:00.000Z',
  ],
  // and falls back on 2024-10-27 at 01:00 UTC (03:00 CEST → 02:00 CET): 08:00 that day is 07:00 UTC
  [
    'DST autumn: boundary after the jump',
    berlinSunday,
    'Europe/Berlin',
    '2024-10-27T00:00:00Z',
    'off',
    'schedule: outside every interval',
    '2024-10-27T07:00:00.000Z',
  ],
  [
    'DST autumn: the end in winter time',
    berlinSunday,
    'Europe/Berlin',
    '2024-10-27T12:00:00Z',
    'events',
    'schedule: Sun 08:00-18:00 events',
    '2024-10-27T17:00:00.000Z',
  ],
];

describe('scheduleAt', () => {
  it.each(rows)('%s', (_name, schedule, zone, now, mode, reason, next) => {
    const decision = scheduleAt(schedule, Date.parse(now), zone);
    expect({ mode: decision.mode, reason: decision.reason, next: iso(decision.nextChangeAt) }).toEqual({ mode, reason, next });
  });

  it('is fast enough to run on every change (a week of boundaries in well under 50 ms)', () => {
    const busy = [0, 1, 2, 3, 4, 5, 6].flatMap((day) => [
      at(day, '06:00', '09:00', 'events'),
      at(day, '17:00', '23:00', 'continuous'),
    ]);
    const started = performance.now();
    for (let i = 0; i < 5; i++) scheduleAt(busy, Date.parse('2024-03-30T12:00:00Z') + i * 3600_000, 'Europe/Berlin');
    expect((performance.now() - started) / 5).toBeLessThan(50);
  });
});

describe('schedule interval validation', () => {
  const problems = (i: Partial<ScheduleInterval>) =>
    intervalProblems({ day: 1, start: '08:00', end: '18:00', mode: 'events', ...i } as ScheduleInterval).map(
      (p) => `${p.field}: ${p.message}`,
    );
  it.each([
    [{}, []],
    [{ start: '00:00', end: '24:00' }, []],
    [{ start: '22:00', end: '06:00' }, []],
    [{ start: '25:00' }, ['start: "25:00" is not a time HH:MM (00:00-23:59)']],
    [{ start: '24:00' }, ['start: "24:00" is not a time HH:MM (00:00-23:59)']],
    [{ end: '7:00' }, ['end: "7:00" is not a time HH:MM (00:00-24:00)']],
    [{ end: '18:60' }, ['end: "18:60" is not a time HH:MM (00:00-24:00)']],
    [{ start: '08:00', end: '08:00' }, ['end: must differ from start (an empty interval)']],
    [{ start: '00:00', end: '24:00', day: 7 }, ['day: must be 0..6 (0 = Sunday)']],
    [{ mode: 'always' as 'events' }, ['mode: must be continuous or events']],
  ])('%o → %o', (interval, expected) => expect(problems(interval)).toEqual(expected));

  it('parses clock times', () => {
    expect([parseClock('00:00'), parseClock('23:59'), parseClock('24:00'), parseClock('24:00', true)]).toEqual([
      0,
      1439,
      null,
      1440,
    ]);
  });
});
