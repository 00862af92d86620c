/**
 * OMDb (https://www.omdbapi.com/): `?s=` search, `?i=tt…&plot=full` details, `?i=tt…&Season=N` a season's episodes.
 * OMDb speaks English only, fills unknown fields with "N/A" (null here) and reports errors in the body as
 * `{"Response":"False","Error":"…"}` — with HTTP 200, or 401 for a refused key.
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

export interface OmdbOptions {
  apiKey: string;
  /** default https://www.omdbapi.com/ (OMDb's docs show http://; https keeps the key off the wire) */
  baseUrl?: string;
  /** per request; default 8 s */
  timeoutMs?: number;
  /** default 5 MiB */
  maxBytes?: number;
}

const str = z.string().nullish();
const searchSchema = z.object({
  Search: z.array(z.object({ Title: z.string(), Year: str, imdbID: z.string(), Type: str, Poster: str })),
});
const detailsSchema = z.object({
  Title: z.string(),
  Year: str,
  Runtime: str,
  Genre: str,
  Plot: str,
  Poster: str,
  imdbRating: str,
  imdbVotes: str,
  imdbID: z.string(),
  Type: str,
  totalSeasons: str,
});
const seasonSchema = z.object({
  Season: str,
  Episodes: z.array(z.object({ Title: str, Released: str, Episode: str })),
});
const answerSchema = z.object({ Response: z.string(), Error: str });

/** A series with more seasons than this is a data error, not a reason to send hundreds of requests. */
const MAX_SEASONS = 100;

/** "N/A", "" and missing are all "unknown". */
const value = (s: string | null | undefined) => (s && s.trim() && s.trim() !== 'N/A' ? s.trim() : null);
const int = (s: string | null | undefined) => {
  const digits = value(s)?.replace(/,/gu, '').match(/\d+/u)?.[0];
  return digits === undefined ? null : Number(digits);
};
const kindOf = (type: string | null | undefined): MediaKind | null =>
  type === 'movie' ? 'movie' : type === 'series' ? 'series' : null;

export class OmdbProvider implements MetadataProvider {
  readonly id = 'omdb' as const;
  private readonly key: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(options: OmdbOptions) {
    this.key = options.apiKey.trim();
    if (!this.key) throw new Error('OMDb API key is empty');
    this.baseUrl = options.baseUrl ?? 'https://www.omdbapi.com/';
    this.timeoutMs = options.timeoutMs ?? 8_000;
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  }

  /** `language` is ignored: OMDb has English titles and plots only. */
  async search(query: MetadataQuery): Promise<MetadataHit[]> {
    const params: Record<string, string> = { s: query.text.trim() };
    if (query.kind) params.type = query.kind;
    if (query.year) params.y = String(query.year);
    let json: unknown;
    try {
      json = await this.get(params);
    } catch (err) {
      // OMDb says "Movie not found!" for a search without results
      if (err instanceof ProviderError && err.code === 'not-found') return [];
      throw err;
    }
    const { Search } = parseShape('omdb', searchSchema, json, 'search answer');
    // without `type` OMDb also lists episodes and games
    return Search.flatMap((r) => {
      const kind = kindOf(r.Type);
      if (!kind) return [];
      return [this.hit({ kind, title: r.Title, imdbId: r.imdbID, year: r.Year, poster: r.Poster })];
    });
  }

  async details(ref: MetadataRef, _language: string): Promise<MetadataDetails> {
    if (!/^tt\d+$/u.test(ref.id)) throw new ProviderError('omdb', 'not-found', `"${ref.id}" is not an IMDb id`);
    const d = parseShape('omdb', detailsSchema, await this.get({ i: ref.id, plot: 'full' }), 'details');
    const kind = kindOf(d.Type);
    if (!kind) throw new ProviderError('omdb', 'not-found', `${ref.id} is a ${d.Type ?? 'title'}, not a movie or series`);
    const seasonCount = kind === 'series' ? Math.min(int(d.totalSeasons) ?? 0, MAX_SEASONS) : 0;
    const numbers = Array.from({ length: seasonCount }, (_, i) => i + 1);
    const seasons = await mapLimit(numbers, 4, (n) => this.season(d.imdbID, n));
    const rating = Number(value(d.imdbRating));
    return {
      ...this.hit({ kind, title: d.Title, imdbId: d.imdbID, year: d.Year, poster: d.Poster }),
      overview: value(d.Plot),
      rating: Number.isFinite(rating) && value(d.imdbRating) ? rating : null,
      votes: int(d.imdbVotes),
      runtimeMin: int(d.Runtime),
      genres: (value(d.Genre) ?? '').split(',').flatMap((g) => (g.trim() ? [g.trim()] : [])),
      seasons,
      externalIds: { imdbId: d.imdbID, tmdbId: null, tvdbId: null },
    };
  }

  private async season(imdbId: string, n: number): Promise<MetadataSeason> {
    let json: unknown;
    try {
      json = await this.get({ i: imdbId, Season: String(n) });
    } catch (err) {
      // totalSeasons sometimes counts a season OMDb has no episodes for yet: list it empty, keep the rest
      if (err instanceof ProviderError && err.code === 'not-found')
        return { number: n, name: `Season ${n}`, airDate: null, episodeCount: 0, episodes: [] };
      throw err;
    }
    const s = parseShape('omdb', seasonSchema, json, `season ${n}`);
    const episodes = s.Episodes.flatMap((e) => {
      const number = int(e.Episode);
      return number === null ? [] : [{ number, title: value(e.Title), airDate: value(e.Released), runtimeMin: null }];
    });
    const dates = episodes.flatMap((e) => (e.airDate ? [e.airDate] : [])).sort();
    return { number: n, name: `Season ${n}`, airDate: dates[0] ?? null, episodeCount: episodes.length, episodes };
  }

  private hit(r: { kind: MediaKind; title: string; imdbId: string; year?: string | null; poster?: string | null }): MetadataHit {
    const poster = value(r.poster);
    return {
      provider: 'omdb',
      id: r.imdbId,
      kind: r.kind,
      title: r.title,
      // OMDb's Title is the English title; it does not know the original one
      originalTitle: null,
      // a series' Year reads "2008–2013" or "2019–"
      year: int(r.year?.slice(0, 4)),
      overview: null,
      rating: null,
      votes: null,
      posterUrl: poster && /^https?:\/\//iu.test(poster) ? poster : null,
      imdbId: r.imdbId,
      tmdbId: null,
    };
  }

  private async get(params: Record<string, string>): Promise<unknown> {
    const url = new URL(this.baseUrl);
    url.searchParams.set('apikey', this.key);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const { status, json } = await getJson({ provider: 'omdb', url, timeoutMs: this.timeoutMs, maxBytes: this.maxBytes });
    const answer = answerSchema.safeParse(json);
    if (answer.success && answer.data.Response === 'True' && status >= 200 && status < 300) return json;
    if (!answer.success && status >= 200 && status < 300) {
      throw new ProviderError('omdb', 'bad-response', 'unexpected answer (no "Response" field)');
    }
    const message = (answer.success && value(answer.data.Error)) || `HTTP ${status}`;
    // the daily limit comes as 401 too, so it is told apart by its words first
    if (/limit reached/iu.test(message)) throw new ProviderError('omdb', 'rate-limited', message);
    if (/api key/iu.test(message) || status === 401) throw new ProviderError('omdb', 'auth', message);
    if (/not found|incorrect imdb id/iu.test(message) || status === 404) throw new ProviderError('omdb', 'not-found', message);
    if (/too many results/iu.test(message)) {
      throw new ProviderError('omdb', 'failed', 'too many results; type more of the title');
    }
    throw new ProviderError('omdb', 'failed', message);
  }
}
