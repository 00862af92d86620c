// The retention pass on a real SQLite index and real files: footage past its days goes, then the oldest while over
// the quota or short of free space; files and rows go together; settings are checked and kept.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { silentLogger } from '../core/logger.js';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { RecordingIndex } from './recording-index.js';
import { DEFAULT_RETENTION, RetentionPass, RetentionSettingsStore, type RetentionSettings } from './retention-pass.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 24, 12);
const MB = 1_000_000;

describe('RetentionPass', () => {
  let dir: string;
  let db: Db;
  let index: RecordingIndex;
  let settings: RetentionSettings;
  let free: number | null;

  /** A closed 4 MB segment of camera 1 that started `daysAgo` days ago, indexed as the recorder does. */
  function record(daysAgo: number, cameraId = 1, stream: 'main' | 'sub' = 'main'): string {
    const startMs = NOW - daysAgo * DAY;
    const incoming = path.join(index.root, String(cameraId), '.incoming', `${startMs}-000000.mkv`);
    fs.mkdirSync(path.dirname(incoming), { recursive: true });
    fs.writeFileSync(incoming, Buffer.alloc(4 * MB, 1));
    const recording = index.addClosed(cameraId, incoming, startMs, startMs + 10_000, stream)!;
    return index.absolutePath(recording);
  }

  const pass = () =>
    new RetentionPass({ index, settings: () => settings, log: silentLogger(), freeBytes: async () => free, now: () => NOW });

  beforeEach(() => {
    dir = tempDir('retention');
    db = openDatabase(path.join(dir, 'racoon.db'));
    db.prepare("INSERT INTO cameras (id, name, url, mode) VALUES (1, 'Porch', 'rtsp://127.0.0.1/cam', 'continuous')").run();
    index = new RecordingIndex(db, path.join(dir, 'recordings'), async () => 10);
    settings = { ...DEFAULT_RETENTION, minFreeGb: null };
    free = null;
  });

  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('removes footage past its days, files and rows together', async () => {
    const old = record(8);
    const fresh = record(1);
    const report = await pass().run();
    expect(report).toMatchObject({ removed: 1, freedBytes: 4 * MB, byReason: { 'continuous-age': 1 }, shortBy: 0 });
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(index.all().map((r) => index.absolutePath(r))).toEqual([fresh]);
  });

  it('over the quota: the oldest go until the rest fits', async () => {
    const files = [record(5), record(4), record(3), record(2), record(1)];
    settings = { ...settings, continuousDays: null, quotaGb: 0.01 }; // 10 MB: two 4 MB segments fit
    const report = await pass().run();
    expect(report).toMatchObject({ removed: 3, byReason: { quota: 3 } });
    expect(files.map((f) => fs.existsSync(f))).toEqual([false, false, false, true, true]);
  });

  it('short of free space: removes until the minimum is reached, and says when even that is not enough', async () => {
    const files = [record(3), record(2), record(1)];
    settings = { ...settings, continuousDays: null, minFreeGb: 0.01 };
    free = 3 * MB;
    expect(await pass().run()).toMatchObject({ removed: 2, byReason: { 'free-space': 2 }, shortBy: 0 });
    expect(files.map((f) => fs.existsSync(f))).toEqual([false, false, true]);
    free = 0;
    expect((await pass().run()).shortBy).toBe(6 * MB);
    expect(index.all()).toEqual([]);
  });

  it("a camera's own days override the global ones (a null field keeps the global one); sub-stream footage is footage too", async () => {
    db.prepare("INSERT INTO cameras (id, name, url, mode) VALUES (2, 'Gate', 'rtsp://127.0.0.1/gate', 'continuous')").run();
    db.prepare("INSERT INTO cameras (id, name, url, mode) VALUES (3, 'Shed', 'rtsp://127.0.0.1/shed', 'continuous')").run();
    const porch = record(8); // global 7 days: goes
    const gate = record(8, 2); // its own 30 days: stays
    const gateOld = record(31, 2);
    const shed = [record(2, 3, 'sub'), record(8, 3, 'sub')]; // its own 1 day, its sub-stream footage too
    const days = new Map([
      [2, { continuousDays: 30, eventDays: null }],
      [3, { continuousDays: 1, eventDays: null }],
    ]);
    const report = await new RetentionPass({
      index,
      settings: () => settings,
      cameraDays: () => days,
      log: silentLogger(),
      freeBytes: async () => free,
      now: () => NOW,
    }).run();
    expect(report).toMatchObject({ removed: 4, byReason: { 'continuous-age': 4 } });
    expect([porch, gate, gateOld, ...shed].map((f) => fs.existsSync(f))).toEqual([false, true, false, false, false]);
    expect(path.basename(shed[0])).toMatch(/-sub\.mkv$/);
  });

  it('a file already gone from disk is fine: its row goes too', async () => {
    fs.rmSync(record(30));
    expect((await pass().run()).removed).toBe(1);
    expect(index.all()).toEqual([]);
  });

  it('two passes at once are one', async () => {
    record(30);
    const p = pass();
    const [a, b] = await Promise.all([p.run(), p.run()]);
    expect(a).toBe(b);
  });

  it('settings: defaults, saved and checked field by field', () => {
    const store = new RetentionSettingsStore(db);
    expect(store.get()).toEqual(DEFAULT_RETENTION);
    expect(store.update({ quotaGb: 500, eventDays: null })).toEqual({ ...DEFAULT_RETENTION, quotaGb: 500, eventDays: null });
    expect(store.get().quotaGb).toBe(500);
    expect(() => store.update({ continuousDays: -1 })).toThrow(/continuousDays/);
    expect(() => store.update({ quota: 1 })).toThrow(/quota/);
    expect(store.get().quotaGb).toBe(500);
  });
});
