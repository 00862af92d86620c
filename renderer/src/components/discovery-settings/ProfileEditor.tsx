// Settings → Metadata & indexers → Release profiles: the built-ins (read-only, "Copy" opens the editor on a copy) and the
// user's own (Edit, Remove). Saving or removing one reloads the discovery settings, whose `profiles` feed the selects.
import type { ReleaseProfileInfo } from '../../../../app/api/api-types';
import { api } from '../../api/client';
import {
  copyName,
  emptyProfileForm,
  errorFields,
  fromProfileForm,
  toProfileForm,
  type ProfileField,
  type ProfileForm,
} from '../../release-profile-form';
import { useDiscovery } from '../../store/discovery';
import { EditorFrame } from '../settings-kit/EditorFrame';
import { RuleRowActions } from '../settings-kit/RuleRowActions';
import { problemsOf, serverProblems, useSavedList, type FormProblems } from '../settings-kit/useSavedList';
import { ProfileFields } from './ProfileFields';

export function ProfileEditor() {
  const defaultProfile = useDiscovery((s) => s.settings?.profile ?? null);
  // the discovery settings list the profiles too (their selects): they reload with every change
  const list = useSavedList<ReleaseProfileInfo, ProfileForm, FormProblems<ProfileField>>({
    load: api.releaseProfiles,
    remove: api.removeReleaseProfile,
    reloadAlso: () => useDiscovery.getState().loadSettings(),
  });
  const { items: profiles, editing, busy } = list;

  const names = (profiles ?? []).map((p) => p.name);
  const builtIns = (profiles ?? []).filter((p) => p.builtIn).map((p) => p.name);

  function save() {
    if (!editing) return;
    // a new profile must not land on an existing one; a saved one keeps its name
    const taken = editing.original === null ? names : builtIns;
    const result = fromProfileForm(editing.form, taken);
    void list.save(
      result.ok
        ? {
            write: async () => {
              const info = await api.saveReleaseProfile(result.name, result.body);
              return `Saved “${info.name}”.`;
            },
            failed: serverProblems(),
          }
        : { problems: problemsOf(result.errors, errorFields(result.errors)) },
    );
  }

  return (
    <div className="rp" data-testid="profile-editor">
      <p className="muted small ts-hint">
        A profile decides which releases are allowed and how they are ranked. The built-in ones can't be changed: copy one to
        start from it.
      </p>
      {list.loadError && <p className="error-text small">Couldn't load the profiles: {list.loadError}</p>}
      {!profiles && !list.loadError && <p className="muted small">Loading…</p>}
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
              <RuleRowActions
                testIdPrefix="profile"
                name={p.name}
                busy={busy}
                copy={{ onCopy: () => list.open({ original: null, form: toProfileForm(p.profile, copyName(p.name, names)) }) }}
                own={!p.builtIn}
                editing={editing?.original === p.name}
                editState="expanded"
                onEdit={() => list.open({ original: p.name, form: toProfileForm(p.profile) })}
                confirming={list.confirmRemove === p.name}
                onAskRemove={list.askRemove}
                onRemove={(name) => void list.remove(name)}
                keepLabel="Cancel"
              />
            </li>
          ))}
        </ul>
      )}
      {list.removeError && (
        <p className="error-text small" role="alert" data-testid="profile-remove-error">
          {list.removeError}
        </p>
      )}
      {!editing && (
        <div className="ds-foot">
          <button
            type="button"
            className="btn"
            data-testid="profile-new"
            disabled={busy || !profiles}
            onClick={() => list.open({ original: null, form: emptyProfileForm() })}
          >
            New profile
          </button>
          {list.status && (
            <span className="success-text" role="status" data-testid="profile-status">
              {list.status}
            </span>
          )}
        </div>
      )}
      {editing && (
        <EditorFrame
          testIdPrefix="profile"
          className="rp-form"
          ariaLabel={editing.original ? `Edit profile ${editing.original}` : 'New profile'}
          title={editing.original ? `Edit “${editing.original}”` : 'New profile'}
          errors={list.problems.messages}
          busy={busy}
          saveLabel="Save profile"
          onSave={save}
          onCancel={list.close}
        >
          <ProfileFields
            form={editing.form}
            invalid={list.problems.fields}
            nameLocked={editing.original !== null}
            onChange={list.change}
          />
        </EditorFrame>
      )}
    </div>
  );
}
