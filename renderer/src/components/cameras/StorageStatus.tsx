import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CameraStorageStatus } from '../../../../app/api/api-types';
import { isApiError } from '../../api/client';
import { camerasApi } from '../../api/cameras';
import { storageView } from '../../camera-format';

const REFRESH_MS = 60_000;

/** Space used by recordings, what is free, the quota, and a warning when low or full (GET /cameras/storage). */
export function StorageStatus() {
  const [storage, setStorage] = useState<CameraStorageStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stop = false;
    const load = () =>
      camerasApi.storage().then(
        (s) => !stop && (setStorage(s), setError(null)),
        (e: unknown) => !stop && setError(isApiError(e, 404) ? null : 'Couldn’t read the recordings storage.'),
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, []);

  if (error) return <p className="small error-text">{error}</p>;
  if (!storage) return null;
  const view = storageView(storage);
  return (
    <section className={`cam-storage tone-${view.tone}`} data-testid="cameras-storage" aria-label="Recordings storage">
      <div className="cam-storage-line">
        <span className="cam-storage-title">Recordings</span>
        <span className="small">{view.text}</span>
        <span className="small muted path" title={storage.recordingsDir}>
          {storage.recordingsDir}
        </span>
      </div>
      {view.quotaShare !== null && (
        <div className="progress" aria-hidden="true">
          <div className="progress-fill" style={{ width: `${Math.round(view.quotaShare * 100)}%` }} />
        </div>
      )}
      {view.warning && (
        <p className="small cam-storage-warning" role="status">
          {view.warning} <Link to="/settings/cameras">Retention settings</Link>
        </p>
      )}
    </section>
  );
}
