import { describe, expect, it } from 'vitest';
import type { CameraInfo } from './api/camera-settings';
import {
  cameraValues,
  createBody,
  DEFAULT_DETECTION,
  emptyCameraForm,
  errorsFor,
  formFieldOf,
  fromCameraForm,
  parseNumber,
  patchOf,
  percentText,
  serverErrors,
  testSummary,
  toCameraForm,
  type CameraForm,
} from './camera-form';

const saved: CameraInfo = {
  id: 3,
  name: 'Front door',
  url: 'rtsp://10.0.0.5:554/main',
  subUrl: 'rtsp://10.0.0.5:554/sub',
  mode: 'schedule',
  status: 'online',
  reason: null,
  retryAt: null,
  hasCredentials: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  detection: { sensitivity: 70, minArea: 0.025, zones: [{ x: 0, y: 0, w: 0.5, h: 0.25 }], cooldownSec: 20 },
  schedule: [
    { day: 1, start: '08:00', end: '18:00', mode: 'events' },
    { day: 2, start: '08:00', end: '18:00', mode: 'events' },
  ],
  retention: { continuousDays: null, eventDays: 60 },
  effectiveMode: 'events',
  effectiveReason: 'schedule: Mon 08:00-18:00 events',
  lastEventAt: null,
};

const valid = (patch: Partial<CameraForm> = {}): CameraForm => ({
  ...emptyCameraForm(),
  name: 'Garden',
  url: 'rtsp://127.0.0.1:8554/cam',
  ...patch,
});

function fieldErrors(form: CameraForm): Array<[string, string]> {
  const r = fromCameraForm(form);
  return r.ok ? [] : r.errors.map((e) => [e.field, e.message]);
}

function ok(form: CameraForm) {
  const r = fromCameraForm(form);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r;
}

describe('numbers as typed', () => {
  it.each([
    ['1.5', 1.5],
    ['1,5', 1.5],
    [' 7 ', 7],
    ['.5', 0.5],
    ['0', 0],
    ['', undefined],
    ['  ', undefined],
    ['-1', NaN],
    ['1e3', NaN],
    ['seven', NaN],
    ['1.2.3', NaN],
  ])('%j → %s', (text, n) => {
    if (Number.isNaN(n)) expect(parseNumber(text)).toBeNaN();
    else expect(parseNumber(text)).toBe(n);
  });

  it('shows fractions as percentages', () => {
    expect(percentText(0.01)).toBe('1');
    expect(percentText(0.025)).toBe('2.5');
    expect(percentText(1 / 3)).toBe('33.33');
    expect(percentText(0)).toBe('0');
  });
});

describe('a saved camera in the form and back', () => {
  it('fills the form; credentials stay empty (write-only)', () => {
    const f = toCameraForm(saved);
    expect(f).toMatchObject({
      name: 'Front door',
      url: 'rtsp://10.0.0.5:554/main',
      subUrl: 'rtsp://10.0.0.5:554/sub',
      username: '',
      password: '',
      mode: 'schedule',
      sensitivity: 70,
      minArea: '2.5',
      cooldownSec: '20',
      zones: [{ x: '0', y: '0', w: '50', h: '25' }],
      continuousDays: '',
      eventDays: '60',
      schedule: [{ days: [1, 2], start: '08:00', end: '18:00', mode: 'events' }],
    });
  });

  it('an untouched form changes nothing', () => {
    expect(patchOf(cameraValues(saved), ok(toCameraForm(saved)))).toEqual({});
  });

  it('an engine without the new fields gets the defaults, and still no change', () => {
    const old: CameraInfo = { ...saved, detection: undefined, schedule: undefined, retention: undefined, mode: 'continuous' };
    const f = toCameraForm(old);
    expect(f.sensitivity).toBe(DEFAULT_DETECTION.sensitivity);
    expect(patchOf(cameraValues(old), ok(f))).toEqual({});
  });

  it('an unknown mode shows as off', () => {
    expect(toCameraForm({ ...saved, mode: 'optimal' }).mode).toBe('off');
  });
});

describe('PATCH: only what changed', () => {
  const base = toCameraForm(saved);
  it.each<[string, Partial<CameraForm>, object]>([
    ['name', { name: ' Back door ' }, { name: 'Back door' }],
    ['url', { url: 'rtsp://10.0.0.6/main' }, { url: 'rtsp://10.0.0.6/main' }],
    ['sub-stream removed', { subUrl: '' }, { subUrl: null }],
    ['mode', { mode: 'continuous' }, { mode: 'continuous' }],
    ['a new password alone', { password: 's3cret ' }, { password: 's3cret ' }],
    ['user and password', { username: 'admin', password: 'x' }, { username: 'admin', password: 'x' }],
    [
      'sensitivity sends the whole detection',
      { sensitivity: 40 },
      { detection: { sensitivity: 40, minArea: 0.025, zones: [{ x: 0, y: 0, w: 0.5, h: 0.25 }], cooldownSec: 20 } },
    ],
    ['a zone removed', { zones: [] }, { detection: { sensitivity: 70, minArea: 0.025, zones: [], cooldownSec: 20 } }],
    ['retention back to global', { eventDays: '' }, { retention: { continuousDays: null, eventDays: null } }],
    ['retention in decimals', { continuousDays: '0,5' }, { retention: { continuousDays: 0.5, eventDays: 60 } }],
    [
      'a weekday added',
      { schedule: [{ days: [1, 2, 3], start: '08:00', end: '18:00', mode: 'events' }] },
      {
        schedule: [
          { day: 1, start: '08:00', end: '18:00', mode: 'events' },
          { day: 2, start: '08:00', end: '18:00', mode: 'events' },
          { day: 3, start: '08:00', end: '18:00', mode: 'events' },
        ],
      },
    ],
    ['times retyped the same way', { schedule: [{ days: [1, 2], start: '8:00', end: '18:00', mode: 'events' }] }, {}],
  ])('%s', (_, change, patch) => {
    expect(patchOf(cameraValues(saved), ok({ ...base, ...change }))).toEqual(patch);
  });
});

describe('a new camera', () => {
  it('posts the essentials; defaults are left out', () => {
    const r = ok(valid({ username: ' admin ', password: 'pw' }));
    expect(createBody(r, null)).toEqual({
      name: 'Garden',
      url: 'rtsp://127.0.0.1:8554/cam',
      mode: 'continuous',
      username: 'admin',
      password: 'pw',
    });
  });

  it('posts what differs from the defaults; an ONVIF find keeps its address', () => {
    const r = ok(
      valid({
        mode: 'schedule',
        subUrl: 'rtsp://127.0.0.1:8554/sub',
        sensitivity: 80,
        eventDays: '14',
        schedule: [{ days: [6], start: '22:00', end: '06:00', mode: 'continuous' }],
      }),
    );
    expect(createBody(r, 'http://10.0.0.9/onvif/device_service')).toEqual({
      name: 'Garden',
      url: 'rtsp://127.0.0.1:8554/cam',
      mode: 'schedule',
      subUrl: 'rtsp://127.0.0.1:8554/sub',
      detection: { ...DEFAULT_DETECTION, sensitivity: 80 },
      schedule: [{ day: 6, start: '22:00', end: '06:00', mode: 'continuous' }],
      retention: { continuousDays: null, eventDays: 14 },
      onvif: { xaddr: 'http://10.0.0.9/onvif/device_service' },
    });
  });
});

describe('the form’s own checks name their field', () => {
  it.each<[string, Partial<CameraForm>, Array<[string, string]>]>([
    ['a good one', {}, []],
    ['rtsps and http are streams too', { url: 'rtsps://cam.local/live', subUrl: 'http://cam.local/mjpeg' }, []],
    ['credentials in the URL are fine', { url: 'rtsp://admin:pw@10.0.0.5/main' }, []],
    ['no name', { name: '  ' }, [['name', 'Name: required (e.g. “Front door”)']]],
    ['a long name', { name: 'x'.repeat(201) }, [['name', 'Name: 200 characters at most']]],
    ['no URL', { url: '' }, [['url', 'Stream URL: required (rtsp://host:554/path)']]],
    [
      'not a stream',
      { url: '10.0.0.5/main' },
      [['url', 'Stream URL: “10.0.0.5/main” is not a stream address (rtsp://host:554/path)']],
    ],
    [
      'a bad sub-stream',
      { subUrl: 'ftp://x' },
      [['subUrl', 'Sub-stream URL: “ftp://x” is not a stream address (rtsp://host:554/path)']],
    ],
    [
      'events + continuous needs a sub-stream',
      { mode: 'events+continuous' },
      [['subUrl', 'Sub-stream URL: “Events + continuous” records the sub-stream all the time: add one']],
    ],
    ['events + continuous with one', { mode: 'events+continuous', subUrl: 'rtsp://127.0.0.1:8554/sub' }, []],
    ['minimum area blank', { minArea: '' }, [['minArea', 'Minimum area: a percentage of the picture, 0–100']]],
    ['minimum area over 100', { minArea: '150' }, [['minArea', 'Minimum area: a percentage of the picture, 0–100']]],
    ['cooldown in fractions', { cooldownSec: '1.5' }, [['cooldownSec', 'Cooldown: whole seconds, 0–3600']]],
    ['cooldown too long', { cooldownSec: '7200' }, [['cooldownSec', 'Cooldown: whole seconds, 0–3600']]],
    ['sensitivity out of range', { sensitivity: 120 }, [['sensitivity', 'Sensitivity: 0 to 100']]],
    [
      'a zone out of the picture',
      { zones: [{ x: '60', y: '0', w: '50', h: '10' }] },
      [['zones.0', 'Zone 1: it reaches past the picture’s edge']],
    ],
    ['a flat zone', { zones: [{ x: '0', y: '0', w: '0', h: '10' }] }, [['zones.0', 'Zone 1: width and height must be above 0']]],
    [
      'a zone with junk',
      {
        zones: [
          { x: '0', y: '0', w: '10', h: '10' },
          { x: 'a', y: '0', w: '10', h: '10' },
        ],
      },
      [['zones.1', 'Zone 2: left, top, width and height are percentages 0–100']],
    ],
    [
      'retention days',
      { continuousDays: '0', eventDays: 'week' },
      [
        [
          'continuousDays',
          'Keep continuous footage: a number of days from 0.04 (an hour) to 3650, or empty for the global setting',
        ],
        ['eventDays', 'Keep event footage: a number of days from 0.04 (an hour) to 3650, or empty for the global setting'],
      ],
    ],
    ['schedule mode with no rows', { mode: 'schedule' }, [['schedule', 'Schedule: add at least one row, or pick another mode']]],
    [
      'schedule rows are checked inline',
      { mode: 'schedule', schedule: [{ days: [1], start: '25:00', end: '06:00', mode: 'events' }] },
      [['schedule.0.start', 'Row 1: “25:00” is not a time (HH:MM, 00:00–23:59)']],
    ],
    [
      'overlapping rows are allowed (continuous wins)',
      {
        mode: 'schedule',
        schedule: [
          { days: [1], start: '08:00', end: '12:00', mode: 'events' },
          { days: [1], start: '11:00', end: '13:00', mode: 'continuous' },
        ],
      },
      [],
    ],
  ])('%s', (_, change, expected) => {
    expect(fieldErrors(valid(change))).toEqual(expected);
  });

  it('keeps zones as fractions with the precision typed', () => {
    const r = ok(valid({ zones: [{ x: '12.5', y: '0', w: '33.33', h: '100' }] }));
    expect(r.values.detection.zones).toEqual([{ x: 0.125, y: 0, w: 0.3333, h: 1 }]);
  });
});

describe("the server's 400 on the form", () => {
  it.each<[string, Array<[string, string]>]>([
    [
      'Invalid body: name: Too small: expected string to have >=1 characters',
      [['name', 'name: Too small: expected string to have >=1 characters']],
    ],
    ['mode: "events+continuous" needs a sub-stream', [['mode', 'mode: "events+continuous" needs a sub-stream']]],
    [
      'Invalid body: detection/minArea: Too big; retention/eventDays: Too small',
      [
        ['minArea', 'detection/minArea: Too big'],
        ['eventDays', 'retention/eventDays: Too small'],
      ],
    ],
    ['detection.zones.1.w: must be above 0', [['zones.1', 'detection.zones.1.w: must be above 0']]],
    ['schedule.2.start: not a time', [['schedule.1.start', 'schedule.2.start: not a time']]],
    ['schedule.0.day: must be 0..6', [['schedule.0.days', 'schedule.0.day: must be 0..6']]],
    ['url: could not be opened: 401 Unauthorized', [['url', 'url: could not be opened: 401 Unauthorized']]],
    ['Camera name already taken', [['', 'Camera name already taken']]],
    ['subUrl: not an rtsp URL', [['subUrl', 'subUrl: not an rtsp URL']]],
  ])('%s', (message, expected) => {
    // entries 0,1 come from row 0 and entry 2 from row 1
    expect(serverErrors(message, [0, 0, 1]).map((e) => [e.field, e.message])).toEqual(expected);
  });

  it.each([
    ['body/password', 'password'],
    ['detection', 'sensitivity'],
    ['detection.cooldownSec', 'cooldownSec'],
    ['schedule', 'schedule'],
    ['schedule.7', 'schedule.7'],
    ['retention', 'continuousDays'],
    ['onvif.xaddr', 'url'],
    ['whatever', null],
  ])('%s → %s', (path, field) => {
    expect(formFieldOf(path)).toBe(field);
  });

  it('finds a field’s errors, and a row’s with its parts', () => {
    const errors = [
      { field: 'schedule.1.start', message: 'a' },
      { field: 'schedule.1', message: 'b' },
      { field: 'schedule.10', message: 'c' },
      { field: 'name', message: 'd' },
    ];
    expect(errorsFor(errors, 'schedule.1', true).map((e) => e.message)).toEqual(['a', 'b']);
    expect(errorsFor(errors, 'schedule.1').map((e) => e.message)).toEqual(['b']);
  });
});

describe('what Test connection found', () => {
  const found = { ok: true as const, codec: 'h264', width: 1920, height: 1080, fps: 25, audioCodec: 'aac' };
  it.each([
    [found, 'H.264 · 1920×1080 · 25 fps · audio AAC'],
    [{ ...found, codec: 'hevc', fps: 12.5, audioCodec: null }, 'HEVC · 1920×1080 · 12.5 fps · no audio'],
    [{ ...found, codec: 'mjpeg', fps: null, audioCodec: 'pcm_mulaw' }, 'MJPEG · 1920×1080 · audio PCM_MULAW'],
    [{ ...found, fps: 29.97002997 }, 'H.264 · 1920×1080 · 29.97 fps · audio AAC'],
  ])('%j → %s', (result, line) => {
    expect(testSummary(result)).toBe(line);
  });
});
