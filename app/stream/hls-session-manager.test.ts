// The limit on streams at once, reuse of a user's stream, a closed tab's stream giving way, and cleanup at start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProbeInfo } from '../api/api-types.js';
import { fixedSegmentPlan } from './hls-plan.js';
import { HlsSessionManager, TooManyStreamsError, type NewSession } from './hls-session-manager.js';
import type { PlaybackDecision } from './playback-types.js';

const probe: ProbeInfo = { container: 'mpegts', durationSec: 10, bitRate: 1e6, video: null, audio: [], subtitles: [] };
const decision: PlaybackDecision = {
  method: 'transcode',
  reasons: [],
  container: 'mpegts',
  video: { action: 'transcode', codec: 'h264', width: 320, height: 180, bitrate: 5e5 },
  audio: null,
  subtitle: null,
};
const spec = (userId: number, key: string): NewSession => ({
  userId,
  key,
  input: '/nonexistent.mkv',
  probe,
  decision,
  plan: fixedSegmentPlan(10),
  encoder: { kind: 'software' },
});

describe('HlsSessionManager', () => {
  let root: string;
  let manager: HlsSessionManager;

  beforeEach(() => {
    root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-hlsm-')), 'hls');
    fs.mkdirSync(path.join(root, 'left-by-a-crash'), { recursive: true });
    fs.writeFileSync(path.join(root, 'left-by-a-crash', 'seg1.ts'), 'x');
    manager = new HlsSessionManager({ rootDir: root, ffmpeg: 'ffmpeg', maxSessions: 1, idleMs: 60_000 });
  });

  afterEach(async () => {
    await manager.close();
    fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });

  it('starts from an empty folder: segments a crash left behind are removed', () => {
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it("reuses a user's stream for the same key (a reload) and keeps users apart", async () => {
    const first = await manager.open(spec(1, 'a'));
    expect(await manager.open(spec(1, 'a'))).toBe(first);
    expect(() => manager.get(first.id, 2)).toThrow(/No such playback/);
    expect(manager.get(first.id, 1)).toBe(first);
  });

  it('refuses a stream over the limit with 503 while the others are watched, and lets an abandoned one give way', async () => {
    const first = await manager.open(spec(1, 'a'));
    const refused = manager.open(spec(2, 'b'));
    await expect(refused).rejects.toBeInstanceOf(TooManyStreamsError);
    await expect(manager.open(spec(2, 'b'))).rejects.toThrow(/limit is 1/);
    // nobody asked the first stream anything for a while: its player is gone
    first.lastAccess = Date.now() - 20_000;
    const second = await manager.open(spec(2, 'b'));
    expect(manager.list().map((s) => s.id)).toEqual([second.id]);
    expect(fs.existsSync(path.join(root, first.id))).toBe(false);
  });

  it('stops streams idle for longer than the limit', async () => {
    const s = await manager.open(spec(1, 'a'));
    s.lastAccess = Date.now() - 61_000;
    await manager.stopIdle(60_000);
    expect(manager.list()).toEqual([]);
    expect(fs.existsSync(path.join(root, s.id))).toBe(false);
  });
});
