import type { ReleaseRow } from '../../../../app/api/api-types';
import { formatPoints, peersTitle } from '../../discovery-format';
import { formatDateTime } from '../../format';

/** The expanded row: why it was rejected, how the score adds up, what could not be checked, and the raw facts. */
export function ReleaseDetails({ row }: { row: ReleaseRow }) {
  return (
    <div className="disc-details" data-testid="release-details">
      {row.rejections.length > 0 && (
        <div className="disc-details-block">
          <h3 className="disc-details-h">Why it was rejected</h3>
          <ul className="disc-rejections" data-testid="release-rejections">
            {row.rejections.map((r) => (
              <li key={r.code + r.message} data-code={r.code}>
                {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="disc-details-block">
        <h3 className="disc-details-h">Score {Math.round(row.score * 10) / 10}</h3>
        {row.breakdown.length === 0 ? (
          <p className="muted small">No score factors.</p>
        ) : (
          <table className="disc-breakdown" data-testid="release-breakdown">
            <tbody>
              {row.breakdown.map((f, i) => (
                <tr key={`${f.factor}-${i}`}>
                  <td className={`num disc-points ${f.points > 0 ? 'pos' : f.points < 0 ? 'neg' : ''}`}>
                    {formatPoints(f.points)}
                  </td>
                  <td className="disc-factor">{f.factor}</td>
                  <td className="muted">{f.value}</td>
                  <td>{f.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {row.notes.length > 0 && (
        <div className="disc-details-block">
          <h3 className="disc-details-h">Not checked</h3>
          <ul className="disc-notes muted small">
            {row.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      <dl className="kv small disc-details-facts">
        <dt>Release</dt>
        <dd className="mono path">{row.title}</dd>
        <dt>Peers</dt>
        <dd>{peersTitle(row.seeders, row.leechers)}</dd>
        <dt>Published</dt>
        <dd>{formatDateTime(row.publishDate)}</dd>
        <dt>Indexers</dt>
        <dd>{row.indexers.join(', ') || '—'}</dd>
        {row.infoHash && (
          <>
            <dt>Info hash</dt>
            <dd className="mono path">{row.infoHash}</dd>
          </>
        )}
        {row.infoUrl && (
          <>
            <dt>Tracker page</dt>
            <dd className="path">
              <a href={row.infoUrl} target="_blank" rel="noreferrer noopener">
                {row.infoUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
