// The problems of one field, right under it (the form's own checks and the server's 400 naming that field).
import { errorsFor, type CameraFieldError } from '../../camera-form';

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
