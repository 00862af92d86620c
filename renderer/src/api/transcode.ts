// The engine's transcode API: jobs (profile transcodes, clip exports), profiles, the hardware encoder report, settings.
import type {
  CreateTranscodeJobRequest,
  HwAccelReport,
  TranscodeJob,
  TranscodeProfileInfo,
  TranscodeSettings,
} from '../../../app/api/api-types';
import { API_BASE, request } from './client';

export const transcodeApi = {
  jobs: () => request<TranscodeJob[]>('GET', '/transcode/jobs'),
  job: (id: number) => request<TranscodeJob>('GET', `/transcode/jobs/${id}`),
  /** 400 with the server's message (unknown profile, no video stream, clip past the end), 404 for an unknown file */
  create: (body: CreateTranscodeJobRequest) => request<TranscodeJob>('POST', '/transcode/jobs', { body }),
  cancel: (id: number) => request<TranscodeJob>('POST', `/transcode/jobs/${id}/cancel`),
  remove: (id: number) => request<void>('DELETE', `/transcode/jobs/${id}`),
  profiles: () => request<TranscodeProfileInfo[]>('GET', '/transcode/profiles'),
  /** `refresh`: probe the encoders again (administrators) */
  hwaccel: (refresh = false) => request<HwAccelReport>('GET', `/transcode/hwaccel${refresh ? '?refresh=1' : ''}`),
  settings: () => request<TranscodeSettings>('GET', '/settings/transcode'),
  saveSettings: (patch: Partial<TranscodeSettings>) => request<TranscodeSettings>('PUT', '/settings/transcode', { body: patch }),
};

/** The finished result: played in place, or saved as a file with `download`. */
export const transcodeOutputUrl = (id: number, download = false) =>
  `${API_BASE}/transcode/jobs/${id}/output${download ? '?download=1' : ''}`;
