import { formatDateTime } from '../format';
import { useEngine } from '../store/engine';
import { ScanStatus, scanSummary } from './ScanStatus';

/** "Scan now" with live progress, and the outcome of the last scan. */
export function ScanPanel({ hasRoots }: { hasRoots: boolean }) {
  const scan = useEngine((s) => s.status?.scan ?? null);
  const paused = useEngine((s) => s.status?.paused ?? false);
  const busy = useEngine((s) => s.scanBusy);
  const error = useEngine((s) => s.scanError);
  const startScan = useEngine((s) => s.startScan);
  const running = scan !== null && scan.state !== 'idle';

  return (
    <div className="scan-panel">
      <div className="scan-panel-head">
        <button
          type="button"
          className="btn primary"
          data-testid="scan-now"
          disabled={busy || running || !hasRoots}
          title={hasRoots ? 'Look for new, changed and removed files in every media folder' : 'Add a media folder first'}
          onClick={() => void startScan()}
        >
          {running ? 'Scanning…' : busy ? 'Starting…' : 'Scan now'}
        </button>
        {paused && <span className="muted small">Background work is paused; a scan waits until you resume.</span>}
      </div>
      {error && <p className="error-text small">{error}</p>}
      {running && scan && <ScanStatus scan={scan} testId="settings-scan-progress" detailed />}
      {!running && scan?.finishedAt && (
        <p className="muted small" data-testid="last-scan">
          Last scan finished {formatDateTime(scan.finishedAt)}: {scanSummary(scan)}.
        </p>
      )}
      {scan && scan.errors.length > 0 && (
        <details className="scan-errors">
          <summary className="error-text small">
            {scan.errors.length === 1 ? '1 problem' : `${scan.errors.length} problems`} during the scan
          </summary>
          <ul>
            {scan.errors.map((err, i) => (
              <li key={i} className="mono small">
                {err}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
