import { Link } from 'react-router-dom';
import type { Grabber } from './useGrab';

/** The outcome of the last Download on this page: a link to the new download, or the server's words. */
export function GrabStatus({ grabber }: { grabber: Grabber }) {
  const { done, error } = grabber;
  if (!done && !error) return null;
  return (
    <div className="disc-grab-status" aria-live="polite">
      {done && (
        <p className="disc-grab-done" role="status" data-testid="grab-done" data-download-id={done.downloadId}>
          <span className="success-text">✓ Added to Downloads:</span> <span className="mono path">{done.releaseTitle}</span>{' '}
          <Link to={`/downloads/${done.downloadId}`} data-testid="grab-done-link">
            Open in Downloads →
          </Link>
        </p>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="grab-error">
          Couldn't add “{error.releaseTitle}”: {error.message}
        </p>
      )}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={grabber.dismiss}>
        ×
      </button>
    </div>
  );
}
