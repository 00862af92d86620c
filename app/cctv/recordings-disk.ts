/**
 * The recordings' disk as it is now: what the recordings take, what is free, the limits, and ok / low / full
 * (storage-status.ts decides). A full disk is remembered (cameras show it) and reported to the owner, which makes
 * room at once instead of waiting for the next retention round.
 */
import fs from 'node:fs';
import type { Db } from '../core/database.js';
import type { Logger } from '../core/logger.js';
import { statfsFree, type RetentionSettings } from './retention-pass.js';
import { DEFAULT_FULL_BELOW_BYTES, storageStatus, type StorageLevel } from './storage-status.js';

const GB = 1_000_000_000;

export interface StorageInfo {
  recordingsDir: string;
  usedBytes: number;
  freeBytes: number;
  quotaBytes: number | null;
  minFreeBytes: number;
  status: StorageLevel;
  reason: string | null;
}

export interface RecordingsDiskDeps {
  db: Db;
  recordingsDir: string;
  settings: () => RetentionSettings;
  log: Pick<Logger, 'warn'>;
  /** free bytes on the recordings' disk (default: statfs) */
  freeBytes?: (dir: string) => Promise<number | null>;
  /** under this many free bytes the disk is full (default 100 MiB) */
  fullBelowBytes?: number;
  /** every check that finds the disk full */
  onFull: () => void;
}

export class RecordingsDisk {
  /** "disk full: …" while the last check found it full */
  fullReason: string | null = null;

  constructor(private readonly deps: RecordingsDiskDeps) {}

  async check(): Promise<StorageInfo> {
    const settings = this.deps.settings();
    const { used } = this.deps.db.prepare('SELECT COALESCE(SUM(size), 0) AS used FROM recordings').get() as { used: number };
    fs.mkdirSync(this.deps.recordingsDir, { recursive: true });
    const free = await (this.deps.freeBytes ?? statfsFree)(this.deps.recordingsDir);
    const quotaBytes = settings.quotaGb === null ? null : settings.quotaGb * GB;
    const minFreeBytes = (settings.minFreeGb ?? 0) * GB;
    const fullBelowBytes = this.deps.fullBelowBytes ?? DEFAULT_FULL_BELOW_BYTES;
    const status = storageStatus({ usedBytes: used, freeBytes: free, quotaBytes, minFreeBytes, fullBelowBytes });
    const wasFull = this.fullReason !== null;
    this.fullReason = status.status === 'full' ? status.reason : null;
    if (status.status === 'full') {
      if (!wasFull) this.deps.log.warn({ free }, 'the recordings disk is full; removing the oldest footage now');
      this.deps.onFull();
    }
    return { recordingsDir: this.deps.recordingsDir, usedBytes: used, freeBytes: free ?? 0, quotaBytes, minFreeBytes, ...status };
  }
}
