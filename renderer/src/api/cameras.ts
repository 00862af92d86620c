// The engine's camera API as the Cameras pages use it: cameras, away mode, storage, live streams, the timeline,
// replay playlists and clip export (a transcode job: progress comes as transcode.changed over SSE).
import type {
  CameraAwayState,
  CameraEventInfo,
  CameraInfo,
  CameraLiveInfo,
  CameraReplayInfo,
  CameraStorageStatus,
  CameraTimeline,
  TranscodeJob,
} from '../../../app/api/api-types';
import { API_BASE, request } from './client';

const windowQuery = (from: number, to: number) =>
  `from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`;

export const camerasApi = {
  list: () => request<CameraInfo[]>('GET', '/cameras'),
  get: (id: number) => request<CameraInfo>('GET', `/cameras/${id}`),
  away: () => request<CameraAwayState>('GET', '/cameras/away'),
  setAway: (away: boolean) => request<CameraAwayState>('PUT', '/cameras/away', { body: { away } }),
  storage: () => request<CameraStorageStatus>('GET', '/cameras/storage'),
  live: (id: number) => request<CameraLiveInfo>('GET', `/cameras/${id}/live`),
  /** recorded spans and events overlapping from → to (empty arrays when nothing was recorded) */
  timeline: (id: number, from: number, to: number) =>
    request<CameraTimeline>('GET', `/cameras/${id}/timeline?${windowQuery(from, to)}`),
  events: (id: number, from: number, to: number) =>
    request<CameraEventInfo[]>('GET', `/cameras/${id}/events?${windowQuery(from, to)}`),
  /** 404 with the engine's words when there is no footage in the window */
  replay: (id: number, from: number, to: number) =>
    request<CameraReplayInfo>('GET', `/cameras/${id}/replay?${windowQuery(from, to)}`),
  /** 400 (to <= from, longer than 6 h) and 404 (no footage) with the engine's words */
  createClip: (id: number, from: number, to: number) =>
    request<TranscodeJob>('POST', `/cameras/${id}/clips`, {
      body: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    }),
};

export type LiveStream = 'main' | 'sub';

/** The engine's HTTP-FLV restream of a camera (absolute: mpegts.js fetches it from a worker-free loader). */
export const liveFlvUrl = (id: number, stream: LiveStream) =>
  new URL(`${API_BASE}/cameras/${id}/live.flv?stream=${stream}`, globalThis.location?.href ?? 'http://localhost/').href;

/** What the camera sees now; `bust` makes the browser fetch a fresh one. */
export const snapshotUrl = (id: number, bust?: number) => `${API_BASE}/cameras/${id}/snapshot${bust ? `?t=${bust}` : ''}`;
