import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../store/session';
import { NavBar } from './NavBar';
import { Toasts } from './Toasts';
import { TopBar } from './TopBar';

/** Signed-in layout: navigation on the left, status bar on top, the page below. */
export function AppShell() {
  const status = useSession((s) => s.status);
  const location = useLocation();

  if (status === 'checking') {
    return (
      <div className="splash" role="status">
        <div className="brand-mark" aria-hidden="true">
          R
        </div>
        <p>Connecting to Racoon…</p>
      </div>
    );
  }
  if (status === 'signedOut') {
    return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  }

  return (
    <div className="shell">
      <NavBar />
      <div className="shell-main">
        <TopBar />
        <main className="page">
          <Outlet />
        </main>
      </div>
      <Toasts />
    </div>
  );
}
