/**
 * The retention pass: weighs every recording against the retention settings and the disk (planRetention decides),
 * deletes what goes, and says what it did. It runs every few minutes, and sooner when the free space on the
 * recordings' disk drops under its minimum — before the disk fills, not after.
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../core/database.js';
import { readJsonSetting, writeJsonSetting } from '../core/json-setting.js';
import type { Logger } from '../core/logger.js';
import { UserError } from '../core/user-error.js';
import type { RecordingIndex } from './recording-index.js';
import { planRetention, type CameraRetention, type RetentionReason } from './retention-plan.js';

const GB = 1_000_000_000;

/** Retention for every camera: days per kind of footage, a quota for all recordings, the free space to keep. */
export const retentionSettingsSchema = z
  .object({
    /** days continuous footage is kept; null = until the quota or the disk needs the room */
    continuousDays: z.number().min(0.04).max(3650).nullable(),
    /** days event footage is kept (longer than continuous, usually) */
    eventDays: z.number().min(0.04).max(3650).nullable(),
    /** the most all recordings may take, in GB; null = no quota */
    quotaGb: z.number().min(0.01).max(1_000_000).nullable(),
    /** free space to keep on the recordings' disk, in GB; null = none */
    minFreeGb: z.number().min(0).max(100_000).nullable(),
  })
  .strict();

export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const DEFAULT_RETENTION: RetentionSettings = { continuousDays: 7, eventDays: 30, quotaGb: null, minFreeGb: 2 };

const KEY = 'cctv-retention';

export class RetentionSettingsStore {
  constructor(private readonly db: Db) {}

  get(): RetentionSettings {
    const saved = readJsonSetting<Partial<RetentionSettings>>(this.db, KEY, {});
    const parsed = retentionSettingsSchema.safeParse({ ...DEFAULT_RETENTION, ...saved });
    return parsed.success ? parsed.data : DEFAULT_RETENTION;
  }

  update(patch: unknown): RetentionSettings {
    const parsed = retentionSettingsSchema.partial().strict().safeParse(patch);
    if (!parsed.success) {
      throw new UserError(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    }
    const next = { ...this.get(), ...parsed.data };
    writeJsonSetting(this.db, KEY, next);
    return next;
  }
}

export interface RetentionReport {
  at: string;
  removed: number;
  freedBytes: number;
  byReason: Partial<Record<RetentionReason, number>>;
  /** bytes still over the quota or under the free space after removing all it could */
  shortBy: number;
}

export interface RetentionPassDeps {
  index: Pick<RecordingIndex, 'all' | 'remove' | 'root'>;
  settings: () => RetentionSettings;
  /** per-camera days that override the global ones (a null field keeps the global value) */
  cameraDays?: () => ReadonlyMap<number, { continuousDays: number | null; eventDays: number | null }>;
  /** after each pass (the owner removes what went with the footage: event snapshots) */
  afterPass?: (report: RetentionReport) => void;
  log: Pick<Logger, 'info' | 'warn'>;
  /** free bytes on the recordings' disk (null when it can't be read) */
  freeBytes?: (dir: string) => Promise<number | null>;
  now?: () => number;
  /** a full pass this often (default 5 min) */
  everyMs?: number;
  /** the free space is checked this often (default 30 s) */
  checkFreeEveryMs?: number;
}

export async function statfsFree(dir: string): Promise<number | null> {
  try {
    const stats = await fs.promises.statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

export class RetentionPass {
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<RetentionReport> | null = null;
  last: RetentionReport | null = null;

  constructor(private readonly deps: RetentionPassDeps) {}

  start(): void {
    if (this.timers.length) return;
    const full = setInterval(() => void this.run().catch(() => undefined), this.deps.everyMs ?? 5 * 60_000);
    const free = setInterval(() => void this.checkFree(), this.deps.checkFreeEveryMs ?? 30_000);
    for (const timer of [full, free]) timer.unref();
    this.timers = [full, free];
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  /** One pass now (a pass already running is joined, not doubled). */
  run(): Promise<RetentionReport> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async checkFree(): Promise<void> {
    const minFreeGb = this.deps.settings().minFreeGb;
    if (minFreeGb == null) return;
    const free = await (this.deps.freeBytes ?? statfsFree)(this.deps.index.root);
    if (free !== null && free < minFreeGb * GB) await this.run().catch(() => undefined);
  }

  private async pass(): Promise<RetentionReport> {
    const settings = this.deps.settings();
    const recordings = this.deps.index.all();
    const overrides = this.deps.cameraDays?.() ?? new Map();
    const limitsOf = (cameraId: number): CameraRetention => ({
      continuousDays: overrides.get(cameraId)?.continuousDays ?? settings.continuousDays,
      eventDays: overrides.get(cameraId)?.eventDays ?? settings.eventDays,
    });
    const cameras = new Map(recordings.map((r) => [r.cameraId, limitsOf(r.cameraId)] as const));
    fs.mkdirSync(this.deps.index.root, { recursive: true });
    const free = await (this.deps.freeBytes ?? statfsFree)(this.deps.index.root);
    const plan = planRetention(
      recordings,
      {
        cameras,
        quotaBytes: settings.quotaGb == null ? null : settings.quotaGb * GB,
        minFreeBytes: settings.minFreeGb == null ? null : settings.minFreeGb * GB,
      },
      { freeBytes: free },
      (this.deps.now ?? Date.now)(),
    );
    const going = new Set(plan.remove.map((r) => r.id));
    this.deps.index.remove(recordings.filter((r) => going.has(r.id)));
    const byReason: RetentionReport['byReason'] = {};
    for (const r of plan.remove) byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
    const report: RetentionReport = {
      at: new Date((this.deps.now ?? Date.now)()).toISOString(),
      removed: plan.remove.length,
      freedBytes: plan.freedBytes,
      byReason,
      shortBy: plan.shortBy,
    };
    if (report.removed) this.deps.log.info({ ...report }, `retention removed ${report.removed} recordings`);
    if (report.shortBy > 0) {
      this.deps.log.warn(
        { shortBy: report.shortBy },
        'recordings: the disk stays short of free space after removing all footage',
      );
    }
    this.last = report;
    try {
      this.deps.afterPass?.(report);
    } catch (err) {
      this.deps.log.warn({ err }, 'could not tidy up after the retention pass');
    }
    return report;
  }
}
