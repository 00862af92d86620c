/**
 * The one shape every metadata provider (TMDB, OMDb) answers in, so the service, the cache and the UI never see a
 * provider's own JSON. Unknown values are null, never "", 0 or "N/A".
 */
export type MetadataProviderId = 'tmdb' | 'omdb';
export type MediaKind = 'movie' | 'series';

/** How a provider is named in messages the user reads. */
export const PROVIDER_NAMES: Record<MetadataProviderId, string> = { tmdb: 'TMDB', omdb: 'OMDb' };

export interface MetadataQuery {
  text: string;
  year?: number;
  /** omitted: movies and series both */
  kind?: MediaKind;
  /** BCP 47 tag as TMDB takes it, e.g. 'ru-RU' (OMDb only speaks English and ignores it) */
  language: string;
}

export interface MetadataHit {
  provider: MetadataProviderId;
  /** the provider's own id: TMDB's number as a string, OMDb's IMDb id ('tt0903747') */
  id: string;
  kind: MediaKind;
  /** in the requested language when the provider has a translation */
  title: string;
  originalTitle: string | null;
  year: number | null;
  overview: string | null;
  /** 0..10; null when nobody voted */
  rating: number | null;
  votes: number | null;
  /** remote, full URL (the poster cache downloads it) */
  posterUrl: string | null;
  imdbId: string | null;
  /** TMDB ids are per kind: movie 1396 and series 1396 are different titles */
  tmdbId: number | null;
}

export interface MetadataEpisode {
  number: number;
  title: string | null;
  /** YYYY-MM-DD */
  airDate: string | null;
  runtimeMin: number | null;
}

export interface MetadataSeason {
  /** 0 is "Specials" on TMDB */
  number: number;
  name: string | null;
  airDate: string | null;
  episodeCount: number;
  episodes: MetadataEpisode[];
}

export interface ExternalIds {
  imdbId: string | null;
  tmdbId: number | null;
  tvdbId: number | null;
}

export interface MetadataDetails extends MetadataHit {
  runtimeMin: number | null;
  genres: string[];
  /** every season with its episodes for a series; empty for a movie */
  seasons: MetadataSeason[];
  externalIds: ExternalIds;
}

export interface MetadataRef {
  kind: MediaKind;
  /** the provider's id, as in MetadataHit.id */
  id: string;
}

export interface MetadataProvider {
  readonly id: MetadataProviderId;
  search(query: MetadataQuery): Promise<MetadataHit[]>;
  details(ref: MetadataRef, language: string): Promise<MetadataDetails>;
}

export type ProviderErrorCode =
  | 'auth' // the key was refused
  | 'not-found'
  | 'rate-limited'
  | 'timeout'
  | 'unreachable' // DNS, refused connection, TLS
  | 'bad-response' // HTML page, malformed JSON, unexpected shape, body over the cap
  | 'failed'; // any other error the provider reported

/**
 * What went wrong talking to a provider, in words fit for the user ("TMDB: Invalid API key: …"). The message never
 * holds the request URL: it would carry the API key.
 */
export class ProviderError extends Error {
  override name = 'ProviderError';

  constructor(
    readonly provider: MetadataProviderId,
    readonly code: ProviderErrorCode,
    message: string,
    /** from Retry-After on a 429, in seconds */
    readonly retryAfterSec: number | null = null,
  ) {
    super(`${PROVIDER_NAMES[provider]}: ${message}`);
  }

  /** For the API's error handler: a missing title is a 404, a throttled provider a 429, anything else a bad gateway. */
  get statusCode(): number {
    if (this.code === 'not-found') return 404;
    if (this.code === 'rate-limited') return 429;
    return 502;
  }
}
