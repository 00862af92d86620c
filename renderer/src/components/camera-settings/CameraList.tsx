// The cameras as Settings lists them: name, stream address (never with credentials: the engine strips them), mode and
// what it does now, status with its reason. Edit opens the form; Remove asks once more, and whether the recordings go too.
import type { CameraInfo } from '../../api/camera-settings';
import { cameraStatus, modeLine } from '../../camera-format';
import { scheduleSummary } from '../../camera-schedule-form';
import { ConfirmRemove } from '../settings-kit/RuleRowActions';
import { SavedRow } from '../settings-kit/SavedRow';

export function CameraList(props: {
  cameras: CameraInfo[];
  now: number;
  editing: number | null;
  busy: boolean;
  confirmRemove: number | null;
  deleteRecordings: boolean;
  onEdit: (camera: CameraInfo) => void;
  onAskRemove: (id: number | null) => void;
  onDeleteRecordings: (on: boolean) => void;
  onRemove: (camera: CameraInfo) => void;
}) {
  return (
    <ul className="rp-list cs-list" data-testid="camera-list">
      {props.cameras.map((camera) => (
        <CameraRow key={camera.id} camera={camera} {...props} />
      ))}
    </ul>
  );
}

function CameraRow(props: Parameters<typeof CameraList>[0] & { camera: CameraInfo }) {
  const { camera } = props;
  const status = cameraStatus(camera, props.now);
  const mode = modeLine(camera);
  const confirming = props.confirmRemove === camera.id;
  const remove = (
    <ConfirmRemove
      testIdPrefix="camera"
      name={camera.name}
      busy={props.busy}
      confirming={confirming}
      onAskRemove={(name) => props.onAskRemove(name === null ? null : camera.id)}
      onRemove={() => props.onRemove(camera)}
      keepLabel="Keep"
    />
  );
  return (
    <SavedRow
      className="cs-row"
      testId="camera-row"
      data={{ 'data-id': camera.id }}
      editing={props.editing === camera.id}
      name={
        <>
          <strong data-testid="camera-row-name">{camera.name}</strong>
          <span className={`badge tone-${status.tone}`} data-testid="camera-row-status">
            {status.label}
          </span>
          {camera.hasCredentials && (
            <span className="badge" title="A user name and password are kept in the secret store">
              password saved
            </span>
          )}
        </>
      }
      actions={
        <div className="rp-row-actions">
          {!confirming ? (
            <>
              <button
                type="button"
                className="btn ghost"
                data-testid="camera-edit"
                disabled={props.busy}
                aria-pressed={props.editing === camera.id}
                onClick={() => props.onEdit(camera)}
              >
                Edit
              </button>
              {remove}
            </>
          ) : (
            <div className="cs-remove-confirm" role="group" aria-label={`Remove ${camera.name}`}>
              <label className="cs-check small">
                <input
                  type="checkbox"
                  data-testid="camera-remove-recordings"
                  checked={props.deleteRecordings}
                  onChange={(e) => props.onDeleteRecordings(e.target.checked)}
                />
                Also delete its recordings
              </label>
              {remove}
            </div>
          )}
        </div>
      }
    >
      <span className="mono small cs-url" data-testid="camera-row-url">
        {camera.url}
        {camera.subUrl && <span className="muted"> · sub {camera.subUrl}</span>}
      </span>
      <span className="small" data-testid="camera-row-mode">
        {mode.text}
        {mode.reason && <span className="muted"> — {mode.reason}</span>}
      </span>
      {camera.mode === 'schedule' && camera.schedule && (
        <span className="muted small" data-testid="camera-row-schedule">
          {scheduleSummary(camera.schedule)}
        </span>
      )}
      {status.detail && <span className={`small cs-text-${status.tone}`}>{status.detail}</span>}
    </SavedRow>
  );
}
