// Settings → Cameras → All cameras → Keep footage: the global retention (GET/PUT /settings/cameras/retention) as an
// editable form (numbers as typed; empty = no limit), its own checks, and the server's 400 placed on its fields.
import type { CameraRetentionSettings } from './api/camera-settings';
import { parseNumber, type CameraFieldError } from './camera-form';

export type RetentionForm = Record<keyof CameraRetentionSettings, string>;
/** Settings → Cameras → Keep footage (all cameras): GET/PUT /settings/cameras/retention, null = no limit. */
export const RETENTION_FIELDS: ReadonlyArray<{
  key: keyof CameraRetentionSettings;
  label: string;
  unit: string;
  hint: string;
  min: number;
}> = [
  {
    key: 'continuousDays',
    label: 'Continuous footage',
    unit: 'days',
    hint: 'Empty: until the quota or the disk needs the room',
    min: 0.04,
  },
  { key: 'eventDays', label: 'Event footage', unit: 'days', hint: 'Event footage is kept longer than continuous', min: 0.04 },
  {
    key: 'quotaGb',
    label: 'Quota for all recordings',
    unit: 'GB',
    hint: 'Empty: no quota; the oldest footage goes first',
    min: 0.01,
  },
  {
    key: 'minFreeGb',
    label: 'Free space to keep',
    unit: 'GB',
    hint: 'Footage is removed before the disk gets fuller than this',
    min: 0,
  },
];

export const retentionForm = (s: CameraRetentionSettings): RetentionForm => ({
  continuousDays: s.continuousDays === null ? '' : String(s.continuousDays),
  eventDays: s.eventDays === null ? '' : String(s.eventDays),
  quotaGb: s.quotaGb === null ? '' : String(s.quotaGb),
  minFreeGb: s.minFreeGb === null ? '' : String(s.minFreeGb),
});

/** The form as the PUT body, or what is wrong (each message names its field). */
export function retentionFromForm(
  form: RetentionForm,
): { ok: true; body: CameraRetentionSettings } | { ok: false; errors: CameraFieldError[] } {
  const errors: CameraFieldError[] = [];
  const body = {} as CameraRetentionSettings;
  for (const f of RETENTION_FIELDS) {
    const n = parseNumber(form[f.key]);
    if (n !== undefined && (Number.isNaN(n) || n < f.min))
      errors.push({ field: f.key, message: `${f.label}: a number of ${f.unit} (at least ${f.min}), or empty` });
    body[f.key] = n ?? null;
  }
  return errors.length ? { ok: false, errors } : { ok: true, body };
}

/** The server's 400 ("quotaGb: Too small: …; eventDays: …") on the fields it names. */
export function retentionServerErrors(message: string): CameraFieldError[] {
  return message
    .replace(/^Invalid body:\s*/, '')
    .split(/;\s*/)
    .filter(Boolean)
    .map((part) => {
      const key = /^(\w+):/.exec(part)?.[1];
      return { field: RETENTION_FIELDS.some((f) => f.key === key) ? key! : '', message: part };
    });
}
