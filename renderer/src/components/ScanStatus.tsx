import type { ScanProgress } from '../../../app/api/api-types';
import { plural } from '../format';
import { ProgressBar } from './ProgressBar';

/** Fraction of roots done, or null while the first root is still being walked. */
export function scanFraction(scan: ScanProgress): number | null {
  if (scan.rootsTotal <= 0 || scan.rootsDone <= 0) return null;
  return scan.rootsDone / scan.rootsTotal;
}

export function scanSummary(scan: ScanProgress): string {
  const counts = `${plural(scan.filesSeen, 'file')} seen · ${scan.filesAdded.toLocaleString('en-US')} added · ${scan.filesRemoved.toLocaleString('en-US')} removed`;
  return scan.filesUpdated ? `${counts} · ${scan.filesUpdated.toLocaleString('en-US')} updated` : counts;
}

interface Props {
  scan: ScanProgress;
  testId?: string;
  /** show the folder being walked */
  detailed?: boolean;
}

/** Progress of a running (or paused) scan: bar + counts. */
export function ScanStatus({ scan, testId, detailed }: Props) {
  const title = scan.state === 'paused' ? 'Scan paused' : 'Scanning library…';
  return (
    <div className={`scan-status ${scan.state}`} data-testid={testId} aria-live="polite">
      <div className="scan-status-head">
        <strong>{title}</strong>
        {scan.rootsTotal > 0 && (
          <span className="muted">
            {' '}
            folder {Math.min(scan.rootsDone + 1, scan.rootsTotal)} of {scan.rootsTotal}
          </span>
        )}
      </div>
      <ProgressBar value={scanFraction(scan)} label={title} />
      <div className="scan-status-counts">{scanSummary(scan)}</div>
      {detailed && scan.currentPath && (
        <div className="scan-status-path mono" title={scan.currentPath}>
          {scan.currentPath}
        </div>
      )}
    </div>
  );
}
