import { z } from 'zod';
import type { Db } from '../core/database.js';
import { readJsonSetting, writeJsonSetting } from '../core/json-setting.js';
import { UserError } from '../core/user-error.js';
import type { TorrentSettings } from '../api/api-types.js';
import { DEFAULT_DOWNLOAD_SETTINGS } from './download-view.js';
import { validateSchedule } from './speed-limits.js';

export const DEFAULT_TORRENT_SETTINGS: TorrentSettings = {
  dht: true,
  lsd: true,
  utp: true,
  port: 0,
  directWrites: true,
  maxActiveDownloads: DEFAULT_DOWNLOAD_SETTINGS.maxActiveDownloads,
  stallAfterMin: DEFAULT_DOWNLOAD_SETTINGS.stallAfterMin,
  failAfterMin: DEFAULT_DOWNLOAD_SETTINGS.failAfterMin,
  ratioLimit: DEFAULT_DOWNLOAD_SETTINGS.ratioLimit,
  seedingTimeLimitMin: DEFAULT_DOWNLOAD_SETTINGS.seedingTimeLimitMin,
  seedAction: DEFAULT_DOWNLOAD_SETTINGS.seedAction,
  speed: DEFAULT_DOWNLOAD_SETTINGS.speed,
};

/** What the client reads once at start: a change waits for a restart. */
export const RESTART_KEYS = ['dht', 'lsd', 'utp', 'port', 'directWrites'] as const satisfies ReadonlyArray<keyof TorrentSettings>;

const rate = z.number().int().min(1).max(10_000_000).nullable();
const pair = z.object({ downloadKiBps: rate, uploadKiBps: rate });
const speed = <Schedule extends z.ZodType>(schedule: Schedule) =>
  z.object({ global: pair, alternative: pair, altMode: z.enum(['off', 'on', 'scheduled']), schedule });
const fields = {
  dht: z.boolean(),
  lsd: z.boolean(),
  utp: z.boolean(),
  port: z.number().int().min(0).max(65535),
  directWrites: z.boolean(),
  maxActiveDownloads: z.number().int().min(1).max(100).nullable(),
  stallAfterMin: z.number().int().min(1).max(10_080).nullable(),
  failAfterMin: z.number().int().min(1).max(100_800).nullable(),
  ratioLimit: z.number().min(0).max(1000).nullable(),
  seedingTimeLimitMin: z.number().int().min(0).max(5_256_000).nullable(),
  seedAction: z.enum(['stop', 'remove']),
};

/** The saved settings as the API answers them (what `update` accepted, so these bounds hold). */
export const torrentSettingsSchema = z.object({
  ...fields,
  speed: speed(z.array(z.object({ days: z.array(z.number()), from: z.string(), to: z.string() })).readonly()),
});

/** A partial update as the API receives it; the schedule is checked by the speed-limit rules themselves. */
export const torrentSettingsPatchSchema = z
  .object({ ...fields, speed: speed(z.array(z.unknown()).max(50)) })
  .partial()
  .strict();

const KEY = 'torrent';

/** Torrent settings kept in the settings table (one JSON value), validated on the way in. */
export class TorrentSettingsStore {
  constructor(private readonly db: Db) {}

  get(): TorrentSettings {
    return readJsonSetting(this.db, KEY, DEFAULT_TORRENT_SETTINGS);
  }

  /** Validates a partial update from outside (a UserError says what is wrong), saves and returns the result. */
  update(patch: unknown): TorrentSettings {
    const parsed = torrentSettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new UserError(
        `Invalid torrent settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')}`,
      );
    }
    const next: TorrentSettings = { ...this.get(), ...(parsed.data as Partial<TorrentSettings>) };
    if (parsed.data.speed) {
      const schedule = validateSchedule(parsed.data.speed.schedule);
      if (!schedule.ok) throw new UserError(`Invalid speed schedule: ${schedule.errors.join('; ')}`);
      next.speed = { ...parsed.data.speed, schedule: schedule.schedule };
    }
    writeJsonSetting(this.db, KEY, next);
    return next;
  }
}
