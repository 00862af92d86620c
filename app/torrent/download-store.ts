/**
 * SQL for downloads and the release blocklist (migration 3). Rows in, records out: no decisions here. Times are ms since
 * the epoch; JSON columns (selected files, imported files) are parsed here so the service sees plain data.
 */
import { statementCache, type Db, type Statement } from '../core/database.js';
import type { DownloadState } from './download-policy.js';

export interface ImportedRecord {
  source: string;
  target: string;
}

/** The catalogue title a download was grabbed for (discovery): its files are named from it on import. */
export interface TitleLink {
  provider: 'tmdb' | 'omdb';
  kind: 'movie' | 'series';
  id: string;
  title: string;
  year: number | null;
}

export interface DownloadRecord {
  id: number;
  infoHash: string;
  name: string;
  sourceKind: 'magnet' | 'torrent';
  magnet: string | null;
  torrent: Buffer | null;
  state: DownloadState;
  userPaused: boolean;
  queuePosition: number;
  addedAt: number;
  completedAt: number | null;
  seedingSince: number | null;
  lastProgressAt: number;
  downloaded: number;
  uploaded: number;
  size: number;
  reason: string | null;
  selectedFiles: boolean[] | null;
  /** pieces in order (for watching while it downloads) instead of rarest first */
  sequential: boolean;
  ratioLimit: number | null;
  seedingTimeLimitMin: number | null;
  /** this download's own speed caps in KiB/s (null = none; the global ones apply too) */
  downloadLimitKiBps: number | null;
  uploadLimitKiBps: number | null;
  title: TitleLink | null;
  imported: ImportedRecord[] | null;
}

interface Row {
  id: number;
  info_hash: string;
  name: string;
  source_kind: 'magnet' | 'torrent';
  magnet: string | null;
  torrent: Buffer | null;
  state: DownloadState;
  user_paused: number;
  queue_position: number;
  added_at: number;
  completed_at: number | null;
  seeding_since: number | null;
  last_progress_at: number;
  downloaded: number;
  uploaded: number;
  size: number;
  reason: string | null;
  selected_files: string | null;
  sequential: number;
  ratio_limit: number | null;
  seeding_time_limit_min: number | null;
  download_limit_kibps: number | null;
  upload_limit_kibps: number | null;
  title_json: string | null;
  imported: string | null;
}

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

function fromRow(r: Row): DownloadRecord {
  return {
    id: r.id,
    infoHash: r.info_hash,
    name: r.name,
    sourceKind: r.source_kind,
    magnet: r.magnet,
    torrent: r.torrent,
    state: r.state,
    userPaused: r.user_paused !== 0,
    queuePosition: r.queue_position,
    addedAt: r.added_at,
    completedAt: r.completed_at,
    seedingSince: r.seeding_since,
    lastProgressAt: r.last_progress_at,
    downloaded: r.downloaded,
    uploaded: r.uploaded,
    size: r.size,
    reason: r.reason,
    selectedFiles: parseJson<boolean[]>(r.selected_files),
    sequential: r.sequential === 1,
    ratioLimit: r.ratio_limit,
    seedingTimeLimitMin: r.seeding_time_limit_min,
    downloadLimitKiBps: r.download_limit_kibps,
    uploadLimitKiBps: r.upload_limit_kibps,
    title: parseJson<TitleLink>(r.title_json),
    imported: parseJson<ImportedRecord[]>(r.imported),
  };
}

function toParams(d: Omit<DownloadRecord, 'id'>) {
  return {
    info_hash: d.infoHash,
    name: d.name,
    source_kind: d.sourceKind,
    magnet: d.magnet,
    torrent: d.torrent,
    state: d.state,
    user_paused: d.userPaused ? 1 : 0,
    queue_position: d.queuePosition,
    added_at: d.addedAt,
    completed_at: d.completedAt,
    seeding_since: d.seedingSince,
    last_progress_at: d.lastProgressAt,
    downloaded: d.downloaded,
    uploaded: d.uploaded,
    size: d.size,
    reason: d.reason,
    selected_files: d.selectedFiles === null ? null : JSON.stringify(d.selectedFiles),
    sequential: d.sequential ? 1 : 0,
    ratio_limit: d.ratioLimit,
    seeding_time_limit_min: d.seedingTimeLimitMin,
    download_limit_kibps: d.downloadLimitKiBps,
    upload_limit_kibps: d.uploadLimitKiBps,
    title_json: d.title === null ? null : JSON.stringify(d.title),
    imported: d.imported === null ? null : JSON.stringify(d.imported),
  };
}

const COLUMNS = [
  'info_hash',
  'name',
  'source_kind',
  'magnet',
  'torrent',
  'state',
  'user_paused',
  'queue_position',
  'added_at',
  'completed_at',
  'seeding_since',
  'last_progress_at',
  'downloaded',
  'uploaded',
  'size',
  'reason',
  'selected_files',
  'sequential',
  'ratio_limit',
  'seeding_time_limit_min',
  'download_limit_kibps',
  'upload_limit_kibps',
  'title_json',
  'imported',
];

export class DownloadStore {
  /** the tick saves every second: prepare each statement once */
  private readonly stmt: (sql: string) => Statement;

  constructor(private readonly db: Db) {
    this.stmt = statementCache(db);
  }

  all(): DownloadRecord[] {
    const rows = this.stmt('SELECT * FROM downloads ORDER BY queue_position, added_at, id').all() as Row[];
    return rows.map(fromRow);
  }

  insert(d: Omit<DownloadRecord, 'id'>): DownloadRecord {
    const sql = `INSERT INTO downloads (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`;
    const result = this.stmt(sql).run(toParams(d));
    return { ...d, id: Number(result.lastInsertRowid) };
  }

  /** Writes every record in one transaction. */
  save(records: readonly DownloadRecord[]): void {
    if (records.length === 0) return;
    const stmt = this.stmt(`UPDATE downloads SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
    this.db.transaction(() => {
      for (const r of records) stmt.run({ ...toParams(r), id: r.id });
    })();
  }

  delete(id: number): void {
    this.stmt('DELETE FROM downloads WHERE id = ?').run(id);
  }

  nextQueuePosition(): number {
    const row = this.stmt('SELECT MAX(queue_position) AS m FROM downloads').get() as { m: number | null };
    return (row.m ?? 0) + 1;
  }

  blocklisted(infoHash: string): { name: string; reason: string } | null {
    const row = this.stmt('SELECT name, reason FROM download_blocklist WHERE info_hash = ?').get(infoHash) as
      { name: string; reason: string } | undefined;
    return row ?? null;
  }

  blocklist(infoHash: string, name: string, reason: string): void {
    this.stmt(
      `INSERT INTO download_blocklist (info_hash, name, reason) VALUES (?, ?, ?)
         ON CONFLICT (info_hash) DO UPDATE SET name = excluded.name, reason = excluded.reason`,
    ).run(infoHash, name, reason);
  }
}
