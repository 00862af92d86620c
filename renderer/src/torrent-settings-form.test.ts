import { describe, expect, it } from 'vitest';
import type { TorrentSettings } from '../../app/api/api-types';
import {
  endsNextDay,
  fromForm,
  minutesOf,
  newRule,
  parseNumber,
  restartNote,
  sameForm,
  toForm,
  toggleDay,
  WEEKDAYS,
} from './torrent-settings-form';

const settings: TorrentSettings = {
  dht: true,
  lsd: false,
  utp: true,
  port: 0,
  directWrites: true,
  maxActiveDownloads: 3,
  stallAfterMin: 10,
  failAfterMin: 60,
  ratioLimit: null,
  seedingTimeLimitMin: null,
  seedAction: 'stop',
  speed: {
    global: { downloadKiBps: null, uploadKiBps: 500 },
    alternative: { downloadKiBps: 100, uploadKiBps: 0 },
    altMode: 'scheduled',
    schedule: [{ days: [5, 1], from: '22:00', to: '06:00' }],
  },
};

describe('toForm / fromForm', () => {
  it('shows null as empty, port 0 as empty (automatic) and a speed limit of 0 as empty (unlimited)', () => {
    const form = toForm(settings);
    expect(form.port).toBe('');
    expect(form.maxActiveDownloads).toBe('3');
    expect(form.ratioLimit).toBe('');
    expect(form.globalDown).toBe('');
    expect(form.globalUp).toBe('500');
    expect(form.altUp).toBe('');
    expect(form.schedule).toEqual([{ days: [1, 5], from: '22:00', to: '06:00' }]);
  });

  it('round-trips, turning empty back into null and 0 rates into null', () => {
    const result = fromForm(toForm(settings));
    expect(result).toEqual({
      ok: true,
      settings: {
        ...settings,
        speed: {
          ...settings.speed,
          alternative: { downloadKiBps: 100, uploadKiBps: null },
          schedule: [{ days: [1, 5], from: '22:00', to: '06:00' }],
        },
      },
    });
  });

  it('reads typed numbers, with spaces and a decimal comma for the ratio', () => {
    const form = { ...toForm(settings), port: ' 6881 ', ratioLimit: '1,5', seedingTimeLimitMin: '0', globalDown: '0' };
    const result = fromForm(form);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.port).toBe(6881);
    expect(result.settings.ratioLimit).toBe(1.5);
    expect(result.settings.seedingTimeLimitMin).toBe(0);
    expect(result.settings.speed.global.downloadKiBps).toBeNull();
  });

  it('lists every field it cannot read, naming the field and the allowed range', () => {
    const result = fromForm({
      ...toForm(settings),
      port: '70000',
      maxActiveDownloads: 'abc',
      globalUp: '-5',
      stallAfterMin: '2.5',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['port', 'maxActiveDownloads', 'stallAfterMin', 'globalUp']);
    expect(result.errors[0].message).toBe(
      'Listening port must be a whole number from 0 to 65,535, or empty for automatic; 70000 is out of range.',
    );
    expect(result.errors[1].message).toContain('"abc" is not');
    expect(result.errors[2].message).toContain('(no decimals)');
    expect(result.errors[3].message).toContain('Upload limit must be a whole number from 0 to 10,000,000 KiB/s');
  });

  it('passes schedule times through trimmed for the server to check', () => {
    const result = fromForm({ ...toForm(settings), schedule: [{ days: [0, 6, 6], from: ' 7:00', to: '24:00 ' }] });
    expect(result.ok && result.settings.speed.schedule).toEqual([{ days: [0, 6], from: '7:00', to: '24:00' }]);
  });
});

describe('parseNumber', () => {
  it('accepts empty as null and rejects hex, exponents and signs', () => {
    expect(parseNumber('port', '  ')).toEqual({ ok: true, value: null });
    expect(parseNumber('port', '0x10').ok).toBe(false);
    expect(parseNumber('port', '1e3').ok).toBe(false);
    expect(parseNumber('ratioLimit', '+2').ok).toBe(false);
    expect(parseNumber('ratioLimit', '.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseNumber('maxActiveDownloads', '0').ok).toBe(false);
  });
});

describe('sameForm', () => {
  it('ignores whitespace and the order of days', () => {
    const a = toForm(settings);
    expect(sameForm(a, { ...a, port: ' ', schedule: [{ days: [5, 1], from: '22:00 ', to: '06:00' }] })).toBe(true);
    expect(sameForm(a, { ...a, dht: false })).toBe(false);
    expect(sameForm(a, { ...a, schedule: [...a.schedule, newRule()] })).toBe(false);
  });
});

describe('weekdays', () => {
  it('lists Mon..Sun with Sunday = 0', () => {
    expect(WEEKDAYS.map((d) => d.short)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(WEEKDAYS.map((d) => d.day)).toEqual([1, 2, 3, 4, 5, 6, 0]);
  });

  it('toggles a day on and off, keeping the list sorted', () => {
    expect(toggleDay([1, 5], 0)).toEqual([0, 1, 5]);
    expect(toggleDay([0, 1, 5], 1)).toEqual([0, 5]);
    expect(toggleDay([], 6)).toEqual([6]);
  });
});

describe('ends next day', () => {
  it('is true only when to is earlier than from', () => {
    expect(endsNextDay('22:00', '06:00')).toBe(true);
    expect(endsNextDay('08:00', '20:00')).toBe(false);
    expect(endsNextDay('08:00', '08:00')).toBe(false);
    expect(endsNextDay('22:00', '24:00')).toBe(false);
    expect(endsNextDay('22:00', 'soon')).toBe(false);
    expect(endsNextDay('24:00', '06:00')).toBe(false);
  });

  it('reads times as the engine does', () => {
    expect(minutesOf('7:05')).toBe(425);
    expect(minutesOf('24:00')).toBeNull();
    expect(minutesOf('24:00', true)).toBe(1440);
    expect(minutesOf('12:60')).toBeNull();
  });
});

describe('restartNote', () => {
  it('names what waits for a restart', () => {
    expect(restartNote([])).toBeNull();
    expect(restartNote(['dht', 'port'])).toBe('Restart Racoon to apply: DHT, listening port');
    expect(restartNote(['lsd', 'utp'])).toBe('Restart Racoon to apply: Local peer discovery, uTP');
    expect(restartNote(['directWrites'])).toBe('Restart Racoon to apply: bypass the OS cache');
  });
});
