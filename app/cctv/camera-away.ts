/**
 * The "away" switch: while it is on, every camera that is not turned off watches for motion and its events are armed
 * (notifications go out) whatever its schedule says. Kept in the settings table so it survives a restart.
 */
import type { Db } from '../core/database.js';
import { readJsonSetting, writeJsonSetting } from '../core/json-setting.js';

export interface AwayState {
  away: boolean;
  /** epoch ms it was switched on (null while home) */
  sinceMs: number | null;
}

const KEY = 'cctv-away';

export class AwayStore {
  constructor(private readonly db: Db) {}

  get(): AwayState {
    const saved = readJsonSetting<AwayState>(this.db, KEY, { away: false, sinceMs: null });
    return saved.away === true
      ? { away: true, sinceMs: typeof saved.sinceMs === 'number' ? saved.sinceMs : null }
      : { away: false, sinceMs: null };
  }

  /** Switching it on again keeps the first `since`. */
  set(away: boolean, nowMs: number): AwayState {
    const before = this.get();
    const next: AwayState = away ? { away: true, sinceMs: before.away ? before.sinceMs : nowMs } : { away: false, sinceMs: null };
    writeJsonSetting(this.db, KEY, next);
    return next;
  }
}
