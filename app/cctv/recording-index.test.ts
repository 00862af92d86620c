import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { tempDir } from '../transcode/transcode-sources.test-support.js';
import { RecordingIndex } from './recording-index.js';
import { parseSegmentListLine, segmentStem } from './segment-files.js';

const tools = resolveFfmpegPaths();

/** A real 2 s H.264 Matroska segment, as the recorder's ffmpeg writes them. */
function makeSegment(file: string, seconds = 2): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync(tools.ffmpeg, [
    '-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=160x120:rate=10:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'matroska', '-y', file,
  ]); // prettier-ignore
  return file;
}

describe('RecordingIndex: the index by time, and catching up after a crash from what is on disk', () => {
  let dir: string;
  let db: Db;
  let index: RecordingIndex;
  let root: string;

  beforeAll(() => {
    dir = tempDir('recording-index');
    root = path.join(dir, 'recordings');
    db = openDatabase(path.join(dir, 'racoon.db'));
    db.prepare("INSERT INTO cameras (id, name, url, mode) VALUES (1, 'Porch', 'rtsp://127.0.0.1/cam', 'continuous')").run();
    index = new RecordingIndex(db, root, async (file) => {
      try {
        return (await probeFile(tools.ffprobe, file)).durationSec;
      } catch {
        return null;
      }
    });
  });

  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads ffmpeg csv segment list lines', () => {
    expect(parseSegmentListLine('1700000000000-000003.mkv,6.900000,8.900000')).toEqual({
      file: '1700000000000-000003.mkv',
      startSec: 6.9,
      endSec: 8.9,
    });
    expect(parseSegmentListLine('1700000000000-000003.mkv,6.9')).toBeNull(); // a line still being written
    expect(parseSegmentListLine('')).toBeNull();
  });

  it('after a crash: replays the lists, indexes a cut-off segment that plays, drops empty ones, adds stray layout files', async () => {
    const incoming = path.join(root, '1', '.incoming');
    const runStart = new Date(2024, 4, 1, 10, 0, 0).getTime();
    // ffmpeg closed and listed two segments; the engine died before moving them
    makeSegment(path.join(incoming, `${runStart}-000000.mkv`));
    makeSegment(path.join(incoming, `${runStart}-000001.mkv`));
    fs.writeFileSync(
      path.join(incoming, `${runStart}.csv`),
      `${runStart}-000000.mkv,0.000000,2.000000\n${runStart}-000001.mkv,2.000000,4.000000\n`,
    );
    // the segment in progress: cut off but readable (kept), and an empty one from another run (dropped)
    makeSegment(path.join(incoming, `${runStart}-000002.mkv`), 1);
    fs.writeFileSync(path.join(incoming, `${runStart + 60_000}-000000.mkv`), '');
    // a file moved into the layout just before the crash, never indexed
    const strayStart = new Date(2024, 4, 1, 9, 30, 0).getTime();
    const stray = path.join('1', `${segmentStem(strayStart)}.mkv`);
    makeSegment(path.join(root, stray));
    // an unreadable file is left alone, never deleted
    fs.writeFileSync(path.join(incoming, `${runStart + 120_000}-000000.mkv`), 'not a video');

    expect(await index.recover(1)).toBe(4);
    const all = index.between(1, 0, Date.now());
    expect(all.map((r) => [r.path, r.startMs - runStart, r.endMs - runStart])).toEqual([
      [stray, strayStart - runStart, strayStart - runStart + 2000],
      [path.join('1', `${segmentStem(runStart)}.mkv`), 0, 2000],
      [path.join('1', `${segmentStem(runStart + 2000)}.mkv`), 2000, 4000],
      [path.join('1', `${segmentStem(runStart + 4000)}.mkv`), 4000, 5000],
    ]);
    for (const r of all) expect(fs.statSync(index.absolutePath(r)).size).toBe(r.size);
    expect(fs.readdirSync(incoming).sort()).toEqual([`${runStart + 120_000}-000000.mkv`]);

    // by time: overlapping segments only; nothing outside
    expect(index.between(1, runStart + 2500, runStart + 3000).map((r) => r.startMs - runStart)).toEqual([2000]);
    expect(index.between(1, runStart + 1999, runStart + 2001)).toHaveLength(2);
    expect(index.between(1, runStart + 10_000, runStart + 20_000)).toEqual([]);
    // a second pass finds nothing new
    expect(await index.recover(1)).toBe(0);
  }, 60_000);

  it('never overwrites: a segment starting in the same second gets its own name', () => {
    const start = new Date(2024, 4, 2, 8, 0, 0, 100).getTime();
    const first = makeSegment(path.join(root, '1', '.incoming', `${start}-000000.mkv`));
    const second = makeSegment(path.join(root, '1', '.incoming', `${start}-000001.mkv`));
    const a = index.addClosed(1, first, start, start + 400)!;
    const b = index.addClosed(1, second, start + 400, start + 800)!;
    expect(a.path).toBe(path.join('1', '2024-05-02', '08-00-00.mkv'));
    expect(b.path).toBe(path.join('1', '2024-05-02', '08-00-00-1.mkv'));
    expect(fs.existsSync(index.absolutePath(a)) && fs.existsSync(index.absolutePath(b))).toBe(true);
  }, 30_000);
});
