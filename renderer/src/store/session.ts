// Who is signed in. Bootstraps from the Electron desktop token or the session cookie.
import { create } from 'zustand';
import type { UserInfo } from '../../../app/api/api-types';
import { api, errorText, isApiError, onUnauthorized } from '../api/client';
import { useDownloads } from './downloads';
import { useEngine } from './engine';
import { useLibrary } from './library';
import { useWatch } from './watch';
import { startLive, stopLive } from './live';
import { useToasts } from './toasts';

export type SessionStatus = 'checking' | 'signedOut' | 'signedIn';

interface SessionState {
  status: SessionStatus;
  user: UserInfo | null;
  /** engine version from /health (no auth needed) */
  version: string | null;
  /** shown on the sign-in page, e.g. after the session expired */
  notice: string | null;
  bootstrap(): Promise<void>;
  /** throws ApiError: 401 for a wrong username or password */
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

export const useSession = create<SessionState>()((set, get) => {
  function signedIn(user: UserInfo) {
    set({ status: 'signedIn', user, notice: null });
    startLive();
  }

  function signedOut(notice: string | null) {
    stopLive();
    useEngine.getState().reset();
    useLibrary.getState().reset();
    useWatch.getState().reset();
    useDownloads.getState().reset();
    useToasts.getState().reset();
    set({ status: 'signedOut', user: null, notice });
  }

  onUnauthorized(() => {
    if (get().status === 'signedOut') return;
    signedOut(get().status === 'signedIn' ? 'Your session has ended. Please sign in again.' : null);
  });

  return {
    status: 'checking',
    user: null,
    version: null,
    notice: null,

    async bootstrap() {
      api.health().then(
        (h) => set({ version: h.version }),
        () => undefined,
      );
      const desktop = typeof window !== 'undefined' ? window.racoonDesktop : undefined;
      if (desktop?.getSessionToken) {
        try {
          const token = await desktop.getSessionToken();
          const res = await api.sessionFromToken(token);
          signedIn(res.user);
          return;
        } catch {
          // fall back to the cookie / the sign-in page
        }
      }
      try {
        signedIn(await api.me());
      } catch (e) {
        if (get().status !== 'signedOut') signedOut(isApiError(e, 401) ? null : errorText(e));
      }
    },

    async signIn(username, password) {
      const res = await api.login(username, password);
      signedIn(res.user);
    },

    async signOut() {
      try {
        await api.logout();
      } catch {
        // signed out locally either way
      }
      signedOut(null);
    },
  };
});
