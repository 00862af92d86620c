import type { ReleaseRow } from '../../../../app/api/api-types';
import { splitReleases } from '../../discovery-format';
import { plural } from '../../format';
import { RELEASE_COLUMNS, ReleaseRowView } from './ReleaseRowView';
import type { Grabber } from './useGrab';

/** Accepted releases first (best first), then the rejected ones under their own heading. */
export function ReleasesTable({ rows, bestId, grabber }: { rows: ReleaseRow[]; bestId: string | null; grabber: Grabber }) {
  const { accepted, rejected } = splitReleases(rows);
  return (
    <div className="disc-table-wrap">
      <table className="disc-table" data-testid="releases-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
            <th scope="col">Title</th>
            <th scope="col">Quality</th>
            <th scope="col">Source</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" className="num">
              Seeders
            </th>
            <th scope="col">Voice</th>
            <th scope="col" className="disc-c-indexers">
              Indexers
            </th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">
              <span className="visually-hidden">Download</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accepted.map((r) => (
            <ReleaseRowView key={r.id} row={r} best={r.id === bestId} grabber={grabber} />
          ))}
          {rejected.length > 0 && (
            <tr className="disc-group" data-testid="releases-rejected-head">
              <th scope="rowgroup" colSpan={RELEASE_COLUMNS}>
                Rejected: {plural(rejected.length, 'release')} that don't fit the profile. Hover a row or open it (▸) for the
                reasons.
              </th>
            </tr>
          )}
          {rejected.map((r) => (
            <ReleaseRowView key={r.id} row={r} best={false} grabber={grabber} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
