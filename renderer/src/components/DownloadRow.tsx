import { memo, type MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { DownloadSummary } from '../../../app/api/api-types';
import { formatEta, formatRatio, formatSpeed, sizeProgress } from '../downloads-format';
import { DownloadActions } from './DownloadActions';
import { DownloadProgress } from './DownloadProgress';
import { DownloadStateBadge } from './DownloadStateBadge';

/** Clicks on these open nothing: they do their own thing. */
const INTERACTIVE = 'a, button, input, label, select, dialog, [role="menu"]';

/** One download: a table row on wide screens, a card on narrow ones (same markup, see .dl-list in styles.css). */
export const DownloadRow = memo(function DownloadRow({ download: d }: { download: DownloadSummary }) {
  const navigate = useNavigate();

  function open(e: MouseEvent<HTMLDivElement>) {
    if ((e.target as HTMLElement).closest(INTERACTIVE)) return;
    if (window.getSelection()?.toString()) return; // selecting text to copy is not a click
    navigate(`/downloads/${d.id}`);
  }

  return (
    <div
      role="row"
      className={`dl-row state-${d.state}`}
      data-testid="download-row"
      data-download-id={d.id}
      data-state={d.state}
      onClick={open}
    >
      <div role="cell" className="dl-c dl-c-name">
        <Link to={`/downloads/${d.id}`} className="dl-name" title={d.name} data-testid="download-name">
          {d.name}
        </Link>
      </div>
      <div role="cell" className="dl-c dl-c-state">
        <DownloadStateBadge download={d} withReason />
      </div>
      <div role="cell" className="dl-c dl-c-progress">
        <DownloadProgress download={d} />
      </div>
      <div role="cell" className="dl-c dl-c-size num">
        <span className="dl-label">Size </span>
        {sizeProgress(d)}
      </div>
      <div role="cell" className="dl-c dl-c-speed num">
        <span className={`dl-speed ${d.downloadSpeed > 0 ? '' : 'idle'}`} title="Download speed">
          ↓ {formatSpeed(d.downloadSpeed)}
        </span>
        <span className={`dl-speed ${d.uploadSpeed > 0 ? '' : 'idle'}`} title="Upload speed">
          ↑ {formatSpeed(d.uploadSpeed)}
        </span>
      </div>
      <div role="cell" className="dl-c dl-c-peers num" title="Connected peers">
        <span className="dl-label">Peers </span>
        {d.peers}
      </div>
      <div role="cell" className="dl-c dl-c-eta num" title="Time left">
        <span className="dl-label">ETA </span>
        {formatEta(d.eta, d.state)}
      </div>
      <div role="cell" className="dl-c dl-c-ratio num" title="Share ratio (uploaded / downloaded)">
        <span className="dl-label">Ratio </span>
        {formatRatio(d.ratio)}
      </div>
      <div role="cell" className="dl-c dl-c-actions">
        <DownloadActions download={d} compact />
      </div>
    </div>
  );
});
