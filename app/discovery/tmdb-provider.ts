/**
 * TMDB API v3 (https://developer.themoviedb.org/reference): search, movie and series details with external ids,
 * a series' seasons with their episodes, and lookup by IMDb id. Authenticates with a v3 API key (`api_key=`) or a
 * v4 read access token (`Authorization: Bearer`), told apart by shape: the token is a JWT, the key 32 hex digits.
 */
import { z } from 'zod';
import {
  ProviderError,
  type MediaKind,
  type MetadataDetails,
  type MetadataHit,
  type MetadataProvider,
  type MetadataQuery,
  type MetadataRef,
  type MetadataSeason,
} from './metadata-types.js';
import { getJson, mapLimit, parseShape } from './provider-http.js';

export interface TmdbOptions {
  /** a v3 API key or a v4 read access token, as pasted from themoviedb.org → Settings → API */
  apiKey: string;
  /** default https://api.themoviedb.org/3 */
  baseUrl?: string;
  /** default https://image.tmdb.org/t/p/ */
  imageBaseUrl?: string;
  /** default w500 (a poster fit for a grid and a details page) */
  posterSize?: string;
  /** per request; default 8 s */
  timeoutMs?: number;
  /** default 5 MiB */
  maxBytes?: number;
}

const nullableString = z.string().nullish();
const nullableNumber = z.number().nullish();

// The fields we read, as TMDB documents them; everything else in its answers is ignored.
const resultSchema = z.object({
  id: z.number(),
  media_type: z.string().nullish(),
  title: nullableString,
  name: nullableString,
  original_title: nullableString,
  original_name: nullableString,
  release_date: nullableString,
  first_air_date: nullableString,
  overview: nullableString,
  vote_average: nullableNumber,
  vote_count: nullableNumber,
  poster_path: nullableString,
  popularity: nullableNumber,
});
type TmdbResult = z.infer<typeof resultSchema>;

const searchSchema = z.object({ results: z.array(resultSchema) });
const findSchema = z.object({ movie_results: z.array(resultSchema), tv_results: z.array(resultSchema) });
const externalIdsSchema = z.object({ imdb_id: nullableString, tvdb_id: nullableNumber }).nullish();
const detailsSchema = resultSchema.extend({
  imdb_id: nullableString,
  runtime: nullableNumber,
  episode_run_time: z.array(z.number()).nullish(),
  genres: z.array(z.object({ name: z.string() })).nullish(),
  external_ids: externalIdsSchema,
  seasons: z
    .array(
      z.object({
        season_number: z.number(),
        name: nullableString,
        air_date: nullableString,
        episode_count: nullableNumber,
      }),
    )
    .nullish(),
});
type ListedSeason = NonNullable<z.infer<typeof detailsSchema>['seasons']>[number];
const seasonSchema = z.object({
  season_number: z.number(),
  name: nullableString,
  air_date: nullableString,
  episodes: z.array(
    z.object({ episode_number: z.number(), name: nullableString, air_date: nullableString, runtime: nullableNumber }),
  ),
});
const errorSchema = z.object({ status_code: z.number(), status_message: z.string() });

/** TMDB status codes that mean the credentials were refused (3, 7 invalid key, 10 suspended, 14, 30–33 …). */
const AUTH_CODES = new Set([3, 7, 10, 14, 30, 31, 32, 33, 35, 36]);
/** A v4 read access token is a JWT: three base64url parts, far longer than a v3 key's 32 hex digits. */
const isBearerToken = (key: string) => key.length > 40 && /^[\w-]+\.[\w-]+\.[\w-]+$/u.test(key);

/** A hit with TMDB's popularity, kept only to interleave movie and series results. */
type RankedHit = MetadataHit & { popularity: number | null };
const withoutPopularity = ({ popularity: _, ...hit }: RankedHit): MetadataHit => hit;

const text = (s: string | null | undefined) => (s && s.trim() ? s : null);
const yearOf = (date: string | null | undefined) => (date && /^\d{4}/u.test(date) ? Number(date.slice(0, 4)) : null);

export class TmdbProvider implements MetadataProvider {
  readonly id = 'tmdb' as const;
  private readonly key: string;
  private readonly bearer: boolean;
  private readonly baseUrl: string;
  private readonly imageBaseUrl: string;
  private readonly posterSize: string;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(options: TmdbOptions) {
    this.key = options.apiKey.trim().replace(/^Bearer\s+/iu, '');
    if (!this.key) throw new Error('TMDB API key is empty');
    this.bearer = isBearerToken(this.key);
    this.baseUrl = (options.baseUrl ?? 'https://api.themoviedb.org/3').replace(/\/+$/u, '');
    this.imageBaseUrl = (options.imageBaseUrl ?? 'https://image.tmdb.org/t/p/').replace(/\/*$/u, '/');
    this.posterSize = options.posterSize ?? 'w500';
    this.timeoutMs = options.timeoutMs ?? 8_000;
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  }

  /** 'bearer' for a v4 read access token, 'api_key' for a v3 key. */
  get authStyle(): 'bearer' | 'api_key' {
    return this.bearer ? 'bearer' : 'api_key';
  }

  async search(query: MetadataQuery): Promise<MetadataHit[]> {
    const base = { query: query.text.trim(), language: query.language, include_adult: 'false', page: '1' };
    const movies = () =>
      this.searchOne('/search/movie', { ...base, ...(query.year ? { year: String(query.year) } : {}) }, 'movie');
    const series = () =>
      this.searchOne('/search/tv', { ...base, ...(query.year ? { first_air_date_year: String(query.year) } : {}) }, 'series');
    let found: RankedHit[];
    if (query.kind === 'movie') found = await movies();
    else if (query.kind === 'series') found = await series();
    else if (query.year) {
      // /search/multi has no year filter: with a year, ask both typed searches and rank by TMDB's popularity
      const [m, s] = await Promise.all([movies(), series()]);
      found = [...m, ...s].sort((a, b) => (b.popularity ?? 0) - (a.popularity ?? 0));
    } else found = await this.searchOne('/search/multi', base, null);
    return found.map(withoutPopularity);
  }

  async details(ref: MetadataRef, language: string): Promise<MetadataDetails> {
    if (!/^\d+$/u.test(ref.id)) throw new ProviderError('tmdb', 'not-found', `"${ref.id}" is not a TMDB id`);
    const path = ref.kind === 'movie' ? `/movie/${ref.id}` : `/tv/${ref.id}`;
    const json = await this.get(path, { language, append_to_response: 'external_ids' });
    const d = parseShape('tmdb', detailsSchema, json, 'details');
    const hit = withoutPopularity(this.toHit(d, ref.kind));
    const imdbId = text(d.external_ids?.imdb_id) ?? text(d.imdb_id);
    const seasons = ref.kind === 'series' ? await mapLimit(d.seasons ?? [], 4, (s) => this.season(d.id, s, language)) : [];
    const firstEpisodeRuntime = seasons.flatMap((s) => s.episodes).find((e) => e.runtimeMin)?.runtimeMin ?? null;
    return {
      ...hit,
      imdbId,
      runtimeMin: (ref.kind === 'movie' ? d.runtime : d.episode_run_time?.[0]) || firstEpisodeRuntime || null,
      genres: (d.genres ?? []).map((g) => g.name),
      seasons,
      externalIds: { imdbId, tmdbId: d.id, tvdbId: d.external_ids?.tvdb_id ?? null },
    };
  }

  /** Movies and series TMDB knows under an IMDb id ('tt0903747'); people and episodes are left out. */
  async findByImdbId(imdbId: string, language: string): Promise<MetadataHit[]> {
    if (!/^tt\d+$/u.test(imdbId)) throw new ProviderError('tmdb', 'not-found', `"${imdbId}" is not an IMDb id`);
    const json = await this.get(`/find/${imdbId}`, { external_source: 'imdb_id', language });
    const found = parseShape('tmdb', findSchema, json, 'find answer');
    return [
      ...found.movie_results.map((r) => this.toHit(r, 'movie')),
      ...found.tv_results.map((r) => this.toHit(r, 'series')),
    ].map((hit) => ({ ...withoutPopularity(hit), imdbId }));
  }

  private async season(tvId: number, listed: ListedSeason, language: string): Promise<MetadataSeason> {
    const n = listed.season_number;
    let json: unknown;
    try {
      json = await this.get(`/tv/${tvId}/season/${n}`, { language });
    } catch (err) {
      // a season the show lists but TMDB cannot serve yet: keep what the listing says rather than fail the series
      if (!(err instanceof ProviderError && err.code === 'not-found')) throw err;
      const episodeCount = listed.episode_count ?? 0;
      return { number: n, name: text(listed.name), airDate: text(listed.air_date), episodeCount, episodes: [] };
    }
    const s = parseShape('tmdb', seasonSchema, json, `season ${n}`);
    return {
      number: s.season_number,
      name: text(s.name),
      airDate: text(s.air_date),
      episodeCount: s.episodes.length || listed.episode_count || 0,
      episodes: s.episodes.map((e) => ({
        number: e.episode_number,
        title: text(e.name),
        airDate: text(e.air_date),
        runtimeMin: e.runtime || null,
      })),
    };
  }

  private async searchOne(path: string, params: Record<string, string>, kind: MediaKind | null): Promise<RankedHit[]> {
    const json = await this.get(path, params);
    const { results } = parseShape('tmdb', searchSchema, json, 'search answer');
    return results.flatMap((r) => {
      // multi search mixes in people (and, in places, collections): only movies and series are titles to get
      const k = kind ?? (r.media_type === 'movie' ? 'movie' : r.media_type === 'tv' ? 'series' : null);
      return k ? [this.toHit(r, k)] : [];
    });
  }

  private toHit(r: TmdbResult, kind: MediaKind): RankedHit {
    const votes = r.vote_count ?? null;
    return {
      provider: 'tmdb',
      id: String(r.id),
      kind,
      title: text(kind === 'movie' ? r.title : r.name) ?? text(r.title ?? r.name) ?? '',
      originalTitle: text(kind === 'movie' ? r.original_title : r.original_name),
      year: yearOf(kind === 'movie' ? r.release_date : r.first_air_date),
      overview: text(r.overview),
      // TMDB says 0 for "nobody voted"; that is no rating, not a bad one
      rating: votes && r.vote_average != null ? r.vote_average : null,
      votes,
      posterUrl: r.poster_path ? `${this.imageBaseUrl}${this.posterSize}${r.poster_path}` : null,
      imdbId: null,
      tmdbId: r.id,
      popularity: r.popularity ?? null,
    };
  }

  private async get(path: string, params: Record<string, string>): Promise<unknown> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const headers: Record<string, string> = {};
    if (this.bearer) headers.authorization = `Bearer ${this.key}`;
    else url.searchParams.set('api_key', this.key);
    const { status, json } = await getJson({
      provider: 'tmdb',
      url,
      headers,
      timeoutMs: this.timeoutMs,
      maxBytes: this.maxBytes,
    });
    if (status >= 200 && status < 300) return json;
    const err = errorSchema.safeParse(json);
    const message = err.success ? err.data.status_message : `HTTP ${status}`;
    const code = err.success ? err.data.status_code : null;
    if (status === 401 || (code !== null && AUTH_CODES.has(code))) throw new ProviderError('tmdb', 'auth', message);
    if (status === 404 || code === 34) throw new ProviderError('tmdb', 'not-found', message);
    throw new ProviderError('tmdb', 'failed', message);
  }
}
