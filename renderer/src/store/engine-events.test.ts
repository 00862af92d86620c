import { describe, expect, it } from 'vitest';
import type { EngineStatus, ScanProgress } from '../../../app/api/api-types';
import { applyEngineEvent, parseEngineEvent } from './engine-events';

const scan: ScanProgress = {
  state: 'idle',
  startedAt: null,
  finishedAt: null,
  rootsTotal: 0,
  rootsDone: 0,
  filesSeen: 0,
  filesAdded: 0,
  filesUpdated: 0,
  filesRemoved: 0,
  currentPath: null,
  errors: [],
};
const status: EngineStatus = { version: '0.1.0', paused: false, scan, probe: { pending: 0, running: 0, done: 0, failed: 0 } };

describe('parseEngineEvent', () => {
  it('accepts the known event types', () => {
    expect(parseEngineEvent('{"type":"engine.paused","paused":true}')).toEqual({ type: 'engine.paused', paused: true });
    expect(parseEngineEvent('{"type":"library.changed","reason":"scan"}')).toEqual({ type: 'library.changed', reason: 'scan' });
    expect(parseEngineEvent(JSON.stringify({ type: 'scan.progress', progress: scan }))?.type).toBe('scan.progress');
  });
  it('accepts download events', () => {
    expect(parseEngineEvent('{"type":"downloads.changed","downloads":[]}')).toEqual({ type: 'downloads.changed', downloads: [] });
    expect(parseEngineEvent('{"type":"download.completed","id":3,"infoHash":"ab","name":"Movie"}')?.type).toBe(
      'download.completed',
    );
    expect(
      parseEngineEvent('{"type":"download.failed","id":3,"infoHash":"ab","name":"Movie","reason":"stalled for 30 minutes"}'),
    ).toMatchObject({ type: 'download.failed', reason: 'stalled for 30 minutes' });
  });
  it('drops malformed download events', () => {
    expect(parseEngineEvent('{"type":"downloads.changed"}')).toBeNull();
    expect(parseEngineEvent('{"type":"downloads.changed","downloads":[1]}')).toBeNull();
    expect(parseEngineEvent('{"type":"download.failed","id":3,"name":"Movie"}')).toBeNull();
    expect(parseEngineEvent('{"type":"download.completed","id":"3","name":"Movie"}')).toBeNull();
  });
  it('accepts camera events and drops malformed ones', () => {
    const event = { id: 4, cameraId: 2, cameraName: 'Porch', kind: 'motion', start: '2026-11-25T01:00:00.000Z', end: null };
    expect(parseEngineEvent(JSON.stringify({ type: 'camera.event', phase: 'start', event }))).toMatchObject({
      type: 'camera.event',
      phase: 'start',
      event: { cameraId: 2 },
    });
    expect(parseEngineEvent(JSON.stringify({ type: 'camera.event', phase: 'later', event }))).toBeNull();
    expect(parseEngineEvent('{"type":"camera.event","phase":"end"}')).toBeNull();
    expect(parseEngineEvent('{"type":"camera.event","phase":"end","event":{"cameraId":"2"}}')).toBeNull();
  });
  it('drops malformed and unknown messages', () => {
    expect(parseEngineEvent('not json')).toBeNull();
    expect(parseEngineEvent('42')).toBeNull();
    expect(parseEngineEvent('{"type":"torrent.added"}')).toBeNull();
    expect(parseEngineEvent('{"type":"engine.paused"}')).toBeNull();
    expect(parseEngineEvent('{"type":"scan.progress"}')).toBeNull();
  });
});

describe('applyEngineEvent', () => {
  it('replaces scan and probe progress', () => {
    const scanning = { ...scan, state: 'scanning' as const, filesSeen: 10 };
    expect(applyEngineEvent(status, { type: 'scan.progress', progress: scanning })?.scan).toBe(scanning);
    const probe = { pending: 3, running: 1, done: 5, failed: 0 };
    expect(applyEngineEvent(status, { type: 'probe.progress', status: probe })?.probe).toBe(probe);
  });
  it('tracks the pause flag without needless copies', () => {
    expect(applyEngineEvent(status, { type: 'engine.paused', paused: true })?.paused).toBe(true);
    expect(applyEngineEvent(status, { type: 'engine.paused', paused: false })).toBe(status);
    expect(applyEngineEvent(status, { type: 'library.changed', reason: 'probe' })).toBe(status);
  });
  it('waits for the first status fetch', () => {
    expect(applyEngineEvent(null, { type: 'engine.paused', paused: true })).toBeNull();
  });
  it('does not mutate the previous status', () => {
    applyEngineEvent(status, { type: 'engine.paused', paused: true });
    expect(status.paused).toBe(false);
  });
});
