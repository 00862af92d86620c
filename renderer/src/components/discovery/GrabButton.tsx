import { Link } from 'react-router-dom';
import type { ReleaseRow } from '../../../../app/api/api-types';
import type { Grabber } from './useGrab';

/** Download one release; once added, a link to it in Downloads instead. */
export function GrabButton(props: { row: ReleaseRow; grabber: Grabber; testId: string; label?: string; primary?: boolean }) {
  const { row, grabber } = props;
  const downloadId = grabber.added.get(row.id);
  if (downloadId !== undefined) {
    return (
      <Link to={`/downloads/${downloadId}`} className="btn ghost disc-grabbed" data-testid={`${props.testId}-added`}>
        ✓ In Downloads
      </Link>
    );
  }
  const busy = grabber.busyId === row.id;
  const noLink = !row.uri;
  return (
    <button
      type="button"
      className={`btn ${props.primary ? 'primary' : row.accepted ? '' : 'ghost'}`}
      data-testid={props.testId}
      disabled={busy || noLink || grabber.busyId !== null}
      title={
        noLink
          ? 'The indexer gave no magnet or .torrent link for this release'
          : row.accepted
            ? 'Add this release to Downloads'
            : 'Add it anyway, although it does not fit the profile'
      }
      onClick={() => void grabber.grab(row)}
    >
      {busy ? 'Adding…' : (props.label ?? 'Download')}
    </button>
  );
}
