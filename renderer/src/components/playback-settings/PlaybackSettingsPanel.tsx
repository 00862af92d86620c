// Settings → Playback: the device profiles that decide how a file reaches each kind of player — played as it is
// (direct play), repackaged (remux) or converted (transcode). Built-ins are read-only: copy one to make your own.
import { useEffect, useState } from 'react';
import type { DeviceProfile } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { playbackProfilesApi } from '../../api/playback-profiles';
import {
  copyProfileLabel,
  copyProfileName,
  errorFields,
  fromProfileForm,
  serverErrorFields,
  toProfileForm,
  type DeviceProfileForm,
  type FieldError,
  type FieldPath,
} from '../../device-profile-form';
import { DeviceProfileEditor } from './DeviceProfileEditor';
import { DeviceProfileList } from './DeviceProfileList';

interface Editing {
  /** null: a new profile (a copy); else the saved profile's name */
  original: string | null;
  form: DeviceProfileForm;
}

const NO_ERRORS: FieldError[] = [];
const NO_FIELDS: ReadonlySet<FieldPath> = new Set();

export function PlaybackSettingsPanel() {
  const [profiles, setProfiles] = useState<DeviceProfile[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>(NO_ERRORS);
  const [serverError, setServerError] = useState<{ message: string; fields: ReadonlySet<FieldPath> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function reload() {
    try {
      setProfiles(await playbackProfilesApi.list());
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }

  useEffect(() => {
    void reload();
  }, []);

  const all = profiles ?? [];
  const names = all.map((p) => p.name);
  const builtIns = all.filter((p) => p.builtin).map((p) => p.name);

  function open(next: Editing) {
    setEditing(next);
    setFieldErrors(NO_ERRORS);
    setServerError(null);
    setStatus(null);
    setConfirmRemove(null);
    setRemoveError(null);
  }

  function change(form: DeviceProfileForm) {
    setEditing((e) => (e ? { ...e, form } : e));
    setFieldErrors(NO_ERRORS);
    setServerError(null);
  }

  async function save() {
    if (!editing || busy) return;
    // a copy must not land on an existing profile; a saved one keeps its name
    const result = fromProfileForm(editing.form, editing.original === null ? names : builtIns);
    if (!result.ok) {
      setFieldErrors(result.errors);
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      const saved = await playbackProfilesApi.save(result.name, result.body);
      setEditing(null);
      setExpanded(saved.name);
      setStatus(`Saved “${saved.label}” (${saved.name}).`);
      await reload();
    } catch (err) {
      const message = errorText(err);
      setServerError({ message, fields: serverErrorFields(message) });
    } finally {
      setBusy(false);
    }
  }

  async function remove(name: string) {
    setBusy(true);
    setRemoveError(null);
    try {
      await playbackProfilesApi.remove(name);
      setConfirmRemove(null);
      if (editing?.original === name) setEditing(null);
      if (expanded === name) setExpanded(null);
      setStatus(`Removed “${name}”.`);
      await reload();
    } catch (err) {
      setRemoveError(`Couldn't remove “${name}”: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  const shownErrors = fieldErrors.length > 0 ? fieldErrors.map((f) => f.message) : serverError ? [serverError.message] : [];
  const invalid = fieldErrors.length > 0 ? errorFields(fieldErrors) : (serverError?.fields ?? NO_FIELDS);

  return (
    <section className="panel ts pp" aria-labelledby="playback-settings-title" data-testid="playback-settings">
      <h2 id="playback-settings-title" className="section-title">
        Playback
      </h2>
      <p className="muted">
        A device profile says what a kind of player plays as it is. For each file Racoon then plays it directly, repackages it
        (remux) or converts it (transcode), and says why.
      </p>
      <fieldset className="ts-section">
        <legend className="ts-legend">Device profiles</legend>
        <p className="muted small ts-hint">
          The built-in profiles can't be changed: copy one to start a profile of your own from it.
        </p>
        {loadError && (
          <p className="error-text small" data-testid="pp-load-error">
            Couldn't load the device profiles: {loadError}
          </p>
        )}
        {!profiles && !loadError && <p className="muted small">Loading…</p>}
        {profiles && (
          <DeviceProfileList
            profiles={profiles}
            expanded={expanded}
            editing={editing?.original ?? null}
            confirmRemove={confirmRemove}
            busy={busy}
            onExpand={setExpanded}
            onCopy={(p) =>
              open({ original: null, form: toProfileForm(p, copyProfileName(p.name, names), copyProfileLabel(p.label)) })
            }
            onEdit={(p) => open({ original: p.name, form: toProfileForm(p) })}
            onAskRemove={(name) => {
              setConfirmRemove(name);
              setRemoveError(null);
            }}
            onRemove={(name) => void remove(name)}
          />
        )}
        {removeError && (
          <p className="error-text small" role="alert" data-testid="pp-remove-error">
            {removeError}
          </p>
        )}
        {status && !editing && (
          <p className="success-text small" role="status" data-testid="pp-status">
            {status}
          </p>
        )}
        {editing && (
          <DeviceProfileEditor
            original={editing.original}
            form={editing.form}
            invalid={invalid}
            errors={shownErrors}
            busy={busy}
            onChange={change}
            onSave={() => void save()}
            onCancel={() => setEditing(null)}
          />
        )}
      </fieldset>
    </section>
  );
}
