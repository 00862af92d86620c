// What the Electron preload exposes on window (absent in a plain browser).
export {};

declare global {
  interface Window {
    racoonDesktop?: {
      /** a one-time token the engine accepts on POST /api/v1/auth/session */
      getSessionToken?: () => Promise<string>;
    };
  }
}
