// What holds for every camera: the away switch (arms event notifications whatever the schedules say), the recordings'
// disk (used, free, quota, and whether it runs low), and the global retention (days, quota, free space to keep).
import { useEffect, useState } from 'react';
import type { CameraAwayState, CameraStorageStatus } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { cameraSettingsApi, type CameraRetentionSettings } from '../../api/camera-settings';
import { storageView } from '../../camera-format';
import type { CameraFieldError } from '../../camera-form';
import {
  RETENTION_FIELDS,
  retentionForm,
  retentionFromForm,
  retentionServerErrors,
  type RetentionForm,
} from '../../camera-form-retention';
import { formatDateTime } from '../../format';
import { SwitchField } from '../settings-kit/FormFields';
import { CheckedTextField, FieldProblems } from './FieldProblems';

export function CameraGlobalSettings(props: { onRetention: (s: CameraRetentionSettings) => void }) {
  const [away, setAway] = useState<CameraAwayState | null>(null);
  const [storage, setStorage] = useState<CameraStorageStatus | null>(null);
  const [saved, setSaved] = useState<CameraRetentionSettings | null>(null);
  const [form, setForm] = useState<RetentionForm | null>(null);
  const [errors, setErrors] = useState<CameraFieldError[]>([]);
  const [problems, setProblems] = useState<{ away?: string; storage?: string; retention?: string }>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const fail = (key: 'away' | 'storage' | 'retention') => (e: unknown) =>
      live && setProblems((p) => ({ ...p, [key]: errorText(e) }));
    cameraSettingsApi.away().then((a) => live && setAway(a), fail('away'));
    cameraSettingsApi.storage().then((s) => live && setStorage(s), fail('storage'));
    cameraSettingsApi.retention().then((r) => {
      if (!live) return;
      setSaved(r);
      setForm(retentionForm(r));
      props.onRetention(r);
    }, fail('retention'));
    return () => {
      live = false;
    };
  }, []);

  async function switchAway(on: boolean) {
    const before = away;
    setProblems((p) => ({ ...p, away: undefined }));
    // the switch moves at once; the engine's answer (with its "since") replaces it, a failure puts it back
    setAway({ away: on, since: on ? new Date().toISOString() : null });
    try {
      setAway(await cameraSettingsApi.setAway(on));
    } catch (e) {
      setAway(before);
      setProblems((p) => ({ ...p, away: errorText(e) }));
    }
  }

  async function save() {
    if (!form || busy) return;
    const result = retentionFromForm(form);
    if (!result.ok) return setErrors(result.errors);
    setBusy(true);
    setErrors([]);
    setStatus(null);
    try {
      const next = await cameraSettingsApi.saveRetention(result.body);
      setSaved(next);
      setForm(retentionForm(next));
      props.onRetention(next);
      setStatus('Saved; a retention pass ran with the new limits.');
      setStorage(await cameraSettingsApi.storage().catch(() => storage));
    } catch (e) {
      setErrors(retentionServerErrors(errorText(e)));
    } finally {
      setBusy(false);
    }
  }

  const view = storage && storageView(storage);
  const changed = form && saved && JSON.stringify(form) !== JSON.stringify(retentionForm(saved));
  return (
    <>
      {away ? (
        <SwitchField
          testId="camera-away"
          label="Away mode"
          hint={
            away.away
              ? `On since ${formatDateTime(away.since)}: every camera's events notify, whatever its schedule`
              : 'Arms event notifications for every camera, whatever its schedule'
          }
          checked={away.away}
          onChange={(on) => void switchAway(on)}
        />
      ) : (
        !problems.away && <p className="muted small">Loading…</p>
      )}
      {problems.away && <p className="error-text small">Away mode: {problems.away}</p>}

      <div className="cs-storage" data-testid="camera-storage">
        <span className="ts-subtitle">Recordings disk</span>
        {problems.storage && <p className="error-text small">Couldn't read the disk: {problems.storage}</p>}
        {storage && view && (
          <>
            <span className="mono small">{storage.recordingsDir}</span>
            <span className={`small cs-text-${view.tone}`}>{view.text}</span>
            {view.quotaShare !== null && (
              <span className="cs-meter" aria-label={`${Math.round(view.quotaShare * 100)} % of the quota`}>
                <span className={`cs-meter-fill cs-fill-${view.tone}`} style={{ width: `${view.quotaShare * 100}%` }} />
              </span>
            )}
            {view.warning && (
              <span className={`small cs-text-${view.tone}`} role="alert">
                {view.warning}
              </span>
            )}
          </>
        )}
      </div>

      {problems.retention && <p className="error-text small">Couldn't load retention: {problems.retention}</p>}
      {form && (
        <form
          className="cs-retention"
          data-testid="camera-retention-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <span className="ts-subtitle">Keep footage (all cameras)</span>
          <div className="pp-pair">
            {RETENTION_FIELDS.map((f) => (
              <CheckedTextField
                key={f.key}
                errors={errors}
                field={f.key}
                label={f.label}
                testId={`camera-retention-${f.key}`}
                value={form[f.key]}
                onChange={(v) => {
                  setForm({ ...form, [f.key]: v });
                  setErrors([]);
                  setStatus(null);
                }}
                inputMode="decimal"
                unit={f.unit}
                placeholder="no limit"
                hint={f.hint}
              />
            ))}
          </div>
          <FieldProblems errors={errors} field="" />
          <div className="ds-foot">
            <button type="submit" className="btn primary" data-testid="camera-retention-save" disabled={busy || !changed}>
              {busy ? 'Saving…' : 'Save retention'}
            </button>
            {status && (
              <span className="success-text small" role="status">
                {status}
              </span>
            )}
          </div>
        </form>
      )}
    </>
  );
}
