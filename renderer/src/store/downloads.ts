// Downloads: the queue (pushed whole by the SSE `downloads.changed` event, no polling) and the details
// of the one download open at /downloads/:id, refetched at most once a second while it moves bytes.
import { create } from 'zustand';
import type { AddDownloadResponse, DownloadDetail, DownloadOptions, DownloadSummary } from '../../../app/api/api-types';
import { api, errorText, isApiError, type QueueMove } from '../api/client';
import { detailIsStale } from '../downloads-format';

export interface OpenDetail {
  id: number;
  data: DownloadDetail | null;
  error: string | null;
  /** HTTP status of the failed load (404: removed), null when fine */
  status: number | null;
}

export type AddInput = { uri: string } | { file: File };

interface DownloadsState {
  list: DownloadSummary[] | null;
  listError: string | null;
  detail: OpenDetail | null;
  loadList(): Promise<void>;
  /** the details page shows this download until the returned function is called */
  openDetail(id: number): () => void;
  loadDetail(id: number): Promise<void>;
  /** throws ApiError (400 with the server's message for a bad magnet, URL or file) */
  add(input: AddInput): Promise<AddDownloadResponse>;
  pause(id: number): Promise<void>;
  resume(id: number): Promise<void>;
  move(id: number, to: QueueMove): Promise<void>;
  remove(id: number, deleteData: boolean): Promise<void>;
  selectFile(id: number, index: number, selected: boolean): Promise<void>;
  setSequential(id: number, enabled: boolean): Promise<void>;
  /** its own limits; the details show what the engine saved */
  setOptions(id: number, options: DownloadOptions): Promise<void>;
  /** SSE `downloads.changed` */
  applyList(list: DownloadSummary[]): void;
  /** SSE `download.completed` / `download.failed`: its details (imported files, reason) changed */
  touched(id: number): void;
  /** after the event stream reconnects: catch up on what was missed */
  resync(): void;
  reset(): void;
}

const DETAIL_INTERVAL_MS = 1000;

let detailTimer: ReturnType<typeof setTimeout> | null = null;
let lastDetailFetch = 0;

function clearDetailTimer(): void {
  if (detailTimer) clearTimeout(detailTimer);
  detailTimer = null;
}

export const useDownloads = create<DownloadsState>()((set, get) => {
  /** Refetch the open details, no more than once a second (a pending refetch covers later changes). */
  function scheduleDetail(id: number): void {
    if (get().detail?.id !== id || detailTimer) return;
    const wait = Math.max(0, lastDetailFetch + DETAIL_INTERVAL_MS - Date.now());
    detailTimer = setTimeout(() => {
      detailTimer = null;
      if (get().detail?.id === id) void get().loadDetail(id);
    }, wait);
  }

  /** Run an action, then bring the list (and open details) up to date: a queue move may publish no event. */
  async function act(id: number, action: () => Promise<void>): Promise<void> {
    await action();
    void get().loadList();
    if (get().detail?.id === id) scheduleDetail(id);
  }

  return {
    list: null,
    listError: null,
    detail: null,

    async loadList() {
      try {
        set({ list: await api.downloads(), listError: null });
      } catch (e) {
        set({ listError: errorText(e) });
      }
    },

    openDetail(id) {
      const prev = get().detail;
      if (prev?.id !== id) {
        clearDetailTimer();
        set({ detail: { id, data: null, error: null, status: null } });
      }
      void get().loadDetail(id);
      return () => {
        if (get().detail?.id !== id) return;
        clearDetailTimer();
        set({ detail: null });
      };
    },

    async loadDetail(id) {
      lastDetailFetch = Date.now();
      try {
        const data = await api.download(id);
        if (get().detail?.id === id) set({ detail: { id, data, error: null, status: null } });
      } catch (e) {
        const cur = get().detail;
        if (cur?.id !== id) return;
        const gone = isApiError(e, 404);
        set({ detail: { id, data: gone ? null : cur.data, error: errorText(e), status: isApiError(e) ? e.status : null } });
      }
    },

    async add(input) {
      const res = 'uri' in input ? await api.addDownload(input.uri.trim()) : await api.uploadTorrent(input.file, input.file.name);
      void get().loadList();
      return res;
    },

    pause: (id) => act(id, () => api.pauseDownload(id)),
    resume: (id) => act(id, () => api.resumeDownload(id)),
    move: (id, to) => act(id, () => api.moveDownload(id, to)),

    async remove(id, deleteData) {
      await api.removeDownload(id, deleteData);
      set({ list: get().list?.filter((d) => d.id !== id) ?? null });
      void get().loadList();
    },

    async setOptions(id, options) {
      const data = await api.setDownloadOptions(id, options);
      if (get().detail?.id === id) set({ detail: { id, data, error: null, status: null } });
    },

    async setSequential(id, enabled) {
      await act(id, () => api.setSequential(id, enabled));
    },

    async selectFile(id, index, selected) {
      const setSelected = (value: boolean) => {
        const cur = get().detail;
        if (cur?.id !== id || !cur.data) return;
        const files = cur.data.files.map((f) => (f.index === index ? { ...f, selected: value } : f));
        set({ detail: { ...cur, data: { ...cur.data, files } } });
      };
      setSelected(selected); // the checkbox follows the click at once
      try {
        await act(id, () => api.selectDownloadFile(id, index, selected));
      } catch (e) {
        setSelected(!selected);
        throw e;
      }
    },

    applyList(list) {
      set({ list, listError: null });
      const open = get().detail;
      if (!open) return;
      const summary = list.find((d) => d.id === open.id);
      if (!summary) {
        // gone from the list: one refetch turns the page into "removed"
        if (open.data) scheduleDetail(open.id);
        return;
      }
      // no data yet: the first fetch is under way (or failed: then try again)
      if (open.data ? detailIsStale(open.data, summary) : open.error !== null) scheduleDetail(open.id);
    },

    touched(id) {
      scheduleDetail(id);
    },

    resync() {
      if (get().list !== null) void get().loadList();
      const open = get().detail;
      if (open) scheduleDetail(open.id);
    },

    reset() {
      clearDetailTimer();
      set({ list: null, listError: null, detail: null });
    },
  };
});
