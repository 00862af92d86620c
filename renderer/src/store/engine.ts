// Engine status: version, pause state, scan and probe progress. Fed by fetches and SSE events.
import { create } from 'zustand';
import type { EngineEvent, EngineStatus } from '../../../app/api/api-types';
import { api, errorText } from '../api/client';
import { applyEngineEvent } from './engine-events';

interface EngineState {
  status: EngineStatus | null;
  /** the SSE stream is connected (progress is live) */
  live: boolean;
  pauseBusy: boolean;
  scanBusy: boolean;
  loadError: string | null;
  pauseError: string | null;
  scanError: string | null;
  load(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  startScan(): Promise<void>;
  apply(ev: EngineEvent): void;
  setLive(live: boolean): void;
  reset(): void;
}

const initial = {
  status: null,
  live: false,
  pauseBusy: false,
  scanBusy: false,
  loadError: null,
  pauseError: null,
  scanError: null,
};

export const useEngine = create<EngineState>()((set, get) => ({
  ...initial,

  async load() {
    try {
      set({ status: await api.engineStatus(), loadError: null });
    } catch (e) {
      set({ loadError: errorText(e) });
    }
  },

  async setPaused(paused) {
    set({ pauseBusy: true, pauseError: null });
    try {
      const status = await (paused ? api.pause() : api.resume());
      set({ status, pauseBusy: false });
    } catch (e) {
      set({ pauseBusy: false, pauseError: errorText(e) });
    }
  },

  async startScan() {
    set({ scanBusy: true, scanError: null });
    try {
      const scan = await api.startScan();
      const status = get().status;
      set({ scanBusy: false, status: status ? { ...status, scan } : status });
      if (!status) void get().load();
    } catch (e) {
      set({ scanBusy: false, scanError: errorText(e) });
    }
  },

  apply(ev) {
    const next = applyEngineEvent(get().status, ev);
    if (next !== get().status) set({ status: next });
  },

  setLive(live) {
    if (get().live !== live) set({ live });
  },

  reset() {
    set(initial);
  },
}));
