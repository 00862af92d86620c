// Pure helpers for Settings → Cameras: a camera to and from the editable form (numbers as typed, percentages for areas,
// days as text with '' = the global setting), the form's own checks (each message names its field so it shows next to
// it), the request bodies (POST for a new camera; PATCH with only what changed for a saved one), and the server's 400
// mapped back onto the form's fields. Credentials are write-only: the form never holds the saved ones.
import type {
  CameraCreateBody,
  CameraDetection,
  CameraInfo,
  CameraMode,
  CameraPatchBody,
  CameraRetention,
  CameraScheduleEntry,
  CameraTestResult,
} from './api/camera-settings';
import { rowsFromSchedule, scheduleFromRows, type ScheduleRowForm } from './camera-schedule-form';

export const CAMERA_MODES: ReadonlyArray<{ value: CameraMode; label: string; hint: string }> = [
  { value: 'off', label: 'Off', hint: 'Listed, not recorded' },
  { value: 'continuous', label: 'Continuous', hint: 'Records all the time' },
  { value: 'events', label: 'Events', hint: 'Records around motion (with a few seconds before and after)' },
  {
    value: 'events+continuous',
    label: 'Events + continuous',
    hint: 'Events in full quality, the sub-stream all the time (needs a sub-stream)',
  },
  { value: 'schedule', label: 'By schedule', hint: 'A weekly plan of when to record what' },
];

export const DEFAULT_DETECTION: CameraDetection = { sensitivity: 60, minArea: 0.01, zones: [], cooldownSec: 30 };
const NO_RETENTION: CameraRetention = { continuousDays: null, eventDays: null };

/** A masked zone as typed: percentages of the picture. */
export interface ZoneForm {
  x: string;
  y: string;
  w: string;
  h: string;
}

export interface CameraForm {
  name: string;
  url: string;
  subUrl: string;
  /** write-only: '' keeps what is saved */
  username: string;
  password: string;
  mode: CameraMode;
  sensitivity: number;
  /** percent of the picture */
  minArea: string;
  cooldownSec: string;
  zones: ZoneForm[];
  /** '' = the global setting */
  continuousDays: string;
  eventDays: string;
  schedule: ScheduleRowForm[];
  /** the ONVIF device it was found as (kept so its events reach the engine) */
  onvifXaddr: string | null;
}

/** A form field's address: "name", "minArea", "zones.2", "schedule.0.start", "continuousDays" … */
export type CameraField = string;

export interface CameraFieldError {
  field: CameraField;
  message: string;
}

/** Everything a camera is, as the API takes it (credentials aside). */
export interface CameraValues {
  name: string;
  url: string;
  subUrl: string | null;
  mode: CameraMode;
  detection: CameraDetection;
  schedule: CameraScheduleEntry[];
  retention: CameraRetention;
}

export type CameraFormResult =
  | {
      ok: true;
      values: CameraValues;
      username: string | null;
      password: string | null;
      /** schedule entry index → form row, to place the server's "schedule.N…" errors */
      entryRows: number[];
    }
  | { ok: false; errors: CameraFieldError[] };

export function emptyCameraForm(): CameraForm {
  return {
    name: '',
    url: '',
    subUrl: '',
    username: '',
    password: '',
    mode: 'continuous',
    ...detectionForm(DEFAULT_DETECTION),
    continuousDays: '',
    eventDays: '',
    schedule: [],
    onvifXaddr: null,
  };
}

/** 0.25 → "25"; 0.333333 → "33.33" */
export const percentText = (fraction: number) => String(Math.round(fraction * 10000) / 100);

function detectionForm(d: CameraDetection) {
  return {
    sensitivity: d.sensitivity,
    minArea: percentText(d.minArea),
    cooldownSec: String(d.cooldownSec),
    zones: d.zones.map((z) => ({ x: percentText(z.x), y: percentText(z.y), w: percentText(z.w), h: percentText(z.h) })),
  };
}

const isMode = (mode: string): mode is CameraMode => CAMERA_MODES.some((m) => m.value === mode);

/** A saved camera in the form (its credentials stay on the server). */
export function toCameraForm(camera: CameraInfo): CameraForm {
  const retention = camera.retention ?? NO_RETENTION;
  return {
    name: camera.name,
    url: camera.url,
    subUrl: camera.subUrl ?? '',
    username: '',
    password: '',
    mode: isMode(camera.mode) ? camera.mode : 'off',
    ...detectionForm(camera.detection ?? DEFAULT_DETECTION),
    continuousDays: retention.continuousDays === null ? '' : String(retention.continuousDays),
    eventDays: retention.eventDays === null ? '' : String(retention.eventDays),
    schedule: rowsFromSchedule(camera.schedule ?? []),
    onvifXaddr: null,
  };
}

/** What a saved camera is now, in the shape the form produces (for the PATCH diff). */
export function cameraValues(camera: CameraInfo): CameraValues {
  return {
    name: camera.name,
    url: camera.url,
    subUrl: camera.subUrl,
    mode: isMode(camera.mode) ? camera.mode : 'off',
    detection: camera.detection ?? DEFAULT_DETECTION,
    schedule: camera.schedule ?? [],
    retention: camera.retention ?? NO_RETENTION,
  };
}

/** "1.5" and "1,5" → 1.5; '' → undefined; anything else → NaN */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (t === '') return undefined;
  return /^\d+(\.\d+)?$|^\.\d+$/.test(t) ? Number(t) : NaN;
}

const STREAM_URL = /^(rtsps?|rtmp|https?):\/\/[^\s/]+/i;

function checkUrl(text: string, field: 'url' | 'subUrl', required: boolean, errors: CameraFieldError[]): string | null {
  const url = text.trim();
  if (url === '') {
    if (required) errors.push({ field, message: 'Stream URL: required (rtsp://host:554/path)' });
    return null;
  }
  if (!STREAM_URL.test(url)) {
    const label = field === 'url' ? 'Stream URL' : 'Sub-stream URL';
    errors.push({ field, message: `${label}: “${url}” is not a stream address (rtsp://host:554/path)` });
  }
  return url;
}

function checkDays(text: string, field: 'continuousDays' | 'eventDays', label: string, errors: CameraFieldError[]) {
  const n = parseNumber(text);
  if (n === undefined) return null;
  // the engine's limits: an hour at least, ten years at most
  if (Number.isNaN(n) || n < 0.04 || n > 3650) {
    errors.push({ field, message: `${label}: a number of days from 0.04 (an hour) to 3650, or empty for the global setting` });
  }
  return n;
}

function checkZones(zones: readonly ZoneForm[], errors: CameraFieldError[]) {
  return zones.map((z, i) => {
    const [x, y, w, h] = [z.x, z.y, z.w, z.h].map((v) => parseNumber(v) ?? NaN);
    const bad = (v: number) => Number.isNaN(v) || v < 0 || v > 100;
    const n = i + 1;
    if ([x, y, w, h].some(bad))
      errors.push({ field: `zones.${i}`, message: `Zone ${n}: left, top, width and height are percentages 0–100` });
    else if (w === 0 || h === 0) errors.push({ field: `zones.${i}`, message: `Zone ${n}: width and height must be above 0` });
    else if (x + w > 100.001 || y + h > 100.001)
      errors.push({ field: `zones.${i}`, message: `Zone ${n}: it reaches past the picture’s edge` });
    const r = (v: number) => Math.round(v * 100) / 10000;
    return { x: r(x), y: r(y), w: r(w), h: r(h) };
  });
}

/** The form as the API's values, or every field that can't be used (messages name the field). */
export function fromCameraForm(form: CameraForm): CameraFormResult {
  const errors: CameraFieldError[] = [];
  const name = form.name.trim();
  if (name === '') errors.push({ field: 'name', message: 'Name: required (e.g. “Front door”)' });
  else if (name.length > 200) errors.push({ field: 'name', message: 'Name: 200 characters at most' });
  const url = checkUrl(form.url, 'url', true, errors) ?? '';
  const subUrl = checkUrl(form.subUrl, 'subUrl', false, errors);
  if (form.mode === 'events+continuous' && subUrl === null) {
    errors.push({
      field: 'subUrl',
      message: 'Sub-stream URL: “Events + continuous” records the sub-stream all the time: add one',
    });
  }

  const sensitivity = Math.round(form.sensitivity);
  if (!Number.isFinite(sensitivity) || sensitivity < 0 || sensitivity > 100) {
    errors.push({ field: 'sensitivity', message: 'Sensitivity: 0 to 100' });
  }
  const minArea = parseNumber(form.minArea);
  if (minArea === undefined || Number.isNaN(minArea) || minArea > 100) {
    errors.push({ field: 'minArea', message: 'Minimum area: a percentage of the picture, 0–100' });
  }
  const cooldown = parseNumber(form.cooldownSec);
  if (cooldown === undefined || Number.isNaN(cooldown) || !Number.isInteger(cooldown) || cooldown > 3600) {
    errors.push({ field: 'cooldownSec', message: 'Cooldown: whole seconds, 0–3600' });
  }
  const zones = checkZones(form.zones, errors);
  const continuousDays = checkDays(form.continuousDays, 'continuousDays', 'Keep continuous footage', errors);
  const eventDays = checkDays(form.eventDays, 'eventDays', 'Keep event footage', errors);

  // rows are checked whatever the mode: they are saved either way and used once the mode is "By schedule"
  const schedule = scheduleFromRows(form.schedule);
  if (!schedule.ok) {
    for (const e of schedule.errors) errors.push({ field: `schedule.${e.row}.${e.part}`, message: e.message });
  } else if (form.mode === 'schedule' && schedule.schedule.length === 0) {
    errors.push({ field: 'schedule', message: 'Schedule: add at least one row, or pick another mode' });
  }

  if (errors.length > 0 || !schedule.ok) return { ok: false, errors };
  return {
    ok: true,
    values: {
      name,
      url,
      subUrl,
      mode: form.mode,
      detection: { sensitivity, minArea: (minArea as number) / 100, zones, cooldownSec: cooldown as number },
      schedule: schedule.schedule,
      retention: { continuousDays, eventDays },
    },
    username: form.username.trim() === '' ? null : form.username.trim(),
    password: form.password === '' ? null : form.password,
    entryRows: schedule.entryRows,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The POST for a new camera: the essentials, plus detection, schedule and retention where they differ from the defaults. */
export function createBody(result: Extract<CameraFormResult, { ok: true }>, onvifXaddr: string | null): CameraCreateBody {
  const { values } = result;
  const body: CameraCreateBody = { name: values.name, url: values.url, mode: values.mode };
  if (values.subUrl !== null) body.subUrl = values.subUrl;
  if (result.username !== null) body.username = result.username;
  if (result.password !== null) body.password = result.password;
  if (!same(values.detection, DEFAULT_DETECTION)) body.detection = values.detection;
  if (values.schedule.length > 0) body.schedule = values.schedule;
  if (!same(values.retention, NO_RETENTION)) body.retention = values.retention;
  if (onvifXaddr) body.onvif = { xaddr: onvifXaddr };
  return body;
}

/** Only what changed since `saved` (a new user name or password always goes: the saved ones are never shown). */
export function patchOf(saved: CameraValues, result: Extract<CameraFormResult, { ok: true }>): CameraPatchBody {
  const next = result.values;
  const patch: CameraPatchBody = {};
  if (next.name !== saved.name) patch.name = next.name;
  if (next.url !== saved.url) patch.url = next.url;
  if ((next.subUrl ?? null) !== (saved.subUrl ?? null)) patch.subUrl = next.subUrl;
  if (next.mode !== saved.mode) patch.mode = next.mode;
  if (!same(next.detection, saved.detection)) patch.detection = next.detection;
  if (!same(next.schedule, saved.schedule)) patch.schedule = next.schedule;
  if (!same(next.retention, saved.retention)) patch.retention = next.retention;
  if (result.username !== null) patch.username = result.username;
  if (result.password !== null) patch.password = result.password;
  return patch;
}

const API_TO_FORM: Record<string, CameraField> = {
  name: 'name',
  url: 'url',
  subUrl: 'subUrl',
  username: 'username',
  password: 'password',
  mode: 'mode',
  'detection.sensitivity': 'sensitivity',
  'detection.minArea': 'minArea',
  'detection.cooldownSec': 'cooldownSec',
  'retention.continuousDays': 'continuousDays',
  'retention.eventDays': 'eventDays',
};

/** One API path ("detection/zones/1/w", "schedule.3.start") as the form field it belongs to, or null. */
export function formFieldOf(apiPath: string, entryRows: readonly number[] = []): CameraField | null {
  const path = apiPath.replace(/\//g, '.').replace(/^body\./, '');
  if (API_TO_FORM[path]) return API_TO_FORM[path];
  const zone = /^detection\.zones(?:\.(\d+))?/.exec(path);
  if (zone) return zone[1] === undefined ? 'zones' : `zones.${zone[1]}`;
  if (/^detection\b/.test(path)) return 'sensitivity';
  const entry = /^schedule(?:\.(\d+)(?:\.(start|end|day|mode))?)?/.exec(path);
  if (entry) {
    if (entry[1] === undefined) return 'schedule';
    const row = entryRows[Number(entry[1])] ?? Number(entry[1]);
    const part = entry[2] === 'day' ? 'days' : entry[2] === 'mode' ? undefined : entry[2];
    return part ? `schedule.${row}.${part}` : `schedule.${row}`;
  }
  if (/^retention\b/.test(path)) return 'continuousDays';
  if (/^onvif\b/.test(path)) return 'url';
  return null;
}

/**
 * The server's 400 placed on the form: "Invalid body: detection.minArea: too big; mode: …" or "subUrl: …" → each
 * part with the field it names; parts naming no field are form-wide (field '').
 */
export function serverErrors(message: string, entryRows: readonly number[] = []): CameraFieldError[] {
  const text = message.replace(/^Invalid (body|request|querystring|params):\s*/, '');
  return text
    .split(/;\s*/)
    .filter(Boolean)
    .map((part) => {
      const m = /^([A-Za-z]\w*(?:[./]\w+)*):\s*(.*)$/s.exec(part.trim());
      const field = m ? formFieldOf(m[1], entryRows) : null;
      return field ? { field, message: part.trim() } : { field: '', message: part.trim() };
    });
}

/** The errors of one field (and, for a prefix like "schedule.2", those under it). */
export const errorsFor = (errors: readonly CameraFieldError[], field: CameraField, nested = false) =>
  errors.filter((e) => e.field === field || (nested && e.field.startsWith(`${field}.`)));

/** What "Test connection" found, in a line: "H.264 · 1920×1080 · 25 fps · audio AAC". */
export function testSummary(r: Extract<CameraTestResult, { ok: true }>): string {
  const codec = r.codec.toLowerCase();
  const parts = [codec === 'h264' ? 'H.264' : codec === 'h265' ? 'HEVC' : codec.toUpperCase(), `${r.width}×${r.height}`];
  if (r.fps) parts.push(`${Math.round(r.fps * 100) / 100} fps`);
  parts.push(r.audioCodec ? `audio ${r.audioCodec.toUpperCase()}` : 'no audio');
  return parts.join(' · ');
}
