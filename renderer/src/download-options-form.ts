// Pure helpers for a download's own limits (its details page): the inputs as typed ↔ the API's DownloadOptions, with
// the same number rules and messages as Settings → Downloads. Empty means "none of its own": the global setting applies.
import type { DownloadOptions } from '../../app/api/api-types';
import { parseNumber, type NumberField } from './torrent-settings-form';

export type OptionsField = keyof DownloadOptions;
export type OptionsForm = Record<OptionsField, string>;

/** each field reads with the rule (range, unit, message) of its global counterpart */
const RULE_OF: Record<OptionsField, NumberField> = {
  downloadKiBps: 'globalDown',
  uploadKiBps: 'globalUp',
  ratioLimit: 'ratioLimit',
  seedingTimeLimitMin: 'seedingTimeLimitMin',
};
export const OPTION_FIELDS = Object.keys(RULE_OF) as OptionsField[];

export function toOptionsForm(o: DownloadOptions): OptionsForm {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    downloadKiBps: text(o.downloadKiBps),
    uploadKiBps: text(o.uploadKiBps),
    ratioLimit: text(o.ratioLimit),
    seedingTimeLimitMin: text(o.seedingTimeLimitMin),
  };
}

export type OptionsResult =
  { ok: true; options: DownloadOptions } | { ok: false; errors: Array<{ field: OptionsField; message: string }> };

export function fromOptionsForm(form: OptionsForm): OptionsResult {
  const errors: Array<{ field: OptionsField; message: string }> = [];
  const options = {} as DownloadOptions;
  for (const field of OPTION_FIELDS) {
    const r = parseNumber(RULE_OF[field], form[field]);
    if (!r.ok) errors.push({ field, message: r.message });
    // a speed cap of 0 means none, as in the global settings (and qBittorrent)
    else options[field] = (field === 'downloadKiBps' || field === 'uploadKiBps') && r.value === 0 ? null : r.value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, options };
}

export const sameOptions = (a: OptionsForm, b: OptionsForm) => OPTION_FIELDS.every((f) => a[f].trim() === b[f].trim());
