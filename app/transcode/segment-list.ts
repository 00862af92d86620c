/**
 * A job source that is a list of segments (a camera clip): ffmpeg's concat demuxer reads it as one input, so the
 * queue runs it like any other source. The list is an `.ffconcat` file (absolute paths, the first and last segment
 * cut with inpoint / outpoint). Pure text in and out.
 */
import path from 'node:path';

/** The profile of a camera clip: the segments' video copied as it is into one MP4, audio as AAC. */
export const CAMERA_CLIP_PROFILE = 'camera-clip';

export const SEGMENT_LIST_EXT = '.ffconcat';

export interface ListedClipSegment {
  /** absolute path of the segment file */
  file: string;
  /** seconds into the file where the clip starts (null = its start) */
  inSec: number | null;
  /** seconds into the file where the clip stops (null = its end) */
  outSec: number | null;
}

export const isSegmentList = (sourcePath: string) => sourcePath.endsWith(SEGMENT_LIST_EXT);

/** ffconcat's quoting: inside '…' everything is literal, so a ' closes, is escaped, and reopens. */
const quote = (file: string) => `'${file.replace(/'/g, "'\\''")}'`;

const seconds = (n: number) => String(Math.round(n * 1000) / 1000);

export function writeSegmentList(segments: readonly ListedClipSegment[]): string {
  if (!segments.length) throw new Error('a segment list needs at least one segment');
  const lines = ['ffconcat version 1.0'];
  for (const segment of segments) {
    if (!path.isAbsolute(segment.file) || /[\n\r]/.test(segment.file))
      throw new Error(`not a usable segment path: ${segment.file}`);
    lines.push(`file ${quote(segment.file)}`);
    if (segment.inSec !== null && segment.inSec > 0) lines.push(`inpoint ${seconds(segment.inSec)}`);
    if (segment.outSec !== null) lines.push(`outpoint ${seconds(segment.outSec)}`);
  }
  return lines.join('\n') + '\n';
}

/** Reads back what writeSegmentList wrote (null for anything else). */
export function readSegmentList(text: string): ListedClipSegment[] | null {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines[0]?.trim() !== 'ffconcat version 1.0') return null;
  const segments: ListedClipSegment[] = [];
  for (const line of lines.slice(1)) {
    const file = /^file '(.*)'$/.exec(line);
    if (file) {
      segments.push({ file: file[1].replace(/'\\''/g, "'"), inSec: null, outSec: null });
      continue;
    }
    const point = /^(inpoint|outpoint) (\d+(?:\.\d+)?)$/.exec(line);
    const last = segments[segments.length - 1];
    if (!point || !last) return null;
    if (point[1] === 'inpoint') last.inSec = Number(point[2]);
    else last.outSec = Number(point[2]);
  }
  return segments.length ? segments : null;
}
