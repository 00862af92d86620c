// Pure helpers for Settings → Downloads (BitTorrent): the editable form state (strings, as typed) to and from the API's
// TorrentSettings, with messages that name the field; weekday chips; the "ends next day" hint; the restart note.
import type { TorrentSettings, TorrentSettingsResponse } from '../../app/api/api-types';

export type AltMode = TorrentSettings['speed']['altMode'];
export type SeedAction = TorrentSettings['seedAction'];
export type RestartKey = TorrentSettingsResponse['restartNeeded'][number];

export interface FormRule {
  /** weekday numbers, 0 = Sunday … 6 = Saturday, kept sorted */
  days: number[];
  /** 'HH:MM' as typed */
  from: string;
  to: string;
}

/** Every number is the text in its input; '' means "no limit" (or "automatic" for the port). */
export interface TorrentForm {
  dht: boolean;
  lsd: boolean;
  utp: boolean;
  directWrites: boolean;
  port: string;
  maxActiveDownloads: string;
  stallAfterMin: string;
  failAfterMin: string;
  ratioLimit: string;
  seedingTimeLimitMin: string;
  seedAction: SeedAction;
  globalDown: string;
  globalUp: string;
  altDown: string;
  altUp: string;
  altMode: AltMode;
  schedule: FormRule[];
}

export type NumberField =
  | 'port'
  | 'maxActiveDownloads'
  | 'stallAfterMin'
  | 'failAfterMin'
  | 'ratioLimit'
  | 'seedingTimeLimitMin'
  | 'globalDown'
  | 'globalUp'
  | 'altDown'
  | 'altUp';

export interface FieldError {
  field: NumberField;
  message: string;
}

export type FormResult = { ok: true; settings: TorrentSettings } | { ok: false; errors: FieldError[] };

const text = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? String(n) : '');
/** a speed limit of 0 means unlimited (as in qBittorrent), so the form shows it empty */
const rateText = (n: number | null | undefined) => (typeof n === 'number' && n > 0 ? String(n) : '');

export const sortDays = (days: readonly number[]) =>
  [...new Set(days.filter((d) => Number.isInteger(d) && d >= 0 && d <= 6))].sort((a, b) => a - b);

export function toForm(s: TorrentSettings): TorrentForm {
  return {
    dht: s.dht,
    lsd: s.lsd,
    utp: s.utp,
    directWrites: s.directWrites,
    port: s.port > 0 ? String(s.port) : '',
    maxActiveDownloads: text(s.maxActiveDownloads),
    stallAfterMin: text(s.stallAfterMin),
    failAfterMin: text(s.failAfterMin),
    ratioLimit: text(s.ratioLimit),
    seedingTimeLimitMin: text(s.seedingTimeLimitMin),
    seedAction: s.seedAction,
    globalDown: rateText(s.speed.global.downloadKiBps),
    globalUp: rateText(s.speed.global.uploadKiBps),
    altDown: rateText(s.speed.alternative.downloadKiBps),
    altUp: rateText(s.speed.alternative.uploadKiBps),
    altMode: s.speed.altMode,
    schedule: s.speed.schedule.map((r) => ({ days: sortDays(r.days), from: r.from, to: r.to })),
  };
}

interface NumberRule {
  label: string;
  min: number;
  max: number;
  integer: boolean;
  /** what an empty input means, for the message */
  empty: string;
  unit?: string;
}

export const NUMBER_RULES: Record<NumberField, NumberRule> = {
  port: { label: 'Listening port', min: 0, max: 65535, integer: true, empty: 'automatic' },
  maxActiveDownloads: { label: 'Max active downloads', min: 1, max: 100, integer: true, empty: 'no limit' },
  stallAfterMin: { label: 'Stalled after', min: 1, max: 10_080, integer: true, empty: 'never', unit: 'minutes' },
  failAfterMin: { label: 'Failed after', min: 1, max: 100_800, integer: true, empty: 'never', unit: 'more minutes' },
  ratioLimit: { label: 'Ratio limit', min: 0, max: 1000, integer: false, empty: 'no limit' },
  seedingTimeLimitMin: { label: 'Seeding time limit', min: 0, max: 5_256_000, integer: true, empty: 'no limit', unit: 'minutes' },
  globalDown: { label: 'Download limit', min: 0, max: 10_000_000, integer: true, empty: 'unlimited', unit: 'KiB/s' },
  globalUp: { label: 'Upload limit', min: 0, max: 10_000_000, integer: true, empty: 'unlimited', unit: 'KiB/s' },
  altDown: { label: 'Alternative download limit', min: 0, max: 10_000_000, integer: true, empty: 'unlimited', unit: 'KiB/s' },
  altUp: { label: 'Alternative upload limit', min: 0, max: 10_000_000, integer: true, empty: 'unlimited', unit: 'KiB/s' },
};

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The number in an input: null when empty, else the value or a message saying what is allowed. A decimal comma is
 * accepted ("1,5"); signs, exponents, hex and the like are not.
 */
export function parseNumber(
  field: NumberField,
  input: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  const rule = NUMBER_RULES[field];
  const raw = input.trim().replace(',', '.');
  if (raw === '') return { ok: true, value: null };
  const kind = rule.integer ? 'a whole number' : 'a number';
  const unit = rule.unit ? ` ${rule.unit}` : '';
  const expected = `${rule.label} must be ${kind} from ${fmt(rule.min)} to ${fmt(rule.max)}${unit}, or empty for ${rule.empty}`;
  const shape = rule.integer ? /^\d+$/u : /^(\d+(\.\d*)?|\.\d+)$/u;
  if (!shape.test(raw)) {
    if (rule.integer && /^\d*\.\d+$/u.test(raw)) return { ok: false, message: `${expected} (no decimals).` };
    return { ok: false, message: `${expected}; "${input.trim()}" is not.` };
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value < rule.min || value > rule.max)
    return { ok: false, message: `${expected}; ${input.trim()} is out of range.` };
  return { ok: true, value };
}

/** The form as TorrentSettings to PUT, or every field that can't be read. Schedule rules go as typed; the server checks them. */
export function fromForm(form: TorrentForm): FormResult {
  const errors: FieldError[] = [];
  const num = (field: NumberField): number | null => {
    const r = parseNumber(field, form[field]);
    if (r.ok) return r.value;
    errors.push({ field, message: r.message });
    return null;
  };
  /** 0 and empty both mean unlimited; the API wants null for that */
  const rate = (field: NumberField) => {
    const v = num(field);
    return v === null || v === 0 ? null : v;
  };
  const settings: TorrentSettings = {
    dht: form.dht,
    lsd: form.lsd,
    utp: form.utp,
    directWrites: form.directWrites,
    port: num('port') ?? 0,
    maxActiveDownloads: num('maxActiveDownloads'),
    stallAfterMin: num('stallAfterMin'),
    failAfterMin: num('failAfterMin'),
    ratioLimit: num('ratioLimit'),
    seedingTimeLimitMin: num('seedingTimeLimitMin'),
    seedAction: form.seedAction,
    speed: {
      global: { downloadKiBps: rate('globalDown'), uploadKiBps: rate('globalUp') },
      alternative: { downloadKiBps: rate('altDown'), uploadKiBps: rate('altUp') },
      altMode: form.altMode,
      schedule: form.schedule.map((r) => ({ days: sortDays(r.days), from: r.from.trim(), to: r.to.trim() })),
    },
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/** Whether two forms say the same (for "Save" being enabled): inputs compared after trimming, days as sets. */
export function sameForm(a: TorrentForm, b: TorrentForm): boolean {
  const norm = (f: TorrentForm) =>
    JSON.stringify({
      ...Object.fromEntries(Object.entries(f).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])),
      schedule: f.schedule.map((r) => ({ days: sortDays(r.days), from: r.from.trim(), to: r.to.trim() })),
    });
  return norm(a) === norm(b);
}

/** Weekday chips in the order a week is read in most of Europe (Mon … Sun), each with the API's number (Sunday = 0). */
export const WEEKDAYS: ReadonlyArray<{ day: number; short: string; long: string }> = [
  { day: 1, short: 'Mon', long: 'Monday' },
  { day: 2, short: 'Tue', long: 'Tuesday' },
  { day: 3, short: 'Wed', long: 'Wednesday' },
  { day: 4, short: 'Thu', long: 'Thursday' },
  { day: 5, short: 'Fri', long: 'Friday' },
  { day: 6, short: 'Sat', long: 'Saturday' },
  { day: 0, short: 'Sun', long: 'Sunday' },
];

/** `days` with `day` switched on or off, sorted. */
export function toggleDay(days: readonly number[], day: number): number[] {
  return sortDays(days.includes(day) ? days.filter((d) => d !== day) : [...days, day]);
}

/** The rule a new "Add rule" starts with: working days, 08:00–20:00. */
export const newRule = (): FormRule => ({ days: [1, 2, 3, 4, 5], from: '08:00', to: '20:00' });

/** Minutes of the day of 'HH:MM' ('24:00' only as an end), null when not a time — as the engine reads it. */
export function minutesOf(time: string, end = false): number | null {
  const m = /^(\d{1,2}):(\d{2})$/u.exec(time.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59) return null;
  if (h < 24) return h * 60 + min;
  return end && h === 24 && min === 0 ? 1440 : null;
}

/** A rule whose `to` is earlier than its `from` runs past midnight into the next day. */
export function endsNextDay(from: string, to: string): boolean {
  const a = minutesOf(from);
  const b = minutesOf(to, true);
  return a !== null && b !== null && b < a;
}

export const RESTART_LABELS: Record<RestartKey, string> = {
  dht: 'DHT',
  lsd: 'Local peer discovery',
  utp: 'uTP',
  port: 'listening port',
  directWrites: 'bypass the OS cache',
};

/** "Restart Racoon to apply: DHT, listening port" or null when nothing waits for a restart. */
export function restartNote(keys: readonly RestartKey[]): string | null {
  if (keys.length === 0) return null;
  return `Restart Racoon to apply: ${keys.map((k) => RESTART_LABELS[k] ?? k).join(', ')}`;
}
