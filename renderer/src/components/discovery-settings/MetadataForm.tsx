import { useState, type FormEvent } from 'react';
import type { DiscoverySettings } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { discoveryUpdate, languageOptions, toDiscoveryForm, type DiscoveryForm } from '../../discovery-format';
import { useDiscovery } from '../../store/discovery';
import { ApiKeyField } from './ApiKeyField';

/** Language, the two metadata keys (write-only) and the default release profile; Save sends only what changed. */
export function MetadataForm({ settings }: { settings: DiscoverySettings }) {
  const [form, setForm] = useState<DiscoveryForm>(() => toDiscoveryForm(settings));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const update = discoveryUpdate(settings, form);
  const dirty = Object.keys(update).length > 0;

  function change(patch: Partial<DiscoveryForm>) {
    setForm((f) => ({ ...f, ...patch }));
    setJustSaved(false);
    setError(null);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (busy || !dirty) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await useDiscovery.getState().saveSettings(update);
      setForm(toDiscoveryForm(saved));
      setJustSaved(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const profiles = settings.profiles.includes(form.profile) ? settings.profiles : [form.profile, ...settings.profiles];

  return (
    <form className="ds-form" onSubmit={(e) => void save(e)} noValidate>
      <fieldset className="ts-section">
        <legend className="ts-legend">Metadata</legend>
        <p className="muted small ts-hint">
          Titles, posters, seasons and episodes come from TMDB; OMDb adds IMDb ratings and a second source. A saved key is never
          shown again: type a new one to replace it.
        </p>
        <div className="ts-grid">
          <label className="field">
            <span>Language</span>
            <select
              className="input"
              data-testid="discovery-language"
              value={form.language}
              onChange={(e) => change({ language: e.target.value })}
            >
              {languageOptions(settings.language).map((l) => (
                <option key={l.code} value={l.code}>
                  {l.label} ({l.code})
                </option>
              ))}
            </select>
            <span className="ts-field-hint muted small">Of titles and overviews</span>
          </label>
          <label className="field">
            <span>Default release profile</span>
            <select
              className="input"
              data-testid="discovery-profile"
              value={form.profile}
              onChange={(e) => change({ profile: e.target.value })}
            >
              {profiles.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
            <span className="ts-field-hint muted small">How releases are ranked; a search can pick another</span>
          </label>
        </div>
        <div className="ds-keys">
          <ApiKeyField
            label="TMDB API key"
            testId="tmdb-key"
            configured={settings.tmdb.configured}
            edit={form.tmdb}
            hint="Free: themoviedb.org → Settings → API (the “API Key”, or the “API Read Access Token”)."
            onChange={(tmdb) => change({ tmdb })}
          />
          <ApiKeyField
            label="OMDb API key"
            testId="omdb-key"
            configured={settings.omdb.configured}
            edit={form.omdb}
            hint="Optional. Free: omdbapi.com → API Key."
            onChange={(omdb) => change({ omdb })}
          />
        </div>
      </fieldset>
      <div className="ds-foot">
        <button type="submit" className="btn primary" data-testid="discovery-save" disabled={busy || !dirty}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        {dirty && !busy && (
          <button type="button" className="btn ghost" onClick={() => change(toDiscoveryForm(settings))}>
            Discard changes
          </button>
        )}
        {error && (
          <span className="error-text" role="alert" data-testid="discovery-error">
            {error}
          </span>
        )}
        {justSaved && !error && (
          <span className="success-text" role="status" data-testid="discovery-saved">
            Saved.
          </span>
        )}
        {!justSaved && !error && dirty && <span className="muted small">Unsaved changes</span>}
      </div>
    </form>
  );
}
