import { statementCache, type Db, type Statement } from '../core/database.js';
import type {
  Episode,
  ItemType,
  LibraryItemDetail,
  LibraryItemSummary,
  LibraryRoot,
  LibraryRootStatus,
  MediaFile,
  MediaFileDetail,
  ProbeInfo,
  Season,
} from '../api/api-types.js';
import type { ParsedMedia } from './media-name-parser.js';

interface FileRow {
  id: number;
  root_id: number;
  path: string;
  size: number;
  mtime_ms: number;
  item_id: number;
  probe: string | null;
  probe_error: string | null;
  added_at: string;
}

interface ItemRow {
  id: number;
  type: 'movie' | 'series';
  title: string;
  year: number | null;
  added_at: string;
  file_count: number;
  season_count: number;
}

export interface KnownFile {
  id: number;
  size: number;
  mtimeMs: number;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
}

export type UpsertResult = 'added' | 'updated' | 'unchanged';

/** One library file with what a browsing client shows of it: the read model of the DLNA tree. */
export interface MediaIndexEntry {
  fileId: number;
  rootId: number;
  /** the media folder the file lies in (its place on disk is shown relative to it) */
  rootPath: string;
  path: string;
  size: number;
  mtimeMs: number;
  addedAt: string;
  probe: ProbeInfo | null;
  item: { id: number; type: ItemType; title: string; year: number | null };
  /** the episodes the file holds, by season then number (empty for a movie) */
  episodes: Array<{ season: number; number: number; title: string | null }>;
}

interface MediaIndexRow {
  id: number;
  root_id: number;
  root_path: string;
  path: string;
  size: number;
  mtime_ms: number;
  added_at: string;
  probe: string | null;
  item_id: number;
  item_type: ItemType;
  item_title: string;
  item_year: number | null;
  episodes: string | null;
}

const MEDIA_INDEX_SQL = `
  SELECT f.id, f.root_id, r.path AS root_path, f.path, f.size, f.mtime_ms, f.added_at, f.probe,
    i.id AS item_id, i.type AS item_type, i.title AS item_title, i.year AS item_year,
    (SELECT json_group_array(json_object('season', s.number, 'number', e.number, 'title', e.title))
       FROM file_episodes fe JOIN episodes e ON e.id = fe.episode_id JOIN seasons s ON s.id = e.season_id
       WHERE fe.file_id = f.id) AS episodes
  FROM files f JOIN library_roots r ON r.id = f.root_id JOIN items i ON i.id = f.item_id
  ORDER BY f.id`;

function matchKey(title: string, year: number | null): string {
  const normalized = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return `${normalized}|${year ?? ''}`;
}

function toMediaFile(row: FileRow): MediaFile {
  return {
    id: row.id,
    path: row.path,
    size: row.size,
    probe: row.probe ? (JSON.parse(row.probe) as ProbeInfo) : null,
    probeError: row.probe_error,
    addedAt: row.added_at,
  };
}

function toSummary(row: ItemRow): LibraryItemSummary {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    year: row.year,
    addedAt: row.added_at,
    fileCount: row.file_count,
    seasonCount: row.season_count,
  };
}

const ITEM_SUMMARY_SQL = `
  SELECT i.id, i.type, i.title, i.year, i.added_at,
    CASE i.type
      WHEN 'movie' THEN (SELECT COUNT(*) FROM files f WHERE f.item_id = i.id)
      ELSE (SELECT COUNT(*) FROM episodes e JOIN seasons s ON s.id = e.season_id WHERE s.item_id = i.id)
    END AS file_count,
    (SELECT COUNT(*) FROM seasons s WHERE s.item_id = i.id) AS season_count
  FROM items i`;

/** The SQLite catalogue of media folders, movies, series, seasons, episodes and files. */
export class LibraryCatalogue {
  private readonly itemIds = new Map<string, number>();

  /** a scan runs the same few statements thousands of times */
  private readonly stmt: (sql: string) => Statement;

  constructor(private readonly db: Db) {
    this.stmt = statementCache(db);
  }

  // ---- media folders ------------------------------------------------------------------------

  listRoots(): LibraryRoot[] {
    const rows = this.stmt(
      `SELECT r.*, (SELECT COUNT(*) FROM files f WHERE f.root_id = r.id) AS file_count
         FROM library_roots r ORDER BY r.path`,
    ).all() as Array<{
      id: number;
      path: string;
      status: LibraryRootStatus;
      error: string | null;
      last_scan_at: string | null;
      file_count: number;
    }>;
    return rows.map((r) => ({
      id: r.id,
      path: r.path,
      status: r.status,
      error: r.error,
      lastScanAt: r.last_scan_at,
      fileCount: r.file_count,
    }));
  }

  /** Just where the media folders are, without the per-folder file counts (for per-request and polling paths). */
  rootPaths(): Array<{ id: number; path: string }> {
    return this.stmt('SELECT id, path FROM library_roots ORDER BY path').all() as Array<{ id: number; path: string }>;
  }

  getRoot(id: number): LibraryRoot | null {
    return this.listRoots().find((r) => r.id === id) ?? null;
  }

  addRoot(path: string): LibraryRoot {
    const existing = this.listRoots().find((r) => r.path === path);
    if (existing) return existing;
    const id = Number(this.stmt('INSERT INTO library_roots (path) VALUES (?)').run(path).lastInsertRowid);
    return this.getRoot(id)!;
  }

  /** Forgets a media folder and everything catalogued from it (the files on disk are untouched). */
  removeRoot(id: number): boolean {
    const removed = this.db.transaction(() => {
      this.stmt('DELETE FROM files WHERE root_id = ?').run(id);
      const changes = this.stmt('DELETE FROM library_roots WHERE id = ?').run(id).changes;
      this.pruneOrphans();
      return changes > 0;
    })();
    return removed;
  }

  setRootStatus(id: number, status: LibraryRootStatus, error: string | null, scannedAt?: string): void {
    if (scannedAt) {
      this.stmt('UPDATE library_roots SET status = ?, error = ?, last_scan_at = ? WHERE id = ?').run(
        status,
        error,
        scannedAt,
        id,
      );
    } else {
      this.stmt('UPDATE library_roots SET status = ?, error = ? WHERE id = ?').run(status, error, id);
    }
  }

  // ---- files ----------------------------------------------------------------------------------

  /** Files already catalogued under a root, by absolute path (for change detection during a scan). */
  knownFiles(rootId: number): Map<string, KnownFile> {
    const rows = this.stmt('SELECT id, path, size, mtime_ms FROM files WHERE root_id = ?').all(rootId) as FileRow[];
    return new Map(rows.map((r) => [r.path, { id: r.id, size: r.size, mtimeMs: r.mtime_ms }]));
  }

  /** Adds or refreshes one file and links it to its movie or series episode(s). */
  upsertFile(rootId: number, path: string, stat: FileStat, parsed: ParsedMedia, known?: KnownFile | null): UpsertResult {
    const current =
      known === undefined
        ? (this.stmt('SELECT id, size, mtime_ms FROM files WHERE path = ?').get(path) as FileRow | undefined)
        : known && { id: known.id, size: known.size, mtime_ms: known.mtimeMs };
    if (current && current.size === stat.size && current.mtime_ms === Math.trunc(stat.mtimeMs)) return 'unchanged';

    const itemId = this.itemFor(parsed);
    let fileId: number;
    if (current) {
      fileId = current.id;
      // content changed: link again and probe again
      this.stmt(
        'UPDATE files SET root_id = ?, size = ?, mtime_ms = ?, item_id = ?, probe = NULL, probe_error = NULL WHERE id = ?',
      ).run(rootId, stat.size, Math.trunc(stat.mtimeMs), itemId, fileId);
      this.stmt('DELETE FROM file_episodes WHERE file_id = ?').run(fileId);
    } else {
      fileId = Number(
        this.stmt('INSERT INTO files (root_id, path, size, mtime_ms, item_id) VALUES (?, ?, ?, ?, ?)').run(
          rootId,
          path,
          stat.size,
          Math.trunc(stat.mtimeMs),
          itemId,
        ).lastInsertRowid,
      );
    }
    if (parsed.kind === 'episode') this.linkEpisodes(fileId, itemId, parsed);
    return current ? 'updated' : 'added';
  }

  removeFilesByIds(ids: number[]): number {
    if (ids.length === 0) return 0;
    const remove = this.stmt('DELETE FROM files WHERE id = ?');
    let removed = 0;
    this.db.transaction(() => {
      for (const id of ids) removed += remove.run(id).changes;
      this.pruneOrphans();
    })();
    return removed;
  }

  /** Removes a file, or every file below a folder path (a deleted or renamed folder). */
  removePath(path: string): number {
    const rows = this.stmt(`SELECT id FROM files WHERE path = ? OR (path > ? AND path < ?)`).all(
      path,
      path + '/',
      path + '0',
    ) as Array<{ id: number }>;
    return this.removeFilesByIds(rows.map((r) => r.id));
  }

  getFile(id: number): (MediaFile & { rootId: number }) | null {
    const row = this.stmt('SELECT * FROM files WHERE id = ?').get(id) as FileRow | undefined;
    return row ? { ...toMediaFile(row), rootId: row.root_id } : null;
  }

  getFileDetail(id: number): MediaFileDetail | null {
    const row = this.stmt('SELECT * FROM files WHERE id = ?').get(id) as FileRow | undefined;
    if (!row) return null;
    const item = this.stmt('SELECT id, type, title, year FROM items WHERE id = ?').get(row.item_id) as MediaFileDetail['item'];
    const episodes = this.stmt(
      `SELECT s.number AS season, e.number, e.title FROM file_episodes fe
       JOIN episodes e ON e.id = fe.episode_id JOIN seasons s ON s.id = e.season_id
       WHERE fe.file_id = ? ORDER BY s.number, e.number`,
    ).all(id) as MediaFileDetail['episodes'];
    return { ...toMediaFile(row), item, episodes };
  }

  /** Every file with its media folder, probe, item and episodes, in one query (the DLNA tree is built from it). */
  mediaIndex(): MediaIndexEntry[] {
    const rows = this.stmt(MEDIA_INDEX_SQL).all() as MediaIndexRow[];
    return rows.map((row) => {
      const episodes = row.episodes ? (JSON.parse(row.episodes) as MediaIndexEntry['episodes']) : [];
      episodes.sort((a, b) => a.season - b.season || a.number - b.number);
      return {
        fileId: row.id,
        rootId: row.root_id,
        rootPath: row.root_path,
        path: row.path,
        size: row.size,
        mtimeMs: row.mtime_ms,
        addedAt: row.added_at,
        probe: row.probe ? (JSON.parse(row.probe) as ProbeInfo) : null,
        item: { id: row.item_id, type: row.item_type, title: row.item_title, year: row.item_year },
        episodes,
      };
    });
  }

  /** Files ffprobe has not looked at yet, oldest first. */
  unprobedFiles(limit: number): Array<{ id: number; path: string }> {
    return this.stmt('SELECT id, path FROM files WHERE probe IS NULL AND probe_error IS NULL ORDER BY id LIMIT ?').all(
      limit,
    ) as Array<{ id: number; path: string }>;
  }

  countUnprobed(): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM files WHERE probe IS NULL AND probe_error IS NULL').get() as { n: number }).n;
  }

  setProbe(id: number, result: { probe: ProbeInfo } | { error: string }): void {
    if ('probe' in result) {
      this.stmt('UPDATE files SET probe = ?, probe_error = NULL WHERE id = ?').run(JSON.stringify(result.probe), id);
    } else {
      this.stmt('UPDATE files SET probe = NULL, probe_error = ? WHERE id = ?').run(result.error, id);
    }
  }

  /** Probes that failed only because ffprobe was missing get another chance (e.g. after installing ffmpeg). */
  retryMissingToolProbes(): number {
    return this.stmt(`UPDATE files SET probe_error = NULL WHERE probe_error LIKE 'ffprobe not found%'`).run().changes;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // ---- items -----------------------------------------------------------------------------------

  listItems(): LibraryItemSummary[] {
    const rows = this.stmt(`${ITEM_SUMMARY_SQL} ORDER BY i.title COLLATE NOCASE, i.year`).all() as ItemRow[];
    return rows.map(toSummary);
  }

  getItem(id: number): LibraryItemDetail | null {
    const row = this.stmt(`${ITEM_SUMMARY_SQL} WHERE i.id = ?`).get(id) as ItemRow | undefined;
    if (!row) return null;
    const summary = toSummary(row);
    if (row.type === 'movie') {
      const files = (this.stmt('SELECT * FROM files WHERE item_id = ? ORDER BY path').all(id) as FileRow[]).map(toMediaFile);
      return { ...summary, type: 'movie', files };
    }
    return { ...summary, type: 'series', seasons: this.seasonsOf(id) };
  }

  private seasonsOf(itemId: number): Season[] {
    const rows = this.stmt(
      `SELECT s.number AS season, e.id AS episode_id, e.number AS episode, e.title AS episode_title, f.*
         FROM seasons s
         JOIN episodes e ON e.season_id = s.id
         JOIN file_episodes fe ON fe.episode_id = e.id
         JOIN files f ON f.id = fe.file_id
         WHERE s.item_id = ?
         ORDER BY s.number, e.number, f.path`,
    ).all(itemId) as Array<FileRow & { season: number; episode_id: number; episode: number; episode_title: string | null }>;
    const seasons = new Map<number, Map<number, Episode>>();
    for (const row of rows) {
      const episodes = seasons.get(row.season) ?? new Map<number, Episode>();
      seasons.set(row.season, episodes);
      const episode = episodes.get(row.episode_id) ?? {
        id: row.episode_id,
        number: row.episode,
        title: row.episode_title,
        files: [],
      };
      episodes.set(row.episode_id, episode);
      episode.files.push(toMediaFile(row));
    }
    return [...seasons].map(([number, episodes]) => ({ number, episodes: [...episodes.values()] }));
  }

  private itemFor(parsed: ParsedMedia): number {
    const type = parsed.kind === 'movie' ? 'movie' : 'series';
    const title = parsed.kind === 'movie' ? parsed.title : parsed.seriesTitle;
    const year = parsed.kind === 'movie' ? parsed.year : parsed.seriesYear;
    const key = matchKey(title, year);
    const cacheKey = `${type}:${key}`;
    const cached = this.itemIds.get(cacheKey);
    if (cached !== undefined) return cached;
    const row = this.stmt('SELECT id FROM items WHERE type = ? AND match_key = ?').get(type, key) as { id: number } | undefined;
    const id =
      row?.id ??
      Number(
        this.stmt('INSERT INTO items (type, title, year, match_key) VALUES (?, ?, ?, ?)').run(type, title, year, key)
          .lastInsertRowid,
      );
    this.itemIds.set(cacheKey, id);
    return id;
  }

  private linkEpisodes(fileId: number, itemId: number, parsed: Extract<ParsedMedia, { kind: 'episode' }>): void {
    this.stmt('INSERT OR IGNORE INTO seasons (item_id, number) VALUES (?, ?)').run(itemId, parsed.season);
    const season = this.stmt('SELECT id FROM seasons WHERE item_id = ? AND number = ?').get(itemId, parsed.season) as {
      id: number;
    };
    // a file in a season folder without an episode number still shows up, as episode 0
    const numbers = parsed.episodes.length > 0 ? parsed.episodes : [0];
    numbers.forEach((number, i) => {
      // only the first episode of a multi-episode file carries the parsed title
      const title = i === 0 ? parsed.episodeTitle : null;
      this.stmt('INSERT OR IGNORE INTO episodes (season_id, number, title) VALUES (?, ?, ?)').run(season.id, number, title);
      if (title) {
        this.stmt('UPDATE episodes SET title = ? WHERE season_id = ? AND number = ? AND title IS NULL').run(
          title,
          season.id,
          number,
        );
      }
      const episode = this.stmt('SELECT id FROM episodes WHERE season_id = ? AND number = ?').get(season.id, number) as {
        id: number;
      };
      this.stmt('INSERT OR IGNORE INTO file_episodes (file_id, episode_id) VALUES (?, ?)').run(fileId, episode.id);
    });
  }

  /** Drops episodes, seasons and items that no file backs any more. */
  private pruneOrphans(): void {
    this.db.exec(`
      DELETE FROM episodes WHERE id NOT IN (SELECT episode_id FROM file_episodes);
      DELETE FROM seasons WHERE id NOT IN (SELECT season_id FROM episodes);
      DELETE FROM items WHERE id NOT IN (SELECT item_id FROM files);
    `);
    this.itemIds.clear();
  }
}
