// The media server itself: on or off, the name TVs show, the port and the interfaces. One Save: the server restarts at
// once with what was saved, and the status box below shows where it runs now (or why not).
import { useEffect, useState, type FormEvent } from 'react';
import type { DlnaSettings, DlnaSettingsAnswer } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { dlnaApi } from '../../api/dlna';
import { dlnaPatch, interfaceChoices, sameDlnaForm, serverErrorFields, toDlnaForm, type DlnaForm } from '../../dlna-format';
import { SwitchField, TextField } from '../settings-kit/FormFields';
import { InterfaceChecks } from './InterfaceChecks';

export function DlnaServerForm(props: { answer: DlnaSettingsAnswer; onSaved: (answer: DlnaSettingsAnswer) => void }) {
  const { settings, available } = props.answer;
  const [form, setForm] = useState<DlnaForm>(() => toDlnaForm(settings));
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [bad, setBad] = useState<ReadonlySet<string>>(new Set());
  const [justSaved, setJustSaved] = useState(false);

  // saved settings that changed (here, or elsewhere and reloaded) are the new starting point; a status refresh with the
  // same settings keeps what is being typed
  const savedKey = JSON.stringify(settings);
  useEffect(() => setForm(toDlnaForm(JSON.parse(savedKey) as DlnaSettings)), [savedKey]);

  const dirty = !sameDlnaForm(form, toDlnaForm(settings));
  // a saved interface that is gone stays listed after it is unticked, until the change is saved
  const choices = interfaceChoices(available, [...settings.interfaces, ...form.interfaces]);

  function change(patch: Partial<DlnaForm>) {
    setForm((f) => ({ ...f, ...patch }));
    setJustSaved(false);
    setErrors([]);
    setBad(new Set());
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (busy || !dirty) return;
    const result = dlnaPatch(form, settings);
    if (!result.ok) {
      setErrors(result.errors.map((x) => x.message));
      setBad(new Set(result.errors.map((x) => x.field)));
      return;
    }
    setBusy(true);
    try {
      const answer = await dlnaApi.saveSettings(result.patch);
      props.onSaved(answer);
      setJustSaved(true);
    } catch (err) {
      const message = errorText(err);
      setErrors([message]);
      setBad(serverErrorFields(message));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="dlna-server" onSubmit={(e) => void save(e)} noValidate aria-label="Media server settings">
      <SwitchField
        className="dlna-enabled"
        testId="dlna-enabled"
        label="Share the library with TVs (DLNA / UPnP)"
        hint="Smart TVs, consoles, VLC and Kodi on your network find the server by themselves and browse Movies, Series and folders."
        checked={form.enabled}
        onChange={(enabled) => change({ enabled })}
      />
      <div className="dlna-grid">
        <TextField
          label="Name TVs show"
          testId="dlna-name"
          value={form.friendlyName}
          onChange={(friendlyName) => change({ friendlyName })}
          invalid={bad.has('friendlyName') || undefined}
          placeholder="Racoon on my-server"
        />
        <TextField
          label="Port"
          testId="dlna-port"
          value={form.port}
          onChange={(port) => change({ port })}
          invalid={bad.has('port') || undefined}
          inputMode="numeric"
          placeholder="8200"
          hint="HTTP port for TVs; 0 = a free one. Taken = a free one is used instead."
        />
      </div>
      <InterfaceChecks
        choices={choices}
        ticked={form.interfaces}
        invalid={bad.has('interfaces')}
        onChange={(interfaces) => change({ interfaces })}
      />
      <div className="ds-foot dlna-foot">
        <button type="submit" className="btn primary" data-testid="dlna-save" disabled={busy || !dirty}>
          {busy ? 'Restarting…' : 'Save'}
        </button>
        {dirty && !busy && (
          <button type="button" className="btn ghost" data-testid="dlna-discard" onClick={() => change(toDlnaForm(settings))}>
            Discard changes
          </button>
        )}
        {errors.length > 0 && (
          <div className="error-text small" role="alert" data-testid="dlna-save-error">
            {errors.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </div>
        )}
        {justSaved && errors.length === 0 && (
          <span className="success-text small" role="status" data-testid="dlna-saved">
            Saved; the server restarted with it.
          </span>
        )}
        {dirty && !busy && errors.length === 0 && (
          <span className="muted small">Unsaved changes: saving restarts the server.</span>
        )}
      </div>
    </form>
  );
}
