// What runs now: where and on which port, and the name TVs see; or why it does not run, in red. The interfaces left
// out are listed with why, and the UUID (what makes it the same server to a TV after a restart) sits small below.
import type { DlnaSettingsAnswer } from '../../../../app/api/api-types';
import { statusView } from '../../dlna-format';

export function DlnaStatusBox(props: {
  answer: DlnaSettingsAnswer;
  busy: boolean;
  onRefresh: () => void;
  /** restarts it with the saved settings (after an error, or when it was started without it) */
  onStart: () => void;
}) {
  const { status, settings } = props.answer;
  const view = statusView(props.answer);
  const skipped = status.skipped;

  return (
    <div className={`dlna-status dlna-status-${view.tone}`} role="status" data-testid="dlna-status" data-tone={view.tone}>
      <div className="dlna-status-head">
        <span className="dlna-status-line">
          <span className="dlna-dot" aria-hidden="true" />
          {view.tone === 'error' ? (
            <strong className="error-text" data-testid="dlna-error">
              {view.headline}
            </strong>
          ) : (
            <strong data-testid="dlna-status-line">{view.headline}</strong>
          )}
        </span>
        <span className="dlna-status-actions">
          {view.tone !== 'running' && settings.enabled && (
            <button type="button" className="btn" data-testid="dlna-start" disabled={props.busy} onClick={props.onStart}>
              {view.tone === 'error' ? 'Try again' : 'Start'}
            </button>
          )}
          <button type="button" className="btn ghost" data-testid="dlna-refresh" disabled={props.busy} onClick={props.onRefresh}>
            Refresh
          </button>
        </span>
      </div>
      {view.notes.map((note) => (
        <p key={note} className="muted small dlna-status-note">
          {note}
        </p>
      ))}
      {/* what the last start left out means nothing while it is off */}
      {status.running && skipped.length > 0 && (
        <div className="small dlna-skipped">
          <span className="muted">Left out:</span>
          <ul className="dlna-skipped-list" data-testid="dlna-skipped">
            {skipped.map((s) => (
              <li key={`${s.name} ${s.address ?? ''}`}>
                <span className="mono">{s.name}</span>
                {s.address && <span className="mono muted"> {s.address}</span>}
                <span className="muted"> — {s.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted dlna-uuid" data-testid="dlna-uuid">
        UUID <span className="mono">uuid:{settings.uuid}</span>
      </p>
    </div>
  );
}
