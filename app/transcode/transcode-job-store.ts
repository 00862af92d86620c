/** SQL for transcode jobs (migration 8). Rows in, API records out: no decisions here. */
import path from 'node:path';
import { statementCache, type Db, type Statement } from '../core/database.js';
import type { TranscodeJob, TranscodeJobState } from '../api/api-types.js';
import { isSegmentList, SEGMENT_LIST_EXT } from './segment-list.js';

interface Row {
  id: number;
  source_path: string;
  file_id: number | null;
  profile: string;
  offset_sec: number | null;
  duration_sec: number | null;
  output_path: string;
  state: TranscodeJobState;
  progress: number;
  error: string | null;
  encoder: string | null;
  size: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface NewTranscodeJob {
  sourcePath: string;
  fileId: number | null;
  profile: string;
  offsetSec: number | null;
  durationSec: number | null;
}

/** What a run changes on a job. */
export type TranscodeJobPatch = Partial<
  Pick<TranscodeJob, 'state' | 'progress' | 'error' | 'encoder' | 'size' | 'outputPath' | 'startedAt' | 'finishedAt'>
>;

const COLUMNS: Record<keyof TranscodeJobPatch, keyof Row> = {
  state: 'state',
  progress: 'progress',
  error: 'error',
  encoder: 'encoder',
  size: 'size',
  outputPath: 'output_path',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
};

function toJob(row: Row): TranscodeJob {
  return {
    id: row.id,
    fileId: row.file_id,
    sourcePath: row.source_path,
    // a camera clip's segment list is named after the clip
    sourceName: path.basename(row.source_path, isSegmentList(row.source_path) ? SEGMENT_LIST_EXT : undefined),
    profile: row.profile,
    offsetSec: row.offset_sec,
    durationSec: row.duration_sec,
    outputPath: row.output_path,
    state: row.state,
    progress: row.progress,
    error: row.error,
    encoder: row.encoder,
    size: row.size,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export class TranscodeJobStore {
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Inserts a queued job; its output path is made from its id by `outputFor`. */
  insert(job: NewTranscodeJob, outputFor: (id: number) => string): TranscodeJob {
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.sql(
        `INSERT INTO transcode_jobs (source_path, file_id, profile, offset_sec, duration_sec, output_path)
         VALUES (?, ?, ?, ?, ?, '')`,
      ).run(job.sourcePath, job.fileId, job.profile, job.offsetSec, job.durationSec);
      const id = Number(lastInsertRowid);
      this.sql('UPDATE transcode_jobs SET output_path = ? WHERE id = ?').run(outputFor(id), id);
      return this.get(id)!;
    })();
  }

  get(id: number): TranscodeJob | null {
    const row = this.sql('SELECT * FROM transcode_jobs WHERE id = ?').get(id) as Row | undefined;
    return row ? toJob(row) : null;
  }

  /** Newest first. */
  list(): TranscodeJob[] {
    return (this.sql('SELECT * FROM transcode_jobs ORDER BY id DESC').all() as Row[]).map(toJob);
  }

  /** The oldest queued job not in `skip`. */
  nextQueued(skip: ReadonlySet<number>): TranscodeJob | null {
    const rows = this.sql(`SELECT * FROM transcode_jobs WHERE state = 'queued' ORDER BY id`).all() as Row[];
    const row = rows.find((r) => !skip.has(r.id));
    return row ? toJob(row) : null;
  }

  update(id: number, patch: TranscodeJobPatch): TranscodeJob | null {
    const keys = Object.keys(patch) as Array<keyof TranscodeJobPatch>;
    if (keys.length > 0) {
      const sets = keys.map((k) => `${COLUMNS[k]} = ?`).join(', ');
      this.sql(`UPDATE transcode_jobs SET ${sets} WHERE id = ?`).run(...keys.map((k) => patch[k] ?? null), id);
    }
    return this.get(id);
  }

  /** Jobs that were running when the engine stopped (or crashed) go back to the queue, from the start. */
  requeueInterrupted(): TranscodeJob[] {
    const rows = this.sql(`SELECT * FROM transcode_jobs WHERE state = 'running' ORDER BY id`).all() as Row[];
    this.sql(
      `UPDATE transcode_jobs SET state = 'queued', progress = 0, started_at = NULL, error = NULL WHERE state = 'running'`,
    ).run();
    return rows.map((r) => this.get(r.id)!);
  }

  remove(id: number): boolean {
    return this.sql('DELETE FROM transcode_jobs WHERE id = ?').run(id).changes > 0;
  }
}
