import { describe, expect, it } from 'vitest';
import { retentionForm, retentionFromForm, retentionServerErrors, type RetentionForm } from './camera-form-retention';

describe('global retention', () => {
  const saved = { continuousDays: 7, eventDays: 30, quotaGb: null, minFreeGb: 2 };
  it('shows null as empty and round-trips', () => {
    const f = retentionForm(saved);
    expect(f).toEqual({ continuousDays: '7', eventDays: '30', quotaGb: '', minFreeGb: '2' });
    expect(retentionFromForm(f)).toEqual({ ok: true, body: saved });
  });

  it.each<[Partial<RetentionForm>, Array<[string, string]>]>([
    [{ quotaGb: '500', minFreeGb: '0' }, []],
    [{ continuousDays: '0,5' }, []],
    [{ continuousDays: '0' }, [['continuousDays', 'Continuous footage: a number of days (at least 0.04), or empty']]],
    [{ quotaGb: 'lots' }, [['quotaGb', 'Quota for all recordings: a number of GB (at least 0.01), or empty']]],
    [{ minFreeGb: '-1' }, [['minFreeGb', 'Free space to keep: a number of GB (at least 0), or empty']]],
  ])('%j', (change, expected) => {
    const r = retentionFromForm({ ...retentionForm(saved), ...change });
    expect(r.ok ? [] : r.errors.map((e) => [e.field, e.message])).toEqual(expected);
  });

  it("places the server's 400 on its fields", () => {
    expect(retentionServerErrors('Invalid body: quotaGb: Too small; eventDays: Too big')).toEqual([
      { field: 'quotaGb', message: 'quotaGb: Too small' },
      { field: 'eventDays', message: 'eventDays: Too big' },
    ]);
    expect(retentionServerErrors('body: Unrecognized key: "days"')).toEqual([
      { field: '', message: 'body: Unrecognized key: "days"' },
    ]);
  });
});
