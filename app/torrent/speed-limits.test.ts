import { describe, expect, it } from 'vitest';
import {
  altState,
  effectiveLimits,
  isAltActive,
  localClock,
  nextScheduleChange,
  parseTime,
  sessionLimits,
  validateSchedule,
  type LocalTime,
  type ScheduleRule,
  type SpeedSettings,
  type TorrentLimits,
} from './speed-limits.js';

const [SUN, MON, TUE, WED, THU, FRI, SAT] = [0, 1, 2, 3, 4, 5, 6];
const KiB = 1024;

/** A local time from a weekday and 'HH:MM' (or minutes of the day). */
const at = (weekday: number, time: string | number): LocalTime => ({
  weekday,
  minutes: typeof time === 'number' ? time : (parseTime(time, true) as number),
});

function settings(over: Partial<SpeedSettings> = {}): SpeedSettings {
  return {
    global: { downloadKiBps: 1000, uploadKiBps: 100 },
    alternative: { downloadKiBps: 200, uploadKiBps: 20 },
    altMode: 'scheduled',
    schedule: [],
    ...over,
  };
}
const scheduled = (...schedule: ScheduleRule[]) => settings({ schedule });

const WEEKNIGHTS: ScheduleRule = { days: [MON, TUE, WED, THU, FRI], from: '22:00', to: '06:00' };
const WEEKENDS: ScheduleRule = { days: [SAT, SUN], from: '00:00', to: '24:00' };
const SAT_LATE: ScheduleRule = { days: [SAT], from: '23:00', to: '01:00' };
const WED_MORNING: ScheduleRule = { days: [WED], from: '08:00', to: '12:00' };
const WED_NOON: ScheduleRule = { days: [WED], from: '10:00', to: '14:00' };

describe('isAltActive', () => {
  it.each<[string, SpeedSettings, LocalTime, boolean]>([
    ['weeknights: just before the start', scheduled(WEEKNIGHTS), at(MON, '21:59'), false],
    ['weeknights: at the start', scheduled(WEEKNIGHTS), at(MON, '22:00'), true],
    ['weeknights: before midnight', scheduled(WEEKNIGHTS), at(MON, '23:59'), true],
    ['weeknights: midnight wraps into Tuesday', scheduled(WEEKNIGHTS), at(TUE, '00:00'), true],
    ['weeknights: just before the end', scheduled(WEEKNIGHTS), at(TUE, '05:59'), true],
    ['weeknights: the end is exclusive', scheduled(WEEKNIGHTS), at(TUE, '06:00'), false],
    ['weeknights: Friday night runs into Saturday', scheduled(WEEKNIGHTS), at(SAT, '03:00'), true],
    ['weeknights: Saturday night is not listed', scheduled(WEEKNIGHTS), at(SUN, '03:00'), false],
    ['weeknights: Sunday night is not listed', scheduled(WEEKNIGHTS), at(MON, '03:00'), false],
    ['weeknights: a fraction before the start', scheduled(WEEKNIGHTS), at(MON, 22 * 60 - 0.01), false],
    ['weekend only: Saturday midnight', scheduled(WEEKENDS), at(SAT, '00:00'), true],
    ['weekend only: Sunday 23:59', scheduled(WEEKENDS), at(SUN, '23:59'), true],
    ['weekend only: Monday midnight', scheduled(WEEKENDS), at(MON, '00:00'), false],
    ['weekend only: Friday 23:59', scheduled(WEEKENDS), at(FRI, '23:59'), false],
    ['Saturday night wraps past the end of the week', scheduled(SAT_LATE), at(SUN, '00:30'), true],
    ['Saturday night: Saturday 23:30', scheduled(SAT_LATE), at(SAT, '23:30'), true],
    ['Saturday night: over at Sunday 01:00', scheduled(SAT_LATE), at(SUN, '01:00'), false],
    ['Saturday night: Sunday 23:30 is not Saturday', scheduled(SAT_LATE), at(SUN, '23:30'), false],
    ['overlap: in the first only', scheduled(WED_MORNING, WED_NOON), at(WED, '09:00'), true],
    ['overlap: in both', scheduled(WED_MORNING, WED_NOON), at(WED, '11:00'), true],
    ['overlap: in the second only', scheduled(WED_MORNING, WED_NOON), at(WED, '13:59'), true],
    ['overlap: after both', scheduled(WED_MORNING, WED_NOON), at(WED, '14:00'), false],
    ['to 00:00 means until midnight', scheduled({ days: [TUE], from: '22:00', to: '00:00' }), at(TUE, '23:00'), true],
    ['to 00:00 ends at midnight', scheduled({ days: [TUE], from: '22:00', to: '00:00' }), at(WED, '00:00'), false],
    ['from = to is empty, not all day', scheduled({ days: [TUE], from: '08:00', to: '08:00' }), at(TUE, '08:00'), false],
    ['duplicate days are fine', scheduled({ days: [TUE, TUE], from: '08:00', to: '09:00' }), at(TUE, '08:30'), true],
    ['a bad day is ignored', scheduled({ days: [9], from: '00:00', to: '24:00' }), at(TUE, '08:30'), false],
    ['a bad time is ignored', scheduled({ days: [TUE], from: '25:00', to: '24:00' }), at(TUE, '08:30'), false],
    ['weekday outside 0..6 wraps around the week', scheduled(WEEKENDS), at(7, '12:00'), true],
    ["'on' overrides an empty schedule", settings({ altMode: 'on' }), at(TUE, '12:00'), true],
    ["'off' overrides a covering schedule", settings({ altMode: 'off', schedule: [WEEKENDS] }), at(SAT, '12:00'), false],
    ['an unknown mode counts as off', settings({ altMode: 'turbo' as never, schedule: [WEEKENDS] }), at(SAT, '12:00'), false],
  ])('%s', (_name, s, time, expected) => {
    expect(isAltActive(s, time)).toBe(expected);
  });

  it('says which rule is in force, or that none is', () => {
    expect(altState(scheduled(WED_NOON, WEEKNIGHTS), at(SAT, '03:00')).reason).toBe(
      'scheduled: rule 2 (Mon,Tue,Wed,Thu,Fri 22:00–06:00 (into the next day)) covers Sat 03:00',
    );
    expect(altState(scheduled(WEEKNIGHTS), at(SUN, '12:00')).reason).toBe('scheduled: no rule covers Sun 12:00');
  });

  it('rejects a time that is not a number', () => {
    expect(() => isAltActive(scheduled(WEEKENDS), { weekday: SAT, minutes: NaN })).toThrow(RangeError);
  });
});

describe('nextScheduleChange', () => {
  it.each<[string, SpeedSettings, LocalTime, number | null]>([
    ['weeknights: an hour before the start', scheduled(WEEKNIGHTS), at(MON, '21:00'), 60],
    ['weeknights: inside, until 06:00 next day', scheduled(WEEKNIGHTS), at(MON, '23:00'), 7 * 60],
    ['weeknights: at the end, until the next start', scheduled(WEEKNIGHTS), at(TUE, '06:00'), 16 * 60],
    ['weeknights: Friday night ends Saturday 06:00', scheduled(WEEKNIGHTS), at(FRI, '23:00'), 7 * 60],
    ['weeknights: Saturday morning waits for Monday night', scheduled(WEEKNIGHTS), at(SAT, '06:00'), 2 * 1440 + 16 * 60],
    ['seconds count', scheduled(WEEKNIGHTS), at(MON, 21 * 60 + 30.5), 29.5],
    ['across the end of the week', scheduled(SAT_LATE), at(SAT, '23:30'), 90],
    ['from Sunday to next Saturday', scheduled(SAT_LATE), at(SUN, '01:00'), 6 * 1440 + 22 * 60],
    ['overlapping rules act as one', scheduled(WED_MORNING, WED_NOON), at(WED, '09:00'), 5 * 60],
    [
      'adjacent rules act as one',
      scheduled({ days: [FRI], from: '20:00', to: '24:00' }, { days: [SAT], from: '00:00', to: '08:00' }),
      at(FRI, '21:00'),
      11 * 60,
    ],
    ['weekend: from Friday evening', scheduled(WEEKENDS), at(FRI, '18:00'), 6 * 60],
    ['weekend: through the weekend to Monday', scheduled(WEEKENDS), at(SAT, '00:00'), 2 * 1440],
    [
      'a schedule covering the whole week never flips',
      scheduled({ days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '24:00' }),
      at(TUE, '10:00'),
      null,
    ],
    ['an empty schedule never flips', scheduled(), at(TUE, '10:00'), null],
    ["mode 'on' never flips", settings({ altMode: 'on', schedule: [WEEKNIGHTS] }), at(MON, '21:00'), null],
    ["mode 'off' never flips", settings({ altMode: 'off', schedule: [WEEKNIGHTS] }), at(MON, '21:00'), null],
  ])('%s', (_name, s, time, expected) => {
    expect(nextScheduleChange(s, time)).toBe(expected);
  });
});

describe('effectiveLimits', () => {
  const ALL_NULL = { downloadKiBps: null, uploadKiBps: null };
  type Row = [string, SpeedSettings, TorrentLimits | null, LocalTime, [number | null, number | null], string, string, string];
  it.each<Row>([
    ['global, no torrent limits', settings(), null, at(TUE, '12:00'), [1000 * KiB, 100 * KiB], 'global', 'global', 'global'],
    [
      "alt 'on'",
      settings({ altMode: 'on' }),
      null,
      at(TUE, '12:00'),
      [200 * KiB, 20 * KiB],
      'alternative',
      'alternative',
      'alternative',
    ],
    [
      'alt by schedule',
      scheduled(WEEKENDS),
      {},
      at(SAT, '12:00'),
      [200 * KiB, 20 * KiB],
      'alternative',
      'alternative',
      'alternative',
    ],
    ['schedule not in force', scheduled(WEEKENDS), {}, at(MON, '12:00'), [1000 * KiB, 100 * KiB], 'global', 'global', 'global'],
    [
      'torrent lower on download only',
      settings(),
      { downloadKiBps: 50 },
      at(TUE, '12:00'),
      [50 * KiB, 100 * KiB],
      'torrent',
      'torrent',
      'global',
    ],
    [
      'torrent lower on upload only',
      settings(),
      { uploadKiBps: 10 },
      at(TUE, '12:00'),
      [1000 * KiB, 10 * KiB],
      'torrent',
      'global',
      'torrent',
    ],
    [
      'torrent higher than global',
      settings(),
      { downloadKiBps: 5000, uploadKiBps: 500 },
      at(TUE, '12:00'),
      [1000 * KiB, 100 * KiB],
      'global',
      'global',
      'global',
    ],
    [
      'torrent equal to global',
      settings(),
      { downloadKiBps: 1000 },
      at(TUE, '12:00'),
      [1000 * KiB, 100 * KiB],
      'global',
      'global',
      'global',
    ],
    [
      'torrent between alt and global',
      settings({ altMode: 'on' }),
      { downloadKiBps: 500 },
      at(TUE, '12:00'),
      [200 * KiB, 20 * KiB],
      'alternative',
      'alternative',
      'alternative',
    ],
    [
      'torrent below alt',
      settings({ altMode: 'on' }),
      { downloadKiBps: 100, uploadKiBps: 5 },
      at(TUE, '12:00'),
      [100 * KiB, 5 * KiB],
      'torrent',
      'torrent',
      'torrent',
    ],
    [
      'all null: unlimited',
      settings({ global: ALL_NULL, alternative: ALL_NULL }),
      null,
      at(TUE, '12:00'),
      [null, null],
      'global',
      'global',
      'global',
    ],
    [
      'all null, alt on: still unlimited',
      settings({ global: ALL_NULL, alternative: ALL_NULL, altMode: 'on' }),
      ALL_NULL,
      at(TUE, '12:00'),
      [null, null],
      'alternative',
      'alternative',
      'alternative',
    ],
    [
      'unlimited alt pair beats a limited global',
      settings({ alternative: ALL_NULL, altMode: 'on' }),
      null,
      at(TUE, '12:00'),
      [null, null],
      'alternative',
      'alternative',
      'alternative',
    ],
    [
      'unlimited session, torrent limit applies',
      settings({ global: ALL_NULL }),
      { downloadKiBps: 300 },
      at(TUE, '12:00'),
      [300 * KiB, null],
      'torrent',
      'torrent',
      'global',
    ],
    [
      '0 is unlimited',
      settings({ global: { downloadKiBps: 0, uploadKiBps: 0 } }),
      { downloadKiBps: 0 },
      at(TUE, '12:00'),
      [null, null],
      'global',
      'global',
      'global',
    ],
    [
      'negative, NaN, Infinity are unlimited',
      settings(),
      { downloadKiBps: -5, uploadKiBps: NaN },
      at(TUE, '12:00'),
      [1000 * KiB, 100 * KiB],
      'global',
      'global',
      'global',
    ],
    [
      'Infinity global is unlimited',
      settings({ global: { downloadKiBps: Infinity, uploadKiBps: null } }),
      null,
      at(TUE, '12:00'),
      [null, null],
      'global',
      'global',
      'global',
    ],
    [
      'fractional KiB/s',
      settings({ global: { downloadKiBps: 1.5, uploadKiBps: 0.5 } }),
      null,
      at(TUE, '12:00'),
      [1536, 512],
      'global',
      'global',
      'global',
    ],
  ])('%s', (_name, s, torrent, time, [down, up], source, downloadSource, uploadSource) => {
    const result = effectiveLimits(s, torrent, time);
    expect(result).toMatchObject({ downloadBps: down, uploadBps: up, source, downloadSource, uploadSource });
  });

  it('explains each direction and the mode', () => {
    expect(effectiveLimits(scheduled(WEEKENDS), { downloadKiBps: 50 }, at(SAT, '12:00')).reason).toBe(
      "download 50 KiB/s from this torrent's limit (below the alternative 200 KiB/s); upload 20 KiB/s from the alternative limit" +
        ' (scheduled: rule 1 (Sun,Sat 00:00–24:00) covers Sat 12:00)',
    );
    expect(effectiveLimits(settings({ altMode: 'off', global: ALL_NULL }), null, at(SAT, '12:00')).reason).toBe(
      'download unlimited from the global limit; upload unlimited from the global limit (alternative limits switched off)',
    );
    expect(effectiveLimits(settings({ global: ALL_NULL }), { uploadKiBps: 8 }, at(MON, '12:00')).reason).toBe(
      "download unlimited from the global limit; upload 8 KiB/s from this torrent's limit (the global one is unlimited)" +
        ' (scheduled: no rule covers Mon 12:00)',
    );
  });

  it('the session caps ignore torrents', () => {
    expect(sessionLimits(settings({ altMode: 'on' }), at(TUE, '12:00'))).toEqual({
      downloadBps: 200 * KiB,
      uploadBps: 20 * KiB,
      source: 'alternative',
      reason: 'alternative limits switched on',
    });
  });
});

describe('validateSchedule', () => {
  it.each<[string, unknown, ScheduleRule[]]>([
    ['an empty schedule', [], []],
    [
      'normalises times and days',
      [{ days: [SAT, SUN, SAT], from: '7:00', to: '24:00' }],
      [{ days: [SUN, SAT], from: '07:00', to: '24:00' }],
    ],
    ['a rule past midnight', [WEEKNIGHTS], [WEEKNIGHTS]],
    ['to 00:00 (until midnight)', [{ days: [TUE], from: '22:00', to: '00:00' }], [{ days: [TUE], from: '22:00', to: '00:00' }]],
    ['spaces around a time', [{ days: [TUE], from: ' 08:00 ', to: '09:30' }], [{ days: [TUE], from: '08:00', to: '09:30' }]],
    [
      'extra keys are dropped',
      [{ days: [TUE], from: '08:00', to: '09:30', note: 'x' }],
      [{ days: [TUE], from: '08:00', to: '09:30' }],
    ],
  ])('accepts %s', (_name, input, expected) => {
    expect(validateSchedule(input)).toEqual({ ok: true, schedule: expected });
  });

  const rule = (over: Record<string, unknown>) => [{ days: [TUE], from: '08:00', to: '09:00', ...over }];
  it.each<[string, unknown, string[]]>([
    ['not a list', 'weekends', ['the schedule must be a list of rules { days, from, to }']],
    ['null', null, ['the schedule must be a list of rules { days, from, to }']],
    ['a rule that is not an object', [42], ['rule 1: must be an object { days, from, to }, got 42']],
    ['empty days', rule({ days: [] }), ['rule 1: days is empty; pick at least one weekday']],
    ['days not a list', rule({ days: 'mon' }), ['rule 1: days must be a list of weekday numbers, 0 (Sunday) to 6 (Saturday)']],
    ['day 7', rule({ days: [1, 7] }), ['rule 1: day 7 is not a weekday number, 0 (Sunday) to 6 (Saturday)']],
    [
      'day 1.5 and "2"',
      rule({ days: [1.5, '2'] }),
      [
        'rule 1: day 1.5 is not a weekday number, 0 (Sunday) to 6 (Saturday)',
        "rule 1: day '2' is not a weekday number, 0 (Sunday) to 6 (Saturday)",
      ],
    ],
    ['hour 25', rule({ from: '25:00' }), ["rule 1: from '25:00' is not a time of day HH:MM (00:00–23:59)"]],
    ['minute 60', rule({ from: '12:60' }), ["rule 1: from '12:60' is not a time of day HH:MM (00:00–23:59)"]],
    ['no colon', rule({ from: '1200' }), ["rule 1: from '1200' is not a time of day HH:MM (00:00–23:59)"]],
    ['a number', rule({ from: 12 }), ['rule 1: from 12 is not a time of day HH:MM (00:00–23:59)']],
    ['from 24:00', rule({ from: '24:00' }), ["rule 1: from '24:00': 24:00 is only allowed as an end (to)"]],
    ['to 24:01', rule({ to: '24:01' }), ["rule 1: to '24:01' is not a time of day HH:MM (00:00–24:00)"]],
    ['to missing', rule({ to: undefined }), ['rule 1: to missing is not a time of day HH:MM (00:00–24:00)']],
    [
      'from = to',
      rule({ from: '08:00', to: '8:00' }),
      ['rule 1: from and to are both 08:00, an empty interval; use 00:00–24:00 for a whole day'],
    ],
    [
      'every problem of every rule',
      [WEEKENDS, { days: [], from: 'noon', to: '13:00' }],
      ['rule 2: days is empty; pick at least one weekday', "rule 2: from 'noon' is not a time of day HH:MM (00:00–23:59)"],
    ],
  ])('rejects %s', (_name, input, errors) => {
    expect(validateSchedule(input)).toEqual({ ok: false, errors });
  });
});

describe('localClock', () => {
  it.each<[string, string, string | undefined, LocalTime]>([
    ['UTC with seconds', '2024-01-07T12:34:30.000Z', 'UTC', { weekday: SUN, minutes: 12 * 60 + 34.5 }],
    ['midnight is 00:00, not 24:00', '2024-01-08T00:00:00Z', 'UTC', { weekday: MON, minutes: 0 }],
    ['Tokyo is already Monday morning', '2024-01-07T20:00:00Z', 'Asia/Tokyo', { weekday: MON, minutes: 5 * 60 }],
    ['New York in summer (EDT, UTC-4)', '2024-07-01T02:30:00Z', 'America/New_York', { weekday: SUN, minutes: 22 * 60 + 30 }],
    ['New York in winter (EST, UTC-5)', '2024-01-01T02:30:00Z', 'America/New_York', { weekday: SUN, minutes: 21 * 60 + 30 }],
    ['Kathmandu (UTC+5:45)', '2024-01-06T18:15:00Z', 'Asia/Kathmandu', { weekday: SUN, minutes: 0 }],
  ])('%s', (_name, iso, zone, expected) => {
    expect(localClock(new Date(iso), zone)).toEqual(expected);
  });

  it('feeds the schedule: Friday 23:00 UTC is Saturday morning in Tokyo', () => {
    const tokyo = localClock(new Date('2024-01-05T23:00:00Z'), 'Asia/Tokyo');
    expect(isAltActive(scheduled(WEEKENDS), tokyo)).toBe(true);
    expect(isAltActive(scheduled(WEEKENDS), localClock(new Date('2024-01-05T23:00:00Z'), 'UTC'))).toBe(false);
  });

  it('rejects an unknown time zone', () => {
    expect(() => localClock(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});
