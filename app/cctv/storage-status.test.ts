// The recordings' disk as a table: ok, low (minimum free space, quota) or full, each with its reason.
import { describe, expect, it } from 'vitest';
import { storageStatus, type StorageFigures } from './storage-status.js';

const GB = 1_000_000_000;
const MB = 1_000_000;
const base: StorageFigures = {
  usedBytes: 10 * GB,
  freeBytes: 50 * GB,
  quotaBytes: null,
  minFreeBytes: 2 * GB,
  fullBelowBytes: 100 * MB,
};

describe('storageStatus', () => {
  it.each<[string, Partial<StorageFigures>, string, RegExp | null]>([
    ['plenty of room', {}, 'ok', null],
    ['disk unreadable: nothing to say', { freeBytes: null }, 'ok', null],
    ['under the minimum free space', { freeBytes: 1.5 * GB }, 'low', /^free space low: 1\.5 GB free, 2\.0 GB wanted/],
    ['exactly the minimum is fine', { freeBytes: 2 * GB }, 'ok', null],
    ['over the quota', { quotaBytes: 8 * GB }, 'low', /^recordings over their quota: 10 GB of 8\.0 GB/],
    ['at the quota is fine', { quotaBytes: 10 * GB }, 'ok', null],
    ['full: under the floor', { freeBytes: 20 * MB }, 'full', /^disk full: 20 MB free/],
    ['full wins over the quota', { freeBytes: 0, quotaBytes: 1 * GB }, 'full', /^disk full: 0 B free/],
    ['no minimum: low only by quota', { minFreeBytes: 0, freeBytes: 200 * MB }, 'ok', null],
  ])('%s', (_name, figures, status, reason) => {
    const result = storageStatus({ ...base, ...figures });
    expect(result.status).toBe(status);
    if (reason) expect(result.reason).toMatch(reason);
    else expect(result.reason).toBeNull();
  });
});
