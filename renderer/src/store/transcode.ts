// Transcode jobs: loaded once, then kept current by the SSE `transcode.changed` / `transcode.removed` events (no
// polling). Profiles and the hardware report change rarely: loaded on demand.
import { create } from 'zustand';
import type {
  CreateTranscodeJobRequest,
  HwAccelReport,
  TranscodeJob,
  TranscodeProfileInfo,
  TranscodeSettings,
} from '../../../app/api/api-types';
import { errorText } from '../api/client';
import { transcodeApi } from '../api/transcode';
import { upsertJob } from '../transcode-format';
import { useToasts } from './toasts';

interface TranscodeState {
  jobs: TranscodeJob[] | null;
  jobsError: string | null;
  profiles: TranscodeProfileInfo[] | null;
  hwaccel: HwAccelReport | null;
  hwaccelError: string | null;
  loadJobs(): Promise<void>;
  loadProfiles(): Promise<void>;
  loadHwaccel(refresh?: boolean): Promise<void>;
  /** throws ApiError with the server's message */
  create(body: CreateTranscodeJobRequest): Promise<TranscodeJob>;
  cancel(id: number): Promise<void>;
  remove(id: number): Promise<void>;
  loadSettings(): Promise<TranscodeSettings>;
  saveSettings(patch: Partial<TranscodeSettings>): Promise<TranscodeSettings>;
  /** SSE `transcode.changed` */
  apply(job: TranscodeJob): void;
  /** SSE `transcode.removed` */
  removed(id: number): void;
  /** after the event stream reconnects: catch up on what was missed */
  resync(): void;
}

export const useTranscodes = create<TranscodeState>()((set, get) => ({
  jobs: null,
  jobsError: null,
  profiles: null,
  hwaccel: null,
  hwaccelError: null,

  async loadJobs() {
    try {
      set({ jobs: await transcodeApi.jobs(), jobsError: null });
    } catch (e) {
      set({ jobsError: errorText(e) });
    }
  },

  async loadProfiles() {
    if (get().profiles) return;
    try {
      set({ profiles: await transcodeApi.profiles() });
    } catch {
      // the form says it has no profiles; the jobs list still works
    }
  },

  async loadHwaccel(refresh = false) {
    try {
      set({ hwaccel: await transcodeApi.hwaccel(refresh), hwaccelError: null });
    } catch (e) {
      set({ hwaccelError: errorText(e) });
    }
  },

  async create(body) {
    const job = await transcodeApi.create(body);
    get().apply(job);
    return job;
  },

  async cancel(id) {
    get().apply(await transcodeApi.cancel(id));
  },

  async remove(id) {
    await transcodeApi.remove(id);
    get().removed(id);
  },

  loadSettings: () => transcodeApi.settings(),
  saveSettings: (patch) => transcodeApi.saveSettings(patch),

  apply(job) {
    const list = get().jobs;
    const before = list?.find((j) => j.id === job.id);
    if (list) set({ jobs: upsertJob(list, job) });
    // a toast when a job this page saw running comes to an end
    if (before && before.state !== job.state && (before.state === 'running' || before.state === 'queued')) {
      const toasts = useToasts.getState();
      if (job.state === 'done')
        toasts.push({ kind: 'success', title: 'Transcode finished', text: job.sourceName, link: '/jobs' });
      if (job.state === 'failed') {
        toasts.push({ kind: 'error', title: 'Transcode failed', text: `${job.sourceName}: ${job.error ?? ''}`, link: '/jobs' });
      }
    }
  },

  removed(id) {
    const list = get().jobs;
    if (list) set({ jobs: list.filter((j) => j.id !== id) });
  },

  resync() {
    if (get().jobs !== null) void get().loadJobs();
  },
}));
