import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api/client';
import { useSession } from '../store/session';

export function AccountForm() {
  const user = useSession((s) => s.user);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!current || !next) return setMessage({ ok: false, text: 'Fill in your current and new password.' });
    if (next !== confirm) return setMessage({ ok: false, text: 'The new passwords do not match.' });
    setBusy(true);
    setMessage(null);
    try {
      await api.changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setMessage({ ok: true, text: 'Password changed.' });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="account-title">
      <h2 id="account-title" className="section-title">
        Account
      </h2>
      {user && (
        <p className="muted">
          Signed in as <strong>{user.username}</strong>
          {user.isAdmin ? ' (administrator)' : ''}.
        </p>
      )}
      <form className="stack narrow" onSubmit={(e) => void submit(e)} noValidate>
        <input type="text" name="username" autoComplete="username" value={user?.username ?? ''} readOnly hidden />
        <PasswordField
          label="Current password"
          autoComplete="current-password"
          testId="current-password"
          value={current}
          onChange={setCurrent}
        />
        <PasswordField label="New password" autoComplete="new-password" testId="new-password" value={next} onChange={setNext} />
        <PasswordField
          label="Repeat new password"
          autoComplete="new-password"
          testId="confirm-password"
          value={confirm}
          onChange={setConfirm}
        />
        {message && (
          <p className={message.ok ? 'success-text' : 'error-text'} role="status" data-testid="password-message">
            {message.text}
          </p>
        )}
        <div>
          <button type="submit" className="btn primary" data-testid="change-password" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}

function PasswordField(props: {
  label: string;
  autoComplete: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        className="input"
        type="password"
        autoComplete={props.autoComplete}
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
