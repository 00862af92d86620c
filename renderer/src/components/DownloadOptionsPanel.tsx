import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DownloadOptions } from '../../../app/api/api-types';
import { errorText } from '../api/client';
import { fromOptionsForm, sameOptions, toOptionsForm, type OptionsField, type OptionsForm } from '../download-options-form';
import { useDownloads } from '../store/downloads';

const FIELDS: Array<{ field: OptionsField; label: string; unit: string; placeholder: string }> = [
  { field: 'downloadKiBps', label: 'Download limit', unit: 'KiB/s', placeholder: 'global' },
  { field: 'uploadKiBps', label: 'Upload limit', unit: 'KiB/s', placeholder: 'global' },
  { field: 'ratioLimit', label: 'Stop seeding at ratio', unit: '', placeholder: 'global' },
  { field: 'seedingTimeLimitMin', label: 'Stop seeding after', unit: 'minutes', placeholder: 'global' },
];

/** A download's own limits (qBittorrent's per-torrent options); empty = the global setting applies. */
export function DownloadOptionsPanel({ downloadId, options }: { downloadId: number; options: DownloadOptions }) {
  const saved = toOptionsForm(options);
  const [form, setForm] = useState<OptionsForm>(saved);
  const [errors, setErrors] = useState<Partial<Record<OptionsField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  // new saved options (e.g. changed from another window) replace the inputs, unless the user has edited them
  const lastSaved = useRef(saved);
  const savedKey = JSON.stringify(options);
  useEffect(() => {
    const before = lastSaved.current;
    lastSaved.current = toOptionsForm(options);
    setForm((cur) => (sameOptions(cur, before) ? lastSaved.current : cur));
  }, [savedKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const dirty = !sameOptions(form, saved);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = fromOptionsForm(form);
    if (!result.ok) {
      setErrors(Object.fromEntries(result.errors.map((x) => [x.field, x.message])));
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await useDownloads.getState().setOptions(downloadId, result.options);
      setForm(toOptionsForm(result.options));
      setJustSaved(true);
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const messages = [...Object.values(errors), ...(failure ? [failure] : [])];
  return (
    <form className="dl-options" onSubmit={(e) => void submit(e)} data-testid="download-options" noValidate>
      <div className="dl-options-grid">
        {FIELDS.map(({ field, label, unit, placeholder }) => (
          <label className="field" key={field}>
            <span>{label}</span>
            <span className="ts-input-unit">
              <input
                className="input"
                type="text"
                inputMode={field === 'ratioLimit' ? 'decimal' : 'numeric'}
                autoComplete="off"
                data-testid={`download-option-${field}`}
                placeholder={placeholder}
                aria-invalid={errors[field] ? true : undefined}
                value={form[field]}
                onChange={(e) => {
                  setJustSaved(false);
                  setForm({ ...form, [field]: e.target.value });
                }}
              />
              {unit && <span className="ts-unit muted small">{unit}</span>}
            </span>
          </label>
        ))}
      </div>
      <div className="ts-foot">
        <button type="submit" className="btn primary" data-testid="download-options-save" disabled={busy || !dirty}>
          {busy ? 'Saving…' : 'Save limits'}
        </button>
        <div className="ts-foot-msg">
          {messages.length > 0 && (
            <div className="error-text" role="alert" data-testid="download-options-error">
              {messages.map((m) => (
                <div key={m}>{m}</div>
              ))}
            </div>
          )}
          {justSaved && messages.length === 0 && (
            <span role="status" className="muted small" data-testid="download-options-saved">
              <span className="success-text">Saved.</span> Speed limits apply to its peers at once; the global limits still apply
              too.
            </span>
          )}
          {!justSaved && messages.length === 0 && (
            <span className="muted small">Empty = the global setting (Settings → Downloads).</span>
          )}
        </div>
      </div>
    </form>
  );
}
