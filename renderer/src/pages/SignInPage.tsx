import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { errorText, isApiError } from '../api/client';
import { useSession } from '../store/session';

export function signInErrorText(e: unknown): string {
  if (isApiError(e, 401)) return 'Wrong username or password.';
  return errorText(e);
}

export function SignInPage() {
  const status = useSession((s) => s.status);
  const notice = useSession((s) => s.notice);
  const version = useSession((s) => s.version);
  const signIn = useSession((s) => s.signIn);
  const location = useLocation();
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (status === 'signedIn') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/signin' ? from : '/library'} replace />;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(signInErrorText(err));
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="signin-brand">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          <h1>Racoon</h1>
        </div>
        <p className="muted">Sign in to your media center.</p>
        {notice && !error && <p className="notice">{notice}</p>}
        <label className="field">
          <span>Username</span>
          <input
            data-testid="login-username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error-text" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button className="btn primary wide" type="submit" data-testid="login-submit" disabled={busy || status === 'checking'}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {version && <p className="muted small center">Racoon {version}</p>}
      </form>
    </div>
  );
}
