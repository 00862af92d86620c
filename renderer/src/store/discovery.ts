// Search (discovery): the title search behind /search, the title open at /search/title/… with its release search
// (slow: every indexer is asked, so recent answers are kept and a late answer never overwrites a newer question),
// grabbing a release into Downloads, and the discovery settings (metadata keys, profile, indexers).
import { create } from 'zustand';
import type {
  AddDownloadResponse,
  DiscoverySettings,
  DiscoverySettingsUpdate,
  IndexerInfo,
  IndexerInput,
  IndexerTestResult,
  ReleaseRow,
  ReleaseSearchResponse,
  TitleDetails,
  TitleSearchResponse,
} from '../../../app/api/api-types';
import { api, errorText, isApiError } from '../api/client';
import { grabRequest, releasesKey, titleKey, type ReleaseOptions, type TitleQuery, type TitleRef } from '../discovery-format';
import { useDownloads } from './downloads';
import { useSession } from './session';

/** One request's state: what was asked (key), the answer or the error, and whether it is still under way. */
export interface Pending<T> {
  key: string;
  data: T | null;
  error: string | null;
  /** HTTP status of the failure (400: setup needed, see setupNeeded), null when fine */
  status: number | null;
  loading: boolean;
  /** Date.now() when the request started (the release search shows how long it has been asking) */
  startedAt: number;
}

interface DiscoveryState {
  search: Pending<TitleSearchResponse> | null;
  /** the last title search asked (the title page's way back to its results) */
  lastQuery: TitleQuery | null;
  title: Pending<TitleDetails> | null;
  releases: Pending<ReleaseSearchResponse> | null;
  settings: DiscoverySettings | null;
  settingsError: string | null;
  /** asks again only for a new query, or with `force` */
  searchTitles(query: TitleQuery, force?: boolean): Promise<void>;
  /** details are kept: a title seen lately opens at once */
  openTitle(ref: TitleRef): Promise<void>;
  /** a recent answer for the same title and options is shown at once unless `force` */
  searchReleases(ref: TitleRef, options: ReleaseOptions, force?: boolean): Promise<void>;
  /** throws ApiError with the server's words; a release without a link throws too */
  grab(ref: TitleRef, row: ReleaseRow): Promise<AddDownloadResponse>;
  loadSettings(): Promise<void>;
  saveSettings(update: DiscoverySettingsUpdate): Promise<DiscoverySettings>;
  addIndexer(input: IndexerInput): Promise<IndexerInfo>;
  updateIndexer(id: string, patch: Partial<IndexerInput & { enabled: boolean }>): Promise<IndexerInfo>;
  removeIndexer(id: string): Promise<void>;
  testIndexer(id: string): Promise<IndexerTestResult>;
  reset(): void;
}

export const titleQueryKey = (q: TitleQuery) => `${q.q.trim()}|${q.kind ?? ''}|${q.year ?? ''}`;

const TITLE_CACHE = 24;
const RELEASE_CACHE = 8;
/** an answer older than this is asked again when the page opens (seeders move) */
const RELEASE_FRESH_MS = 10 * 60_000;

const titleCache = new Map<string, TitleDetails>();
const releaseCache = new Map<string, { at: number; data: ReleaseSearchResponse }>();

function remember<V>(cache: Map<string, V>, key: string, value: V, limit: number): void {
  cache.delete(key);
  cache.set(key, value);
  while (cache.size > limit) cache.delete(cache.keys().next().value as string);
}

/** Each kind of request counts its calls: an answer that is not the latest one asked is dropped. */
let searchSeq = 0;
let titleSeq = 0;
let releaseSeq = 0;

const failed = <T>(key: string, e: unknown, startedAt: number, data: T | null = null): Pending<T> => ({
  key,
  data,
  error: errorText(e),
  status: isApiError(e) ? e.status : null,
  loading: false,
  startedAt,
});

export const useDiscovery = create<DiscoveryState>()((set, get) => {
  function replaceIndexer(info: IndexerInfo): void {
    const s = get().settings;
    if (!s) return;
    const known = s.indexers.some((i) => i.id === info.id);
    const indexers = known ? s.indexers.map((i) => (i.id === info.id ? info : i)) : [...s.indexers, info];
    set({ settings: { ...s, indexers } });
  }

  return {
    search: null,
    lastQuery: null,
    title: null,
    releases: null,
    settings: null,
    settingsError: null,

    async searchTitles(query, force = false) {
      const key = titleQueryKey(query);
      const cur = get().search;
      if (!force && cur?.key === key && (cur.loading || cur.data)) return;
      const q = query.q.trim();
      const seq = ++searchSeq;
      if (!q) {
        set({ search: null });
        return;
      }
      set({ lastQuery: { q, kind: query.kind, year: query.year } });
      const startedAt = Date.now();
      // a new query clears the old results; asking the same again keeps them on screen meanwhile
      const keep = cur?.key === key ? cur.data : null;
      set({ search: { key, data: keep, error: null, status: null, loading: true, startedAt } });
      try {
        const data = await api.searchTitles(q, { kind: query.kind, year: query.year });
        if (seq === searchSeq) set({ search: { key, data, error: null, status: null, loading: false, startedAt } });
      } catch (e) {
        if (seq === searchSeq) set({ search: failed(key, e, startedAt) });
      }
    },

    async openTitle(ref) {
      const key = titleKey(ref);
      const cur = get().title;
      if (cur?.key === key && (cur.loading || cur.data)) return;
      const seq = ++titleSeq;
      const startedAt = Date.now();
      const cached = titleCache.get(key);
      if (cached) {
        set({ title: { key, data: cached, error: null, status: null, loading: false, startedAt } });
        return;
      }
      set({ title: { key, data: null, error: null, status: null, loading: true, startedAt } });
      try {
        const data = await api.titleDetails(ref.provider, ref.kind, ref.id);
        remember(titleCache, key, data, TITLE_CACHE);
        if (seq === titleSeq) set({ title: { key, data, error: null, status: null, loading: false, startedAt } });
      } catch (e) {
        if (seq === titleSeq) set({ title: failed(key, e, startedAt, get().title?.data ?? null) });
      }
    },

    async searchReleases(ref, options, force = false) {
      const key = releasesKey(ref, options);
      const cur = get().releases;
      if (!force && cur?.key === key && (cur.loading || cur.data)) return;
      const cached = releaseCache.get(key);
      if (!force && cached && Date.now() - cached.at < RELEASE_FRESH_MS) {
        ++releaseSeq; // an older question still under way must not overwrite this one
        set({ releases: { key, data: cached.data, error: null, status: null, loading: false, startedAt: cached.at } });
        return;
      }
      const seq = ++releaseSeq;
      const startedAt = Date.now();
      set({ releases: { key, data: null, error: null, status: null, loading: true, startedAt } });
      try {
        const data = await api.searchReleases(ref.provider, ref.kind, ref.id, options);
        remember(releaseCache, key, { at: Date.now(), data }, RELEASE_CACHE);
        const tKey = titleKey(ref);
        if (!titleCache.has(tKey)) remember(titleCache, tKey, data.title, TITLE_CACHE);
        if (seq !== releaseSeq) return;
        set({ releases: { key, data, error: null, status: null, loading: false, startedAt } });
        // the details request may have failed or still be running: the releases answer carries them too
        const t = get().title;
        if (t?.key === tKey && !t.data) set({ title: { ...t, data: data.title, error: null, status: null } });
      } catch (e) {
        if (seq === releaseSeq) set({ releases: failed(key, e, startedAt) });
      }
    },

    async grab(ref, row) {
      const body = grabRequest(ref, row);
      if (!body) throw new Error('The indexer gave no download link for this release.');
      const res = await api.grab(body);
      void useDownloads.getState().loadList();
      return res;
    },

    async loadSettings() {
      try {
        set({ settings: await api.discoverySettings(), settingsError: null });
      } catch (e) {
        set({ settingsError: errorText(e) });
      }
    },

    async saveSettings(update) {
      const settings = await api.saveDiscoverySettings(update);
      set({ settings, settingsError: null });
      // a new key or language changes what searches return
      titleCache.clear();
      releaseCache.clear();
      return settings;
    },

    async addIndexer(input) {
      const info = await api.addIndexer(input);
      replaceIndexer(info);
      return info;
    },

    async updateIndexer(id, patch) {
      const info = await api.updateIndexer(id, patch);
      replaceIndexer(info);
      return info;
    },

    async removeIndexer(id) {
      await api.removeIndexer(id);
      const s = get().settings;
      if (s) set({ settings: { ...s, indexers: s.indexers.filter((i) => i.id !== id) } });
    },

    async testIndexer(id) {
      const result = await api.testIndexer(id);
      void get().loadSettings(); // its health may have changed
      return result;
    },

    reset() {
      searchSeq++;
      titleSeq++;
      releaseSeq++;
      titleCache.clear();
      releaseCache.clear();
      set({ search: null, lastQuery: null, title: null, releases: null, settings: null, settingsError: null });
    },
  };
});

// Signing out forgets what this user searched and saw (the session store resets the other stores itself).
useSession.subscribe((s, prev) => {
  if (prev.user && !s.user) useDiscovery.getState().reset();
});
