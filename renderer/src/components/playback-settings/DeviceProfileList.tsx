// Every device profile, one row each: label, name, a built-in badge and a one-line summary; a row expands to every
// field. Built-ins can be copied; the user's own can also be edited and removed (after a confirm).
import type { DeviceProfile } from '../../../../app/api/api-types';
import { profileSummary } from '../../device-profile-format';
import { RuleRowActions } from '../settings-kit/RuleRowActions';
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
              <RuleRowActions
                testIdPrefix="pp"
                name={p.name}
                busy={props.busy}
                copy={{ title: 'Start a profile of your own from this one', onCopy: () => props.onCopy(p) }}
                own={!p.builtin}
                editing={props.editing === p.name}
                editState="pressed"
                onEdit={() => props.onEdit(p)}
                confirming={props.confirmRemove === p.name}
                onAskRemove={props.onAskRemove}
                onRemove={props.onRemove}
                keepLabel="Keep"
                keepTestId="pp-remove-cancel"
              />
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
