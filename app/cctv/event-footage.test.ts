// The footage side of events on a real SQLite index and real files: after a crash the sub-stream's segments are
// recovered as sub-stream footage; the events buffer trims only main-stream segments; events whose footage retention
// removed go with their snapshots.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { silentLogger } from '../core/logger.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { tempDir } from '../transcode/transcode-sources.test-support.js';
import { CameraEventStore } from './camera-events.js';
import { CameraStore } from './camera-store.js';
import { EncryptedFileSecretStore } from '../core/secret-store.js';
import { EventFootage } from './event-footage.js';
import { RecordingIndex } from './recording-index.js';

const tools = resolveFfmpegPaths();

function makeSegment(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync(tools.ffmpeg, [
    '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'matroska', '-y', file,
  ]); // prettier-ignore
  return file;
}

describe('event footage and sub-stream segments', () => {
  let dir: string;
  let db: Db;
  let root: string;
  let index: RecordingIndex;
  let events: CameraEventStore;
  let cameras: CameraStore;
  let running: boolean;

  const footage = () =>
    new EventFootage({
      db,
      index,
      events,
      recordingsDir: root,
      capture: { preSec: 5, postSec: 10 },
      log: silentLogger(),
      eventRunning: () => running,
    });
  /** A 1-byte stand-in segment of camera 1 from `startS` to `endS` (seconds since epoch 0 + base). */
  const BASE = Date.now() - 3600_000;
  function segment(startS: number, endS: number, stream: 'main' | 'sub') {
    const incoming = path.join(
      root,
      '1',
      stream === 'main' ? '.incoming' : '.incoming-sub',
      `${BASE + startS * 1000}-000000.mkv`,
    );
    fs.mkdirSync(path.dirname(incoming), { recursive: true });
    fs.writeFileSync(incoming, 'x');
    return index.addClosed(1, incoming, BASE + startS * 1000, BASE + endS * 1000, stream)!;
  }

  beforeEach(async () => {
    dir = tempDir('event-footage');
    root = path.join(dir, 'recordings');
    db = openDatabase(path.join(dir, 'racoon.db'));
    cameras = new CameraStore(db, new EncryptedFileSecretStore(dir));
    await cameras.add({
      name: 'Drive',
      url: 'rtsp://127.0.0.1/main',
      subUrl: 'rtsp://127.0.0.1/sub',
      mode: 'events+continuous',
      credentials: null,
    });
    index = new RecordingIndex(db, root, async (file) => {
      try {
        return (await probeFile(tools.ffprobe, file)).durationSec;
      } catch {
        return null;
      }
    });
    events = new CameraEventStore(db);
    running = false;
  });

  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('after a crash: listed, cut-off and stray sub-stream segments are indexed as sub-stream footage', async () => {
    const runStart = Date.now() - 60_000;
    const incoming = path.join(root, '1', '.incoming-sub');
    makeSegment(path.join(incoming, `${runStart}-000000.mkv`));
    makeSegment(path.join(incoming, `${runStart}-000001.mkv`)); // cut off: no list line
    fs.writeFileSync(path.join(incoming, `${runStart}.csv`), `${runStart}-000000.mkv,0.000000,2.000000\n`);
    makeSegment(path.join(root, '1', '2026-01-02', '03-04-05-sub.mkv')); // moved, never indexed
    makeSegment(path.join(root, '1', '.incoming', `${runStart}-000000.mkv`)); // a main one alongside
    expect(await index.recover(1)).toBe(4);
    const all = index.all();
    expect(all.map((r) => r.stream).sort()).toEqual(['main', 'sub', 'sub', 'sub']);
    for (const r of all.filter((r) => r.stream === 'sub')) expect(r.path).toMatch(/-sub(-\d+)?\.mkv$/);
    expect(all.find((r) => r.path.endsWith('03-04-05-sub.mkv'))?.startMs).toBe(new Date(2026, 0, 2, 3, 4, 5).getTime());
    expect(fs.readdirSync(incoming)).toEqual([]);
  });

  it('the buffer trims main-stream segments only, and keeps event footage and all of the sub-stream', () => {
    cameras.setBufferSince(1, BASE);
    const main = [segment(0, 10, 'main'), segment(10, 20, 'main'), segment(20, 30, 'main'), segment(30, 40, 'main')];
    const sub = [segment(0, 10, 'sub'), segment(10, 20, 'sub'), segment(20, 30, 'sub')];
    const event = events.start(1, 'motion', BASE + 22_000, true);
    events.end(event.id, BASE + 24_000, 0.1);
    footage().trimBuffer(cameras.get(1)!, BASE + 35_000);
    // the event's window is 17 s → 34 s: main 10-20, 20-30, 30-40 are its footage; 0-10 goes
    const kept = index.all();
    expect(kept.filter((r) => r.stream === 'main').map((r) => [r.id, r.event])).toEqual([
      [main[1].id, true],
      [main[2].id, true],
      [main[3].id, true],
    ]);
    expect(kept.filter((r) => r.stream === 'sub').map((r) => [r.id, r.event])).toEqual(sub.map((r) => [r.id, false]));
    // while an event runs nothing goes
    running = true;
    const newer = segment(100, 110, 'main');
    footage().trimBuffer(cameras.get(1)!, BASE + 200_000);
    expect(index.get(1, newer.id)).not.toBeNull();
  });

  it('events whose footage is gone go with their snapshots; newer ones and their pictures stay', () => {
    const old = events.start(1, 'motion', BASE + 1000, true);
    events.end(old.id, BASE + 2000, 0.1);
    const recent = events.start(1, 'motion', BASE + 60_000, true);
    events.end(recent.id, BASE + 61_000, 0.1);
    for (const e of [old, recent]) {
      const relative = path.join('1', 'snapshots', `${e.id}.jpg`);
      fs.mkdirSync(path.join(root, '1', 'snapshots'), { recursive: true });
      fs.writeFileSync(path.join(root, relative), 'jpeg');
      events.setSnapshot(e.id, relative);
    }
    segment(55, 65, 'main'); // the oldest footage left after retention
    expect(footage().pruneEvents(cameras.list(), 30)).toBe(1);
    expect(events.get(old.id)).toBeNull();
    expect(fs.existsSync(path.join(root, '1', 'snapshots', `${old.id}.jpg`))).toBe(false);
    expect(events.get(recent.id)).not.toBeNull();
    expect(fs.existsSync(path.join(root, '1', 'snapshots', `${recent.id}.jpg`))).toBe(true);
    // past its days an event goes even with no footage at all
    index.remove(index.all());
    expect(footage().pruneEvents(cameras.list(), 0.00001)).toBe(1);
  });
});
