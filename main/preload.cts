/**
 * Preload for the sandboxed window. A sandboxed preload must be CommonJS and may require only 'electron' (no local
 * files), so the channel name is spelled out here; main/main-boundaries.test.ts checks it matches desktop-api.ts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { RacoonDesktopApi } from './desktop-api.js';

const api: RacoonDesktopApi = {
  getSessionToken: () => ipcRenderer.invoke('racoon:session-token') as Promise<string>,
  platform: process.platform,
};

contextBridge.exposeInMainWorld('racoonDesktop', api);
