import type { ReleaseRow } from '../../../../app/api/api-types';
import { releaseSizeLabel, seasonSpanLabel, seedersLabel, voiceLabel } from '../../discovery-format';
import { GrabButton } from './GrabButton';
import type { Grabber } from './useGrab';

/** The engine's pick, why it beats the runner-up, and "Download best". */
export function BestRelease({ row, why, grabber }: { row: ReleaseRow; why: string; grabber: Grabber }) {
  const span = seasonSpanLabel(row.seasons, row.episodes);
  const facts = [
    span,
    row.quality,
    row.source,
    row.codec,
    releaseSizeLabel(row.size),
    row.seeders === null ? null : `${seedersLabel(row.seeders)} seeders`,
    row.voice.length ? voiceLabel(row.voice) : null,
  ].filter((x): x is string => !!x && x !== '—');
  return (
    <section className="disc-best" data-testid="best-release" data-release-id={row.id} aria-label="Best release">
      <div className="disc-best-text">
        <div className="disc-best-label">Best release · score {Math.round(row.score * 10) / 10}</div>
        <div className="disc-best-title mono path">{row.title}</div>
        {facts.length > 0 && <div className="muted small">{facts.join(' · ')}</div>}
        <p className="disc-best-why" data-testid="best-why">
          {why}
        </p>
      </div>
      <GrabButton row={row} grabber={grabber} testId="download-best" label="Download best" primary />
    </section>
  );
}
