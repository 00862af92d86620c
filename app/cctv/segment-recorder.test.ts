// SegmentRecorder against a real RTSP camera (GStreamer) and real ffmpeg: segments are indexed as they close, woken by
// the watch on ffmpeg's segment list (its safety poll comes only every 30 s), and stop() indexes the segment in progress.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { ffmpegPidsMentioning } from '../../e2e/support/processes.js';
import { startRtspCamera, type RtspCamera } from '../../e2e/support/rtsp-camera.js';
import { tempDir, waitFor } from '../transcode/transcode-sources.test-support.js';
import { RecordingIndex } from './recording-index.js';
import { INCOMING_DIR } from './segment-files.js';
import { LIST_SAFETY_POLL_MS, SegmentRecorder, type RecorderState } from './segment-recorder.js';

const tools = resolveFfmpegPaths();

describe('SegmentRecorder: indexing driven by the segment list, not by polling', () => {
  let dir: string;
  let db: Db;
  let index: RecordingIndex;
  let cam: RtspCamera;
  const recorders: SegmentRecorder[] = [];

  beforeAll(async () => {
    dir = tempDir('segment-recorder');
    db = openDatabase(path.join(dir, 'racoon.db'));
    for (const id of [1, 2]) {
      db.prepare("INSERT INTO cameras (id, name, url, mode) VALUES (?, 'Cam', 'rtsp://127.0.0.1/cam', 'continuous')").run(id);
    }
    index = new RecordingIndex(db, path.join(dir, 'recordings'), async (file) => {
      try {
        return (await probeFile(tools.ffprobe, file)).durationSec;
      } catch {
        return null;
      }
    });
    cam = await startRtspCamera({ pattern: 'ball' });
  }, 30_000);

  afterAll(async () => {
    await Promise.all(recorders.map((r) => r.stop()));
    await cam?.stop();
    db?.close();
    expect(ffmpegPidsMentioning(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const recorder = (cameraId: number, segmentSeconds: number, states: RecorderState[] = []) => {
    const r = new SegmentRecorder({
      cameraId,
      url: cam.url,
      ffmpegPath: tools.ffmpeg,
      index,
      log: pino({ level: 'silent' }),
      segmentSeconds,
      onState: (state) => states.push(state),
    });
    recorders.push(r);
    return r;
  };
  const recordingsOf = (id: number) => index.between(id, 0, Date.now() + 60_000);

  it('goes online and indexes each segment as ffmpeg closes it, long before the safety poll', async () => {
    const states: RecorderState[] = [];
    const r = recorder(1, 1, states);
    r.start();
    await waitFor(() => r.state().status === 'online', 'the recorder to go online', 20_000);
    const onlineAt = Date.now();
    // 1 s segments: three are closed within seconds; only the watch can have indexed them this early
    await waitFor(() => recordingsOf(1).length >= 3, '3 segments indexed', LIST_SAFETY_POLL_MS - 10_000);
    expect(Date.now() - onlineAt).toBeLessThan(LIST_SAFETY_POLL_MS);
    expect(states.map((s) => s.status)).toEqual(['starting', 'online']);
    // the plain stream copy a user would run: no progress pipe for the engine to parse twice a second
    const [pid] = ffmpegPidsMentioning(path.join(dir, 'recordings', '1'));
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(argv).not.toContain('-progress');
    expect(argv).toEqual(expect.arrayContaining(['-c', 'copy', '-f', 'segment']));
    await r.stop();
    expect(r.state().status).toBe('stopped');
  }, 60_000);

  it('stop() closes and indexes the segment in progress and leaves nothing in .incoming', async () => {
    const r = recorder(2, 60); // no segment closes on its own during the test
    r.start();
    await waitFor(() => r.state().status === 'online', 'the recorder to go online', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(recordingsOf(2)).toEqual([]);
    await r.stop();
    const [only, ...rest] = recordingsOf(2);
    expect(rest).toEqual([]);
    expect(only.endMs - only.startMs).toBeGreaterThan(1500);
    const played = await probeFile(tools.ffprobe, index.absolutePath(only));
    expect(played.durationSec).toBeGreaterThan(1.5);
    expect(fs.readdirSync(path.join(dir, 'recordings', '2', INCOMING_DIR))).toEqual([]);
  }, 60_000);
});
