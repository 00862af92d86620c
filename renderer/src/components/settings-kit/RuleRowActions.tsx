// The buttons at the end of a "built-in / yours" row: Copy (start one of your own from it), and for your own Edit and
// Remove, which asks once more before it removes. Test ids follow one prefix: `${prefix}-copy`, -edit, -remove,
// -remove-confirm.
export function RuleRowActions(props: {
  testIdPrefix: string;
  name: string;
  busy: boolean;
  /** shown when given */
  copy?: { title?: string; onCopy: () => void };
  /** the user's own: it can be edited and removed */
  own: boolean;
  /** this one is open in the editor */
  editing: boolean;
  /** how the Edit button says it is open */
  editState: 'pressed' | 'expanded';
  onEdit: () => void;
  confirming: boolean;
  onAskRemove: (name: string | null) => void;
  onRemove: (name: string) => void;
  /** the button that backs out of a remove */
  keepLabel: 'Keep' | 'Cancel';
  keepTestId?: string;
}) {
  const id = props.testIdPrefix;
  return (
    <div className="rp-row-actions">
      {props.copy && (
        <button
          type="button"
          className="btn ghost"
          data-testid={`${id}-copy`}
          disabled={props.busy}
          title={props.copy.title}
          onClick={props.copy.onCopy}
        >
          Copy
        </button>
      )}
      {props.own && (
        <>
          <button
            type="button"
            className="btn ghost"
            data-testid={`${id}-edit`}
            disabled={props.busy}
            aria-pressed={props.editState === 'pressed' ? props.editing : undefined}
            aria-expanded={props.editState === 'expanded' ? props.editing : undefined}
            onClick={props.onEdit}
          >
            Edit
          </button>
          <ConfirmRemove {...props} />
        </>
      )}
    </div>
  );
}

/** Remove, then "Remove “name”" / Keep: nothing is removed on the first click. */
export function ConfirmRemove(props: {
  testIdPrefix: string;
  name: string;
  busy: boolean;
  confirming: boolean;
  onAskRemove: (name: string | null) => void;
  onRemove: (name: string) => void;
  keepLabel: string;
  keepTestId?: string;
}) {
  const id = props.testIdPrefix;
  if (!props.confirming) {
    return (
      <button
        type="button"
        className="btn ghost danger-ghost"
        data-testid={`${id}-remove`}
        disabled={props.busy}
        onClick={() => props.onAskRemove(props.name)}
      >
        Remove
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="btn danger"
        data-testid={`${id}-remove-confirm`}
        disabled={props.busy}
        onClick={() => props.onRemove(props.name)}
      >
        {props.busy ? 'Removing…' : `Remove “${props.name}”`}
      </button>
      <button
        type="button"
        className="btn ghost"
        data-testid={props.keepTestId}
        disabled={props.busy}
        onClick={() => props.onAskRemove(null)}
      >
        {props.keepLabel}
      </button>
    </>
  );
}
