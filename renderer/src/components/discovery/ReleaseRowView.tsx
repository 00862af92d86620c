import { useId, useState } from 'react';
import type { ReleaseRow } from '../../../../app/api/api-types';
import {
  breakdownText,
  peersTitle,
  rejectionSummary,
  rejectionTooltip,
  releaseSizeLabel,
  seasonSpanLabel,
  seedersLabel,
  voiceLabel,
} from '../../discovery-format';
import { GrabButton } from './GrabButton';
import { ReleaseDetails } from './ReleaseDetails';
import type { Grabber } from './useGrab';

export const RELEASE_COLUMNS = 10;

/**
 * One release: a rejected one is greyed, its reasons in the hover text and under its title; the toggle (or the score)
 * opens the row below with the reasons and the score breakdown, for touch screens too.
 */
export function ReleaseRowView({ row, best, grabber }: { row: ReleaseRow; best: boolean; grabber: Grabber }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const span = seasonSpanLabel(row.seasons, row.episodes);
  const rejected = rejectionSummary(row.rejections);
  const classes = ['disc-row', row.accepted ? 'accepted' : 'rejected', best ? 'best' : '', open ? 'open' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <tr
        className={classes}
        data-testid="release-row"
        data-accepted={String(row.accepted)}
        data-release-id={row.id}
        title={rejectionTooltip(row.rejections) || undefined}
      >
        <td className="disc-c-toggle">
          <button
            type="button"
            className="btn ghost icon-btn disc-toggle"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={open ? 'Hide the details' : 'Show the reasons and the score breakdown'}
            data-testid="release-expand"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '▾' : '▸'}
          </button>
        </td>
        <td className="disc-c-title">
          <div className="disc-rel-title">
            {best && <span className="badge disc-best-badge">Best</span>}
            <span className="mono">{row.title}</span>
          </div>
          {(span || rejected) && (
            <div className="disc-rel-sub small">
              {span && <span className="badge">{span}</span>}
              {rejected && (
                <span className="disc-reject-summary" data-testid="release-rejection">
                  ✕ {rejected}
                </span>
              )}
            </div>
          )}
        </td>
        <td data-label="Quality">
          {row.quality ?? '—'}
          {row.codec && <div className="muted small disc-codec">{row.codec}</div>}
        </td>
        <td data-label="Source">{row.source ?? '—'}</td>
        <td className="num disc-nowrap" data-label="Size">
          {releaseSizeLabel(row.size)}
        </td>
        <td className="num" data-label="Seeders" title={peersTitle(row.seeders, row.leechers)}>
          {seedersLabel(row.seeders)}
        </td>
        <td className="small" data-label="Voice">
          {voiceLabel(row.voice)}
        </td>
        <td className="small disc-c-indexers" data-label="Indexers">
          {row.indexers.join(', ') || '—'}
        </td>
        <td className="num" data-label="Score">
          <button
            type="button"
            className="link-btn disc-score"
            title={breakdownText(row)}
            aria-label={`Score ${row.score}: show the breakdown`}
            data-testid="release-score"
            onClick={() => setOpen((o) => !o)}
          >
            {Math.round(row.score * 10) / 10}
          </button>
        </td>
        <td className="disc-c-action">
          <GrabButton row={row} grabber={grabber} testId="release-download" />
        </td>
      </tr>
      {open && (
        <tr className={`disc-details-row ${row.accepted ? 'accepted' : 'rejected'}`} id={detailsId}>
          <td colSpan={RELEASE_COLUMNS}>
            <ReleaseDetails row={row} />
          </td>
        </tr>
      )}
    </>
  );
}
