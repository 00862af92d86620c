import { NavLink, useLocation } from 'react-router-dom';

export const SECTIONS = [
  { id: 'library', label: 'Library', icon: '▦' },
  { id: 'search', label: 'Search', icon: '⌕' },
  { id: 'downloads', label: 'Downloads', icon: '↓' },
  { id: 'jobs', label: 'Jobs', icon: '⇄' },
  { id: 'cameras', label: 'Cameras', icon: '◉' },
  { id: 'journal', label: 'Journal', icon: '☰' },
  { id: 'settings', label: 'Settings', icon: '⚙' },
] as const;

export function NavBar() {
  const { pathname } = useLocation();
  // the player belongs to the section it was opened from
  const playingFrom = pathname.startsWith('/play/download/') ? 'downloads' : pathname.startsWith('/play/') ? 'library' : null;
  return (
    <nav className="nav" aria-label="Main">
      <div className="nav-inner">
        <div className="nav-brand">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          <span className="nav-brand-name">Racoon</span>
        </div>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <NavLink
                to={`/${s.id}`}
                data-testid={`nav-${s.id}`}
                className={({ isActive }) => (isActive || s.id === playingFrom ? 'nav-link active' : 'nav-link')}
              >
                <span className="nav-icon" aria-hidden="true">
                  {s.icon}
                </span>
                <span className="nav-label">{s.label}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
