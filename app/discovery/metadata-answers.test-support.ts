/**
 * How TMDB API v3 and OMDb render the fixture catalogue: field names, envelopes, error bodies and status codes as
 * their public documentation shows them (https://developer.themoviedb.org/reference, https://www.omdbapi.com/).
 * Used by MetadataTestServer; the fields we do not read are there too, so the providers meet realistic answers.
 */
import type { RecordedRequest, TestKeys } from './metadata-server.test-support.js';
import { localize, type FixtureTitle, type MetadataCatalogue } from './metadata-fixtures.test-support.js';

export interface Answer {
  status: number;
  /** default application/json */
  type?: string;
  /** an object is sent as JSON */
  body: unknown;
  headers?: Record<string, string>;
}

const TMDB_BAD_KEY = { success: false, status_code: 7, status_message: 'Invalid API key: You must be granted a valid key.' };
const TMDB_NOT_FOUND = { success: false, status_code: 34, status_message: 'The resource you requested could not be found.' };
const omdbError = (Error: string, status = 200): Answer => ({ status, body: { Response: 'False', Error } });

const matches = (t: FixtureTitle, query: string) => {
  const q = query.trim().toLowerCase();
  const names = [t.originalTitle, ...(typeof t.title === 'string' ? [t.title] : Object.values(t.title))];
  return q !== '' && names.some((n) => n.toLowerCase().includes(q));
};
const yearOf = (t: FixtureTitle) => (t.date ? Number(t.date.slice(0, 4)) : null);

// ---- TMDB ----

function tmdbMovie(t: FixtureTitle, lang: string | undefined) {
  return {
    adult: false,
    backdrop_path: null,
    genre_ids: [],
    id: t.tmdbId,
    original_language: 'en',
    original_title: t.originalTitle,
    overview: localize(t.overview, lang),
    popularity: t.popularity,
    poster_path: t.posterPath,
    release_date: t.date ?? '',
    title: localize(t.title, lang),
    video: false,
    vote_average: t.voteAverage,
    vote_count: t.voteCount,
  };
}

function tmdbTv(t: FixtureTitle, lang: string | undefined) {
  return {
    adult: false,
    backdrop_path: null,
    genre_ids: [],
    id: t.tmdbId,
    origin_country: ['US'],
    original_language: 'en',
    original_name: t.originalTitle,
    overview: localize(t.overview, lang),
    popularity: t.popularity,
    poster_path: t.posterPath,
    first_air_date: t.date ?? '',
    name: localize(t.title, lang),
    vote_average: t.voteAverage,
    vote_count: t.voteCount,
  };
}

const tmdbResult = (t: FixtureTitle, lang: string | undefined) =>
  t.kind === 'movie' ? { ...tmdbMovie(t, lang), media_type: 'movie' } : { ...tmdbTv(t, lang), media_type: 'tv' };
const page = (results: unknown[]) => ({ page: 1, results, total_pages: 1, total_results: results.length });

function tmdbDetails(t: FixtureTitle, q: Record<string, string>) {
  const lang = q.language;
  const genres = t.genres.map((g, i) => ({ id: i + 1, name: localize(g, lang) }));
  const withIds = (q.append_to_response ?? '').split(',').includes('external_ids');
  const ids = { imdb_id: t.imdbId, wikidata_id: null, facebook_id: null, instagram_id: null, twitter_id: null };
  if (t.kind === 'movie') {
    return {
      ...tmdbMovie(t, lang),
      ...{ belongs_to_collection: null, budget: 0, genres, homepage: '', imdb_id: t.imdbId, revenue: 0 },
      ...{ runtime: t.runtime ?? 0, status: 'Released', tagline: '', spoken_languages: [], production_companies: [] },
      ...(withIds ? { external_ids: ids } : {}),
    };
  }
  const seasons = t.seasons ?? [];
  const regular = seasons.filter((s) => s.number > 0);
  return {
    ...tmdbTv(t, lang),
    ...{ created_by: [], episode_run_time: t.runtime ? [t.runtime] : [], genres, homepage: '', languages: ['en'] },
    ...{ in_production: t.endYear == null, networks: [], status: t.endYear == null ? 'Returning Series' : 'Ended' },
    number_of_seasons: regular.length,
    number_of_episodes: regular.reduce((n, s) => n + s.episodes.length, 0),
    seasons: seasons.map((s) => ({
      air_date: s.airDate,
      episode_count: s.episodes.length,
      id: t.tmdbId * 100 + s.number,
      name: localize(s.name, lang),
      overview: '',
      poster_path: null,
      season_number: s.number,
      vote_average: 0,
    })),
    type: 'Scripted',
    ...(withIds
      ? { external_ids: { ...ids, freebase_mid: null, freebase_id: null, tvdb_id: t.tvdbId ?? null, tvrage_id: null } }
      : {}),
  };
}

function tmdbSeason(t: FixtureTitle, n: number, lang: string | undefined): Answer {
  const s = t.seasons?.find((x) => x.number === n && !x.unavailable);
  if (!s) return { status: 404, body: TMDB_NOT_FOUND };
  const episodes = s.episodes.map((e) => ({
    air_date: e.airDate,
    episode_number: e.number,
    episode_type: 'standard',
    id: t.tmdbId * 10_000 + n * 100 + e.number,
    name: localize(e.name, lang),
    overview: '',
    production_code: '',
    runtime: e.runtime,
    season_number: n,
    show_id: t.tmdbId,
    still_path: null,
    vote_average: 0,
    vote_count: 0,
    crew: [],
    guest_stars: [],
  }));
  const season = { air_date: s.airDate, episodes, name: localize(s.name, lang), overview: '', poster_path: null };
  return {
    status: 200,
    body: { _id: `s${t.tmdbId}-${n}`, ...season, id: t.tmdbId * 100 + n, season_number: n, vote_average: 0 },
  };
}

/** TMDB API v3: /search/{multi,movie,tv}, /movie/{id}, /tv/{id}, /tv/{id}/season/{n}, /find/{imdb_id}. */
export function tmdbAnswer(req: RecordedRequest, catalogue: MetadataCatalogue, keys: TestKeys): Answer {
  const q = req.query;
  const authorized =
    (q.api_key !== undefined && q.api_key === keys.tmdbApiKey) || req.headers.authorization === `Bearer ${keys.tmdbToken}`;
  if (!authorized) return { status: 401, body: TMDB_BAD_KEY };
  const lang = q.language;
  const titles = catalogue.titles;
  const year = (t: FixtureTitle, y: string | undefined) => y === undefined || yearOf(t) === Number(y);
  let m: RegExpExecArray | null;
  if (req.path === '/search/multi') {
    const found = titles.filter((t) => matches(t, q.query ?? '')).map((t) => tmdbResult(t, lang));
    const people = catalogue.people
      .filter((p) => q.query && p.name.toLowerCase().includes(q.query.toLowerCase()))
      .map((p) => ({ adult: false, gender: 2, id: p.id, known_for_department: 'Acting', name: p.name, original_name: p.name }))
      .map((p) => ({ ...p, popularity: 20, profile_path: null, known_for: [], media_type: 'person' }));
    return { status: 200, body: page([...found, ...people].sort((a, b) => b.popularity - a.popularity)) };
  }
  if (req.path === '/search/movie' || req.path === '/search/tv') {
    const kind = req.path === '/search/movie' ? 'movie' : 'series';
    const y = kind === 'movie' ? (q.primary_release_year ?? q.year) : (q.first_air_date_year ?? q.year);
    const found = titles.filter((t) => t.kind === kind && matches(t, q.query ?? '') && year(t, y));
    return { status: 200, body: page(found.map((t) => (kind === 'movie' ? tmdbMovie(t, lang) : tmdbTv(t, lang)))) };
  }
  if ((m = /^\/(movie|tv)\/(\d+)$/u.exec(req.path))) {
    const kind = m[1] === 'movie' ? 'movie' : 'series';
    const t = titles.find((x) => x.kind === kind && x.tmdbId === Number(m![2]));
    return t ? { status: 200, body: tmdbDetails(t, q) } : { status: 404, body: TMDB_NOT_FOUND };
  }
  if ((m = /^\/tv\/(\d+)\/season\/(\d+)$/u.exec(req.path))) {
    const t = titles.find((x) => x.kind === 'series' && x.tmdbId === Number(m![1]));
    return t ? tmdbSeason(t, Number(m[2]), lang) : { status: 404, body: TMDB_NOT_FOUND };
  }
  if ((m = /^\/find\/([^/]+)$/u.exec(req.path)) && q.external_source === 'imdb_id') {
    const found = titles.filter((t) => t.imdbId === m![1]);
    const of = (kind: string) => found.filter((t) => t.kind === kind).map((t) => tmdbResult(t, lang));
    return {
      status: 200,
      body: {
        movie_results: of('movie'),
        person_results: [],
        tv_results: of('series'),
        tv_episode_results: [],
        tv_season_results: [],
      },
    };
  }
  return { status: 404, body: TMDB_NOT_FOUND };
}

// ---- OMDb ----

const na = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? 'N/A' : String(v));
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** OMDb writes release dates as "20 Jan 2008" in details and "2008-01-20" in a season's episode list. */
const released = (date: string | null) =>
  date ? `${date.slice(8, 10)} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}` : 'N/A';

function omdbYear(t: FixtureTitle): string {
  const start = yearOf(t);
  if (start === null) return 'N/A';
  return t.kind === 'series' ? `${start}–${t.endYear ?? ''}` : String(start);
}

function omdbDetails(t: FixtureTitle, poster: string, plot: string | undefined) {
  const overview = localize(t.overview, 'en-US');
  return {
    ...{ Title: localize(t.title, 'en-US'), Year: omdbYear(t), Rated: 'N/A', Released: released(t.date) },
    ...{ Runtime: t.runtime ? `${t.runtime} min` : 'N/A', Genre: na(t.genres.map((g) => localize(g, 'en-US')).join(', ')) },
    ...{ Director: 'N/A', Writer: 'N/A', Actors: 'N/A' },
    Plot: na(plot === 'full' ? overview : overview.split(/(?<=\.)\s/u)[0]),
    ...{ Language: 'English', Country: 'United States', Awards: 'N/A', Poster: poster },
    Ratings: t.imdbRating === null ? [] : [{ Source: 'Internet Movie Database', Value: `${t.imdbRating}/10` }],
    Metascore: 'N/A',
    imdbRating: na(t.imdbRating?.toFixed(1)),
    imdbVotes: na(t.imdbVotes?.toLocaleString('en-US')),
    imdbID: t.imdbId,
    Type: t.kind,
    ...(t.kind === 'series'
      ? { totalSeasons: String((t.seasons ?? []).filter((s) => s.number > 0).length) }
      : { DVD: 'N/A', BoxOffice: 'N/A', Production: 'N/A', Website: 'N/A' }),
    Response: 'True',
  };
}

/** OMDb: `?s=` search, `?i=` details, `?i=&Season=` episodes; `imageBase` is where its poster URLs point. */
export function omdbAnswer(req: RecordedRequest, catalogue: MetadataCatalogue, keys: TestKeys, imageBase: string): Answer {
  const q = req.query;
  if (!q.apikey) return omdbError('No API key provided.', 401);
  if (q.apikey !== keys.omdbApiKey) return omdbError('Invalid API key!', 401);
  const known = catalogue.titles.filter((t) => t.imdbId !== null);
  const poster = (t: FixtureTitle) => (t.posterPath ? imageBase + t.posterPath : 'N/A');
  if (q.s !== undefined) {
    if (q.s.trim().length < 2) return omdbError('Too many results.');
    const found = known.filter(
      (t) =>
        [localize(t.title, 'en-US'), t.originalTitle].some((n) => n.toLowerCase().includes(q.s.trim().toLowerCase())) &&
        (q.type === undefined || q.type === t.kind) &&
        (q.y === undefined || yearOf(t) === Number(q.y)),
    );
    if (found.length === 0) return omdbError(q.type === 'series' ? 'Series not found!' : 'Movie not found!');
    const Search = found.map((t) => ({
      Title: localize(t.title, 'en-US'),
      Year: omdbYear(t),
      imdbID: t.imdbId,
      Type: t.kind,
      Poster: poster(t),
    }));
    return { status: 200, body: { Search, totalResults: String(found.length), Response: 'True' } };
  }
  const t = known.find((x) => x.imdbId === q.i);
  if (!t) return omdbError('Incorrect IMDb ID.');
  if (q.Season !== undefined) {
    const s = t.seasons?.find((x) => x.number === Number(q.Season) && x.number > 0 && !x.unavailable);
    if (!s) return omdbError('Series or season not found!');
    const Episodes = s.episodes.map((e) => ({
      Title: localize(e.name, 'en-US'),
      Released: na(e.airDate),
      Episode: String(e.number),
      imdbRating: 'N/A',
      imdbID: `tt9${t.tmdbId}${s.number}${e.number}`,
    }));
    const totalSeasons = String((t.seasons ?? []).filter((x) => x.number > 0).length);
    return {
      status: 200,
      body: { Title: localize(t.title, 'en-US'), Season: String(s.number), totalSeasons, Episodes, Response: 'True' },
    };
  }
  return { status: 200, body: omdbDetails(t, poster(t), q.plot) };
}
