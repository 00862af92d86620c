/** The tray menu as data: main.ts turns it into an Electron Menu; tests read it directly. No electron import. */

export type TrayAction = 'open-window' | 'hide-window' | 'pause' | 'resume' | 'away-on' | 'away-off' | 'open-browser' | 'quit';

export interface TrayState {
  paused: boolean;
  windowVisible: boolean;
  /** The engine's web UI, e.g. http://127.0.0.1:43123/ */
  url: string;
  /** cameras' away mode (every camera armed); left out: no away item */
  away?: boolean;
}

export type TrayMenuItem =
  | { type: 'normal'; id: TrayAction; action: TrayAction; label: string; enabled: boolean }
  | { type: 'separator'; id: string; action: null };

export function buildTrayMenuModel(state: TrayState): TrayMenuItem[] {
  const item = (action: TrayAction, label: string, enabled = true): TrayMenuItem => ({
    type: 'normal',
    id: action,
    action,
    label,
    enabled,
  });
  return [
    item('open-window', 'Open Racoon'),
    state.paused ? item('resume', 'Resume all work') : item('pause', 'Pause all work'),
    ...(state.away === undefined
      ? []
      : [state.away ? item('away-off', 'End away mode (cameras back to their modes)') : item('away-on', 'Away mode (arm every camera)')]),
    item('open-browser', `Open in browser (${displayUrl(state.url)})`, state.url !== ''),
    { type: 'separator', id: 'separator-quit', action: null },
    item('quit', 'Quit Racoon'),
  ];
}

/** Tooltip shown when hovering the tray icon. */
export function trayTooltip(state: Pick<TrayState, 'paused' | 'url'>): string {
  const where = state.url ? ` at ${displayUrl(state.url)}` : '';
  return state.paused ? `Racoon — paused (downloads, scans and recordings stopped)${where}` : `Racoon — running${where}`;
}

/** What a click on the tray icon itself does: show a hidden window, hide a visible one. */
export function trayClickAction(state: Pick<TrayState, 'windowVisible'>): TrayAction {
  return state.windowVisible ? 'hide-window' : 'open-window';
}

/** `http://127.0.0.1:43123/` → `127.0.0.1:43123` (menus have little room). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    const rest = u.pathname === '/' ? '' : u.pathname;
    return `${u.host}${rest}`;
  } catch {
    return url;
  }
}
