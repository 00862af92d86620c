import { describe, expect, it } from 'vitest';
import type { ScanProgress } from '../api/api-types.js';
import { formatScanLine } from './scan-progress.js';

const base: ScanProgress = {
  state: 'scanning',
  startedAt: null,
  finishedAt: null,
  rootsTotal: 4,
  rootsDone: 1,
  filesSeen: 120,
  filesAdded: 100,
  filesUpdated: 2,
  filesRemoved: 3,
  currentPath: '/m/x.mkv',
  errors: [],
};

describe('formatScanLine', () => {
  it.each<[Partial<ScanProgress>, string]>([
    [{}, 'Scanning [#####---------------] folder 2/4: 120 files seen, 100 added, 2 updated, 3 removed'],
    [{ state: 'paused' }, 'Paused [#####---------------] folder 2/4: 120 files seen, 100 added, 2 updated, 3 removed'],
    [{ rootsDone: 4 }, 'Scanning [####################] folder 4/4: 120 files seen, 100 added, 2 updated, 3 removed'],
    [
      { rootsTotal: 0, rootsDone: 0 },
      'Scanning [--------------------] folder 0/0: 120 files seen, 100 added, 2 updated, 3 removed',
    ],
    [{ state: 'idle' }, 'Scan finished: 120 files seen, 100 added, 2 updated, 3 removed'],
    [{ state: 'idle', errors: ['a', 'b'] }, 'Scan finished: 120 files seen, 100 added, 2 updated, 3 removed, 2 problem(s)'],
  ])('%j', (patch, expected) => expect(formatScanLine({ ...base, ...patch })).toBe(expected));
});
