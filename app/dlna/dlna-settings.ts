/**
 * The media server's settings: on or off, the name TVs show, the interfaces it serves on (none named = every LAN
 * interface), its HTTP port, and the UUID that makes it the same server to a TV after every restart.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { z } from 'zod';
import type { Db } from '../core/database.js';
import { readJsonSetting, writeJsonSetting } from '../core/json-setting.js';
import { UserError } from '../core/user-error.js';
import type { DlnaSettings } from '../api/api-types.js';

export type { DlnaSettings };

export const dlnaSettingsPatchSchema = z
  .object({
    enabled: z.boolean(),
    friendlyName: z.string().trim().min(1, 'give the server a name').max(64, 'at most 64 characters'),
    interfaces: z.array(z.string().regex(/^[\w.:@-]{1,32}$/, 'an interface name like eth0')).max(16),
    port: z.number().int().min(0).max(65535),
  })
  .partial()
  .strict();

export type DlnaSettingsPatch = z.infer<typeof dlnaSettingsPatchSchema>;

const KEY = 'dlna';

export class DlnaSettingsStore {
  constructor(private readonly db: Db) {}

  /** The saved settings; the first read makes and keeps the UUID. */
  get(): DlnaSettings {
    const saved = readJsonSetting<Partial<DlnaSettings>>(this.db, KEY, {});
    const settings: DlnaSettings = {
      enabled: saved.enabled ?? true,
      friendlyName: saved.friendlyName || `Racoon on ${os.hostname()}`,
      interfaces: Array.isArray(saved.interfaces) ? saved.interfaces : [],
      port: Number.isInteger(saved.port) ? (saved.port as number) : 8200,
      uuid: typeof saved.uuid === 'string' && /^[0-9a-f-]{36}$/.test(saved.uuid) ? saved.uuid : crypto.randomUUID(),
    };
    if (settings.uuid !== saved.uuid) writeJsonSetting(this.db, KEY, settings);
    return settings;
  }

  update(patch: unknown): DlnaSettings {
    const parsed = dlnaSettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new UserError(parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; '));
    }
    const next = { ...this.get(), ...parsed.data };
    writeJsonSetting(this.db, KEY, next);
    return next;
  }
}
