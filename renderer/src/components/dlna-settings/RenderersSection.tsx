// Settings → DLNA → Renderers: the rules in the order they are tried, and the form to add, copy or edit one of your own.
import type { DeviceProfile, DlnaRenderer } from '../../../../app/api/api-types';
import { dlnaApi } from '../../api/dlna';
import { emptyRendererForm, fromRendererForm, serverErrorFields, toRendererForm, type RendererForm } from '../../dlna-format';
import { ListNotes } from '../settings-kit/ListNotes';
import { problemsOf, serverProblems, useSavedList } from '../settings-kit/useSavedList';
import { RendererEditor } from './RendererEditor';
import { RendererList } from './RendererList';

export function RenderersSection(props: { profiles: DeviceProfile[] | null; profilesError: string | null }) {
  const list = useSavedList<DlnaRenderer, RendererForm>({ load: dlnaApi.renderers, remove: dlnaApi.removeRenderer });
  const { items: rules, editing, busy } = list;

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

  function save() {
    if (!editing) return;
    const result = fromRendererForm(editing.form, editing.original === null ? allNames : builtinNames, profileNames);
    void list.save(
      result.ok
        ? {
            write: async () => {
              const saved = await dlnaApi.saveRenderer(result.name, result.body);
              return `Saved “${saved.quirks.label}” (${saved.quirks.name}); it applies to the next request a renderer makes.`;
            },
            failed: serverProblems(serverErrorFields),
          }
        : { problems: problemsOf(result.errors, new Set(result.errors.map((e) => e.field))) },
    );
  }

  const actions = {
    busy,
    editing: editing?.original ?? null,
    confirmRemove: list.confirmRemove,
    onCopy: (rule: DlnaRenderer) => list.open({ original: null, form: toRendererForm(rule, { taken: allNames }) }),
    onEdit: (rule: DlnaRenderer) => list.open({ original: rule.quirks.name, form: toRendererForm(rule) }),
    onAskRemove: list.askRemove,
    onRemove: (name: string) => void list.remove(name),
  };

  return (
    <>
      <p className="muted small ts-hint">
        Racoon tells renderers apart by what they send, then plays to each by its device profile. Your own are tried first, then
        the built-ins in this order; copy a built-in to give that TV another profile.
      </p>
      {list.loadError && <p className="error-text small">Couldn't load the renderers: {list.loadError}</p>}
      {props.profilesError && <p className="error-text small">Couldn't load the device profiles: {props.profilesError}</p>}
      {!rules && !list.loadError && <p className="muted small">Loading…</p>}
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
          <ListNotes
            removeError={list.removeError}
            status={list.status}
            statusTestId="dlna-renderer-done"
            editing={editing !== null}
          />
          {editing ? (
            <RendererEditor
              original={editing.original}
              form={editing.form}
              invalid={list.problems.fields}
              errors={list.problems.messages}
              busy={busy}
              profiles={profileOptions}
              onChange={list.change}
              onSave={save}
              onCancel={list.close}
            />
          ) : (
            <button
              type="button"
              className="btn"
              data-testid="dlna-renderer-add"
              disabled={busy}
              onClick={() => list.open({ original: null, form: emptyRendererForm() })}
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
