// The engine's DLNA / UPnP media server (Settings → DLNA): its switch, name, interfaces and port, and the renderer
// rules that say which TV is asking and what it needs. Administrators only.
import type { DlnaRenderer, DlnaRendererBody, DlnaSettingsAnswer, DlnaSettingsPatch } from '../../../app/api/api-types';
import { request } from './client';

const rendererPath = (name: string) => `/dlna/renderers/${encodeURIComponent(name)}`;

export const dlnaApi = {
  /** the settings, what runs now (or why not), and the interfaces that could be chosen */
  settings: () => request<DlnaSettingsAnswer>('GET', '/settings/dlna'),
  /** any subset; the server restarts at once; 400 with the server's words naming the field */
  saveSettings: (patch: DlnaSettingsPatch) => request<DlnaSettingsAnswer>('PUT', '/settings/dlna', { body: patch }),
  /** the built-ins in detection order, the generic fallback, then the user's own */
  renderers: () => request<DlnaRenderer[]>('GET', '/dlna/renderers'),
  /** adds or replaces one of the user's; 400 naming each bad field (a built-in's name too) */
  saveRenderer: (name: string, body: DlnaRendererBody) => request<DlnaRenderer>('PUT', rendererPath(name), { body }),
  /** 404 unknown */
  removeRenderer: (name: string) => request<void>('DELETE', rendererPath(name)),
};
