import { Link } from 'react-router-dom';
import { useToasts } from '../store/toasts';

const ICONS = { success: '✓', error: '!', info: 'i' } as const;

/** Bottom-right notices (downloads finished or failed, actions that went wrong). */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
          <span className="toast-icon" aria-hidden="true">
            {ICONS[t.kind]}
          </span>
          <div className="toast-body">
            <strong>{t.title}</strong>
            {t.text && <div className="toast-text">{t.text}</div>}
            {t.link && (
              <Link to={t.link} className="small" onClick={() => dismiss(t.id)}>
                Details
              </Link>
            )}
          </div>
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
