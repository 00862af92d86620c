// Pure helpers for the Jobs page: data in, strings and plain values out. No DOM, no fetch.
import type { CreateTranscodeJobRequest, TranscodeJob, TranscodeJobState, VideoEncoderKind } from '../../app/api/api-types';

export const JOB_STATE_LABELS: Record<TranscodeJobState, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const ENCODER_LABELS: Record<VideoEncoderKind, string> = {
  vaapi: 'VAAPI (Intel / AMD GPU)',
  nvenc: 'NVENC (NVIDIA GPU)',
  qsv: 'Quick Sync (Intel)',
  videotoolbox: 'VideoToolbox (Apple)',
  software: 'CPU (libx264)',
};

export const isActive = (job: Pick<TranscodeJob, 'state'>) => job.state === 'queued' || job.state === 'running';

/** Seconds → "1:23", "1:02:05", "0:07.5" (tenths only when there are some). */
export function formatClock(sec: number): string {
  const tenths = Math.round(sec * 10);
  const whole = Math.floor(tenths / 10);
  const frac = tenths % 10;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0') + (frac ? `.${frac}` : '');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** What a user types for a time: "", "90", "1:30", "1:02:03.5" → seconds (null when empty). */
export function parseClock(text: string): Parsed<number | null> {
  const t = text.trim();
  if (!t) return { ok: true, value: null };
  const match = /^(?:(?:(\d+):)?(\d{1,2}):)?(\d+(?:[.,]\d+)?)$/.exec(t);
  if (!match) return { ok: false, error: `"${t}" is not a time; write seconds (90) or m:ss (1:30)` };
  const [, h, m, s] = match;
  const seconds = Number(s.replace(',', '.'));
  if ((h !== undefined || m !== undefined) && seconds >= 60) return { ok: false, error: `"${t}": seconds must be under 60` };
  if (h !== undefined && Number(m) >= 60) return { ok: false, error: `"${t}": minutes must be under 60` };
  return { ok: true, value: Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + seconds };
}

/** Which part of the source a job makes. */
export function jobSpan(job: Pick<TranscodeJob, 'offsetSec' | 'durationSec'>): string {
  const { offsetSec: from, durationSec: length } = job;
  if (!from && !length) return 'Whole file';
  if (!from) return `First ${formatClock(length!)}`;
  if (!length) return `From ${formatClock(from)} to the end`;
  return `Clip ${formatClock(from)}–${formatClock(from + length)}`;
}

/** "6 jobs · 1 running · 2 queued · 1 failed" */
export function jobsSummary(jobs: Array<Pick<TranscodeJob, 'state'>>): string {
  const count = (state: TranscodeJobState) => jobs.filter((j) => j.state === state).length;
  const parts = [`${jobs.length} ${jobs.length === 1 ? 'job' : 'jobs'}`];
  for (const state of ['running', 'queued', 'failed'] as const) {
    const n = count(state);
    if (n) parts.push(`${n} ${state}`);
  }
  return parts.join(' · ');
}

/** The list with one job replaced or added, newest first. Never mutates. */
export function upsertJob(list: TranscodeJob[], job: TranscodeJob): TranscodeJob[] {
  const rest = list.filter((j) => j.id !== job.id);
  return [...rest, job].sort((a, b) => b.id - a.id);
}

/** A job's progress as the bar shows it: 0..1, or null for a busy bar (running, no percentage yet). */
export function progressValue(job: Pick<TranscodeJob, 'state' | 'progress'>): number | null {
  if (job.state === 'done') return 1;
  if (job.state === 'running' && job.progress <= 0) return null;
  return Math.min(1, Math.max(0, job.progress / 100));
}

export interface NewJobForm {
  fileId: number | null;
  profile: string;
  /** clip fields as typed: empty = whole file */
  start: string;
  length: string;
}

/** The form → the request, or an error per field (keys: fileId, profile, start, length). */
export function newJobRequest(form: NewJobForm): Parsed<CreateTranscodeJobRequest> & { fields?: Record<string, string> } {
  const fields: Record<string, string> = {};
  if (!form.fileId) fields.fileId = 'Pick a file from the library';
  if (!form.profile) fields.profile = 'Pick a profile';
  const start = parseClock(form.start);
  const length = parseClock(form.length);
  if (!start.ok) fields.start = start.error;
  if (!length.ok) fields.length = length.error;
  else if (length.value !== null && length.value <= 0) fields.length = 'The length must be more than 0';
  if (Object.keys(fields).length > 0 || !start.ok || !length.ok) {
    return { ok: false, error: Object.values(fields).join('; '), fields };
  }
  const body: CreateTranscodeJobRequest = { fileId: form.fileId!, profile: form.profile };
  if (start.value) body.offsetSec = start.value;
  if (length.value !== null) body.durationSec = length.value;
  return { ok: true, value: body };
}

/** "1.5 Mbit/s" */
export function formatBits(bps: number): string {
  return bps >= 1_000_000 ? `${(bps / 1_000_000).toFixed(1).replace(/\.0$/, '')} Mbit/s` : `${Math.round(bps / 1000)} kbit/s`;
}
