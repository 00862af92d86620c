/**
 * What the preload exposes to the page as `window.racoonDesktop` (types only; shared with the renderer).
 * The renderer calls `getSessionToken()`, then `POST /api/v1/auth/session` with `Authorization: Bearer <token>`.
 */
export interface RacoonDesktopApi {
  /** A fresh admin session token from the engine; rejects when the page is not the engine's own UI. */
  getSessionToken(): Promise<string>;
  platform: NodeJS.Platform;
}

/** The one IPC channel between the preload and the main process. */
export const SESSION_TOKEN_CHANNEL = 'racoon:session-token';

/** True when `senderUrl` is a page served by the engine at `engineUrl` (same origin). */
export function isEngineOrigin(senderUrl: string | undefined, engineUrl: string): boolean {
  if (!senderUrl) return false;
  try {
    return new URL(senderUrl).origin === new URL(engineUrl).origin;
  } catch {
    return false;
  }
}
