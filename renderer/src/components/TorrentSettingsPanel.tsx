// Settings → Downloads (BitTorrent): connection switches and port, the queue, seeding limits, speed limits with the
// alternative ("turtle") pair and its weekly schedule. One Save for the whole panel; the server has the last word (400).
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { TorrentSettings } from '../../../app/api/api-types';
import { api, errorText } from '../api/client';
import {
  endsNextDay,
  fromForm,
  newRule,
  restartNote,
  sameForm,
  toForm,
  toggleDay,
  WEEKDAYS,
  type AltMode,
  type FormRule,
  type NumberField,
  type RestartKey,
  type SeedAction,
  type TorrentForm,
} from '../torrent-settings-form';

export function TorrentSettingsPanel() {
  const [saved, setSaved] = useState<TorrentSettings | null>(null);
  const [form, setForm] = useState<TorrentForm | null>(null);
  const [restart, setRestart] = useState<RestartKey[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [badFields, setBadFields] = useState<ReadonlySet<NumberField>>(new Set());
  const [justSaved, setJustSaved] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .torrentSettings()
      .then((res) => {
        if (!live) return;
        setSaved(res.settings);
        setForm(toForm(res.settings));
        setRestart(res.restartNeeded);
      })
      .catch((e: unknown) => live && setLoadError(errorText(e)));
    return () => {
      live = false;
    };
  }, []);

  const dirty = !!form && !!saved && !sameForm(form, toForm(saved));

  function change(patch: Partial<TorrentForm>) {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setJustSaved(false);
    if (Object.keys(patch).some((k) => badFields.has(k as NumberField))) {
      setBadFields((s) => new Set([...s].filter((k) => !(k in patch))));
    }
  }

  function changeRule(index: number, patch: Partial<FormRule>) {
    if (!form) return;
    change({ schedule: form.schedule.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  }

  function discard() {
    if (!saved) return;
    setForm(toForm(saved));
    setErrors([]);
    setBadFields(new Set());
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form || busy || !dirty) return;
    const result = fromForm(form);
    if (!result.ok) {
      setErrors(result.errors.map((x) => x.message));
      setBadFields(new Set(result.errors.map((x) => x.field)));
      setJustSaved(false);
      return;
    }
    setBusy(true);
    setErrors([]);
    setBadFields(new Set());
    try {
      const res = await api.saveTorrentSettings(result.settings);
      setSaved(res.settings);
      setForm(toForm(res.settings));
      setRestart(res.restartNeeded);
      setJustSaved(true);
    } catch (err) {
      setErrors([errorText(err)]);
      setJustSaved(false);
    } finally {
      setBusy(false);
    }
  }

  const note = restartNote(restart);

  return (
    <section className="panel ts" aria-labelledby="torrent-settings-title" data-testid="torrent-settings">
      <h2 id="torrent-settings-title" className="section-title">
        Downloads (BitTorrent)
      </h2>
      {loadError && <p className="error-text">Couldn't load download settings: {loadError}</p>}
      {!form && !loadError && <p className="muted">Loading…</p>}
      {note && (
        <p className="notice ts-restart" role="status" data-testid="torrent-restart-note">
          {note}
        </p>
      )}
      {form && (
        <form onSubmit={(e) => void save(e)} noValidate>
          <Section title="Connection" hint="Connection changes apply after Racoon restarts.">
            <div className="ts-switches">
              <Switch
                testId="torrent-dht"
                label="DHT"
                hint="Find peers without a tracker"
                checked={form.dht}
                onChange={(dht) => change({ dht })}
              />
              <Switch
                testId="torrent-lsd"
                label="Local peer discovery"
                hint="Find peers on your local network"
                checked={form.lsd}
                onChange={(lsd) => change({ lsd })}
              />
              <Switch
                testId="torrent-utp"
                label="uTP"
                hint="Peer connections over µTP as well as TCP"
                checked={form.utp}
                onChange={(utp) => change({ utp })}
              />
            </div>
            <div className="ts-grid">
              <NumberInput
                field="port"
                label="Listening port"
                testId="torrent-port"
                placeholder="automatic"
                hint="Empty or 0: a free port chosen at start"
                form={form}
                bad={badFields}
                onChange={change}
              />
            </div>
          </Section>

          <Section title="Queue">
            <div className="ts-grid">
              <NumberInput
                field="maxActiveDownloads"
                label="Max active downloads"
                testId="torrent-max-active"
                placeholder="no limit"
                hint="More wait in the queue"
                form={form}
                bad={badFields}
                onChange={change}
              />
              <NumberInput
                field="stallAfterMin"
                label="Stalled after"
                unit="min"
                testId="torrent-stall-after"
                placeholder="never"
                hint="Without any progress"
                form={form}
                bad={badFields}
                onChange={change}
              />
              <NumberInput
                field="failAfterMin"
                label="Failed after"
                unit="more min"
                testId="torrent-fail-after"
                placeholder="never"
                hint="Still stalled this much longer"
                form={form}
                bad={badFields}
                onChange={change}
              />
            </div>
            <p className="muted small ts-explain">
              A failed download's release is blocklisted, so Racoon never picks it again and looks for another one. Empty: never
              marked stalled or failed.
            </p>
          </Section>

          <Section title="Seeding" hint="Stop or remove a finished download once it reaches either limit.">
            <div className="ts-grid">
              <NumberInput
                field="ratioLimit"
                label="Ratio limit"
                testId="torrent-ratio"
                placeholder="no limit"
                hint="Uploaded ÷ downloaded, e.g. 2"
                form={form}
                bad={badFields}
                onChange={change}
              />
              <NumberInput
                field="seedingTimeLimitMin"
                label="Seeding time limit"
                unit="min"
                testId="torrent-seed-time"
                placeholder="no limit"
                form={form}
                bad={badFields}
                onChange={change}
              />
              <label className="field">
                <span>Then</span>
                <select
                  className="input"
                  data-testid="torrent-seed-action"
                  value={form.seedAction}
                  onChange={(e) => change({ seedAction: e.target.value as SeedAction })}
                >
                  <option value="stop">Stop seeding</option>
                  <option value="remove">Remove the torrent</option>
                </select>
              </label>
            </div>
          </Section>

          <Section title="Speed limits" hint="In KiB/s; empty or 0 = unlimited. Changes apply at once.">
            <div className="ts-speed" role="group" aria-label="Speed limits">
              <span />
              <span className="ts-col muted small">Download</span>
              <span className="ts-col muted small">Upload</span>
              <span className="ts-row-label">Normal</span>
              <RateInput
                field="globalDown"
                label="Download limit"
                testId="torrent-global-down"
                form={form}
                bad={badFields}
                onChange={change}
              />
              <RateInput
                field="globalUp"
                label="Upload limit"
                testId="torrent-global-up"
                form={form}
                bad={badFields}
                onChange={change}
              />
              <span className="ts-row-label" title="The “turtle” limits, e.g. for evenings when the family streams">
                Alternative
              </span>
              <RateInput
                field="altDown"
                label="Alternative download limit"
                testId="torrent-alt-down"
                form={form}
                bad={badFields}
                onChange={change}
              />
              <RateInput
                field="altUp"
                label="Alternative upload limit"
                testId="torrent-alt-up"
                form={form}
                bad={badFields}
                onChange={change}
              />
            </div>
            <label className="field ts-mode">
              <span>Use the alternative limits</span>
              <select
                className="input"
                data-testid="torrent-alt-mode"
                value={form.altMode}
                onChange={(e) => change({ altMode: e.target.value as AltMode })}
              >
                <option value="off">Off</option>
                <option value="on">Always</option>
                <option value="scheduled">By schedule</option>
              </select>
            </label>
            <Schedule form={form} onChangeRule={changeRule} onChange={change} />
          </Section>

          <div className="ts-foot">
            <button type="submit" className="btn primary" data-testid="torrent-save" disabled={busy || !dirty}>
              {busy ? 'Saving…' : 'Save'}
            </button>
            {dirty && !busy && (
              <button type="button" className="btn ghost" data-testid="torrent-discard" onClick={discard}>
                Discard changes
              </button>
            )}
            <div className="ts-foot-msg">
              {errors.length > 0 && (
                <div className="error-text" role="alert" data-testid="torrent-error">
                  {errors.map((m) => (
                    <div key={m}>{m}</div>
                  ))}
                </div>
              )}
              {justSaved && errors.length === 0 && (
                <div role="status" data-testid="torrent-saved">
                  <span className="success-text">Saved.</span>{' '}
                  <span className="muted small">
                    Queue, seeding and speed limits apply at once; DHT, local peer discovery, uTP and the port after a restart.
                  </span>
                </div>
              )}
              {!justSaved && errors.length === 0 && dirty && <span className="muted small ts-unsaved">Unsaved changes</span>}
            </div>
          </div>
        </form>
      )}
    </section>
  );
}

function Section(props: { title: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className="ts-section">
      <legend className="ts-legend">{props.title}</legend>
      {props.hint && <p className="muted small ts-hint">{props.hint}</p>}
      {props.children}
    </fieldset>
  );
}

function Switch(props: { testId: string; label: string; hint: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="ts-switch">
      <input
        type="checkbox"
        role="switch"
        className="switch"
        data-testid={props.testId}
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <span className="ts-switch-text">
        <span>{props.label}</span>
        <span className="muted small">{props.hint}</span>
      </span>
    </label>
  );
}

interface FieldProps {
  field: NumberField;
  testId: string;
  form: TorrentForm;
  bad: ReadonlySet<NumberField>;
  onChange: (patch: Partial<TorrentForm>) => void;
}

function NumberInput(props: FieldProps & { label: string; placeholder: string; unit?: string; hint?: string }) {
  const { field, form } = props;
  return (
    <label className="field">
      <span>{props.label}</span>
      <span className="ts-input-unit">
        <input
          className="input"
          type="text"
          inputMode={field === 'ratioLimit' ? 'decimal' : 'numeric'}
          autoComplete="off"
          data-testid={props.testId}
          placeholder={props.placeholder}
          aria-invalid={props.bad.has(field) || undefined}
          value={form[field]}
          onChange={(e) => props.onChange({ [field]: e.target.value })}
        />
        {props.unit && <span className="ts-unit muted small">{props.unit}</span>}
      </span>
      {props.hint && <span className="ts-field-hint muted small">{props.hint}</span>}
    </label>
  );
}

function RateInput(props: FieldProps & { label: string }) {
  const { field, form } = props;
  return (
    <span className="ts-input-unit">
      <input
        className="input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        aria-label={`${props.label} (KiB/s)`}
        data-testid={props.testId}
        placeholder="unlimited"
        aria-invalid={props.bad.has(field) || undefined}
        value={form[field]}
        onChange={(e) => props.onChange({ [field]: e.target.value })}
      />
      <span className="ts-unit muted small">KiB/s</span>
    </span>
  );
}

function Schedule(props: {
  form: TorrentForm;
  onChangeRule: (index: number, patch: Partial<FormRule>) => void;
  onChange: (patch: Partial<TorrentForm>) => void;
}) {
  const { form } = props;
  const used = form.altMode === 'scheduled';
  return (
    <div className={`ts-schedule${used ? '' : ' unused'}`}>
      <div className="ts-schedule-head">
        <span className="ts-subtitle">Schedule</span>
        <span className="muted small">
          {used
            ? 'The alternative limits apply during these times (your local time). 24:00 = end of the day.'
            : 'Only used when the alternative limits are set to “By schedule”.'}
        </span>
      </div>
      {form.schedule.length === 0 && (
        <p className="muted small ts-empty">No rules{used ? ': the alternative limits never switch on.' : '.'}</p>
      )}
      {form.schedule.length > 0 && (
        <ul className="ts-rules">
          {form.schedule.map((rule, i) => (
            <RuleRow
              // rules have no id; the index is their identity while editing
              key={i}
              index={i}
              rule={rule}
              onChange={(patch) => props.onChangeRule(i, patch)}
              onRemove={() => props.onChange({ schedule: form.schedule.filter((_, j) => j !== i) })}
            />
          ))}
        </ul>
      )}
      <button
        type="button"
        className="btn"
        data-testid="torrent-add-rule"
        onClick={() => props.onChange({ schedule: [...form.schedule, newRule()] })}
      >
        + Add rule
      </button>
    </div>
  );
}

function RuleRow(props: { index: number; rule: FormRule; onChange: (patch: Partial<FormRule>) => void; onRemove: () => void }) {
  const { rule, index } = props;
  const n = index + 1;
  return (
    <li className="ts-rule" data-testid="torrent-schedule-rule">
      <div className="ts-days" role="group" aria-label={`Rule ${n} weekdays`}>
        {WEEKDAYS.map((d) => {
          const on = rule.days.includes(d.day);
          return (
            <button
              key={d.day}
              type="button"
              className={`chip${on ? ' on' : ''}`}
              aria-pressed={on}
              title={d.long}
              data-day={d.day}
              onClick={() => props.onChange({ days: toggleDay(rule.days, d.day) })}
            >
              {d.short}
            </button>
          );
        })}
      </div>
      <div className="ts-times">
        <input
          className="input ts-time mono"
          type="text"
          inputMode="numeric"
          placeholder="HH:MM"
          maxLength={5}
          aria-label={`Rule ${n} from`}
          data-testid="torrent-rule-from"
          value={rule.from}
          onChange={(e) => props.onChange({ from: e.target.value })}
        />
        <span className="muted">–</span>
        <input
          className="input ts-time mono"
          type="text"
          inputMode="numeric"
          placeholder="HH:MM"
          maxLength={5}
          aria-label={`Rule ${n} to`}
          data-testid="torrent-rule-to"
          value={rule.to}
          onChange={(e) => props.onChange({ to: e.target.value })}
        />
        {endsNextDay(rule.from, rule.to) && (
          <span className="muted small" data-testid="torrent-rule-next-day">
            (ends next day)
          </span>
        )}
      </div>
      <button
        type="button"
        className="btn ghost ts-remove"
        aria-label={`Remove rule ${n}`}
        title="Remove this rule"
        onClick={props.onRemove}
      >
        Remove
      </button>
    </li>
  );
}
