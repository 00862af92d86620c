import { Link } from 'react-router-dom';
import { EmptyState } from '../components/EmptyState';
import { AwaySwitch } from '../components/cameras/AwaySwitch';
import { CameraTile } from '../components/cameras/CameraTile';
import { StorageStatus } from '../components/cameras/StorageStatus';
import { useCameraList } from '../components/cameras/useCameraList';
import { useNow } from '../components/cameras/useInView';
import { plural } from '../format';
import '../components/cameras/cameras.css';

/** Every camera as a live tile, the away switch and the recordings storage. */
export function CamerasPage() {
  const { cameras, error, activity } = useCameraList();
  const now = useNow(1000);
  const online = cameras?.filter((c) => c.status === 'online').length ?? 0;

  return (
    <>
      <div className="page-head">
        <div className="cam-head-title">
          <h1 className="page-title">Cameras</h1>
          {cameras && cameras.length > 0 && (
            <span className="muted small" data-testid="cameras-summary">
              {plural(cameras.length, 'camera')} · {online} online
            </span>
          )}
        </div>
        <div className="cam-head-actions">
          <AwaySwitch now={now} />
          <Link to="/settings/cameras" className="btn ghost" data-testid="cameras-manage">
            ⚙ Manage cameras
          </Link>
        </div>
      </div>
      <StorageStatus />
      {error && (
        <p className="error-text">
          {cameras ? "Couldn't refresh the cameras" : "Couldn't load the cameras"}: {error}
        </p>
      )}
      {cameras === null && !error && <p className="muted">Loading cameras…</p>}
      {cameras && cameras.length === 0 && (
        <EmptyState title="No cameras yet" icon="◉" testId="cameras-empty">
          <p>
            Add an IP camera by its RTSP address, or find the ONVIF cameras on your network, in{' '}
            <Link to="/settings/cameras">Settings → Cameras</Link>.
          </p>
          <p className="muted">
            Racoon records them continuously or on motion, shows them live here, and keeps a timeline you can replay and export
            clips from.
          </p>
        </EmptyState>
      )}
      {cameras && cameras.length > 0 && (
        <div className="cam-grid" data-testid="cameras-grid">
          {cameras.map((c) => (
            <CameraTile key={c.id} camera={c} activity={activity[c.id]} now={now} />
          ))}
        </div>
      )}
    </>
  );
}
