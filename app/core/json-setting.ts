/**
 * One JSON value per capability in the settings table (torrent, discovery, …): read over its defaults, written whole.
 */
import type { Db } from './database.js';

/** The saved value laid over `defaults`; a missing or damaged row gives the defaults (it must not stop the engine). */
export function readJsonSetting<T extends object>(db: Db, key: string, defaults: T): T {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return defaults;
  try {
    return { ...defaults, ...(JSON.parse(row.value) as Partial<T>) };
  } catch {
    return defaults;
  }
}

export function writeJsonSetting(db: Db, key: string, value: object): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}
