import { useEffect, useState } from 'react';
import { errorText, isApiError, ApiError } from '../../api/client';
import { snapshotUrl } from '../../api/cameras';
import { dateInputValue, clockTime } from '../../camera-format';

/** Takes a picture now (GET /cameras/:id/snapshot) and offers it to save. */
export function SnapshotButton({ cameraId, cameraName }: { cameraId: number; cameraName: string }) {
  const [busy, setBusy] = useState(false);
  const [shot, setShot] = useState<{ url: string; at: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => () => void (shot && URL.revokeObjectURL(shot.url)), [shot]);

  const take = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(snapshotUrl(cameraId, Date.now()), { credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new ApiError(res.status, body?.message ?? `${res.status} ${res.statusText}`);
      }
      setShot({ url: URL.createObjectURL(await res.blob()), at: Date.now() });
    } catch (e) {
      setError(isApiError(e, 0) ? errorText(e) : `No snapshot: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const fileName = shot
    ? `${cameraName.replace(/[^\w-]+/g, '_')}-${dateInputValue(shot.at)}-${clockTime(shot.at).replace(/:/g, '')}.jpg`
    : '';
  return (
    <div className="cam-snapshot">
      <button type="button" className="btn" onClick={() => void take()} disabled={busy} data-testid="camera-snapshot">
        {busy ? 'Taking…' : 'Snapshot'}
      </button>
      {error && <span className="small error-text">{error}</span>}
      {shot && (
        <div className="cam-snapshot-card" data-testid="camera-snapshot-preview">
          <img src={shot.url} alt={`Snapshot of ${cameraName} at ${clockTime(shot.at)}`} />
          <div className="cam-snapshot-actions">
            <a className="btn primary" href={shot.url} download={fileName}>
              Save
            </a>
            <button type="button" className="btn ghost" onClick={() => setShot(null)}>
              Close
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
