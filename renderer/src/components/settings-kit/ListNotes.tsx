// The lines under a settings list: why the last remove failed, and what the last save or remove did (hidden while the
// editor is open, where the form speaks for itself).
export function ListNotes(props: {
  removeError: string | null;
  removeErrorTestId?: string;
  status: string | null;
  statusTestId: string;
  editing: boolean;
}) {
  return (
    <>
      {props.removeError && (
        <p className="error-text small" role="alert" data-testid={props.removeErrorTestId}>
          {props.removeError}
        </p>
      )}
      {props.status && !props.editing && (
        <p className="success-text small" role="status" data-testid={props.statusTestId}>
          {props.status}
        </p>
      )}
    </>
  );
}
