// Settings → Playback: the device profiles that decide how a file reaches each kind of player — played as it is
// (direct play), repackaged (remux) or converted (transcode). Built-ins are read-only: copy one to make your own.
import { useState } from 'react';
import type { DeviceProfile } from '../../../../app/api/api-types';
import { playbackProfilesApi } from '../../api/playback-profiles';
import {
  copyProfileLabel,
  copyProfileName,
  errorFields,
  fromProfileForm,
  serverErrorFields,
  toProfileForm,
  type DeviceProfileForm,
} from '../../device-profile-form';
import { ListNotes } from '../settings-kit/ListNotes';
import { problemsOf, serverProblems, useSavedList } from '../settings-kit/useSavedList';
import { DeviceProfileEditor } from './DeviceProfileEditor';
import { DeviceProfileList } from './DeviceProfileList';

export function PlaybackSettingsPanel() {
  const [expanded, setExpanded] = useState<string | null>(null);
  const list = useSavedList<DeviceProfile, DeviceProfileForm>({
    load: playbackProfilesApi.list,
    remove: playbackProfilesApi.remove,
    onRemoved: (name) => setExpanded((open) => (open === name ? null : open)),
  });
  const { items: profiles, loadError, editing } = list;

  const all = profiles ?? [];
  const names = all.map((p) => p.name);
  const builtIns = all.filter((p) => p.builtin).map((p) => p.name);

  function save() {
    if (!editing) return;
    // a copy must not land on an existing profile; a saved one keeps its name
    const result = fromProfileForm(editing.form, editing.original === null ? names : builtIns);
    void list.save(
      result.ok
        ? {
            write: async () => {
              const saved = await playbackProfilesApi.save(result.name, result.body);
              setExpanded(saved.name);
              return `Saved “${saved.label}” (${saved.name}).`;
            },
            failed: serverProblems(serverErrorFields),
          }
        : { problems: problemsOf(result.errors, errorFields(result.errors)) },
    );
  }

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
            confirmRemove={list.confirmRemove}
            busy={list.busy}
            onExpand={setExpanded}
            onCopy={(p) =>
              list.open({ original: null, form: toProfileForm(p, copyProfileName(p.name, names), copyProfileLabel(p.label)) })
            }
            onEdit={(p) => list.open({ original: p.name, form: toProfileForm(p) })}
            onAskRemove={list.askRemove}
            onRemove={(name) => void list.remove(name)}
          />
        )}
        <ListNotes
          removeError={list.removeError}
          removeErrorTestId="pp-remove-error"
          status={list.status}
          statusTestId="pp-status"
          editing={editing !== null}
        />
        {editing && (
          <DeviceProfileEditor
            original={editing.original}
            form={editing.form}
            invalid={list.problems.fields}
            errors={list.problems.messages}
            busy={list.busy}
            onChange={list.change}
            onSave={save}
            onCancel={list.close}
          />
        )}
      </fieldset>
    </section>
  );
}
