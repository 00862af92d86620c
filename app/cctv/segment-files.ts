/**
 * Where a camera's segments live and how a segment list line becomes an indexed recording. ffmpeg writes each run's
 * segments to `<camera>/.incoming/<runStartMs>-NNNNNN.mkv` and lists the closed ones in `<runStartMs>.csv`; a closed
 * segment is then moved to `<camera>/<YYYY-MM-DD>/<HH-MM-SS>.mkv` (local time of its start) and indexed. Names are ours,
 * not strftime's: a burst at connect can close two segments in the same wall-clock second.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Matroska: a closed segment is complete and plays; checked by the SIGKILL test. */
export const SEGMENT_EXT = 'mkv';
export const INCOMING_DIR = '.incoming';

/**
 * A camera records its main stream, and in "events + continuous" also its sub-stream: sub segments are written to
 * `<camera>/.incoming-sub/` and laid out as `<HH-MM-SS>-sub.mkv` next to the main ones.
 */
export type SegmentStream = 'main' | 'sub';
export const SEGMENT_STREAMS: readonly SegmentStream[] = ['main', 'sub'];
export const incomingDirOf = (stream: SegmentStream) => (stream === 'main' ? INCOMING_DIR : `${INCOMING_DIR}-sub`);
export const streamSuffix = (stream: SegmentStream) => (stream === 'main' ? '' : '-sub');

export interface ListedSegment {
  /** file name inside .incoming */
  file: string;
  startSec: number;
  endSec: number;
}

/** Parses one `file,start,end` line of ffmpeg's csv segment list (null for a partial or foreign line). */
export function parseSegmentListLine(line: string): ListedSegment | null {
  const match = /^("?)([^",]+)\1,(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(line.trim());
  if (!match) return null;
  return { file: match[2], startSec: Number(match[3]), endSec: Number(match[4]) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD/HH-MM-SS` of a moment, in local time (what a user browsing the folder expects). */
export function segmentStem(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}/${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`;
}

/**
 * Moves a closed segment from .incoming to its place in the layout; returns its path relative to the recordings root.
 * A name already taken gets a suffix (-1, -2, …): nothing recorded is overwritten.
 */
export function moveIntoLayout(
  recordingsRoot: string,
  cameraDir: string,
  incomingFile: string,
  startMs: number,
  stream: SegmentStream = 'main',
): string {
  const stem = segmentStem(startMs) + streamSuffix(stream);
  fs.mkdirSync(path.join(recordingsRoot, cameraDir, path.dirname(stem)), { recursive: true });
  for (let n = 0; ; n++) {
    const relative = path.join(cameraDir, `${stem}${n ? `-${n}` : ''}.${SEGMENT_EXT}`);
    const target = path.join(recordingsRoot, relative);
    if (fs.existsSync(target)) continue;
    fs.renameSync(incomingFile, target);
    return relative;
  }
}

/** The run a file in .incoming belongs to: `<runStartMs>-NNNNNN.mkv` → runStartMs, index. */
export function parseIncomingName(file: string): { runStartMs: number; index: number } | null {
  const match = new RegExp(`^(\\d{10,})-(\\d{6})\\.${SEGMENT_EXT}$`).exec(file);
  return match ? { runStartMs: Number(match[1]), index: Number(match[2]) } : null;
}
