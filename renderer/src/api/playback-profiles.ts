// The engine's device profiles (Settings → Playback): the built-ins and the administrator's own.
import type { DeviceProfile, DeviceProfileBody } from '../../../app/api/api-types';
import { request } from './client';

const path = (name: string) => `/playback/profiles/${encodeURIComponent(name)}`;

export const playbackProfilesApi = {
  /** built-ins first (in their order), then the user's by name */
  list: () => request<DeviceProfile[]>('GET', '/playback/profiles'),
  get: (name: string) => request<DeviceProfile>('GET', path(name)),
  /** adds or replaces one (administrators); 400 with the server's message naming each bad field, or a built-in name */
  save: (name: string, body: DeviceProfileBody) => request<DeviceProfile>('PUT', path(name), { body }),
  /** administrators; built-ins can't be removed (400) */
  remove: (name: string) => request<void>('DELETE', path(name)),
};
