import { describe, expect, it } from 'vitest';
import type { CameraStorageStatus } from '../../app/api/api-types';
import {
  cameraStatus,
  clockTime,
  dateInputValue,
  eventDuration,
  eventKindLabel,
  liveRetryDelayMs,
  modeLine,
  parseDateInput,
  parseTimeInput,
  relativeTime,
  retryText,
  shortDuration,
  storageView,
} from './camera-format';

const NOW = Date.parse('2025-05-05T12:00:00Z');
const iso = (offsetSec: number) => new Date(NOW + offsetSec * 1000).toISOString();

describe('status badge', () => {
  it.each([
    [{ status: 'online', reason: null, retryAt: null }, 'Online', 'ok', null],
    [{ status: 'starting', reason: null, retryAt: null }, 'Connecting', 'info', null],
    [
      { status: 'offline', reason: 'Connection refused', retryAt: iso(12) },
      'Offline',
      'error',
      'Connection refused · retrying in 12 s',
    ],
    [{ status: 'error', reason: 'Wrong user name or password', retryAt: null }, 'Error', 'error', 'Wrong user name or password'],
    [{ status: 'stopped', reason: null, retryAt: null }, 'Not recording', 'muted', null],
    // an old reason is not shown once it is online again
    [{ status: 'online', reason: 'Connection refused', retryAt: null }, 'Online', 'ok', null],
  ] as const)('%o', (camera, label, tone, detail) => {
    expect(cameraStatus(camera, NOW)).toEqual({ label, tone, detail });
  });

  it.each([
    [null, null],
    [iso(0.2), 'retrying in 1 s'],
    [iso(-3), 'retrying now'],
    [iso(89), 'retrying in 89 s'],
    [iso(300), 'retrying in 5 min'],
    ['garbage', null],
  ])('retry at %s: %s', (retryAt, text) => {
    expect(retryText(retryAt, NOW)).toBe(text);
  });
});

describe('mode line', () => {
  it.each([
    [{ mode: 'continuous' }, 'Continuous', null],
    [{ mode: 'continuous', effectiveMode: 'continuous' }, 'Continuous', null],
    [
      { mode: 'schedule', effectiveMode: 'events', effectiveReason: 'schedule: Mon 08:00-18:00 events' },
      'By schedule → Events only',
      'schedule: Mon 08:00-18:00 events',
    ],
    [{ mode: 'events+continuous', effectiveMode: 'events+continuous' }, 'Events + continuous', null],
    [{ mode: 'weird' }, 'weird', null],
  ] as const)('%o', (camera, text, reason) => {
    expect(modeLine(camera)).toEqual({ text, reason });
  });
});

describe('storage', () => {
  const base: CameraStorageStatus = {
    recordingsDir: '/data/recordings',
    usedBytes: 5 * 1024 ** 3,
    freeBytes: 80 * 1024 ** 3,
    quotaBytes: null,
    minFreeBytes: 1024 ** 3,
    status: 'ok',
    reason: null,
  };
  it('ok without a quota', () => {
    expect(storageView(base)).toEqual({ tone: 'ok', text: '5 GB used · 80 GB free', quotaShare: null, warning: null });
  });
  it('low with a quota says so, with the engine’s reason when it gives one', () => {
    const view = storageView({ ...base, quotaBytes: 10 * 1024 ** 3, status: 'low', reason: 'Less than 1 GB free' });
    expect(view).toEqual({
      tone: 'warn',
      text: '5 GB used · 80 GB free · quota 10 GB',
      quotaShare: 0.5,
      warning: 'Less than 1 GB free',
    });
  });
  it('full is an error with a default explanation', () => {
    const view = storageView({ ...base, status: 'full' });
    expect(view.tone).toBe('error');
    expect(view.warning).toMatch(/full/);
  });
});

describe('events and times', () => {
  it.each([
    [0, '0 s'],
    [45_000, '45 s'],
    [185_000, '3 min 05 s'],
    [3_720_000, '1 h 02 min'],
  ])('%i ms is %s', (ms, text) => {
    expect(shortDuration(ms)).toBe(text);
  });

  it('an event lasts from start to end, or is running', () => {
    expect(eventDuration({ start: iso(-100), end: iso(-58) }, NOW)).toBe('42 s');
    expect(eventDuration({ start: iso(-12), end: null }, NOW)).toBe('running for 12 s');
  });

  it.each([
    ['motion', 'Motion'],
    ['tamper', 'Tampering'],
    ['malfunction', 'Camera fault'],
    ['onvif', 'Camera alarm'],
  ])('kind %s', (kind, label) => {
    expect(eventKindLabel(kind)).toBe(label);
  });

  it.each([
    [null, 'never'],
    [iso(-10), 'just now'],
    [iso(-300), '5 min ago'],
    [iso(-3 * 3600), '3 h ago'],
  ])('%s was %s', (value, text) => {
    expect(relativeTime(value, NOW)).toBe(text);
  });

  it('local clock, date and time inputs round-trip', () => {
    const ms = new Date(2025, 0, 9, 7, 5, 3).getTime();
    expect(clockTime(ms)).toBe('07:05:03');
    expect(dateInputValue(ms)).toBe('2025-01-09');
    expect(parseDateInput('2025-01-09')).toBe(new Date(2025, 0, 9, 12).getTime());
    expect(parseDateInput('2025-02-30')).toBeNull();
    expect(parseDateInput('yesterday')).toBeNull();
    expect(parseTimeInput('07:05:03', ms)).toBe(ms);
    expect(parseTimeInput('7:05', ms)).toBe(new Date(2025, 0, 9, 7, 5).getTime());
    expect(parseTimeInput('24:00', ms)).toBeNull();
    expect(parseTimeInput('', ms)).toBeNull();
  });

  it.each([
    [0, 1000],
    [1, 2000],
    [3, 8000],
    [4, 10_000],
    [12, 10_000],
  ])('live reconnect attempt %i waits %i ms', (attempt, ms) => {
    expect(liveRetryDelayMs(attempt)).toBe(ms);
  });
});
