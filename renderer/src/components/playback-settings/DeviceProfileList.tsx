// Every device profile, one row each: label, name, a built-in badge and a one-line summary; a row expands to every
// field. Built-ins can be copied; the user's own can also be edited and removed (after a confirm).
import type { DeviceProfile } from '../../../../app/api/api-types';
import { profileSummary } from '../../device-profile-format';
import { DeviceProfileDetails } from './DeviceProfileDetails';

export function DeviceProfileList(props: {
  profiles: DeviceProfile[];
  expanded: string | null;
  /** the saved profile open in the editor, if any */
  editing: string | null;
  confirmRemove: string | null;
  busy: boolean;
  onExpand: (name: string | null) => void;
  onCopy: (profile: DeviceProfile) => void;
  onEdit: (profile: DeviceProfile) => void;
  onAskRemove: (name: string | null) => void;
  onRemove: (name: string) => void;
}) {
  return (
    <ul className="rp-list pp-list" data-testid="pp-list">
      {props.profiles.map((p) => {
        const open = props.expanded === p.name;
        const detailsId = `pp-details-${p.name}`;
        return (
          <li
            key={p.name}
            className={open ? 'rp-row pp-row open' : 'rp-row pp-row'}
            data-testid="pp-profile-row"
            data-name={p.name}
          >
            <div className="pp-row-head">
              <button
                type="button"
                className="pp-toggle"
                aria-expanded={open}
                aria-controls={detailsId}
                data-testid="pp-details-toggle"
                onClick={() => props.onExpand(open ? null : p.name)}
              >
                <span className="pp-caret" aria-hidden="true">
                  ▸
                </span>
                <span className="rp-row-main">
                  <span className="rp-row-name">
                    <strong>{p.label}</strong>
                    <span className="muted mono small">{p.name}</span>
                    {p.builtin && <span className="badge">built-in</span>}
                  </span>
                  <span className="pp-summary muted small" data-testid="pp-summary">
                    {profileSummary(p).map((part, i) => (
                      <span key={i}>{part}</span>
                    ))}
                  </span>
                </span>
              </button>
              <div className="rp-row-actions">
                <button
                  type="button"
                  className="btn ghost"
                  data-testid="pp-copy"
                  disabled={props.busy}
                  title="Start a profile of your own from this one"
                  onClick={() => props.onCopy(p)}
                >
                  Copy
                </button>
                {!p.builtin && (
                  <>
                    <button
                      type="button"
                      className="btn ghost"
                      data-testid="pp-edit"
                      disabled={props.busy}
                      aria-pressed={props.editing === p.name}
                      onClick={() => props.onEdit(p)}
                    >
                      Edit
                    </button>
                    {props.confirmRemove === p.name ? (
                      <>
                        <button
                          type="button"
                          className="btn danger"
                          data-testid="pp-remove-confirm"
                          disabled={props.busy}
                          onClick={() => props.onRemove(p.name)}
                        >
                          {props.busy ? 'Removing…' : `Remove “${p.name}”`}
                        </button>
                        <button
                          type="button"
                          className="btn ghost"
                          data-testid="pp-remove-cancel"
                          disabled={props.busy}
                          onClick={() => props.onAskRemove(null)}
                        >
                          Keep
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        className="btn ghost danger-ghost"
                        data-testid="pp-remove"
                        disabled={props.busy}
                        onClick={() => props.onAskRemove(p.name)}
                      >
                        Remove
                      </button>
                    )}
                  </>
                )}
              </div>
            </div>
            {open && (
              <div id={detailsId}>
                <DeviceProfileDetails profile={p} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
