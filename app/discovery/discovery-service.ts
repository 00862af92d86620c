/**
 * The discovery capability: find a title (TMDB/OMDb), find its releases on the Torznab indexers, rank them with the
 * decision engine and hand the chosen one to the torrent engine, linked to the title so its import is named from the
 * metadata. Providers and indexers are rebuilt from the saved settings and secrets whenever those change.
 */
import type {
  AddDownloadResponse,
  DiscoverySettings,
  GrabRequest,
  IndexerInfo,
  IndexerTestResult,
  ReleaseProfileInfo,
  ReleaseSearchResponse,
  TitleDetails,
  TitleHit,
  TitleSearchResponse,
} from '../api/api-types.js';
import { NotFoundError, UpstreamError, UserError } from '../core/user-error.js';
import type { TitleLink } from '../torrent/download-store.js';
import { DiscoverySettingsStore, SECRET_OMDB, SECRET_TMDB, indexerSecret } from './discovery-settings.js';
import { MetadataCache } from './metadata-cache.js';
import { MetadataService } from './metadata-service.js';
import {
  ProviderError,
  type MediaKind,
  type MetadataDetails,
  type MetadataHit,
  type MetadataProvider,
  type MetadataProviderId,
} from './metadata-types.js';
import { OmdbProvider } from './omdb-provider.js';
import { PosterCache } from './poster-cache.js';
import { decide, explainWinner, compactPlan } from './release-decision.js';
import { BUILTIN_PROFILES } from './release-profile.js';
import { candidateOf, queryFor, releaseId, rowOf, wantedFrom, type ReleaseScope } from './release-rows.js';
import { parseReleaseTitle } from './release-title-parser.js';
import { TmdbProvider } from './tmdb-provider.js';
import { TorznabIndexer } from './torznab-client.js';
import { TorznabSearch } from './torznab-search.js';

export const NO_INDEXER_MESSAGE =
  'No indexer is configured: add a Torznab feed (Jackett or Prowlarr: the indexer\'s "Torznab Feed" URL and API key) in Settings → Indexers';

/** Where the providers live: the real services by default; tests and self-hosted proxies point them elsewhere. */
export interface ProviderEndpoints {
  tmdbBaseUrl?: string;
  tmdbImageBaseUrl?: string;
  omdbBaseUrl?: string;
}

export interface DiscoveryDeps {
  store: DiscoverySettingsStore;
  cache: MetadataCache;
  posters: PosterCache;
  /** the torrent engine's add, and whether it refuses an info-hash */
  downloads: {
    add(input: { uri: string }, title: TitleLink): Promise<AddDownloadResponse>;
    isBlocklisted(hash: string): boolean;
  } | null;
  endpoints?: ProviderEndpoints;
  /** per indexer, default 15 s */
  indexerTimeoutMs?: number;
}

const POSTER_TTL_MS = 30 * 24 * 3_600_000;

export class DiscoveryService {
  private metadata: MetadataService | null = null;
  private search: TorznabSearch | null = null;
  private indexers = new Map<string, TorznabIndexer>();

  constructor(private readonly deps: DiscoveryDeps) {}

  // ---- settings ------------------------------------------------------------------------------------------------
  async settings(): Promise<DiscoverySettings> {
    const config = this.deps.store.get();
    const has = async (key: string) => (await this.deps.store.secret(key)) !== null;
    const health = new Map((this.search?.snapshot() ?? config.health).map((h) => [h.id, h]));
    const indexers: IndexerInfo[] = await Promise.all(
      config.indexers.map(async (i) => {
        const h = health.get(i.id);
        return {
          ...i,
          hasApiKey: await has(indexerSecret(i.id)),
          health: {
            lastOkAt: h?.lastOkAt ?? null,
            lastError: h?.lastError ?? null,
            lastErrorAt: h?.lastErrorAt ?? null,
            consecutiveFailures: h?.consecutiveFailures ?? 0,
            backoffUntil: h?.backoffUntil ?? null,
          },
        };
      }),
    );
    return {
      language: config.language,
      tmdb: { configured: await has(SECRET_TMDB) },
      omdb: { configured: await has(SECRET_OMDB) },
      profile: config.profile,
      profiles: this.deps.store.profileNames(),
      indexers,
    };
  }

  async updateSettings(patch: unknown): Promise<DiscoverySettings> {
    await this.deps.store.update(patch);
    this.metadata = null;
    return this.settings();
  }

  async addIndexer(input: unknown): Promise<IndexerInfo> {
    const added = await this.deps.store.addIndexer(input);
    this.forgetIndexers();
    return (await this.settings()).indexers.find((i) => i.id === added.id)!;
  }

  async updateIndexer(id: string, patch: unknown): Promise<IndexerInfo> {
    await this.deps.store.updateIndexer(id, patch);
    this.forgetIndexers();
    return (await this.settings()).indexers.find((i) => i.id === id)!;
  }

  async removeIndexer(id: string): Promise<void> {
    await this.deps.store.removeIndexer(id);
    this.forgetIndexers();
  }

  /** Reads the indexer's caps now (the "Test" button): which search modes it offers, or why it failed. */
  async testIndexer(id: string): Promise<IndexerTestResult> {
    const indexer = (await this.loadIndexers(true)).find((i) => i.id === id);
    if (!indexer) throw new NotFoundError('Indexer not found');
    try {
      const caps = await indexer.caps({ refresh: true });
      const modes = Object.entries(caps.modes)
        .filter(([, m]) => m.available)
        .map(([name]) => name);
      return { ok: true, modes, categories: caps.categories.length };
    } catch (err) {
      return { ok: false, modes: [], categories: 0, error: (err as Error).message };
    }
  }

  // ---- release profiles ----
  profiles(): ReleaseProfileInfo[] {
    const own = this.deps.store.get().profiles;
    return [
      ...Object.values(BUILTIN_PROFILES).map((profile) => ({ name: profile.name, builtIn: true, profile })),
      ...own.map((profile) => ({ name: profile.name, builtIn: false, profile })),
    ];
  }

  saveProfile(name: string, input: unknown): ReleaseProfileInfo {
    return { name, builtIn: false, profile: this.deps.store.saveProfile(name, input) };
  }

  removeProfile(name: string): void {
    this.deps.store.removeProfile(name);
  }

  // ---- titles --------------------------------------------------------------------------------------------------
  async searchTitles(text: string, opts: { kind?: MediaKind; year?: number } = {}): Promise<TitleSearchResponse> {
    const result = await (await this.metadataService()).search(text, opts);
    return { hits: result.hits.map((h) => this.hitOut(h)), providers: result.providers };
  }

  async title(provider: MetadataProviderId, kind: MediaKind, id: string): Promise<TitleDetails> {
    return this.detailsOut(await this.details(provider, kind, id));
  }

  /** The cached poster file behind an engine poster URL (fetched on first use), or null for an unknown key. */
  async posterFile(key: string): Promise<string | null> {
    const url = this.deps.cache.get<string>(`poster:${key}`);
    if (!url) return null;
    try {
      return await this.deps.posters.get(url);
    } catch (err) {
      throw new UpstreamError(`The poster could not be fetched: ${(err as Error).message}`);
    }
  }

  // ---- releases ------------------------------------------------------------------------------------------------
  async releases(
    ref: { provider: MetadataProviderId; kind: MediaKind; id: string },
    scope: ReleaseScope & { profile?: string },
  ): Promise<ReleaseSearchResponse> {
    const details = await this.details(ref.provider, ref.kind, ref.id);
    const title = this.detailsOut(details);
    const profileName = scope.profile ?? this.deps.store.get().profile;
    const profile = this.deps.store.profile(profileName);
    if (!profile) {
      throw new UserError(`Unknown release profile "${profileName}": one of ${this.deps.store.profileNames().join(', ')}`);
    }
    if (scope.episode !== undefined && scope.season === undefined) throw new UserError('Name the season of the episode');
    const search = await this.torznab();
    const outcome = await search.search(queryFor({ ...title, tvdbId: details.externalIds.tvdbId }, scope));
    this.deps.store.saveHealth(search.snapshot());

    const parsed = new Map(outcome.releases.map((r) => [releaseId(r), parseReleaseTitle(r.title)]));
    const byId = new Map(outcome.releases.map((r) => [releaseId(r), r]));
    const candidates = outcome.releases.map((r) => candidateOf(r, parsed.get(releaseId(r))!));
    const blocklist = new Set(
      candidates
        .map((c) => c.infoHash)
        .filter((h): h is string => h !== null && (this.deps.downloads?.isBlocklisted(h) ?? false)),
    );
    const wanted = wantedFrom(title, scope);
    const { ranked } = decide(wanted, candidates, profile, { blocklist });
    const accepted = ranked.filter((d) => d.accepted);
    const plan = title.kind === 'series' && scope.season === undefined ? compactPlan(wanted, ranked, candidates) : null;
    return {
      title,
      season: scope.season ?? null,
      episode: scope.episode ?? null,
      profile: profileName,
      releases: ranked.map((d) => rowOf(d, byId.get(d.candidateId)!, parsed.get(d.candidateId)!)),
      best: accepted[0]
        ? {
            id: accepted[0].candidateId,
            why: accepted[1] ? explainWinner(accepted[0], accepted[1]) : 'the only accepted release',
          }
        : null,
      plan: plan && {
        picks: plan.picks.map((p) => ({ releaseId: p.candidateId, seasons: p.seasons, reason: p.reason })),
        uncovered: plan.uncovered,
      },
      indexers: outcome.indexers,
    };
  }

  /** Hands a release to the torrent engine, linked to its title. */
  async grab(req: GrabRequest): Promise<AddDownloadResponse> {
    if (!this.deps.downloads) throw new UserError('Downloads are not running in this process');
    const details = await this.details(req.title.provider, req.title.kind, req.title.id);
    return this.deps.downloads.add(
      { uri: req.uri },
      { provider: details.provider, kind: details.kind, id: details.id, title: details.title, year: details.year },
    );
  }

  // ---- internals -----------------------------------------------------------------------------------------------
  private async details(provider: MetadataProviderId, kind: MediaKind, id: string): Promise<MetadataDetails> {
    try {
      return await (await this.metadataService()).details(provider, kind, id);
    } catch (err) {
      if (err instanceof ProviderError) throw new UpstreamError(err.message, err.statusCode);
      throw err;
    }
  }

  private async metadataService(): Promise<MetadataService> {
    if (this.metadata) return this.metadata;
    const { store, cache, endpoints = {} } = this.deps;
    const providers: MetadataProvider[] = [];
    const tmdbKey = await store.secret(SECRET_TMDB);
    if (tmdbKey) {
      providers.push(
        new TmdbProvider({ apiKey: tmdbKey, baseUrl: endpoints.tmdbBaseUrl, imageBaseUrl: endpoints.tmdbImageBaseUrl }),
      );
    }
    const omdbKey = await store.secret(SECRET_OMDB);
    if (omdbKey) providers.push(new OmdbProvider({ apiKey: omdbKey, baseUrl: endpoints.omdbBaseUrl }));
    this.metadata = new MetadataService({ providers, cache, language: store.get().language });
    return this.metadata;
  }

  private forgetIndexers(): void {
    if (this.search) this.deps.store.saveHealth(this.search.snapshot());
    this.search = null;
    this.indexers.clear();
  }

  /** Enabled indexers with their keys; caps stay cached in each instance until the settings change. */
  private async loadIndexers(includeDisabled = false): Promise<TorznabIndexer[]> {
    const out: TorznabIndexer[] = [];
    for (const cfg of this.deps.store.get().indexers) {
      if (!cfg.enabled && !includeDisabled) continue;
      let indexer = this.indexers.get(cfg.id);
      if (!indexer) {
        const apiKey = (await this.deps.store.secret(indexerSecret(cfg.id))) ?? '';
        indexer = new TorznabIndexer({ id: cfg.id, name: cfg.name, url: cfg.url, apiKey, timeoutMs: this.deps.indexerTimeoutMs });
        this.indexers.set(cfg.id, indexer);
      }
      out.push(indexer);
    }
    return out;
  }

  private async torznab(): Promise<TorznabSearch> {
    if (this.search) return this.search;
    const indexers = await this.loadIndexers();
    if (indexers.length === 0) throw new UserError(NO_INDEXER_MESSAGE);
    this.search = new TorznabSearch({ indexers, health: this.deps.store.get().health });
    return this.search;
  }

  private posterOut(url: string | null): string | null {
    if (!url) return null;
    const key = PosterCache.keyOf(url);
    this.deps.cache.set(`poster:${key}`, url, POSTER_TTL_MS);
    return `/api/v1/discover/posters/${key}`;
  }

  private hitOut(h: MetadataHit): TitleHit {
    const { posterUrl, ...rest } = h;
    return { ...rest, poster: this.posterOut(posterUrl) };
  }

  private detailsOut(d: MetadataDetails): TitleDetails {
    const { externalIds: _ids, ...rest } = d;
    return { ...this.hitOut(rest), runtimeMin: d.runtimeMin, genres: d.genres, seasons: d.seasons };
  }
}
