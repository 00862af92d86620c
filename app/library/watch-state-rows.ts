// The rows behind WatchStateStore: one user's state of a movie or an episode (table watch_state), and the catalogue
// lookups that turn today's ids (files, items, episodes) into the stable keys the rows use, and back.
import type { ContinueWatchingEntry, ItemType } from '../api/api-types.js';
import { statementCache, type Db, type Statement } from '../core/database.js';
import { NotFoundError } from '../core/user-error.js';
import type { EpisodeSlot, UnitState } from './watch-state.js';

/** season and episode of a movie's row */
export const MOVIE = -1;

export interface ItemRow {
  id: number;
  type: ItemType;
  title: string;
  year: number | null;
  match_key: string;
}

export interface StateRow {
  played: number | null;
  play_count: number | null;
  position_sec: number | null;
  duration_sec: number | null;
  file_id: number | null;
  updated_at: string | null;
}

interface EpisodeRow extends StateRow {
  episode_id: number;
  season: number;
  number: number;
  title: string | null;
}

/** a movie (season = episode = MOVIE) or one episode, by numbers */
export interface Unit {
  season: number;
  episode: number;
}

export const STATE_COLUMNS = 'w.played, w.play_count, w.position_sec, w.duration_sec, w.file_id, w.updated_at';

export function toState(row: StateRow | undefined): UnitState | null {
  if (!row || row.updated_at === null) return null;
  return {
    played: row.played === 1,
    playCount: row.play_count ?? 0,
    positionSec: row.position_sec,
    durationSec: row.duration_sec,
    fileId: row.file_id,
    updatedAt: row.updated_at,
  };
}

/** SQL access for watch state; no rules (those are in watch-state.ts). */
export class WatchRows {
  private readonly stmt: (sql: string) => Statement;

  constructor(db: Db) {
    this.stmt = statementCache(db);
  }

  // ---- the catalogue --------------------------------------------------------------------------------------------------

  item(itemId: number): ItemRow {
    const item = this.stmt('SELECT id, type, title, year, match_key FROM items WHERE id = ?').get(itemId) as ItemRow | undefined;
    if (!item) throw new NotFoundError('Item not found');
    return item;
  }

  /** The movie or the episodes a file holds, and its probed duration. */
  fileTarget(fileId: number): { item: ItemRow; units: Unit[]; probedDurationSec: number | null } {
    const row = this.stmt(`SELECT f.item_id, json_extract(f.probe, '$.durationSec') AS duration FROM files f WHERE f.id = ?`).get(
      fileId,
    ) as { item_id: number; duration: number | null } | undefined;
    if (!row) throw new NotFoundError('File not found');
    const item = this.item(row.item_id);
    const units =
      item.type === 'movie'
        ? [{ season: MOVIE, episode: MOVIE }]
        : (this.stmt(
            `SELECT s.number AS season, e.number AS episode FROM file_episodes fe
               JOIN episodes e ON e.id = fe.episode_id JOIN seasons s ON s.id = e.season_id
              WHERE fe.file_id = ? ORDER BY s.number, e.number`,
          ).all(fileId) as Unit[]);
    if (units.length === 0) throw new NotFoundError('This file is not linked to a movie or an episode');
    const duration = typeof row.duration === 'number' && row.duration > 0 ? row.duration : null;
    return { item, units, probedDurationSec: duration };
  }

  /** Every episode of a series in the library, in order, with this user's state. */
  episodeSlots(userId: number, series: ItemRow): EpisodeSlot[] {
    const rows = this.stmt(
      `SELECT e.id AS episode_id, s.number AS season, e.number, e.title, ${STATE_COLUMNS}
         FROM seasons s JOIN episodes e ON e.season_id = s.id
         LEFT JOIN watch_state w ON w.user_id = ? AND w.item_type = 'series' AND w.item_key = ?
                                AND w.season = s.number AND w.episode = e.number
        WHERE s.item_id = ? ORDER BY s.number, e.number`,
    ).all(userId, series.match_key, series.id) as EpisodeRow[];
    return rows.map((r) => ({ episodeId: r.episode_id, season: r.season, number: r.number, state: toState(r) }));
  }

  episodeByNumbers(itemId: number, season: number, number: number): ContinueWatchingEntry['episode'] {
    const row = this.stmt(
      `SELECT e.id, s.number AS season, e.number, e.title FROM seasons s JOIN episodes e ON e.season_id = s.id
        WHERE s.item_id = ? AND s.number = ? AND e.number = ?`,
    ).get(itemId, season, number) as ContinueWatchingEntry['episode'] | undefined;
    return row ?? null;
  }

  /** The file a position was taken in while it still holds the movie or episode, else the first file of it. */
  fileFor(item: ItemRow, episodeId: number | null, preferred: number | null): number | null {
    if (episodeId !== null) {
      if (
        preferred !== null &&
        this.stmt('SELECT 1 FROM file_episodes WHERE file_id = ? AND episode_id = ?').get(preferred, episodeId)
      ) {
        return preferred;
      }
      return this.firstFileOf(episodeId);
    }
    if (preferred !== null && this.stmt('SELECT 1 FROM files WHERE id = ? AND item_id = ?').get(preferred, item.id))
      return preferred;
    const first = this.stmt('SELECT id FROM files WHERE item_id = ? ORDER BY path LIMIT 1').get(item.id) as
      { id: number } | undefined;
    return first?.id ?? null;
  }

  firstFileOf(episodeId: number): number | null {
    const row = this.stmt(
      `SELECT f.id FROM file_episodes fe JOIN files f ON f.id = fe.file_id WHERE fe.episode_id = ? ORDER BY f.path LIMIT 1`,
    ).get(episodeId) as { id: number } | undefined;
    return row?.id ?? null;
  }

  // ---- rows ---------------------------------------------------------------------------------------------------------------

  readState(userId: number, item: ItemRow, unit: Unit): UnitState | null {
    const row = this.stmt(
      `SELECT ${STATE_COLUMNS} FROM watch_state w
        WHERE w.user_id = ? AND w.item_type = ? AND w.item_key = ? AND w.season = ? AND w.episode = ?`,
    ).get(userId, item.type, item.match_key, unit.season, unit.episode) as StateRow | undefined;
    return toState(row);
  }

  writeState(userId: number, item: ItemRow, unit: Unit, state: UnitState | null): void {
    const key = [userId, item.type, item.match_key, unit.season, unit.episode];
    if (!state) {
      this.stmt(
        'DELETE FROM watch_state WHERE user_id = ? AND item_type = ? AND item_key = ? AND season = ? AND episode = ?',
      ).run(...key);
      return;
    }
    this.stmt(
      `INSERT OR REPLACE INTO watch_state
         (user_id, item_type, item_key, season, episode, played, play_count, position_sec, duration_sec, file_id, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...key, state.played ? 1 : 0, state.playCount, state.positionSec, state.durationSec, state.fileId, state.updatedAt);
  }
}
