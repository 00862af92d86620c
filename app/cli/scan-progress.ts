import type { ScanProgress } from '../api/api-types.js';

const BAR_WIDTH = 20;

/** One line of scan progress for a terminal. Pure. */
export function formatScanLine(progress: ScanProgress): string {
  const { rootsDone, rootsTotal, filesSeen, filesAdded, filesUpdated, filesRemoved } = progress;
  const counts = `${filesSeen} files seen, ${filesAdded} added, ${filesUpdated} updated, ${filesRemoved} removed`;
  if (progress.state === 'idle') {
    const errors = progress.errors.length > 0 ? `, ${progress.errors.length} problem(s)` : '';
    return `Scan finished: ${counts}${errors}`;
  }
  const fraction = rootsTotal > 0 ? rootsDone / rootsTotal : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const state = progress.state === 'paused' ? 'Paused' : 'Scanning';
  return `${state} ${bar} folder ${Math.min(rootsDone + 1, rootsTotal)}/${rootsTotal}: ${counts}`;
}
