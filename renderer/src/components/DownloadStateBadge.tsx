import type { DownloadSummary } from '../../../app/api/api-types';
import { showsReason, stateLabel } from '../downloads-format';

/** The coloured state badge; stalled and failed downloads say why right next to it. */
export function DownloadStateBadge({ download, withReason }: { download: DownloadSummary; withReason?: boolean }) {
  const { state, reason } = download;
  return (
    <span className="dl-state">
      <span
        className={`badge dl-badge state-${state}`}
        data-testid="download-state"
        data-state={state}
        title={reason ?? undefined}
      >
        {stateLabel(state)}
      </span>
      {withReason && showsReason(download) && (
        <span className={`dl-reason ${state === 'failed' ? 'error-text' : 'warn-text'}`} title={reason ?? undefined}>
          {reason}
        </span>
      )}
    </span>
  );
}
