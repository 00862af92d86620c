import { normaliseImdb, type TorznabCaps, type TorznabMode } from './torznab-xml.js';

/** Planning a Torznab request: a search turned into the most specific query string an indexer's caps allow. */

export type SearchKind = 'movie' | 'series' | 'any';

export interface TorznabQuery {
  kind: SearchKind;
  q?: string;
  imdbId?: string;
  tmdbId?: number;
  tvdbId?: number;
  season?: number;
  episode?: number;
  year?: number;
  /** Torznab category ids; default: the kind's standard ones (2000 movies / 5000 TV and their subcats) from the caps */
  categories?: number[];
}

export interface SearchPlan {
  mode: TorznabMode;
  /** the query string without apikey */
  params: Record<string, string>;
}

const T_PARAM: Record<TorznabMode, string> = { search: 'search', 'tv-search': 'tvsearch', 'movie-search': 'movie' };
const KIND_RANGE: Record<SearchKind, [number, number] | null> = { movie: [2000, 3000], series: [5000, 6000], any: null };
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The most specific request these caps allow, or a reason why none can express the query. Sends only parameters the
 * mode advertises, because Jackett refuses a query with any other (error 201/203).
 */
export function planSearch(caps: TorznabCaps, query: TorznabQuery, limit = 100): SearchPlan | { unsupported: string } {
  const special: TorznabMode | null = query.kind === 'movie' ? 'movie-search' : query.kind === 'series' ? 'tv-search' : null;
  const mode: TorznabMode = special && caps.modes[special].available ? special : 'search';
  if (mode === 'search' && !caps.modes.search.available) return { unsupported: 'the indexer offers no search mode for this' };
  const supports = new Set(caps.modes[mode].supportedParams);
  const params: Record<string, string> = { t: T_PARAM[mode], extended: '1' };

  // an id names the title exactly, so it beats a free-text query
  const imdb = normaliseImdb(query.imdbId ?? null);
  if (mode !== 'search' && imdb && supports.has('imdbid')) params.imdbid = imdb;
  if (mode !== 'search' && query.tmdbId && supports.has('tmdbid')) params.tmdbid = String(query.tmdbId);
  if (mode === 'tv-search' && query.tvdbId && supports.has('tvdbid')) params.tvdbid = String(query.tvdbId);
  const byId = 'imdbid' in params || 'tmdbid' in params || 'tvdbid' in params;
  let q = byId ? '' : (query.q?.trim() ?? '');

  if (query.kind === 'series' && query.season != null) {
    const asParams = mode === 'tv-search' && supports.has('season');
    if (asParams) params.season = String(query.season);
    if (asParams && query.episode != null && supports.has('ep')) params.ep = String(query.episode);
    if (!asParams && q) q += ` S${pad(query.season)}${query.episode != null ? 'E' + pad(query.episode) : ''}`;
  }
  if (query.kind === 'movie' && query.year && mode === 'movie-search' && supports.has('year')) params.year = String(query.year);
  if (q) params.q = q;
  else if (!byId) return { unsupported: 'nothing to search for: no title, and no id this indexer can search by' };

  const range = KIND_RANGE[query.kind];
  const inRange = (id: number) => range !== null && id >= range[0] && id < range[1];
  const cats = query.categories?.length
    ? query.categories
    : caps.categories.flatMap((c) => [c, ...c.subcats]).flatMap((c) => (inRange(c.id) ? [c.id] : []));
  if (cats.length) params.cat = [...new Set(cats)].join(',');
  params.limit = String(Math.max(1, Math.min(limit, caps.limits.max ?? limit)));
  return { mode, params };
}
