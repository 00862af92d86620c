/**
 * One search over every configured metadata provider: asked in parallel, answers cached, hits of the same title
 * merged (TMDB's first: it has translations and ids for both kinds), and a provider that fails reported next to the
 * hits instead of failing the search.
 */
import { UserError } from '../core/user-error.js';
import type { MetadataCache } from './metadata-cache.js';
import {
  PROVIDER_NAMES,
  type MediaKind,
  type MetadataDetails,
  type MetadataHit,
  type MetadataProvider,
  type MetadataProviderId,
} from './metadata-types.js';

export interface MetadataServiceOptions {
  /** only the providers that have a key; may be empty (search then says what to configure) */
  providers: readonly MetadataProvider[];
  /** without one every call goes to the providers */
  cache?: MetadataCache | null;
  /** default language for titles and overviews, e.g. 'ru-RU' */
  language: string;
  /** default 12 h */
  searchTtlMs?: number;
  /** default 24 h: a running series gains episodes weekly */
  detailsTtlMs?: number;
}

export interface MetadataSearchOptions {
  year?: number;
  kind?: MediaKind;
  /** overrides the service's language for this search */
  language?: string;
}

export interface ProviderStatus {
  id: MetadataProviderId;
  status: 'ok' | 'error';
  /** the provider's error in words for the user, e.g. "TMDB: Invalid API key: …" */
  error?: string;
}

export interface MetadataSearchResult {
  hits: MetadataHit[];
  providers: ProviderStatus[];
}

export const NO_PROVIDER_MESSAGE =
  'No metadata provider is configured: add a TMDB API key (themoviedb.org → Settings → API) or an OMDb key in Settings → Metadata';

const HOUR = 3_600_000;
/** bump when MetadataHit/MetadataDetails change shape, so old cached JSON is never read as the new one */
const CACHE_VERSION = 'v1';
const ORDER: MetadataProviderId[] = ['tmdb', 'omdb'];

/** A title reduced for comparison: case, accents, punctuation and spacing do not matter. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/gu, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether two providers' hits are the same title: a shared id, or the same kind, year and (original) title. */
export function sameTitle(a: MetadataHit, b: MetadataHit): boolean {
  if (a.kind !== b.kind) return false;
  if (a.imdbId && b.imdbId) return a.imdbId === b.imdbId;
  if (a.tmdbId !== null && b.tmdbId !== null) return a.tmdbId === b.tmdbId;
  if (a.year === null || a.year !== b.year) return false;
  const names = (h: MetadataHit) => [h.title, h.originalTitle].flatMap((t) => (t ? [normalizeTitle(t)] : []));
  const theirs = new Set(names(b));
  return names(a).some((n) => n !== '' && theirs.has(n));
}

/** Merges hit lists in provider order: a later provider's hit fills the gaps (an IMDb id, a rating) of a match. */
export function mergeHits(lists: readonly MetadataHit[][]): MetadataHit[] {
  const merged: MetadataHit[] = [];
  const firstOf = new Set<MetadataHit>(); // hits already merged with one from this provider's list
  for (const list of lists) {
    firstOf.clear();
    for (const hit of list) {
      const match = merged.find((m) => !firstOf.has(m) && sameTitle(m, hit));
      if (!match) {
        merged.push({ ...hit });
        continue;
      }
      firstOf.add(match);
      const target = match as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(hit)) if (target[k] === null && v !== null) target[k] = v;
    }
  }
  return merged;
}

export class MetadataService {
  private readonly providers: MetadataProvider[];
  private readonly cache: MetadataCache | null;
  private readonly language: string;
  private readonly searchTtlMs: number;
  private readonly detailsTtlMs: number;

  constructor(options: MetadataServiceOptions) {
    this.providers = [...options.providers].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
    this.cache = options.cache ?? null;
    this.language = options.language;
    this.searchTtlMs = options.searchTtlMs ?? 12 * HOUR;
    this.detailsTtlMs = options.detailsTtlMs ?? 24 * HOUR;
  }

  /** The providers that have a key, TMDB first. */
  get configured(): MetadataProviderId[] {
    return this.providers.map((p) => p.id);
  }

  async search(text: string, options: MetadataSearchOptions = {}): Promise<MetadataSearchResult> {
    const query = text.trim().replace(/\s+/gu, ' ');
    if (!query) throw new UserError('Type a title to search for');
    if (this.providers.length === 0) throw new UserError(NO_PROVIDER_MESSAGE);
    const language = options.language ?? this.language;
    const answers = await Promise.all(
      this.providers.map(async (provider) => {
        const key = [CACHE_VERSION, provider.id, 'search', language, options.kind ?? '', options.year ?? '', query.toLowerCase()];
        try {
          const hits = await this.cachedCall(key, this.searchTtlMs, () =>
            provider.search({ text: query, year: options.year, kind: options.kind, language }),
          );
          return { status: { id: provider.id, status: 'ok' } as ProviderStatus, hits };
        } catch (err) {
          return { status: { id: provider.id, status: 'error', error: (err as Error).message } as ProviderStatus, hits: [] };
        }
      }),
    );
    return { hits: mergeHits(answers.map((a) => a.hits)), providers: answers.map((a) => a.status) };
  }

  /** One title with its seasons and episodes, from the provider that listed it (its errors propagate). */
  async details(
    providerId: MetadataProviderId,
    kind: MediaKind,
    id: string,
    language: string = this.language,
  ): Promise<MetadataDetails> {
    if (this.providers.length === 0) throw new UserError(NO_PROVIDER_MESSAGE);
    const provider = this.providers.find((p) => p.id === providerId);
    if (!provider) {
      throw new UserError(`${PROVIDER_NAMES[providerId] ?? providerId} is not configured: add its key in Settings → Metadata`);
    }
    const key = [CACHE_VERSION, providerId, 'details', language, kind, id];
    return this.cachedCall(key, this.detailsTtlMs, () => provider.details({ kind, id }, language));
  }

  private cachedCall<T>(key: unknown[], ttlMs: number, load: () => Promise<T>): Promise<T> {
    return this.cache ? this.cache.cached(JSON.stringify(key), ttlMs, load) : load();
  }
}
