// Settings → Metadata & indexers → Release profiles: the built-ins (read-only, "Copy" opens the editor on a copy) and the
// user's own (Edit, Remove). Saving or removing one reloads the discovery settings, whose `profiles` feed the selects.
import { useEffect, useState, type FormEvent } from 'react';
import type { ReleaseProfileInfo } from '../../../../app/api/api-types';
import { api, errorText } from '../../api/client';
import {
  copyName,
  emptyProfileForm,
  errorFields,
  fromProfileForm,
  toProfileForm,
  type ProfileFieldError,
  type ProfileForm,
} from '../../release-profile-form';
import { useDiscovery } from '../../store/discovery';
import { ProfileFields } from './ProfileFields';

interface Editing {
  /** null: a new profile (New or Copy); else the saved profile's name */
  original: string | null;
  form: ProfileForm;
}

const NO_ERRORS: ProfileFieldError[] = [];

export function ProfileEditor() {
  const defaultProfile = useDiscovery((s) => s.settings?.profile ?? null);
  const [profiles, setProfiles] = useState<ReleaseProfileInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [fieldErrors, setFieldErrors] = useState<ProfileFieldError[]>(NO_ERRORS);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function reload() {
    try {
      setProfiles(await api.releaseProfiles());
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }

  useEffect(() => {
    void reload();
  }, []);

  const names = (profiles ?? []).map((p) => p.name);
  const builtIns = (profiles ?? []).filter((p) => p.builtIn).map((p) => p.name);

  function open(next: Editing) {
    setEditing(next);
    setFieldErrors(NO_ERRORS);
    setServerError(null);
    setStatus(null);
    setConfirmRemove(null);
  }

  function change(form: ProfileForm) {
    setEditing((e) => (e ? { ...e, form } : e));
    setFieldErrors(NO_ERRORS);
    setServerError(null);
  }

  async function afterChange() {
    await Promise.all([reload(), useDiscovery.getState().loadSettings()]);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!editing || busy) return;
    // a new profile must not land on an existing one; a saved one keeps its name
    const taken = editing.original === null ? names : builtIns;
    const result = fromProfileForm(editing.form, taken);
    if (!result.ok) {
      setFieldErrors(result.errors);
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      const info = await api.saveReleaseProfile(result.name, result.body);
      setEditing(null);
      setStatus(`Saved “${info.name}”.`);
      await afterChange();
    } catch (err) {
      setServerError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(name: string) {
    setBusy(true);
    setRemoveError(null);
    try {
      await api.removeReleaseProfile(name);
      setConfirmRemove(null);
      if (editing?.original === name) setEditing(null);
      setStatus(`Removed “${name}”.`);
      await afterChange();
    } catch (err) {
      setRemoveError(`Couldn't remove “${name}”: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  const shownErrors = fieldErrors.length > 0 ? fieldErrors.map((f) => f.message) : serverError ? [serverError] : [];

  return (
    <div className="rp" data-testid="profile-editor">
      <p className="muted small ts-hint">
        A profile decides which releases are allowed and how they are ranked. The built-in ones can't be changed: copy one to
        start from it.
      </p>
      {loadError && <p className="error-text small">Couldn't load the profiles: {loadError}</p>}
      {!profiles && !loadError && <p className="muted small">Loading…</p>}
      {profiles && (
        <ul className="rp-list" data-testid="profile-list">
          {profiles.map((p) => (
            <li key={p.name} className="rp-row" data-testid="profile-row" data-name={p.name}>
              <div className="rp-row-main">
                <div className="rp-row-name">
                  <strong>{p.name}</strong>
                  {p.builtIn && <span className="badge">built-in</span>}
                  {p.name === defaultProfile && <span className="badge info">default</span>}
                </div>
                <div className="muted small">
                  {p.profile.qualities.join(' · ')} · cutoff {p.profile.cutoff} · {p.profile.preset} · min {p.profile.minSeeders}{' '}
                  seeders
                </div>
              </div>
              <div className="rp-row-actions">
                <button
                  type="button"
                  className="btn ghost"
                  data-testid="profile-copy"
                  disabled={busy}
                  onClick={() => open({ original: null, form: toProfileForm(p.profile, copyName(p.name, names)) })}
                >
                  Copy
                </button>
                {!p.builtIn && (
                  <>
                    <button
                      type="button"
                      className="btn ghost"
                      data-testid="profile-edit"
                      disabled={busy}
                      aria-expanded={editing?.original === p.name}
                      onClick={() => open({ original: p.name, form: toProfileForm(p.profile) })}
                    >
                      Edit
                    </button>
                    {confirmRemove === p.name ? (
                      <>
                        <button
                          type="button"
                          className="btn danger"
                          data-testid="profile-remove-confirm"
                          disabled={busy}
                          onClick={() => void remove(p.name)}
                        >
                          {busy ? 'Removing…' : `Remove “${p.name}”`}
                        </button>
                        <button type="button" className="btn ghost" disabled={busy} onClick={() => setConfirmRemove(null)}>
                          Cancel
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        className="btn ghost danger-ghost"
                        data-testid="profile-remove"
                        disabled={busy}
                        onClick={() => {
                          setConfirmRemove(p.name);
                          setRemoveError(null);
                        }}
                      >
                        Remove
                      </button>
                    )}
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {removeError && (
        <p className="error-text small" role="alert" data-testid="profile-remove-error">
          {removeError}
        </p>
      )}
      {!editing && (
        <div className="ds-foot">
          <button
            type="button"
            className="btn"
            data-testid="profile-new"
            disabled={busy || !profiles}
            onClick={() => open({ original: null, form: emptyProfileForm() })}
          >
            New profile
          </button>
          {status && (
            <span className="success-text" role="status" data-testid="profile-status">
              {status}
            </span>
          )}
        </div>
      )}
      {editing && (
        <form
          className="rp-form"
          onSubmit={(e) => void save(e)}
          noValidate
          aria-label={editing.original ? `Edit profile ${editing.original}` : 'New profile'}
          data-testid="profile-form"
        >
          <h3 className="ds-sub">{editing.original ? `Edit “${editing.original}”` : 'New profile'}</h3>
          <ProfileFields
            form={editing.form}
            invalid={errorFields(fieldErrors)}
            nameLocked={editing.original !== null}
            onChange={change}
          />
          {shownErrors.length > 0 && (
            <div className="error-text small" role="alert" data-testid="profile-error">
              {shownErrors.length === 1 ? (
                shownErrors[0]
              ) : (
                <ul className="rp-errors">
                  {shownErrors.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="ds-foot">
            <button type="submit" className="btn primary" data-testid="profile-save" disabled={busy}>
              {busy ? 'Saving…' : 'Save profile'}
            </button>
            <button
              type="button"
              className="btn ghost"
              data-testid="profile-cancel"
              disabled={busy}
              onClick={() => setEditing(null)}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
