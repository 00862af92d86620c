// Each user's watch state in SQLite (table watch_state, migration 9). Rows name a movie by its item identity (type +
// match_key) and an episode by its season and episode numbers, so they survive the catalogue dropping and re-creating
// an item (a renamed or upgraded file); the catalogue's ids are looked up per request.
import type {
  ContinueWatchingEntry,
  EpisodeWatchState,
  FileProgress,
  ItemWatchState,
  ItemWatchSummary,
  ProgressResult,
} from '../api/api-types.js';
import { statementCache, type Db, type Statement } from '../core/database.js';
import { NotFoundError, UserError } from '../core/user-error.js';
import {
  applyProgress,
  judgeProgress,
  markPlayed,
  mergeContinueWatching,
  nextUpEpisode,
  type EpisodeSlot,
  type UnitState,
} from './watch-state.js';
import { MOVIE, STATE_COLUMNS, toState, WatchRows, type ItemRow, type StateRow, type Unit } from './watch-state-rows.js';

function episodeState(slot: EpisodeSlot): EpisodeWatchState {
  return {
    episodeId: slot.episodeId,
    season: slot.season,
    number: slot.number,
    played: slot.state?.played ?? false,
    playCount: slot.state?.playCount ?? 0,
    positionSec: slot.state?.positionSec ?? null,
    durationSec: slot.state?.durationSec ?? null,
    lastWatchedAt: slot.state?.updatedAt ?? null,
  };
}

const latest = (times: Array<string | null | undefined>) =>
  times.reduce<string | null>((max, t) => (t && (!max || t > max) ? t : max), null);

export interface WatchStateStoreOptions {
  /** the clock (tests pin it to order entries) */
  now?: () => Date;
}

/** Resume points and played marks per user, over the library catalogue's tables. */
export class WatchStateStore {
  private readonly stmt: (sql: string) => Statement;
  private readonly rows: WatchRows;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    options: WatchStateStoreOptions = {},
  ) {
    this.stmt = statementCache(db);
    this.rows = new WatchRows(db);
    this.now = options.now ?? (() => new Date());
  }

  // ---- files: what the player reports ---------------------------------------------------------------------------------

  /** Where this user would resume a file. Throws NotFoundError for a file the library doesn't have. */
  fileProgress(userId: number, fileId: number): FileProgress {
    const { item, units } = this.rows.fileTarget(fileId);
    const states = units.map((u) => this.rows.readState(userId, item, u));
    const resumable = states
      .filter((s): s is UnitState => s?.positionSec != null)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    return {
      fileId,
      positionSec: resumable?.positionSec ?? null,
      durationSec: resumable?.durationSec ?? states.find((s) => s?.durationSec != null)?.durationSec ?? null,
      played: states.length > 0 && states.every((s) => s?.played),
      lastWatchedAt: latest(states.map((s) => s?.updatedAt)),
    };
  }

  /**
   * A position the player reported: a resume point, played (≥ 90 %), or neither (the first minute or 5 %). A file that
   * holds several episodes moves them together. Without durationSec the file's probed duration is used.
   */
  reportProgress(userId: number, fileId: number, report: { positionSec: number; durationSec?: number }): ProgressResult {
    const { item, units, probedDurationSec } = this.rows.fileTarget(fileId);
    const duration = report.durationSec ?? probedDurationSec;
    if (duration == null) {
      throw new UserError("durationSec is needed: this file's duration is not known yet (it has not been probed)");
    }
    const judgement = judgeProgress(report.positionSec, duration);
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const unit of units) {
        this.rows.writeState(userId, item, unit, applyProgress(this.rows.readState(userId, item, unit), judgement, fileId, at));
      }
    })();
    return {
      ...this.fileProgress(userId, fileId),
      outcome: judgement.outcome,
      reason: judgement.reason,
      message: judgement.message,
    };
  }

  // ---- played marks by hand ---------------------------------------------------------------------------------------------

  /** A movie, a whole series, or one season of it (`season`), played or not. */
  setItemPlayed(userId: number, itemId: number, played: boolean, season?: number): ItemWatchState {
    const item = this.rows.item(itemId);
    let units: Unit[];
    if (item.type === 'movie') {
      if (season !== undefined) throw new UserError(`season only applies to a series; "${item.title}" is a movie`);
      units = [{ season: MOVIE, episode: MOVIE }];
    } else {
      units = this.rows
        .episodeSlots(userId, item)
        .filter((e) => season === undefined || e.season === season)
        .map((e) => ({ season: e.season, episode: e.number }));
      if (units.length === 0) {
        throw new NotFoundError(
          `"${item.title}" has no ${season === undefined ? 'episodes' : `season ${season}`} in the library`,
        );
      }
    }
    this.mark(userId, item, units, played);
    return this.itemState(userId, itemId);
  }

  /** One episode, played or not; answers its series' state. */
  setEpisodePlayed(userId: number, episodeId: number, played: boolean): ItemWatchState {
    const row = this.stmt(
      `SELECT s.item_id, s.number AS season, e.number FROM episodes e JOIN seasons s ON s.id = e.season_id WHERE e.id = ?`,
    ).get(episodeId) as { item_id: number; season: number; number: number } | undefined;
    if (!row) throw new NotFoundError('Episode not found');
    this.mark(userId, this.rows.item(row.item_id), [{ season: row.season, episode: row.number }], played);
    return this.itemState(userId, row.item_id);
  }

  private mark(userId: number, item: ItemRow, units: Unit[], played: boolean): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const unit of units) {
        this.rows.writeState(userId, item, unit, played ? markPlayed(this.rows.readState(userId, item, unit), at) : null);
      }
    })();
  }

  // ---- reading -----------------------------------------------------------------------------------------------------------

  /** A movie's or series' state with every episode and the next one to watch. Throws NotFoundError for an unknown item. */
  itemState(userId: number, itemId: number): ItemWatchState {
    const item = this.rows.item(itemId);
    if (item.type === 'movie') {
      const state = this.rows.readState(userId, item, { season: MOVIE, episode: MOVIE });
      return {
        itemId,
        played: state?.played ?? false,
        positionSec: state?.positionSec ?? null,
        durationSec: state?.durationSec ?? null,
        playedEpisodes: 0,
        totalEpisodes: 0,
        lastWatchedAt: state?.updatedAt ?? null,
        playCount: state?.playCount ?? 0,
        episodes: [],
        nextUp: null,
      };
    }
    const slots = this.rows.episodeSlots(userId, item);
    const next = nextUpEpisode(slots);
    const fileId = next ? this.rows.firstFileOf(next.episode.episodeId) : null;
    const playedEpisodes = slots.filter((s) => s.state?.played).length;
    return {
      itemId,
      played: slots.length > 0 && playedEpisodes === slots.length,
      positionSec: null,
      durationSec: null,
      playedEpisodes,
      totalEpisodes: slots.length,
      lastWatchedAt: latest(slots.map((s) => s.state?.updatedAt)),
      playCount: 0,
      episodes: slots.map(episodeState),
      nextUp:
        next && fileId !== null
          ? { episodeId: next.episode.episodeId, season: next.episode.season, number: next.episode.number, fileId }
          : null,
    };
  }

  /** The cards' state: every movie and series in the library this user has watched or marked. */
  summaries(userId: number): ItemWatchSummary[] {
    const movies = this.stmt(
      `SELECT i.id AS item_id, ${STATE_COLUMNS} FROM watch_state w
         JOIN items i ON i.type = 'movie' AND i.match_key = w.item_key
        WHERE w.user_id = ? AND w.item_type = 'movie'`,
    ).all(userId) as Array<StateRow & { item_id: number }>;
    const series = this.stmt(
      `SELECT s.item_id, COUNT(*) AS total, SUM(COALESCE(w.played, 0)) AS played, MAX(w.updated_at) AS last
         FROM items i
         JOIN seasons s ON s.item_id = i.id
         JOIN episodes e ON e.season_id = s.id
         LEFT JOIN watch_state w ON w.user_id = ? AND w.item_type = 'series' AND w.item_key = i.match_key
                                AND w.season = s.number AND w.episode = e.number
        WHERE i.type = 'series'
          AND i.match_key IN (SELECT item_key FROM watch_state WHERE user_id = ? AND item_type = 'series')
        GROUP BY s.item_id
       HAVING last IS NOT NULL`,
    ).all(userId, userId) as Array<{ item_id: number; total: number; played: number; last: string }>;
    return [
      ...movies.map((row) => {
        const state = toState(row)!;
        return {
          itemId: row.item_id,
          played: state.played,
          positionSec: state.positionSec,
          durationSec: state.durationSec,
          playedEpisodes: 0,
          totalEpisodes: 0,
          lastWatchedAt: state.updatedAt,
        };
      }),
      ...series.map((row) => ({
        itemId: row.item_id,
        played: row.played === row.total,
        positionSec: null,
        durationSec: null,
        playedEpisodes: row.played,
        totalEpisodes: row.total,
        lastWatchedAt: row.last,
      })),
    ].sort((a, b) => a.itemId - b.itemId);
  }

  /** Half-watched movies and episodes plus each started series' next episode, most recent first. */
  continueWatching(userId: number, limit = 20): ContinueWatchingEntry[] {
    const resumeRows = this.stmt(
      `SELECT i.id, i.type, i.title, i.year, i.match_key, w.season AS unit_season, w.episode AS unit_episode, ${STATE_COLUMNS}
         FROM watch_state w JOIN items i ON i.type = w.item_type AND i.match_key = w.item_key
        WHERE w.user_id = ? AND w.position_sec IS NOT NULL
        ORDER BY w.updated_at DESC, w.season, w.episode LIMIT ?`,
    ).all(userId, limit * 2) as Array<ItemRow & StateRow & { unit_season: number; unit_episode: number }>;
    const resume: ContinueWatchingEntry[] = [];
    for (const row of resumeRows) {
      const episode = row.type === 'series' ? this.rows.episodeByNumbers(row.id, row.unit_season, row.unit_episode) : null;
      if (row.type === 'series' && !episode) continue; // its file left the library
      const fileId = this.rows.fileFor(row, episode?.id ?? null, row.file_id);
      if (fileId === null) continue;
      resume.push({
        kind: 'resume',
        item: { id: row.id, type: row.type, title: row.title, year: row.year },
        episode,
        fileId,
        positionSec: row.position_sec,
        durationSec: row.duration_sec,
        lastWatchedAt: row.updated_at!,
      });
    }

    const started = this.stmt(
      `SELECT i.id, i.type, i.title, i.year, i.match_key, MAX(w.updated_at) AS last
         FROM watch_state w JOIN items i ON i.type = 'series' AND i.match_key = w.item_key
        WHERE w.user_id = ? AND w.item_type = 'series' AND w.played = 1
        GROUP BY i.id ORDER BY last DESC LIMIT ?`,
    ).all(userId, limit) as Array<ItemRow & { last: string }>;
    const nextUp: ContinueWatchingEntry[] = [];
    for (const series of started) {
      const next = nextUpEpisode(this.rows.episodeSlots(userId, series));
      if (!next) continue;
      const episode = this.rows.episodeByNumbers(series.id, next.episode.season, next.episode.number)!;
      const fileId = this.rows.firstFileOf(episode.id);
      if (fileId === null) continue;
      nextUp.push({
        kind: 'next-up',
        item: { id: series.id, type: 'series', title: series.title, year: series.year },
        episode,
        fileId,
        positionSec: null,
        durationSec: null,
        lastWatchedAt: next.lastWatchedAt,
      });
    }
    return mergeContinueWatching(resume, nextUp, limit);
  }
}
