import { IndexerError, type TorznabQuery, type TorznabRelease } from './torznab-client.js';

/**
 * Searches several Torznab indexers at once. Each indexer runs under its own deadline (the client's timeout), so a
 * slow one costs only itself; results are merged and de-duplicated; an indexer that keeps failing is skipped for a
 * growing while (1 min doubling to 1 h) instead of slowing every search. Health lives in memory: `snapshot()` and
 * `restore()` let the caller persist it.
 */

/** What TorznabSearch needs of an indexer (TorznabIndexer is one). */
export interface SearchableIndexer {
  readonly id: string;
  readonly name: string;
  search(query: TorznabQuery): Promise<TorznabRelease[]>;
}

export interface MergedRelease extends TorznabRelease {
  /** names of every indexer that listed this release, the kept entry's first */
  indexers: string[];
  indexerIds: string[];
}

export interface IndexerRun {
  id: string;
  name: string;
  status: 'ok' | 'error' | 'skipped';
  /** releases this indexer returned (before de-duplication) */
  count: number;
  error?: string;
  ms: number;
}

export interface SearchOutcome {
  releases: MergedRelease[];
  indexers: IndexerRun[];
}

export interface IndexerHealth {
  id: string;
  name: string;
  lastOkAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  /** ISO time until which the indexer is skipped; null when it is not backing off */
  backoffUntil: string | null;
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 60_000, maxMs: 3_600_000 };

export type SearchResultOutcome = { ok: true } | { ok: false; error: string };

export function initialHealth(id: string, name: string): IndexerHealth {
  return { id, name, lastOkAt: null, lastError: null, lastErrorAt: null, consecutiveFailures: 0, backoffUntil: null };
}

/** Health after one search: success clears the failures, the n-th failure in a row backs off base·2^(n-1), capped. */
export function nextHealth(
  prev: IndexerHealth,
  outcome: SearchResultOutcome,
  now: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): IndexerHealth {
  const at = new Date(now).toISOString();
  if (outcome.ok) return { ...prev, lastOkAt: at, consecutiveFailures: 0, backoffUntil: null };
  const failures = prev.consecutiveFailures + 1;
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
  return {
    ...prev,
    lastError: outcome.error,
    lastErrorAt: at,
    consecutiveFailures: failures,
    backoffUntil: new Date(now + delay).toISOString(),
  };
}

export function inBackoff(health: IndexerHealth, now: number): boolean {
  return health.backoffUntil !== null && Date.parse(health.backoffUntil) > now;
}

/** Lower-case letters and digits only, so `Movie.2020.1080p` and `Movie 2020 1080p` meet. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const seedersOf = (r: TorznabRelease) => r.seeders ?? -1;

/**
 * One entry per release: the same info-hash is the same torrent; without a hash, the same normalised title and size
 * (a size of 0 means unknown and never matches). The entry with more seeders is kept; fields it lacks (magnet,
 * hash, ids) are filled from the others. Order: first appearance.
 */
export function mergeReleases(lists: TorznabRelease[][]): MergedRelease[] {
  const merged: MergedRelease[] = [];
  const byKey = new Map<string, number>();
  const keysOf = (r: TorznabRelease) => [
    ...(r.infoHash ? [`h:${r.infoHash}`] : []),
    ...(r.size > 0 ? [`t:${normaliseTitle(r.title)}|${r.size}`] : []),
  ];
  for (const release of lists.flat()) {
    const keys = keysOf(release);
    // a hash match wins; a title+size match only joins entries that do not carry a different hash
    const at = keys
      .map((k) => byKey.get(k))
      .find((i) => i !== undefined && (!release.infoHash || !merged[i].infoHash || merged[i].infoHash === release.infoHash));
    if (at === undefined) {
      merged.push({ ...release, indexers: [release.indexer], indexerIds: [release.indexerId] });
      for (const k of keys) if (!byKey.has(k)) byKey.set(k, merged.length - 1);
      continue;
    }
    const old = merged[at];
    const [best, other] = seedersOf(release) > seedersOf(old) ? [release, old] : [old, release];
    const names = new Set(best === release ? [release.indexer, ...old.indexers] : [...old.indexers, release.indexer]);
    const ids = new Set(best === release ? [release.indexerId, ...old.indexerIds] : [...old.indexerIds, release.indexerId]);
    merged[at] = {
      ...best,
      magnetUrl: best.magnetUrl ?? other.magnetUrl,
      infoHash: best.infoHash ?? other.infoHash,
      imdbId: best.imdbId ?? other.imdbId,
      tmdbId: best.tmdbId ?? other.tmdbId,
      indexers: [...names],
      indexerIds: [...ids],
    };
    for (const k of keysOf(merged[at])) if (!byKey.has(k)) byKey.set(k, at);
  }
  return merged;
}

export interface TorznabSearchOptions {
  indexers: SearchableIndexer[];
  backoff?: BackoffPolicy;
  /** health persisted earlier (see `snapshot`) */
  health?: IndexerHealth[];
  now?: () => number;
}

export class TorznabSearch {
  private readonly indexers: SearchableIndexer[];
  private readonly backoff: BackoffPolicy;
  private readonly now: () => number;
  private readonly healthById = new Map<string, IndexerHealth>();

  constructor(options: TorznabSearchOptions) {
    this.indexers = options.indexers;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.now = options.now ?? Date.now;
    this.restore(options.health ?? []);
  }

  async search(query: TorznabQuery): Promise<SearchOutcome> {
    const runs = await Promise.all(this.indexers.map((indexer) => this.run(indexer, query)));
    return {
      releases: mergeReleases(runs.map((r) => r.releases)),
      indexers: runs.map((r) => r.run),
    };
  }

  /** Health of every configured indexer, as plain JSON. */
  snapshot(): IndexerHealth[] {
    return this.indexers.map((i) => ({ ...this.health(i), name: i.name }));
  }

  /** Takes back a snapshot; entries for indexers no longer configured are ignored. */
  restore(health: IndexerHealth[]): void {
    const known = new Set(this.indexers.map((i) => i.id));
    for (const h of health) if (known.has(h.id)) this.healthById.set(h.id, { ...h });
  }

  private health(indexer: SearchableIndexer): IndexerHealth {
    return this.healthById.get(indexer.id) ?? initialHealth(indexer.id, indexer.name);
  }

  private async run(indexer: SearchableIndexer, query: TorznabQuery): Promise<{ releases: TorznabRelease[]; run: IndexerRun }> {
    const { id, name } = indexer;
    const health = this.health(indexer);
    if (inBackoff(health, this.now())) {
      const error = `skipped until ${health.backoffUntil} after ${health.consecutiveFailures} failure(s): ${health.lastError}`;
      return { releases: [], run: { id, name, status: 'skipped', count: 0, error, ms: 0 } };
    }
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const releases = await indexer.search(query);
      this.healthById.set(id, nextHealth(health, { ok: true }, this.now(), this.backoff));
      return { releases, run: { id, name, status: 'ok', count: releases.length, ms: ms() } };
    } catch (err) {
      const error = err instanceof IndexerError ? err.detail : (err as Error).message;
      // the query asked for something this indexer cannot search by: not the indexer's fault
      if (err instanceof IndexerError && err.kind === 'unsupported') {
        return { releases: [], run: { id, name, status: 'skipped', count: 0, error, ms: ms() } };
      }
      this.healthById.set(id, nextHealth(health, { ok: false, error }, this.now(), this.backoff));
      return { releases: [], run: { id, name, status: 'error', count: 0, error, ms: ms() } };
    }
  }
}
