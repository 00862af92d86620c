import { describe, expect, it } from 'vitest';
import type { DownloadSummary } from '../api/api-types.js';
import { formatBytes, formatDownloadTable, formatEta } from './download-table.js';

const row = (patch: Partial<DownloadSummary>): DownloadSummary => ({
  id: 1,
  infoHash: 'a'.repeat(40),
  name: 'Test.Movie.2010.1080p',
  state: 'downloading',
  progress: 0.5,
  downloadSpeed: 2 * 1024 * 1024,
  uploadSpeed: 1536,
  peers: 4,
  ratio: 0.125,
  size: 1000,
  downloaded: 500,
  uploaded: 125,
  eta: 125,
  queuePosition: 1,
  addedAt: '2026-11-24T00:00:00.000Z',
  completedAt: null,
  reason: null,
  ...patch,
});

describe('download table', () => {
  it.each([
    [0, '0 B'],
    [-5, '0 B'],
    [NaN, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [150 * 1024 * 1024, '150 MiB'],
    [3.25 * 1024 ** 3, '3.3 GiB'],
  ])('formatBytes(%s) = %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it.each([
    [null, '∞'],
    [Infinity, '∞'],
    [0.2, '1s'],
    [59, '59s'],
    [125, '2m05s'],
    [3 * 3600 + 7 * 60, '3h07m'],
    [2 * 86_400 + 5 * 3600, '2d5h'],
  ])('formatEta(%s) = %s', (seconds, text) => expect(formatEta(seconds)).toBe(text));

  it('lays out aligned columns with a bar, and says why a download failed', () => {
    const table = formatDownloadTable([
      row({}),
      row({ id: 12, state: 'failed', progress: 0.1, reason: 'no progress for 70 min', name: 'Dead.Release' }),
    ]);
    expect(table.split('\n')).toEqual([
      'ID  STATE        PROGRESS               DOWN       UP         PEERS  ETA    RATIO  NAME',
      '1   downloading  [######------]  50.0%  2.0 MiB/s  1.5 KiB/s  4      2m05s  0.13   Test.Movie.2010.1080p',
      '12  failed       [#-----------]  10.0%  2.0 MiB/s  1.5 KiB/s  4      -      0.13   Dead.Release  (no progress for 70 min)',
    ]);
  });

  it('an empty list says how to add one', () => {
    expect(formatDownloadTable([])).toContain('racoon add');
  });
});
