/**
 * Cameras in SQLite (URLs without credentials) and their credentials in the secret store under `camera.<id>`:
 * a password never reaches the database, the API or a log.
 */
import type { Db } from '../core/database.js';
import { statementCache } from '../core/database.js';
import type { SecretStore } from '../core/secret-store.js';
import type { CameraCredentials } from './camera-url.js';

/**
 * Modes today: continuous; events (a rolling buffer of segments, kept only around motion, with pre- and post-capture);
 * off. The other modes (events + continuous, schedule) are refused until they really work.
 */
export const CAMERA_MODES = ['continuous', 'events', 'off'] as const;
export type CameraMode = (typeof CAMERA_MODES)[number];

export interface CameraRecord {
  id: number;
  name: string;
  /** without credentials */
  url: string;
  subUrl: string | null;
  mode: CameraMode;
  hasCredentials: boolean;
  createdAt: string;
}

interface CameraRow {
  id: number;
  name: string;
  url: string;
  sub_url: string | null;
  mode: string;
  has_credentials: number;
  created_at: string;
}

const toRecord = (row: CameraRow): CameraRecord => ({
  id: row.id,
  name: row.name,
  url: row.url,
  subUrl: row.sub_url,
  mode: row.mode as CameraMode,
  hasCredentials: row.has_credentials === 1,
  createdAt: row.created_at,
});

export const cameraSecretKey = (id: number) => `camera.${id}`;

export class CameraStore {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    db: Db,
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
  }): Promise<CameraRecord> {
    const { lastInsertRowid } = this.sql(
      'INSERT INTO cameras (name, url, sub_url, mode, has_credentials) VALUES (?, ?, ?, ?, ?)',
    ).run(input.name, input.url, input.subUrl, input.mode, input.credentials ? 1 : 0);
    const id = Number(lastInsertRowid);
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
