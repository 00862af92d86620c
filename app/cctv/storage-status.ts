/**
 * The recordings' disk as a user sees it: ok, low (under the minimum free space, or the recordings over their quota:
 * the retention pass makes room) or full (so little free space that recorders cannot write). Pure: data in, the
 * status with its reason out.
 */

export type StorageLevel = 'ok' | 'low' | 'full';

export interface StorageFigures {
  usedBytes: number;
  /** null when the disk could not be read */
  freeBytes: number | null;
  quotaBytes: number | null;
  minFreeBytes: number;
  /** under this much free space the disk counts as full */
  fullBelowBytes: number;
}

export interface StorageStatus {
  status: StorageLevel;
  reason: string | null;
}

/** Below this the disk is full whatever the settings say: ffmpeg cannot close a segment reliably. */
export const DEFAULT_FULL_BELOW_BYTES = 100 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit ? value.toFixed(value < 10 ? 1 : 0) : value} ${units[unit]}`;
}

export function storageStatus(f: StorageFigures): StorageStatus {
  if (f.freeBytes !== null && f.freeBytes < f.fullBelowBytes) {
    return { status: 'full', reason: `disk full: ${formatBytes(f.freeBytes)} free on the recordings' disk` };
  }
  if (f.freeBytes !== null && f.freeBytes < f.minFreeBytes) {
    return {
      status: 'low',
      reason: `free space low: ${formatBytes(f.freeBytes)} free, ${formatBytes(f.minFreeBytes)} wanted (the oldest footage goes first)`,
    };
  }
  if (f.quotaBytes !== null && f.usedBytes > f.quotaBytes) {
    return {
      status: 'low',
      reason: `recordings over their quota: ${formatBytes(f.usedBytes)} of ${formatBytes(f.quotaBytes)} (the oldest footage goes first)`,
    };
  }
  return { status: 'ok', reason: null };
}
