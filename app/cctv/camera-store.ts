/**
 * Cameras in SQLite (URLs without credentials) and their credentials in the secret store under `camera.<id>`:
 * a password never reaches the database, the API or a log.
 */
import type { Db } from '../core/database.js';
import { statementCache } from '../core/database.js';
import { readJsonSetting, writeJsonSetting } from '../core/json-setting.js';
import type { SecretStore } from '../core/secret-store.js';
import type { CameraCredentials } from './camera-url.js';

import type { ScheduleInterval } from './camera-schedule.js';
import {
  DEFAULT_DETECTION,
  NO_RETENTION_OVERRIDE,
  detectionSchema,
  readJsonColumn,
  scheduleSchema,
  type CameraDetection,
  type CameraMode,
  type CameraRetentionDays,
} from './camera-settings.js';

// the modes live with the other camera settings; re-exported for the modules that read them from here
export { CAMERA_MODES, type CameraMode } from './camera-settings.js';

export interface CameraRecord {
  id: number;
  name: string;
  /** without credentials */
  url: string;
  subUrl: string | null;
  mode: CameraMode;
  hasCredentials: boolean;
  createdAt: string;
  detection: CameraDetection;
  schedule: ScheduleInterval[];
  /** days that override the global retention (null = the global one) */
  retention: CameraRetentionDays;
  /** since when the main stream records into the events buffer (null: not in an events mode); internal */
  bufferSinceMs: number | null;
  /** the camera's ONVIF device service when it speaks ONVIF: its PullPoint alarms become events */
  onvifXaddr: string | null;
}

/** What PATCH /cameras/:id may change in the row (credentials go through setCredentials). */
export interface CameraChanges {
  name?: string;
  url?: string;
  subUrl?: string | null;
  mode?: CameraMode;
  detection?: CameraDetection;
  schedule?: ScheduleInterval[];
  retention?: CameraRetentionDays;
  onvifXaddr?: string | null;
}

interface CameraRow {
  id: number;
  name: string;
  url: string;
  sub_url: string | null;
  mode: string;
  has_credentials: number;
  created_at: string;
  detection: string | null;
  schedule: string | null;
  continuous_days: number | null;
  event_days: number | null;
  buffer_since: number | null;
  onvif_xaddr: string | null;
}

/** built once: zod compiles a schema as it is made, and every camera read goes through it */
const storedDetectionSchema = detectionSchema.partial();

const toRecord = (row: CameraRow): CameraRecord => ({
  id: row.id,
  name: row.name,
  url: row.url,
  subUrl: row.sub_url,
  mode: row.mode as CameraMode,
  hasCredentials: row.has_credentials === 1,
  createdAt: row.created_at,
  detection: { ...DEFAULT_DETECTION, ...readJsonColumn(row.detection, storedDetectionSchema, {}) },
  schedule: readJsonColumn(row.schedule, scheduleSchema, []) as ScheduleInterval[],
  retention:
    row.continuous_days === null && row.event_days === null
      ? NO_RETENTION_OVERRIDE
      : { continuousDays: row.continuous_days, eventDays: row.event_days },
  bufferSinceMs: row.buffer_since,
  onvifXaddr: row.onvif_xaddr,
});

export const cameraSecretKey = (id: number) => `camera.${id}`;

/** the highest camera id ever given (settings key) */
const LAST_ID_KEY = 'cameras.last-id';

export class CameraStore {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
  ) {
    this.sql = statementCache(db);
  }

  list(): CameraRecord[] {
    return (this.sql('SELECT * FROM cameras ORDER BY id').all() as CameraRow[]).map(toRecord);
  }

  get(id: number): CameraRecord | null {
    const row = this.sql('SELECT * FROM cameras WHERE id = ?').get(id) as CameraRow | undefined;
    return row ? toRecord(row) : null;
  }

  async add(input: {
    name: string;
    url: string;
    subUrl: string | null;
    mode: CameraMode;
    credentials: CameraCredentials | null;
    detection?: CameraDetection;
    schedule?: ScheduleInterval[];
    onvifXaddr?: string | null;
    /** the new id is above this (a removed camera's recordings may still be on disk under their id) */
    idFloor?: number;
  }): Promise<CameraRecord> {
    const { lastInsertRowid } = this.sql(
      'INSERT INTO cameras (id, name, url, sub_url, mode, has_credentials, detection, schedule, onvif_xaddr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      this.nextId(input.idFloor ?? 0),
      input.name,
      input.url,
      input.subUrl,
      input.mode,
      input.credentials ? 1 : 0,
      JSON.stringify(input.detection ?? DEFAULT_DETECTION),
      JSON.stringify(input.schedule ?? []),
      input.onvifXaddr ?? null,
    );
    const id = Number(lastInsertRowid);
    writeJsonSetting(this.db, LAST_ID_KEY, { id });
    if (input.credentials) {
      try {
        await this.secrets.set(cameraSecretKey(id), JSON.stringify(input.credentials));
      } catch (err) {
        this.sql('DELETE FROM cameras WHERE id = ?').run(id); // no camera whose password was not kept
        throw err;
      }
    }
    return this.get(id)!;
  }

  /** Writes the changed fields of a camera; returns it as it is now (null when there is no such camera). */
  update(id: number, changes: CameraChanges): CameraRecord | null {
    const columns: Array<[string, unknown]> = [];
    if (changes.name !== undefined) columns.push(['name', changes.name]);
    if (changes.url !== undefined) columns.push(['url', changes.url]);
    if (changes.subUrl !== undefined) columns.push(['sub_url', changes.subUrl]);
    if (changes.mode !== undefined) columns.push(['mode', changes.mode]);
    if (changes.onvifXaddr !== undefined) columns.push(['onvif_xaddr', changes.onvifXaddr]);
    if (changes.detection !== undefined) columns.push(['detection', JSON.stringify(changes.detection)]);
    if (changes.schedule !== undefined) columns.push(['schedule', JSON.stringify(changes.schedule)]);
    if (changes.retention !== undefined) {
      columns.push(['continuous_days', changes.retention.continuousDays], ['event_days', changes.retention.eventDays]);
    }
    if (columns.length) {
      this.sql(`UPDATE cameras SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
        ...columns.map(([, v]) => v),
        id,
      );
    }
    return this.get(id);
  }

  /**
   * Ids are never reused: a new camera must not inherit a removed one's folder of recordings (kept on disk unless the
   * user deleted them), its events or its secret.
   */
  private nextId(floor: number): number {
    const { maxId } = this.sql('SELECT COALESCE(MAX(id), 0) AS maxId FROM cameras').get() as { maxId: number };
    return Math.max(maxId, floor, readJsonSetting(this.db, LAST_ID_KEY, { id: 0 }).id) + 1;
  }

  setBufferSince(id: number, ms: number | null): void {
    this.sql('UPDATE cameras SET buffer_since = ? WHERE id = ?').run(ms === null ? null : Math.round(ms), id);
  }

  /** New credentials (null: none) into the secret store, then the flag in the row. */
  async setCredentials(id: number, credentials: CameraCredentials | null): Promise<void> {
    if (credentials) await this.secrets.set(cameraSecretKey(id), JSON.stringify(credentials));
    else await this.secrets.delete(cameraSecretKey(id));
    this.sql('UPDATE cameras SET has_credentials = ? WHERE id = ?').run(credentials ? 1 : 0, id);
  }

  async credentials(id: number): Promise<CameraCredentials | null> {
    const raw = await this.secrets.get(cameraSecretKey(id));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as CameraCredentials;
    return { username: String(parsed.username ?? ''), password: String(parsed.password ?? '') };
  }

  /** Removes the camera, its credentials and its recordings' index rows (the files are the caller's business). */
  async remove(id: number): Promise<boolean> {
    const { changes } = this.sql('DELETE FROM cameras WHERE id = ?').run(id);
    await this.secrets.delete(cameraSecretKey(id));
    return changes > 0;
  }
}
