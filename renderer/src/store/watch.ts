// The signed-in user's watch state: card marks (summaries), the "continue watching" row, and per-item episode states.
// `library.changed` (items come and go) and the player's reports call refresh(), which refetches what the UI has loaded.
import { create } from 'zustand';
import type { ContinueWatchingEntry, ItemWatchState, ItemWatchSummary } from '../../../app/api/api-types';
import { errorText, isApiError } from '../api/client';
import { watchApi } from '../api/watch';

const REFRESH_DELAY_MS = 1000;
/** item states kept (and refetched on refresh) */
const CACHE_LIMIT = 12;

interface WatchStore {
  /** by item id; null until loaded */
  summaries: Map<number, ItemWatchSummary> | null;
  continueRow: ContinueWatchingEntry[] | null;
  items: Map<number, ItemWatchState>;
  /** the last failed load, in words */
  error: string | null;
  loadSummaries(): Promise<void>;
  loadContinue(): Promise<void>;
  loadItem(itemId: number): Promise<void>;
  /** a movie, a whole series or one season; throws ApiError with the server's words */
  setItemPlayed(itemId: number, played: boolean, season?: number): Promise<void>;
  setEpisodePlayed(episodeId: number, played: boolean): Promise<void>;
  /** refetch what is loaded, about a second later (many changes in a row make one refetch) */
  refresh(): void;
  reset(): void;
}

const initial = () => ({
  summaries: null,
  continueRow: null,
  items: new Map<number, ItemWatchState>(),
  error: null,
});

function withItem(cache: Map<number, ItemWatchState>, state: ItemWatchState): Map<number, ItemWatchState> {
  const next = new Map(cache);
  next.delete(state.itemId); // re-insert: the newest is last
  next.set(state.itemId, state);
  for (const key of next.keys()) {
    if (next.size <= CACHE_LIMIT) break;
    next.delete(key);
  }
  return next;
}

/** The summary part of an item state, for its card. */
function summaryOf(state: ItemWatchState): ItemWatchSummary {
  const { itemId, played, positionSec, durationSec, playedEpisodes, totalEpisodes, lastWatchedAt } = state;
  return { itemId, played, positionSec, durationSec, playedEpisodes, totalEpisodes, lastWatchedAt };
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;

export const useWatch = create<WatchStore>()((set, get) => {
  /** an action's answer updates the item, its card and (later) the row */
  const applied = (state: ItemWatchState) => {
    const summaries = get().summaries;
    let nextSummaries = summaries;
    if (summaries) {
      nextSummaries = new Map(summaries);
      if (state.lastWatchedAt === null) nextSummaries.delete(state.itemId);
      else nextSummaries.set(state.itemId, summaryOf(state));
    }
    set({ items: withItem(get().items, state), summaries: nextSummaries });
    if (get().continueRow !== null) void get().loadContinue();
  };

  return {
    ...initial(),

    async loadSummaries() {
      try {
        const list = await watchApi.summaries();
        set({ summaries: new Map(list.map((s) => [s.itemId, s])), error: null });
      } catch (e) {
        set({ error: errorText(e) });
      }
    },

    async loadContinue() {
      try {
        set({ continueRow: await watchApi.continueWatching(), error: null });
      } catch (e) {
        set({ error: errorText(e) });
      }
    },

    async loadItem(itemId) {
      try {
        set({ items: withItem(get().items, await watchApi.item(itemId)), error: null });
      } catch (e) {
        if (!isApiError(e, 404)) return set({ error: errorText(e) });
        // the item left the library: stop asking for it
        const items = new Map(get().items);
        items.delete(itemId);
        set({ items });
      }
    },

    async setItemPlayed(itemId, played, season) {
      applied(await watchApi.setItemPlayed(itemId, played, season));
    },

    async setEpisodePlayed(episodeId, played) {
      applied(await watchApi.setEpisodePlayed(episodeId, played));
    },

    refresh() {
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        const { summaries, continueRow, items } = get();
        if (summaries !== null) void get().loadSummaries();
        if (continueRow !== null) void get().loadContinue();
        for (const id of items.keys()) void get().loadItem(id);
      }, REFRESH_DELAY_MS);
    },

    reset() {
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = null;
      set(initial());
    },
  };
});
