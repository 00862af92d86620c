/**
 * The recordings index: one SQLite row per closed segment (camera, start, end, size, event flag), queried by time.
 * After a crash it catches up from the disk: segments ffmpeg closed but the engine never moved or indexed, and files
 * already in the layout but missing from the index, so nothing recorded is lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../core/database.js';
import { statementCache } from '../core/database.js';
import {
  SEGMENT_EXT,
  SEGMENT_STREAMS,
  incomingDirOf,
  moveIntoLayout,
  parseIncomingName,
  parseSegmentListLine,
  type ListedSegment,
  type SegmentStream,
} from './segment-files.js';

export interface Recording {
  id: number;
  cameraId: number;
  /** relative to the recordings root */
  path: string;
  startMs: number;
  endMs: number;
  size: number;
  event: boolean;
  /** the camera's main stream, or its sub-stream (continuous footage of "events + continuous") */
  stream: SegmentStream;
}

interface RecordingRow {
  id: number;
  camera_id: number;
  path: string;
  start_ms: number;
  end_ms: number;
  size: number;
  event: number;
  stream: SegmentStream;
}

const toRecording = (row: RecordingRow): Recording => ({
  id: row.id,
  cameraId: row.camera_id,
  path: row.path,
  startMs: row.start_ms,
  endMs: row.end_ms,
  size: row.size,
  event: row.event === 1,
  stream: row.stream === 'sub' ? 'sub' : 'main',
});

/** How long a segment file plays, in seconds (null when it cannot be read). */
export type DurationProbe = (file: string) => Promise<number | null>;

export class RecordingIndex {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    db: Db,
    readonly root: string,
    private readonly duration: DurationProbe,
  ) {
    this.sql = statementCache(db);
  }

  /** Recordings of a camera that overlap [fromMs, toMs], oldest first. */
  between(cameraId: number, fromMs: number, toMs: number, stream?: SegmentStream): Recording[] {
    const rows = this.sql('SELECT * FROM recordings WHERE camera_id = ? AND start_ms <= ? AND end_ms >= ? ORDER BY start_ms').all(
      cameraId,
      toMs,
      fromMs,
    ) as RecordingRow[];
    return rows.map(toRecording).filter((r) => stream === undefined || r.stream === stream);
  }

  get(cameraId: number, id: number): Recording | null {
    const row = this.sql('SELECT * FROM recordings WHERE camera_id = ? AND id = ?').get(cameraId, id) as RecordingRow | undefined;
    return row ? toRecording(row) : null;
  }

  count(cameraId: number): number {
    return (this.sql('SELECT COUNT(*) AS n FROM recordings WHERE camera_id = ?').get(cameraId) as { n: number }).n;
  }

  /** Every recording of every camera, oldest first (what the retention pass weighs). */
  all(): Recording[] {
    return (this.sql('SELECT * FROM recordings ORDER BY start_ms').all() as RecordingRow[]).map(toRecording);
  }

  /** Deletes recordings: their files first (a file already gone is fine), then their rows. */
  remove(recordings: readonly Recording[]): void {
    const del = this.sql('DELETE FROM recordings WHERE id = ?');
    for (const recording of recordings) {
      fs.rmSync(this.absolutePath(recording), { force: true });
      del.run(recording.id);
    }
  }

  absolutePath(recording: Recording): string {
    return path.join(this.root, recording.path);
  }

  /** A segment ffmpeg has closed: moved into the layout and indexed. */
  addClosed(
    cameraId: number,
    incomingFile: string,
    startMs: number,
    endMs: number,
    stream: SegmentStream = 'main',
  ): Recording | null {
    if (!fs.existsSync(incomingFile)) return null; // handled already (a replayed list line)
    const size = fs.statSync(incomingFile).size;
    if (size === 0) {
      fs.rmSync(incomingFile, { force: true });
      return null;
    }
    const relative = moveIntoLayout(this.root, String(cameraId), incomingFile, startMs, stream);
    return this.insert(cameraId, relative, startMs, endMs, size, stream);
  }

  private insert(
    cameraId: number,
    relative: string,
    startMs: number,
    endMs: number,
    size: number,
    stream: SegmentStream,
  ): Recording {
    const { lastInsertRowid } = this.sql(
      'INSERT INTO recordings (camera_id, path, start_ms, end_ms, size, event, stream) VALUES (?, ?, ?, ?, ?, 0, ?)',
    ).run(cameraId, relative, Math.round(startMs), Math.round(endMs), size, stream);
    return this.get(cameraId, Number(lastInsertRowid))!;
  }

  /**
   * Catches up after a crash, before the camera records again: every list the last runs left is replayed, a segment
   * cut off without a list line is indexed when it plays (empty ones go), and layout files missing from the index
   * are added. Returns how many recordings were added.
   */
  async recover(cameraId: number): Promise<number> {
    const cameraDir = path.join(this.root, String(cameraId));
    let added = 0;
    for (const stream of SEGMENT_STREAMS) added += await this.recoverIncoming(cameraId, cameraDir, stream);
    added += await this.indexStrayLayoutFiles(cameraId, cameraDir);
    return added;
  }

  /** One stream's `.incoming` folder: replayed lists, then cut-off segments that play. */
  private async recoverIncoming(cameraId: number, cameraDir: string, stream: SegmentStream): Promise<number> {
    const incoming = path.join(cameraDir, incomingDirOf(stream));
    let added = 0;
    if (fs.existsSync(incoming)) {
      const lists = new Map<number, ListedSegment[]>();
      for (const name of fs.readdirSync(incoming)) {
        const match = /^(\d{10,})\.csv$/.exec(name);
        if (!match) continue;
        const text = fs.readFileSync(path.join(incoming, name), 'utf8');
        lists.set(
          Number(match[1]),
          text.split('\n').flatMap((line) => parseSegmentListLine(line) ?? []),
        );
      }
      for (const [runStartMs, entries] of lists) {
        for (const entry of entries) {
          const file = path.join(incoming, entry.file);
          if (this.addClosed(cameraId, file, runStartMs + entry.startSec * 1000, runStartMs + entry.endSec * 1000, stream)) {
            added++;
          }
        }
      }
      for (const name of fs.readdirSync(incoming)) {
        const run = parseIncomingName(name);
        if (!run) continue;
        const file = path.join(incoming, name);
        // a segment cut off by the crash starts where the run's last listed one ended
        const listed = lists.get(run.runStartMs) ?? [];
        const startSec = listed.length ? Math.max(...listed.map((e) => e.endSec)) : 0;
        const seconds = fs.statSync(file).size > 0 ? await this.duration(file) : null;
        if (seconds === null || seconds <= 0) {
          if (fs.statSync(file).size === 0) fs.rmSync(file, { force: true });
          continue; // unreadable: left where it is for a person to look at, never deleted
        }
        const startMs = run.runStartMs + startSec * 1000;
        if (this.addClosed(cameraId, file, startMs, startMs + seconds * 1000, stream)) added++;
      }
      for (const runStartMs of lists.keys()) fs.rmSync(path.join(incoming, `${runStartMs}.csv`), { force: true });
    }
    return added;
  }

  /** Files in `<camera>/<YYYY-MM-DD>/` that the index lacks (moved just before a crash). */
  private async indexStrayLayoutFiles(cameraId: number, cameraDir: string): Promise<number> {
    if (!fs.existsSync(cameraDir)) return 0;
    let added = 0;
    for (const day of fs.readdirSync(cameraDir)) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
      for (const name of fs.readdirSync(path.join(cameraDir, day))) {
        const match = new RegExp(`^(\\d{2})-(\\d{2})-(\\d{2})(-sub)?(?:-\\d+)?\\.${SEGMENT_EXT}$`).exec(name);
        if (!match) continue;
        const relative = path.join(String(cameraId), day, name);
        if (this.sql('SELECT 1 FROM recordings WHERE path = ?').get(relative)) continue;
        const file = path.join(this.root, relative);
        const seconds = await this.duration(file);
        if (seconds === null || seconds <= 0) continue;
        const [y, mo, d] = day.split('-').map(Number);
        const startMs = new Date(y, mo - 1, d, Number(match[1]), Number(match[2]), Number(match[3])).getTime();
        this.insert(cameraId, relative, startMs, startMs + seconds * 1000, fs.statSync(file).size, match[4] ? 'sub' : 'main');
        added++;
      }
    }
    return added;
  }
}
