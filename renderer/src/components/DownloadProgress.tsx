import type { DownloadSummary } from '../../../app/api/api-types';
import { formatPercent, progressPercent } from '../downloads-format';
import { ProgressBar } from './ProgressBar';

/** Bar coloured by state + percent. aria-valuenow is rounded down: 100 only when done. */
export function DownloadProgress({ download }: { download: Pick<DownloadSummary, 'progress' | 'state' | 'name'> }) {
  const pct = progressPercent(download.progress);
  return (
    <div className="dl-progress">
      <ProgressBar
        value={pct / 100}
        label={`${download.name}: ${pct}%`}
        className={`dl-bar state-${download.state}`}
        testId="download-progress"
      />
      <span className="dl-percent">{formatPercent(download.progress)}</span>
    </div>
  );
}
