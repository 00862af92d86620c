// The renderer rules in the order they are tried: the user's own first, then the built-ins, then the generic fallback.
// Each row says what it recognises, which device profile it gets and which quirks it switches on. Built-ins are
// read-only (copy one to change what that TV gets: your copy is tried first); your own can be edited and removed.
import { Fragment } from 'react';
import type { DeviceProfile, DlnaRenderer } from '../../../../app/api/api-types';
import { matchLines, profileText, quirkSummary } from '../../dlna-format';
import { RuleRowActions } from '../settings-kit/RuleRowActions';
import { SavedRow } from '../settings-kit/SavedRow';

export interface RendererListActions {
  busy: boolean;
  /** the user's rule open in the editor, if any */
  editing: string | null;
  confirmRemove: string | null;
  onCopy: (rule: DlnaRenderer) => void;
  onEdit: (rule: DlnaRenderer) => void;
  onAskRemove: (name: string | null) => void;
  onRemove: (name: string) => void;
}

export function RendererList(props: RendererListActions & { rules: DlnaRenderer[]; profiles: DeviceProfile[] | null }) {
  return (
    <ul className="rp-list dlna-renderers" data-testid="dlna-renderers">
      {props.rules.map((rule) => (
        <RendererRow key={rule.quirks.name} rule={rule} {...props} />
      ))}
    </ul>
  );
}

function RendererRow(props: RendererListActions & { rule: DlnaRenderer; profiles: DeviceProfile[] | null }) {
  const { rule } = props;
  const q = rule.quirks;
  const quirks = quirkSummary(q);
  return (
    <SavedRow
      className="dlna-renderer"
      testId="dlna-renderer-row"
      data={{ 'data-name': q.name }}
      editing={props.editing === q.name}
      name={
        <>
          <strong>{q.label}</strong>
          <span className="muted mono small">{q.name}</span>
          {rule.builtin && <span className="badge">built-in</span>}
        </>
      }
      actions={
        <RuleRowActions
          testIdPrefix="dlna-renderer"
          name={q.name}
          busy={props.busy}
          copy={
            rule.builtin && !isFallback(rule)
              ? {
                  title: 'Start a renderer of your own from this one: yours is tried before the built-ins',
                  onCopy: () => props.onCopy(rule),
                }
              : undefined
          }
          own={!rule.builtin}
          editing={props.editing === q.name}
          editState="pressed"
          onEdit={() => props.onEdit(rule)}
          confirming={props.confirmRemove === q.name}
          onAskRemove={props.onAskRemove}
          onRemove={props.onRemove}
          keepLabel="Keep"
        />
      }
    >
      <dl className="dlna-renderer-facts small">
        {matchLines(rule.match).map((line) => (
          <Fragment key={line.label}>
            <dt>{line.label}</dt>
            <dd className="pp-chips">
              {line.items.map((item) => (
                <span key={item} className="pp-chip">
                  {item}
                </span>
              ))}
            </dd>
          </Fragment>
        ))}
        <dt>Device profile</dt>
        <dd data-testid="dlna-renderer-profile">{profileText(q.deviceProfile, props.profiles)}</dd>
        {quirks.length > 0 && (
          <>
            <dt>Quirks</dt>
            <dd>{quirks.join(' · ')}</dd>
          </>
        )}
      </dl>
    </SavedRow>
  );
}

/** The generic fallback recognises nothing of its own: a copy would have nothing to be recognised by. */
const isFallback = (rule: DlnaRenderer) => rule.match.userAgentContains.length + rule.match.headerContains.length === 0;
