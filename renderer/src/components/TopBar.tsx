import { useEngine } from '../store/engine';
import { useSession } from '../store/session';
import { ProbeStatusBadge } from './ProbeStatusBadge';
import { ScanStatus } from './ScanStatus';

export function TopBar() {
  const scan = useEngine((s) => s.status?.scan ?? null);
  const hasStatus = useEngine((s) => s.status !== null);
  const live = useEngine((s) => s.live);
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);

  return (
    <header className="topbar">
      <div className="topbar-status">
        {scan && scan.state !== 'idle' && <ScanStatus scan={scan} testId="scan-progress" />}
        <ProbeStatusBadge />
        {hasStatus && !live && (
          <span className="badge warn" title="Live updates are reconnecting; pages may be out of date">
            Reconnecting…
          </span>
        )}
      </div>
      <div className="topbar-actions">
        <PauseToggle />
        {user && (
          <span className="topbar-user muted" title={user.isAdmin ? 'Administrator' : 'User'}>
            {user.username}
          </span>
        )}
        <button type="button" className="btn ghost" data-testid="sign-out" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}

function PauseToggle() {
  const paused = useEngine((s) => s.status?.paused ?? null);
  const busy = useEngine((s) => s.pauseBusy);
  const setPaused = useEngine((s) => s.setPaused);
  const error = useEngine((s) => s.pauseError);
  if (paused === null) return null;
  return (
    <>
      {error && (
        <span className="badge warn" role="alert" title={error}>
          Couldn't {paused ? 'resume' : 'pause'}
        </span>
      )}
      <button
        type="button"
        className={`btn ${paused ? 'warn' : 'ghost'}`}
        data-testid="pause-toggle"
        aria-pressed={paused}
        disabled={busy}
        title={
          error ??
          (paused ? 'All background work is paused. Click to resume.' : 'Pause scanning, probing and every other background job')
        }
        onClick={() => void setPaused(!paused)}
      >
        {paused ? '▶ Resume work' : '❚❚ Pause all work'}
      </button>
    </>
  );
}
