export function SaveFooter(props: {
  busy: boolean;
  dirty: boolean;
  justSaved: boolean;
  errors: string[];
  onDiscard: () => void;
}) {
  const { busy, dirty, justSaved, errors } = props;
  return (
    <div className="ts-foot">
      <button type="submit" className="btn primary" data-testid="torrent-save" disabled={busy || !dirty}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      {dirty && !busy && (
        <button type="button" className="btn ghost" data-testid="torrent-discard" onClick={props.onDiscard}>
          Discard changes
        </button>
      )}
      <div className="ts-foot-msg">
        {errors.length > 0 && (
          <div className="error-text" role="alert" data-testid="torrent-error">
            {errors.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </div>
        )}
        {justSaved && errors.length === 0 && (
          <div role="status" data-testid="torrent-saved">
            <span className="success-text">Saved.</span>{' '}
            <span className="muted small">
              Queue, seeding and speed limits apply at once; connection and disk settings after a restart.
            </span>
          </div>
        )}
        {!justSaved && errors.length === 0 && dirty && <span className="muted small ts-unsaved">Unsaved changes</span>}
      </div>
    </div>
  );
}
