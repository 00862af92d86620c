// Pure wording for the Cameras pages: status badges with their reason and retry countdown, modes, storage, events,
// clock times and the date/time inputs. Data in, strings out.
import type { CameraEventInfo, CameraInfo, CameraStorageStatus, CameraEffectiveMode } from '../../app/api/api-types';
import { formatSize } from './format';

export type Tone = 'ok' | 'warn' | 'error' | 'muted' | 'info';

export interface StatusView {
  label: string;
  tone: Tone;
  /** the reason and the retry countdown, when there is something to say */
  detail: string | null;
}

const STATUS: Record<CameraInfo['status'], { label: string; tone: Tone }> = {
  online: { label: 'Online', tone: 'ok' },
  starting: { label: 'Connecting', tone: 'info' },
  offline: { label: 'Offline', tone: 'error' },
  error: { label: 'Error', tone: 'error' },
  stopped: { label: 'Not recording', tone: 'muted' },
};

/** "retrying in 12 s", "retrying in 2 min", "retrying now"; null without a retry time. */
export function retryText(retryAt: string | null, now: number): string | null {
  if (!retryAt) return null;
  const at = Date.parse(retryAt);
  if (!Number.isFinite(at)) return null;
  const sec = Math.ceil((at - now) / 1000);
  if (sec <= 0) return 'retrying now';
  if (sec < 90) return `retrying in ${sec} s`;
  return `retrying in ${Math.round(sec / 60)} min`;
}

export function cameraStatus(camera: Pick<CameraInfo, 'status' | 'reason' | 'retryAt'>, now: number): StatusView {
  const base = STATUS[camera.status] ?? { label: camera.status, tone: 'muted' as Tone };
  const parts = [camera.status === 'online' ? null : camera.reason, retryText(camera.retryAt, now)].filter(
    (p): p is string => !!p,
  );
  return { ...base, detail: parts.length ? parts.join(' · ') : null };
}

const MODES: Record<string, string> = {
  off: 'Off',
  continuous: 'Continuous',
  events: 'Events only',
  'events+continuous': 'Events + continuous',
  schedule: 'By schedule',
};

export function modeLabel(mode: string): string {
  return MODES[mode] ?? mode;
}

/** "Continuous", or "By schedule → Events only" when the schedule picks the mode; plus why, when the engine says. */
export function modeLine(camera: Pick<CameraInfo, 'mode' | 'effectiveMode' | 'effectiveReason'>): {
  text: string;
  reason: string | null;
} {
  const effective: CameraEffectiveMode | undefined = camera.effectiveMode;
  const text =
    effective && effective !== camera.mode ? `${modeLabel(camera.mode)} → ${modeLabel(effective)}` : modeLabel(camera.mode);
  return { text, reason: camera.effectiveReason || null };
}

export interface StorageView {
  tone: Tone;
  /** "12.4 GB used · 80 GB free" (+ " · quota 100 GB") */
  text: string;
  /** 0..1 of the quota (null without one) */
  quotaShare: number | null;
  warning: string | null;
}

export function storageView(s: CameraStorageStatus): StorageView {
  const parts = [`${formatSize(s.usedBytes)} used`, `${formatSize(s.freeBytes)} free`];
  if (s.quotaBytes !== null) parts.push(`quota ${formatSize(s.quotaBytes)}`);
  const quotaShare = s.quotaBytes ? Math.min(1, s.usedBytes / s.quotaBytes) : null;
  let warning: string | null = null;
  if (s.status === 'full') {
    warning = s.reason ?? 'The recordings disk is full: the oldest footage is being removed to make room.';
  } else if (s.status === 'low') {
    warning = s.reason ?? 'Space for recordings is running low: older footage will be removed sooner.';
  }
  return {
    tone: s.status === 'full' ? 'error' : s.status === 'low' ? 'warn' : 'ok',
    text: parts.join(' · '),
    quotaShare,
    warning,
  };
}

const KINDS: Record<string, string> = {
  motion: 'Motion',
  tamper: 'Tampering',
  onvif: 'Camera alarm',
  malfunction: 'Camera fault',
};

export function eventKindLabel(kind: string): string {
  return KINDS[kind] ?? kind;
}

/** "45 s", "3 min 05 s", "1 h 02 min". */
export function shortDuration(ms: number): string {
  const sec = Math.max(0, Math.round(ms / 1000));
  if (sec < 60) return `${sec} s`;
  if (sec < 3600) return `${Math.floor(sec / 60)} min ${String(sec % 60).padStart(2, '0')} s`;
  return `${Math.floor(sec / 3600)} h ${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')} min`;
}

/** How long an event lasted, or "running for 12 s" while it runs. */
export function eventDuration(event: Pick<CameraEventInfo, 'start' | 'end'>, now: number): string {
  const start = Date.parse(event.start);
  if (event.end === null) return `running for ${shortDuration(now - start)}`;
  return shortDuration(Date.parse(event.end) - start);
}

/** "just now", "5 min ago", "3 h ago", else the date and time. */
export function relativeTime(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return iso;
  const sec = Math.round((now - at) / 1000);
  if (sec < 45) return 'just now';
  if (sec < 3600) return `${Math.max(1, Math.round(sec / 60))} min ago`;
  if (sec < 24 * 3600) return `${Math.round(sec / 3600)} h ago`;
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local "14:03:27". */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local "YYYY-MM-DD" for a date input. */
export function dateInputValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "YYYY-MM-DD" → local noon of that day (noon: safe from DST edges), or null. */
export function parseDateInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return d.getMonth() === Number(m[2]) - 1 ? d.getTime() : null;
}

/** "HH:MM:SS" (or "HH:MM") on the local day of `dayMs` → epoch ms, or null. */
export function parseTimeInput(value: string, dayMs: number): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return null;
  const d = new Date(dayMs);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, min, s).getTime();
}

/** "Mon, 5 May 2025" style heading of a day (the browser's locale). */
export function dayLabel(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/**
 * Wait before the next live reconnect: 1 s, 2 s, 4 s, 8 s, then every 10 s. A player only connects while the engine
 * says the camera is up, and each reconnect makes the relay retry the camera at once: a longer wait would only leave
 * the picture missing for longer once the camera is back.
 */
export function liveRetryDelayMs(attempt: number): number {
  return Math.min(10_000, 1000 * 2 ** Math.max(0, attempt));
}
