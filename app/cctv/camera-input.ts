/**
 * What callers hand the camera service to add or change a camera, and how that becomes stored fields: URLs split
 * from their credentials (which go to the secret store), the mode checked against the sub-stream it may need, partial
 * detection and retention laid over what the camera had.
 */
import { UserError } from '../core/user-error.js';
import type { ScheduleInterval } from './camera-schedule.js';
import {
  SUB_STREAM_MODES,
  parseMode,
  type CameraDetection,
  type CameraMode,
  type CameraRetentionDays,
} from './camera-settings.js';
import type { CameraChanges, CameraRecord } from './camera-store.js';
import { splitCameraUrl, type CameraCredentials } from './camera-url.js';

export interface AddCameraInput {
  name: string;
  url: string;
  mode: string;
  username?: string;
  password?: string;
  subUrl?: string;
  detection?: Partial<CameraDetection>;
  schedule?: ScheduleInterval[];
  retention?: Partial<CameraRetentionDays>;
  /** its ONVIF device service (PullPoint alarms) */
  onvif?: { xaddr: string } | null;
}

/** PATCH /cameras/:id: any of these; subUrl null removes the sub-stream. */
export type UpdateCameraInput = Partial<Omit<AddCameraInput, 'subUrl'>> & { subUrl?: string | null };

export interface TestCameraInput {
  url: string;
  username?: string;
  password?: string;
  /** a saved camera: its credentials when the input gives none */
  cameraId?: number;
}

/** "events + continuous" records its continuous footage from the sub-stream: refused without one. */
export function requireSubStream(mode: CameraMode, subUrl: string | null): void {
  if (SUB_STREAM_MODES.has(mode) && !subUrl) {
    throw new UserError(
      `mode: "${mode}" needs a sub-stream (subUrl): continuous footage is recorded from it, events from the main stream`,
    );
  }
}

/** username/password fields win over the URL's userinfo. */
export function credentialsOf(
  input: { username?: string; password?: string },
  fromUrl: CameraCredentials | null,
): CameraCredentials | null {
  if (input.username !== undefined || input.password !== undefined) {
    return { username: input.username ?? fromUrl?.username ?? '', password: input.password ?? fromUrl?.password ?? '' };
  }
  return fromUrl;
}

/**
 * The stored fields a PATCH changes, and the new credentials (undefined: unchanged). `current` reads the camera's
 * credentials only when a lone username or password needs the other half.
 */
export async function cameraChanges(
  camera: CameraRecord,
  input: UpdateCameraInput,
  current: () => Promise<CameraCredentials | null>,
): Promise<{ changes: CameraChanges; credentials: CameraCredentials | null | undefined }> {
  const changes: CameraChanges = {};
  let credentials: CameraCredentials | null | undefined;
  if (input.name !== undefined) {
    changes.name = input.name.trim();
    if (!changes.name) throw new UserError('name: must not be empty');
  }
  if (input.url !== undefined) {
    const main = splitCameraUrl(input.url, 'url');
    changes.url = main.url;
    if (main.credentials) credentials = main.credentials;
  }
  if (input.subUrl !== undefined) {
    const sub = input.subUrl ? splitCameraUrl(input.subUrl, 'subUrl') : null;
    changes.subUrl = sub?.url ?? null;
    if (credentials === undefined && sub?.credentials) credentials = sub.credentials;
  }
  if (input.username !== undefined || input.password !== undefined) {
    const before = credentials ?? (camera.hasCredentials ? await current() : null);
    credentials = { username: input.username ?? before?.username ?? '', password: input.password ?? before?.password ?? '' };
  }
  if (input.mode !== undefined) changes.mode = parseMode(input.mode);
  requireSubStream(changes.mode ?? camera.mode, changes.subUrl !== undefined ? changes.subUrl : camera.subUrl);
  if (input.detection) changes.detection = { ...camera.detection, ...input.detection };
  if (input.schedule) changes.schedule = input.schedule;
  if (input.retention) changes.retention = { ...camera.retention, ...input.retention };
  if (input.onvif !== undefined) changes.onvifXaddr = input.onvif?.xaddr ?? null;
  return { changes, credentials };
}
