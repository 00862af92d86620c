import { describe, expect, it } from 'vitest';
import type { TranscodeJob } from '../../app/api/api-types';
import {
  formatBits,
  formatClock,
  isActive,
  jobSpan,
  jobsSummary,
  newJobRequest,
  parseClock,
  progressValue,
  upsertJob,
} from './transcode-format';

function job(over: Partial<TranscodeJob> = {}): TranscodeJob {
  return {
    id: 1,
    fileId: 3,
    sourcePath: '/media/a.mkv',
    sourceName: 'a.mkv',
    profile: 'telegram',
    offsetSec: null,
    durationSec: null,
    outputPath: '/data/cache/transcodes/1-a-telegram.mp4',
    state: 'queued',
    progress: 0,
    error: null,
    encoder: null,
    size: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    ...over,
  };
}

describe('clock text', () => {
  it.each([
    [0, '0:00'],
    [7.5, '0:07.5'],
    [83, '1:23'],
    [3725, '1:02:05'],
    [59.96, '1:00'],
  ])('%s s → %s', (sec, text) => expect(formatClock(sec)).toBe(text));

  it.each([
    ['', null],
    ['  ', null],
    ['90', 90],
    ['1:30', 90],
    ['01:02:03.5', 3723.5],
    ['2,5', 2.5],
  ])('"%s" → %s s', (text, sec) => expect(parseClock(text)).toEqual({ ok: true, value: sec }));

  it.each([
    ['abc', 'is not a time'],
    ['1:75', 'seconds must be under 60'],
    ['1:75:00', 'minutes must be under 60'],
    ['-3', 'is not a time'],
  ])('"%s" is refused: %s', (text, message) => {
    const parsed = parseClock(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe('job text', () => {
  it('says which part of the source a job makes', () => {
    expect(jobSpan(job())).toBe('Whole file');
    expect(jobSpan(job({ offsetSec: 83, durationSec: 30 }))).toBe('Clip 1:23–1:53');
    expect(jobSpan(job({ durationSec: 30 }))).toBe('First 0:30');
    expect(jobSpan(job({ offsetSec: 60 }))).toBe('From 1:00 to the end');
  });

  it('summarises the list and knows the active states', () => {
    expect(jobsSummary([])).toBe('0 jobs');
    expect(
      jobsSummary([job({ state: 'running' }), job({ state: 'queued' }), job({ state: 'queued' }), job({ state: 'failed' })]),
    ).toBe('4 jobs · 1 running · 2 queued · 1 failed');
    expect(jobsSummary([job({ state: 'done' })])).toBe('1 job');
    expect([isActive(job()), isActive(job({ state: 'running' })), isActive(job({ state: 'done' }))]).toEqual([true, true, false]);
  });

  it('progress for the bar: busy before the first percentage, full when done', () => {
    expect(progressValue(job({ state: 'running', progress: 0 }))).toBeNull();
    expect(progressValue(job({ state: 'running', progress: 42.5 }))).toBe(0.425);
    expect(progressValue(job({ state: 'queued' }))).toBe(0);
    expect(progressValue(job({ state: 'done', progress: 100 }))).toBe(1);
    expect(progressValue(job({ state: 'failed', progress: 30 }))).toBe(0.3);
  });

  it('bitrates', () => {
    expect(formatBits(1_500_000)).toBe('1.5 Mbit/s');
    expect(formatBits(2_000_000)).toBe('2 Mbit/s');
    expect(formatBits(128_000)).toBe('128 kbit/s');
  });
});

describe('upsertJob', () => {
  it('replaces or adds, newest first, without touching the old list', () => {
    const list = [job({ id: 3 }), job({ id: 1 })];
    const next = upsertJob(list, job({ id: 2, state: 'running' }));
    expect(next.map((j) => j.id)).toEqual([3, 2, 1]);
    const replaced = upsertJob(next, job({ id: 3, state: 'done' }));
    expect(replaced.map((j) => [j.id, j.state])).toEqual([
      [3, 'done'],
      [2, 'running'],
      [1, 'queued'],
    ]);
    expect(list.map((j) => j.id)).toEqual([3, 1]);
  });
});

describe('newJobRequest', () => {
  it('the whole file: only fileId and profile', () => {
    expect(newJobRequest({ fileId: 4, profile: 'telegram', start: '', length: '' })).toEqual({
      ok: true,
      value: { fileId: 4, profile: 'telegram' },
    });
  });

  it('a clip: start and length in seconds', () => {
    expect(newJobRequest({ fileId: 4, profile: 'mobile-720p', start: '1:23', length: '30' })).toEqual({
      ok: true,
      value: { fileId: 4, profile: 'mobile-720p', offsetSec: 83, durationSec: 30 },
    });
  });

  it('names every bad field', () => {
    const result = newJobRequest({ fileId: null, profile: '', start: 'soon', length: '0' });
    expect(result.ok).toBe(false);
    expect(result.fields).toEqual({
      fileId: 'Pick a file from the library',
      profile: 'Pick a profile',
      start: '"soon" is not a time; write seconds (90) or m:ss (1:30)',
      length: 'The length must be more than 0',
    });
  });
});
