import type { ReleaseSearchResponse } from '../../../../app/api/api-types';
import { seasonName, seasonSpanLabel } from '../../discovery-format';
import { GrabButton } from './GrabButton';
import type { Grabber } from './useGrab';

/** The fewest torrents that cover every season wanted (the engine's plan), each with its reason. */
export function ReleasePlan({ data, grabber }: { data: ReleaseSearchResponse; grabber: Grabber }) {
  const plan = data.plan;
  if (!plan || (plan.picks.length === 0 && plan.uncovered.length === 0)) return null;
  return (
    <section className="disc-plan" data-testid="release-plan" aria-label="Fewest torrents for every season">
      <h3 className="disc-sub">Fewest torrents for every season</h3>
      {plan.picks.length > 0 && (
        <ol className="disc-plan-picks">
          {plan.picks.map((p) => {
            const row = data.releases.find((r) => r.id === p.releaseId);
            return (
              <li key={p.releaseId} data-release-id={p.releaseId}>
                <span className="badge">{seasonSpanLabel(p.seasons, []) ?? '—'}</span>
                <div className="disc-plan-text">
                  <div className="mono path">{row?.title ?? p.releaseId}</div>
                  <div className="muted small">{p.reason}</div>
                </div>
                {row && <GrabButton row={row} grabber={grabber} testId="plan-download" />}
              </li>
            );
          })}
        </ol>
      )}
      {plan.uncovered.length > 0 && (
        <p className="warn-text small" data-testid="plan-uncovered">
          No release found for {plan.uncovered.map(seasonName).join(', ')}.
        </p>
      )}
    </section>
  );
}
