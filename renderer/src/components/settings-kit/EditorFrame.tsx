// The frame every settings editor shares: a titled form, the problem line(s) under the fields (one message as text,
// several as a list) and Save / Cancel. Test ids follow one prefix: `${prefix}-form`, -error, -save, -cancel.
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

export function EditorFrame(props: {
  testIdPrefix: string;
  className: string;
  ariaLabel: string;
  title: string;
  errors: string[];
  /** extra class on the problem line */
  errorClassName?: string;
  busy: boolean;
  saveLabel: string;
  /** when set, the form scrolls into view each time it changes (it opens below a long list) */
  scrollKey?: string | null;
  onSave: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const scrolls = props.scrollKey !== undefined;

  useEffect(() => {
    if (scrolls) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [scrolls, props.scrollKey]);

  function submit(e: FormEvent) {
    e.preventDefault();
    props.onSave();
  }

  const id = props.testIdPrefix;
  return (
    <form
      ref={ref}
      className={props.className}
      onSubmit={submit}
      noValidate
      aria-label={props.ariaLabel}
      data-testid={`${id}-form`}
    >
      <h3 className="ds-sub">{props.title}</h3>
      {props.children}
      <FormErrors errors={props.errors} testId={`${id}-error`} className={props.errorClassName} />
      <div className="ds-foot">
        <button type="submit" className="btn primary" data-testid={`${id}-save`} disabled={props.busy}>
          {props.busy ? 'Saving…' : props.saveLabel}
        </button>
        <button type="button" className="btn ghost" data-testid={`${id}-cancel`} disabled={props.busy} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The form's problems: nothing, one line, or a list. */
export function FormErrors(props: { errors: string[]; testId: string; className?: string }) {
  if (props.errors.length === 0) return null;
  return (
    <div
      className={props.className ? `error-text small ${props.className}` : 'error-text small'}
      role="alert"
      data-testid={props.testId}
    >
      {props.errors.length === 1 ? (
        props.errors[0]
      ) : (
        <ul className="rp-errors">
          {props.errors.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
