// The problems of one field, right under it (the form's own checks and the server's 400 naming that field), and the
// settings kit's fields wrapped with them, so every camera field reads and marks its problems the same way.
import type { ComponentProps, ReactNode } from 'react';
import { errorsFor, type CameraFieldError } from '../../camera-form';
import { TextField } from '../settings-kit/FormFields';

export function FieldProblems(props: { errors: readonly CameraFieldError[]; field: string; nested?: boolean }) {
  const mine = errorsFor(props.errors, props.field, props.nested);
  if (mine.length === 0) return null;
  return (
    <div className="error-text small cs-field-error" role="alert" data-testid={`camera-error-${props.field}`}>
      {mine.map((e, i) => (
        <div key={i}>{e.message}</div>
      ))}
    </div>
  );
}

/** Whether a field (or, nested, anything under it) has a problem: marks its input red. */
export const hasProblem = (errors: readonly CameraFieldError[], field: string, nested = false) =>
  errorsFor(errors, field, nested).length > 0 || undefined;

/** Any field (a select, a slider…) with its problems under it. */
export function WithProblems(props: {
  errors: readonly CameraFieldError[];
  field: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={props.className ? `cs-field ${props.className}` : 'cs-field'}>
      {props.children}
      <FieldProblems errors={props.errors} field={props.field} />
    </div>
  );
}

/** The kit's TextField, red and with its problems under it when the form or the server names `field`. */
export function CheckedTextField(
  props: Omit<ComponentProps<typeof TextField>, 'invalid'> & { errors: readonly CameraFieldError[]; field: string },
) {
  const { errors, field, ...input } = props;
  return (
    <WithProblems errors={errors} field={field}>
      <TextField {...input} invalid={hasProblem(errors, field)} />
    </WithProblems>
  );
}

type TextKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F] & string;

/** Binds a form's text fields: `field('url')` is the value, change and problems a CheckedTextField takes. */
export function textFieldsOf<F>(form: F, errors: readonly CameraFieldError[], onChange: (patch: Partial<F>) => void) {
  return (field: TextKey<F>) => ({
    errors,
    field,
    value: form[field] as string,
    onChange: (value: string) => onChange({ [field]: value } as Partial<F>),
  });
}

/** Under a list of rows (schedule rows, zones): the problems of the list as a whole, then the button that adds a row. */
export function AddRowFoot(props: {
  errors: readonly CameraFieldError[];
  field: string;
  buttonClassName: string;
  testId: string;
  label: string;
  onAdd: () => void;
}) {
  return (
    <>
      <FieldProblems errors={props.errors} field={props.field} />
      <button type="button" className={props.buttonClassName} data-testid={props.testId} onClick={props.onAdd}>
        {props.label}
      </button>
    </>
  );
}
