import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { errorText } from '../api/client';

interface Props {
  name: string;
  onClose(): void;
  /** throws to show the error in the dialog */
  onConfirm(deleteData: boolean): Promise<void>;
}

/** "Remove this download?" with the "also delete downloaded files" choice. A modal <dialog>. */
export function RemoveDownloadDialog({ name, onClose, onConfirm }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [deleteData, setDeleteData] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(deleteData);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  // in <body>, not inside the list row that opened it (clicks still bubble to the row in React: it ignores them)
  return createPortal(
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="remove-download-title"
      data-testid="remove-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      onClick={(e) => {
        // a click on the backdrop lands on the <dialog> itself
        if (e.target === e.currentTarget && !busy) onClose();
      }}
    >
      <div className="dialog-body">
        <h2 id="remove-download-title">Remove download?</h2>
        <p className="dialog-name">{name}</p>
        <p className="muted small">
          It leaves the queue and stops seeding. Files already placed in your library stay there either way.
        </p>
        <label className="check">
          <input
            type="checkbox"
            data-testid="remove-delete-data"
            checked={deleteData}
            disabled={busy}
            onChange={(e) => setDeleteData(e.target.checked)}
          />
          Also delete the downloaded files
        </label>
        {error && (
          <p className="error-text small" role="alert">
            Couldn't remove: {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn ghost" disabled={busy} onClick={onClose} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="btn danger"
            data-testid="remove-confirm"
            disabled={busy}
            onClick={() => void confirm()}
          >
            {busy ? 'Removing…' : deleteData ? 'Remove and delete files' : 'Remove'}
          </button>
        </div>
      </div>
    </dialog>,
    document.body,
  );
}
