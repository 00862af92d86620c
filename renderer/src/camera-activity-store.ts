// The cameras' alarm activity (running events, last event time) for the whole UI. The Cameras page fills it from
// GET /cameras/:id/events; the SSE dispatcher (store/live.ts) can fold each camera.event in as it happens.
import { create } from 'zustand';
import type { CameraEventInfo } from '../../app/api/api-types';
import { applyCameraEvent, type ActivityByCamera, type CameraActivity } from './camera-activity';

interface CameraActivityState {
  activity: ActivityByCamera;
  /** SSE camera.event */
  apply(phase: 'start' | 'end', event: Pick<CameraEventInfo, 'id' | 'cameraId' | 'start' | 'end'>): void;
  /** what a fetch of the camera's recent events says */
  replace(cameraId: number, activity: CameraActivity): void;
}

export const useCameraActivity = create<CameraActivityState>()((set, get) => ({
  activity: {},
  apply(phase, event) {
    const next = applyCameraEvent(get().activity, phase, event);
    if (next !== get().activity) set({ activity: next });
  },
  replace(cameraId, activity) {
    set({ activity: { ...get().activity, [cameraId]: activity } });
  },
}));
