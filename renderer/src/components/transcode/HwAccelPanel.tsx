import { useEffect, useState } from 'react';
import type { HwAccelPreference, TranscodeSettings } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { useTranscodes } from '../../store/transcode';
import { ENCODER_LABELS } from '../../transcode-format';

const PREFERENCES: Array<{ value: HwAccelPreference; label: string }> = [
  { value: 'auto', label: 'Auto (the best that works)' },
  { value: 'off', label: 'Off (always the CPU)' },
  { value: 'vaapi', label: ENCODER_LABELS.vaapi },
  { value: 'nvenc', label: ENCODER_LABELS.nvenc },
  { value: 'qsv', label: ENCODER_LABELS.qsv },
  { value: 'videotoolbox', label: ENCODER_LABELS.videotoolbox },
];

/** What each H.264 encoder's test encode found; administrators also choose the encoder and the worker count. */
export function HwAccelPanel({ isAdmin }: { isAdmin: boolean }) {
  const report = useTranscodes((s) => s.hwaccel);
  const reportError = useTranscodes((s) => s.hwaccelError);
  const loadHwaccel = useTranscodes((s) => s.loadHwaccel);
  const [probing, setProbing] = useState(false);

  useEffect(() => {
    void loadHwaccel();
  }, [loadHwaccel]);

  async function probeAgain() {
    setProbing(true);
    await loadHwaccel(true);
    setProbing(false);
  }

  return (
    <section className="panel tj-hw" data-testid="hwaccel-panel">
      <div className="tj-hw-head">
        <h2 className="section-title">Hardware acceleration</h2>
        {isAdmin && (
          <button type="button" className="btn ghost" disabled={probing} onClick={() => void probeAgain()}>
            {probing ? 'Testing…' : 'Test again'}
          </button>
        )}
      </div>
      <p className="muted small">
        Each encoder is tried with a short real encode when the engine starts. The choice below serves jobs and playback alike; a
        job or a stream whose hardware encode fails goes on on the CPU.
      </p>
      {reportError && <p className="error-text small">Couldn't load the report: {reportError}</p>}
      {!report && !reportError && <p className="muted small">Testing the encoders…</p>}
      {report && (
        <ul className="tj-hw-list">
          {report.encoders.map((e) => (
            <li key={e.kind} data-testid={`hwaccel-${e.kind}`} data-available={e.available}>
              <span className={`badge ${e.available ? 'status-ok' : 'status-missing'}`}>{e.available ? 'works' : 'no'}</span>
              <span className="tj-hw-name">{ENCODER_LABELS[e.kind]}</span>
              <code className="small tj-hw-encoder">{e.encoder}</code>
              <span className="muted small tj-hw-reason">{e.reason ?? (e.device ? `on ${e.device}` : '')}</span>
            </li>
          ))}
        </ul>
      )}
      {report && (
        <p className="small">
          Best here: <strong data-testid="hwaccel-best">{ENCODER_LABELS[report.best]}</strong>
          <span className="muted"> · tested {new Date(report.probedAt).toLocaleString()}</span>
        </p>
      )}
      {isAdmin && <TranscodeSettingsForm />}
    </section>
  );
}

function TranscodeSettingsForm() {
  const loadSettings = useTranscodes((s) => s.loadSettings);
  const saveSettings = useTranscodes((s) => s.saveSettings);
  const [saved, setSaved] = useState<TranscodeSettings | null>(null);
  const [draft, setDraft] = useState<TranscodeSettings | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadSettings().then(
      (s) => {
        setSaved(s);
        setDraft(s);
      },
      (e: unknown) => setMessage({ ok: false, text: `Couldn't load the settings: ${errorText(e)}` }),
    );
  }, [loadSettings]);

  if (!draft || !saved) return message ? <p className="error-text small">{message.text}</p> : null;
  const changed = draft.workers !== saved.workers || draft.hwaccel !== saved.hwaccel;

  async function save() {
    if (!draft) return;
    setBusy(true);
    try {
      const next = await saveSettings(draft);
      setSaved(next);
      setDraft(next);
      setMessage({ ok: true, text: 'Saved' });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="tj-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span>Video encoder</span>
        <select
          className="input"
          value={draft.hwaccel}
          data-testid="transcode-hwaccel"
          onChange={(e) => setDraft({ ...draft, hwaccel: e.target.value as HwAccelPreference })}
        >
          {PREFERENCES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Jobs at once</span>
        <input
          className="input"
          type="number"
          min={1}
          max={8}
          step={1}
          value={draft.workers}
          data-testid="transcode-workers"
          onChange={(e) => setDraft({ ...draft, workers: Number(e.target.value) })}
        />
      </label>
      <div className="tj-settings-actions">
        <button type="submit" className="btn primary" disabled={busy || !changed}>
          Save
        </button>
        {message && <span className={`small ${message.ok ? 'success-text' : 'error-text'}`}>{message.text}</span>}
      </div>
    </form>
  );
}
