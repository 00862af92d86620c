// Library catalogue: item list, item details, files and media folders (roots).
// The SSE `library.changed` event calls refresh(), which refetches only what the UI has loaded.
import { create } from 'zustand';
import type {
  EngineEvent,
  LibraryItemDetail,
  LibraryItemSummary,
  LibraryRoot,
  MediaFileDetail,
} from '../../../app/api/api-types';

export type LibraryChangeReason = Extract<EngineEvent, { type: 'library.changed' }>['reason'];

const REFRESH_INTERVAL_MS = 1000;
import { api, errorText, isApiError } from '../api/client';

export interface Loadable<T> {
  data: T | null;
  error: string | null;
  /** HTTP status of the failed load (404: gone), null when fine */
  status: number | null;
}

/** How many item details / files stay cached (and get refetched on library.changed). */
const CACHE_LIMIT = 12;

interface LibraryState {
  items: LibraryItemSummary[] | null;
  itemsError: string | null;
  details: Map<number, Loadable<LibraryItemDetail>>;
  files: Map<number, Loadable<MediaFileDetail>>;
  roots: LibraryRoot[] | null;
  rootsError: string | null;
  loadItems(): Promise<void>;
  loadItem(id: number): Promise<void>;
  loadFile(id: number): Promise<void>;
  loadRoots(): Promise<void>;
  /** throws ApiError (e.g. 400 with the server's message for a missing folder) */
  addRoot(path: string): Promise<LibraryRoot>;
  removeRoot(id: number): Promise<void>;
  /**
   * Refetch what the UI has loaded, at most about once a second. A probe only changes file details,
   * so it leaves the (possibly large) item list alone.
   */
  refresh(reason?: LibraryChangeReason): void;
  reset(): void;
}

const initial = () => ({
  items: null,
  itemsError: null,
  details: new Map<number, Loadable<LibraryItemDetail>>(),
  files: new Map<number, Loadable<MediaFileDetail>>(),
  roots: null,
  rootsError: null,
});

/** New map with `entry` as the most recent; the oldest entries beyond CACHE_LIMIT are dropped. */
function withEntry<T>(cache: Map<number, Loadable<T>>, id: number, entry: Loadable<T>): Map<number, Loadable<T>> {
  const next = new Map(cache);
  next.delete(id); // re-insert so the newest entry is last
  next.set(id, entry);
  for (const key of next.keys()) {
    if (next.size <= CACHE_LIMIT) break;
    next.delete(key);
  }
  return next;
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
let refreshList = false;

export const useLibrary = create<LibraryState>()((set, get) => ({
  ...initial(),

  async loadItems() {
    try {
      set({ items: await api.items(), itemsError: null });
    } catch (e) {
      set({ itemsError: errorText(e) });
    }
  },

  async loadItem(id) {
    try {
      const data = await api.item(id);
      set({ details: withEntry(get().details, id, { data, error: null, status: null }) });
    } catch (e) {
      const prev = isApiError(e, 404) ? null : (get().details.get(id)?.data ?? null);
      set({
        details: withEntry(get().details, id, { data: prev, error: errorText(e), status: isApiError(e) ? e.status : null }),
      });
    }
  },

  async loadFile(id) {
    try {
      const data = await api.file(id);
      set({ files: withEntry(get().files, id, { data, error: null, status: null }) });
    } catch (e) {
      const prev = isApiError(e, 404) ? null : (get().files.get(id)?.data ?? null);
      set({ files: withEntry(get().files, id, { data: prev, error: errorText(e), status: isApiError(e) ? e.status : null }) });
    }
  },

  async loadRoots() {
    try {
      set({ roots: await api.roots(), rootsError: null });
    } catch (e) {
      set({ rootsError: errorText(e) });
    }
  },

  async addRoot(path) {
    const root = await api.addRoot(path);
    set({ roots: [...(get().roots ?? []).filter((r) => r.id !== root.id), root] });
    return root;
  },

  async removeRoot(id) {
    await api.removeRoot(id);
    set({ roots: (get().roots ?? []).filter((r) => r.id !== id) });
    void get().loadItems();
  },

  refresh(reason) {
    if (reason !== 'probe') refreshList = true;
    if (refreshTimer) return; // a refetch is already due: it will include this change
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      const { items, roots, details, files } = get();
      if (refreshList) {
        if (items !== null) void get().loadItems();
        if (roots !== null) void get().loadRoots();
      }
      refreshList = false;
      for (const id of details.keys()) void get().loadItem(id);
      for (const id of files.keys()) void get().loadFile(id);
    }, REFRESH_INTERVAL_MS);
  },

  reset() {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = null;
    set(initial());
  },
}));
