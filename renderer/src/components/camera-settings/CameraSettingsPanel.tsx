// Settings → Cameras: the cameras (add by RTSP URL or find by ONVIF, edit, test, remove), their modes, schedules,
// motion detection and retention; then what holds for all of them: away mode, the recordings' disk, global retention.
import { useEffect, useState } from 'react';
import type { CameraRetentionSettings } from '../../api/camera-settings';
import { emptyCameraForm, toCameraForm } from '../../camera-form';
import { ListNotes } from '../settings-kit/ListNotes';
import { CameraEditor } from './CameraEditor';
import { CameraGlobalSettings } from './CameraGlobalSettings';
import { CameraList } from './CameraList';
import { OnvifFinder } from './OnvifFinder';
import { useCameraEditor } from './useCameraEditor';
import './camera-settings.css';

export function CameraSettingsPanel() {
  const state = useCameraEditor();
  const { cameras, editing, busy } = state;
  const [finding, setFinding] = useState(false);
  const [retention, setRetention] = useState<CameraRetentionSettings | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // the retry countdowns in the list tick
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  return (
    <section
      className="panel ts cs-settings"
      id="camera-settings"
      aria-labelledby="camera-settings-title"
      data-testid="camera-settings"
    >
      <h2 id="camera-settings-title" className="section-title">
        Cameras
      </h2>
      <p className="muted">
        IP cameras recorded by the engine (stream copy, no re-encoding): all the time, around motion, or by a weekly schedule.
        User names and passwords go to the secret store and are never shown again.
      </p>
      <fieldset className="ts-section">
        <legend className="ts-legend">Your cameras</legend>
        {state.loadError && <p className="error-text small">Couldn't load the cameras: {state.loadError}</p>}
        {!cameras && !state.loadError && <p className="muted small">Loading…</p>}
        {cameras && cameras.length === 0 && !editing && (
          <p className="muted small" data-testid="camera-none">
            No cameras yet: add one by its RTSP URL, or find ONVIF cameras on your network.
          </p>
        )}
        {cameras && cameras.length > 0 && (
          <CameraList
            cameras={cameras}
            now={now}
            editing={editing?.saved?.id ?? null}
            busy={busy}
            confirmRemove={state.confirmRemove}
            deleteRecordings={state.deleteRecordings}
            onEdit={(camera) => state.open({ saved: camera, form: toCameraForm(camera) })}
            onAskRemove={state.askRemove}
            onDeleteRecordings={state.setDeleteRecordings}
            onRemove={(camera) => void state.remove(camera.id)}
          />
        )}
        <ListNotes removeError={state.removeError} status={state.status} statusTestId="camera-done" editing={editing !== null} />
        {editing ? (
          <CameraEditor
            saved={editing.saved}
            form={editing.form}
            errors={state.errors}
            busy={busy}
            globalDays={retention}
            onChange={state.change}
            onSave={() => void state.save()}
            onCancel={state.close}
          />
        ) : (
          <div className="cs-add">
            <button
              type="button"
              className="btn primary"
              data-testid="camera-add"
              disabled={busy}
              onClick={() => {
                setFinding(false);
                state.open({ saved: null, form: emptyCameraForm() });
              }}
            >
              Add a camera
            </button>
            <button
              type="button"
              className="btn"
              data-testid="camera-find"
              aria-expanded={finding}
              onClick={() => setFinding((f) => !f)}
            >
              Find cameras on the network
            </button>
          </div>
        )}
        {finding && !editing && (
          <OnvifFinder
            onClose={() => setFinding(false)}
            onUse={(form) => {
              setFinding(false);
              state.open({ saved: null, form });
            }}
          />
        )}
      </fieldset>
      <fieldset className="ts-section">
        <legend className="ts-legend">All cameras</legend>
        <CameraGlobalSettings onRetention={setRetention} />
      </fieldset>
    </section>
  );
}
