// Settings → Cameras talks to the engine's camera API: the cameras themselves (add, change, test, remove), the global
// retention, the away switch, the recordings' disk, and ONVIF discovery. Administrators only (except the reads).
// The camera itself, away, storage and the ONVIF answers are typed in app/api/api-types.ts; the bodies and answers only this page uses are here.
import type {
  CameraAwayState,
  CameraInfo,
  CameraMode,
  CameraStatus,
  CameraStorageStatus,
  OnvifDiscoveredDevice,
  OnvifDiscoverResponse,
  OnvifProbeResult,
  OnvifProfile,
} from '../../../app/api/api-types';
import { request } from './client';

export type { CameraInfo, CameraMode, CameraStatus, OnvifDiscoveredDevice, OnvifProbeResult, OnvifProfile };

export type CameraDetection = NonNullable<CameraInfo['detection']>;
/** A rectangle the motion detector ignores, in fractions of the picture (0..1). */
export type CameraZone = CameraDetection['zones'][number];
/** One weekday interval (day 0 = Sunday); an end not after the start runs past midnight. */
export type CameraScheduleEntry = NonNullable<CameraInfo['schedule']>[number];
/** null = the global setting */
export type CameraRetention = NonNullable<CameraInfo['retention']>;

/** POST /cameras */
export interface CameraCreateBody {
  name: string;
  url: string;
  mode: CameraMode;
  subUrl?: string;
  username?: string;
  password?: string;
  detection?: CameraDetection;
  schedule?: CameraScheduleEntry[];
  retention?: CameraRetention;
  /** found by ONVIF: the engine keeps the address to pull the camera's own events */
  onvif?: { xaddr: string };
}

/** PATCH /cameras/:id: any of these */
export interface CameraPatchBody {
  name?: string;
  url?: string;
  subUrl?: string | null;
  username?: string;
  password?: string;
  mode?: CameraMode;
  detection?: CameraDetection;
  schedule?: CameraScheduleEntry[];
  retention?: CameraRetention;
}

export type CameraTestResult =
  | { ok: true; codec: string; width: number; height: number; fps: number | null; audioCodec: string | null }
  | {
      ok: false;
      reason: 'unauthorized' | 'unreachable' | 'not-found' | 'no-video' | 'timeout' | 'failed';
      error: string;
    };

/** GET/PUT /settings/cameras/retention (null = no limit) */
export interface CameraRetentionSettings {
  continuousDays: number | null;
  eventDays: number | null;
  quotaGb: number | null;
  minFreeGb: number | null;
}

/** what POST /cameras/onvif/probe takes: the device service URL, or a host and port */
export type OnvifProbeTarget = { xaddr: string } | { host: string; port?: number };

export const cameraSettingsApi = {
  list: () => request<CameraInfo[]>('GET', '/cameras'),
  /** 400 naming the field */
  add: (body: CameraCreateBody) => request<CameraInfo>('POST', '/cameras', { body }),
  /** only the fields that changed; 400 naming the field, 404 unknown */
  update: (id: number, patch: CameraPatchBody) => request<CameraInfo>('PATCH', `/cameras/${id}`, { body: patch }),
  remove: (id: number, deleteRecordings: boolean) =>
    request<void>('DELETE', `/cameras/${id}${deleteRecordings ? '?deleteRecordings=1' : ''}`),
  /** opens the stream once: slow (seconds) */
  test: (body: { url: string; username?: string; password?: string; cameraId?: number }) =>
    request<CameraTestResult>('POST', '/cameras/test', { body }),

  retention: () => request<CameraRetentionSettings>('GET', '/settings/cameras/retention'),
  saveRetention: (patch: Partial<CameraRetentionSettings>) =>
    request<CameraRetentionSettings>('PUT', '/settings/cameras/retention', { body: patch }),
  away: () => request<CameraAwayState>('GET', '/cameras/away'),
  setAway: (away: boolean) => request<CameraAwayState>('PUT', '/cameras/away', { body: { away } }),
  storage: () => request<CameraStorageStatus>('GET', '/cameras/storage'),

  /** a WS-Discovery probe on the LAN: takes a few seconds */
  discover: () => request<OnvifDiscoverResponse>('POST', '/cameras/discover', { body: {} }),
  probeOnvif: (body: OnvifProbeTarget & { username?: string; password?: string }) =>
    request<OnvifProbeResult>('POST', '/cameras/onvif/probe', { body }),
};

/** What the camera sees now (a JPEG); `bust` defeats any cache so "refresh" shows a new frame. */
export const cameraSnapshotUrl = (id: number, bust: number | string = Date.now()) =>
  `/api/v1/cameras/${id}/snapshot?t=${encodeURIComponent(String(bust))}`;
