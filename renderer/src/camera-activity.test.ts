import { describe, expect, it } from 'vitest';
import { activityFromEvents, applyCameraEvent, type ActivityByCamera } from './camera-activity';

const ev = (id: number, cameraId: number, start: string, end: string | null = null) => ({ id, cameraId, start, end });

describe('camera activity', () => {
  it('an event start lights the camera, its end puts it out, the last event time stays', () => {
    let state: ActivityByCamera = {};
    state = applyCameraEvent(state, 'start', ev(7, 1, '2025-05-05T10:00:00Z'));
    expect(state[1]).toEqual({ running: [7], lastEventAt: '2025-05-05T10:00:00Z' });
    state = applyCameraEvent(state, 'start', ev(8, 2, '2025-05-05T10:01:00Z'));
    state = applyCameraEvent(state, 'end', ev(7, 1, '2025-05-05T10:00:00Z', '2025-05-05T10:00:30Z'));
    expect(state).toEqual({
      1: { running: [], lastEventAt: '2025-05-05T10:00:00Z' },
      2: { running: [8], lastEventAt: '2025-05-05T10:01:00Z' },
    });
  });

  it('a repeated start changes nothing (same object back)', () => {
    const state = applyCameraEvent({}, 'start', ev(7, 1, '2025-05-05T10:00:00Z'));
    expect(applyCameraEvent(state, 'start', ev(7, 1, '2025-05-05T10:00:00Z'))).toBe(state);
  });

  it('an older event does not move the last event time back', () => {
    const state = applyCameraEvent({}, 'start', ev(9, 1, '2025-05-05T11:00:00Z'));
    expect(applyCameraEvent(state, 'end', ev(3, 1, '2025-05-05T09:00:00Z', '2025-05-05T09:01:00Z'))[1].lastEventAt).toBe(
      '2025-05-05T11:00:00Z',
    );
  });

  it('from fetched events: the running ones and the latest start', () => {
    expect(
      activityFromEvents([
        ev(1, 1, '2025-05-05T09:00:00Z', '2025-05-05T09:01:00Z'),
        ev(2, 1, '2025-05-05T10:00:00Z'),
        ev(3, 1, '2025-05-05T08:00:00Z', '2025-05-05T08:00:10Z'),
      ]),
    ).toEqual({ running: [2], lastEventAt: '2025-05-05T10:00:00Z' });
    expect(activityFromEvents([])).toEqual({ running: [], lastEventAt: null });
  });
});
