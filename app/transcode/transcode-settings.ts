import { z } from 'zod';
import type { Db } from '../core/database.js';
import { readJsonSetting, writeJsonSetting } from '../core/json-setting.js';
import { UserError } from '../core/user-error.js';
import type { TranscodeSettings } from '../api/api-types.js';

/** One job at a time by default: an encode already uses every core it gets. */
export const DEFAULT_TRANSCODE_SETTINGS: TranscodeSettings = { workers: 1, hwaccel: 'auto' };

export const MAX_WORKERS = 8;

export const transcodeSettingsSchema = z.object({
  workers: z.number().int().min(1).max(MAX_WORKERS),
  hwaccel: z.enum(['off', 'auto', 'vaapi', 'nvenc', 'qsv', 'videotoolbox']),
});

export const transcodeSettingsPatchSchema = transcodeSettingsSchema.partial().strict();

const KEY = 'transcode';

/** Transcode settings in the settings table (one JSON value), validated on the way in. */
export class TranscodeSettingsStore {
  constructor(private readonly db: Db) {}

  get(): TranscodeSettings {
    const saved = readJsonSetting(this.db, KEY, DEFAULT_TRANSCODE_SETTINGS);
    // a hand-edited or damaged row must not stop the queue: fall back field by field
    const parsed = transcodeSettingsSchema.safeParse(saved);
    if (parsed.success) return parsed.data;
    return {
      workers: transcodeSettingsSchema.shape.workers.safeParse(saved.workers).data ?? DEFAULT_TRANSCODE_SETTINGS.workers,
      hwaccel: transcodeSettingsSchema.shape.hwaccel.safeParse(saved.hwaccel).data ?? DEFAULT_TRANSCODE_SETTINGS.hwaccel,
    };
  }

  /** Validates a partial update (a UserError names each bad field), saves and returns the whole settings. */
  update(patch: unknown): TranscodeSettings {
    const parsed = transcodeSettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new UserError(
        `Invalid transcode settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')}`,
      );
    }
    const next: TranscodeSettings = { ...this.get(), ...parsed.data };
    writeJsonSetting(this.db, KEY, next);
    return next;
  }
}
