// Settings → DLNA → Renderers: the rules in the order they are tried, and the form to add, copy or edit one of your own.
import { useEffect, useState } from 'react';
import type { DeviceProfile, DlnaRenderer } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { dlnaApi } from '../../api/dlna';
import { emptyRendererForm, fromRendererForm, serverErrorFields, toRendererForm, type RendererForm } from '../../dlna-format';
import { RendererEditor } from './RendererEditor';
import { RendererList } from './RendererList';

interface Editing {
  /** null: a new renderer (or a copy); else the saved one's name */
  original: string | null;
  form: RendererForm;
}

export function RenderersSection(props: { profiles: DeviceProfile[] | null; profilesError: string | null }) {
  const [rules, setRules] = useState<DlnaRenderer[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function reload() {
    try {
      setRules(await dlnaApi.renderers());
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }

  useEffect(() => {
    void reload();
  }, []);

  const all = rules ?? [];
  const own = all.filter((r) => !r.builtin);
  const builtins = all.filter((r) => r.builtin);
  const builtinNames = builtins.map((r) => r.quirks.name);
  const allNames = all.map((r) => r.quirks.name);
  const profileNames = (props.profiles ?? []).map((p) => p.name);

  // a rule's profile that is gone still shows, so the select never silently picks another
  const profileOptions = [
    ...(props.profiles ?? []).map((p) => ({ value: p.name, label: `${p.label} · ${p.name}` })),
    ...(editing && !profileNames.includes(editing.form.deviceProfile)
      ? [{ value: editing.form.deviceProfile, label: `${editing.form.deviceProfile} (no such device profile)` }]
      : []),
  ];

  function open(next: Editing) {
    setEditing(next);
    setErrors([]);
    setInvalid(new Set());
    setDone(null);
    setConfirmRemove(null);
    setRemoveError(null);
  }

  async function save() {
    if (!editing || busy) return;
    const result = fromRendererForm(editing.form, editing.original === null ? allNames : builtinNames, profileNames);
    if (!result.ok) {
      setErrors(result.errors.map((e) => e.message));
      setInvalid(new Set(result.errors.map((e) => e.field)));
      return;
    }
    setBusy(true);
    try {
      const saved = await dlnaApi.saveRenderer(result.name, result.body);
      setEditing(null);
      setDone(`Saved “${saved.quirks.label}” (${saved.quirks.name}); it applies to the next request a renderer makes.`);
      await reload();
    } catch (err) {
      const message = errorText(err);
      setErrors([message]);
      setInvalid(serverErrorFields(message));
    } finally {
      setBusy(false);
    }
  }

  async function remove(name: string) {
    setBusy(true);
    setRemoveError(null);
    try {
      await dlnaApi.removeRenderer(name);
      setConfirmRemove(null);
      if (editing?.original === name) setEditing(null);
      setDone(`Removed “${name}”.`);
      await reload();
    } catch (err) {
      setRemoveError(`Couldn't remove “${name}”: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  const actions = {
    busy,
    editing: editing?.original ?? null,
    confirmRemove,
    onCopy: (rule: DlnaRenderer) => open({ original: null, form: toRendererForm(rule, { taken: allNames }) }),
    onEdit: (rule: DlnaRenderer) => open({ original: rule.quirks.name, form: toRendererForm(rule) }),
    onAskRemove: (name: string | null) => {
      setConfirmRemove(name);
      setRemoveError(null);
    },
    onRemove: (name: string) => void remove(name),
  };

  return (
    <>
      <p className="muted small ts-hint">
        Racoon tells renderers apart by what they send, then plays to each by its device profile. Your own are tried first, then
        the built-ins in this order; copy a built-in to give that TV another profile.
      </p>
      {loadError && <p className="error-text small">Couldn't load the renderers: {loadError}</p>}
      {props.profilesError && <p className="error-text small">Couldn't load the device profiles: {props.profilesError}</p>}
      {!rules && !loadError && <p className="muted small">Loading…</p>}
      {rules && (
        <>
          <h3 className="ds-sub">Yours</h3>
          {own.length === 0 ? (
            <p className="muted small dlna-none" data-testid="dlna-renderers-none">
              None yet: add one for a TV the built-ins don't recognise.
            </p>
          ) : (
            <RendererList rules={own} profiles={props.profiles} {...actions} />
          )}
          {removeError && (
            <p className="error-text small" role="alert">
              {removeError}
            </p>
          )}
          {done && !editing && (
            <p className="success-text small" role="status" data-testid="dlna-renderer-done">
              {done}
            </p>
          )}
          {editing ? (
            <RendererEditor
              original={editing.original}
              form={editing.form}
              invalid={invalid}
              errors={errors}
              busy={busy}
              profiles={profileOptions}
              onChange={(form) => {
                setEditing((e) => (e ? { ...e, form } : e));
                setErrors([]);
                setInvalid(new Set());
              }}
              onSave={() => void save()}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <button
              type="button"
              className="btn"
              data-testid="dlna-renderer-add"
              disabled={busy}
              onClick={() => open({ original: null, form: emptyRendererForm() })}
            >
              Add a renderer
            </button>
          )}
          <h3 className="ds-sub dlna-builtin-title">Built-in</h3>
          <RendererList rules={builtins} profiles={props.profiles} {...actions} />
        </>
      )}
    </>
  );
}
