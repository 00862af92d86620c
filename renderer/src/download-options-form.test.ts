import { describe, expect, it } from 'vitest';
import { fromOptionsForm, sameOptions, toOptionsForm } from './download-options-form';

const none = { downloadKiBps: null, uploadKiBps: null, ratioLimit: null, seedingTimeLimitMin: null };

describe("a download's own limits form", () => {
  it('shows none as empty inputs and reads them back as none', () => {
    expect(toOptionsForm(none)).toEqual({ downloadKiBps: '', uploadKiBps: '', ratioLimit: '', seedingTimeLimitMin: '' });
    expect(fromOptionsForm(toOptionsForm(none))).toEqual({ ok: true, options: none });
  });

  it('reads caps, a decimal-comma ratio and minutes; a cap of 0 means none', () => {
    const form = { downloadKiBps: ' 512 ', uploadKiBps: '0', ratioLimit: '1,5', seedingTimeLimitMin: '120' };
    expect(fromOptionsForm(form)).toEqual({
      ok: true,
      options: { downloadKiBps: 512, uploadKiBps: null, ratioLimit: 1.5, seedingTimeLimitMin: 120 },
    });
  });

  it('names every field it cannot read, with the allowed range', () => {
    const result = fromOptionsForm({ downloadKiBps: 'fast', uploadKiBps: '-1', ratioLimit: '2000', seedingTimeLimitMin: '1.5' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['downloadKiBps', 'uploadKiBps', 'ratioLimit', 'seedingTimeLimitMin']);
    expect(result.errors[0].message).toMatch(
      /Download limit must be a whole number .* KiB\/s, or empty for unlimited; "fast" is not/u,
    );
    expect(result.errors[3].message).toMatch(/no decimals/u);
  });

  it('compares forms as typed, ignoring surrounding spaces', () => {
    const a = toOptionsForm({ ...none, ratioLimit: 2 });
    expect(sameOptions(a, { ...a, ratioLimit: ' 2 ' })).toBe(true);
    expect(sameOptions(a, { ...a, ratioLimit: '3' })).toBe(false);
  });
});
