// Pure helpers for Search (discovery): labels for titles and releases, rejection and score text, grouping,
// and the settings form's diff. Data in, data out: no DOM, no fetch.
import type {
  DiscoverySettings,
  DiscoverySettingsUpdate,
  GrabRequest,
  IndexerInfo,
  IndexerInput,
  IndexerRunInfo,
  IndexerTestResult,
  MediaKind,
  MetadataProviderId,
  ReleaseRow,
  ReleaseSearchResponse,
} from '../../app/api/api-types';
import { formatSize, plural } from './format';

const DASH = '—';

/** Which title a page is about: the provider's id of it. */
export interface TitleRef {
  provider: MetadataProviderId;
  kind: MediaKind;
  id: string;
}

/** A title search as the URL of /search holds it. */
export interface TitleQuery {
  q: string;
  kind: MediaKind | null;
  year: number | null;
}

/** /search?q=…&kind=…&year=… (only what is set). */
export function searchRoute(query: TitleQuery | null): string {
  if (!query || !query.q.trim()) return '/search';
  const p = new URLSearchParams({ q: query.q.trim() });
  if (query.kind) p.set('kind', query.kind);
  if (query.year !== null) p.set('year', String(query.year));
  return `/search?${p.toString()}`;
}

/** The release search's options; null = not sent (the engine's default). */
export interface ReleaseOptions {
  season: number | null;
  episode: number | null;
  profile: string | null;
}

export const PROVIDER_LABELS: Record<MetadataProviderId, string> = { tmdb: 'TMDB', omdb: 'OMDb' };

export const isProvider = (s: string | null | undefined): s is MetadataProviderId => s === 'tmdb' || s === 'omdb';
export const isMediaKind = (s: string | null | undefined): s is MediaKind => s === 'movie' || s === 'series';
export const kindLabel = (kind: MediaKind) => (kind === 'movie' ? 'Movie' : 'Series');

/** The in-app route of a title: /search/title/tmdb/movie/603 */
export function titleRoute(t: TitleRef): string {
  return `/search/title/${t.provider}/${t.kind}/${encodeURIComponent(t.id)}`;
}

export const titleKey = (t: TitleRef) => `${t.provider}/${t.kind}/${t.id}`;

export function releasesKey(t: TitleRef, o: ReleaseOptions): string {
  return `${titleKey(t)}?s=${o.season ?? ''}&e=${o.episode ?? ''}&p=${o.profile ?? ''}`;
}

/** A season or episode number from the URL: a whole number ≥ 0, else null. */
export function parseNumberParam(value: string | null | undefined, min = 0): number | null {
  if (value == null || !/^\d{1,4}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= min ? n : null;
}

/** "7.8", or null when the provider has no rating. */
export function ratingLabel(rating: number | null | undefined): string | null {
  if (rating == null || !Number.isFinite(rating) || rating <= 0) return null;
  return rating.toFixed(1);
}

export function votesLabel(votes: number | null | undefined): string | null {
  if (votes == null || !Number.isFinite(votes) || votes <= 0) return null;
  return plural(votes, 'vote');
}

/** 2h 16m / 45m */
export function runtimeLabel(min: number | null | undefined): string | null {
  if (min == null || !Number.isFinite(min) || min <= 0) return null;
  const h = Math.floor(min / 60);
  const m = Math.round(min % 60);
  return h ? (m ? `${h}h ${m}m` : `${h}h`) : `${m}m`;
}

/** A release's size; 0 means the indexer did not say. */
export function releaseSizeLabel(size: number): string {
  return size > 0 ? formatSize(size) : DASH;
}

export function seedersLabel(seeders: number | null): string {
  return seeders == null ? DASH : seeders.toLocaleString('en-US');
}

/** Hover text for the seeders cell: "120 seeders · 4 leechers". */
export function peersTitle(seeders: number | null, leechers: number | null): string {
  const parts = [seeders == null ? 'seeders unknown' : plural(seeders, 'seeder')];
  if (leechers != null) parts.push(plural(leechers, 'leecher'));
  return parts.join(' · ');
}

export function voiceLabel(voice: readonly string[]): string {
  return voice.length ? voice.join(', ') : DASH;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Sorted unique numbers as runs: [1,2,3,5] → [[1,3],[5,5]]. */
function runs(numbers: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * What a release covers: "S02", "S01–S03", "S01, S03", "S02E05", "S02E01–E03"; null for a movie or when the title
 * names no season.
 */
export function seasonSpanLabel(seasons: readonly number[], episodes: readonly number[]): string | null {
  const seasonRuns = runs(seasons);
  if (seasonRuns.length === 0) return null;
  if (seasonRuns.length === 1 && seasonRuns[0][0] === seasonRuns[0][1] && episodes.length > 0) {
    const s = `S${pad2(seasonRuns[0][0])}`;
    return (
      s +
      runs(episodes)
        .map(([a, b]) => (a === b ? `E${pad2(a)}` : `E${pad2(a)}–E${pad2(b)}`))
        .join(', ')
    );
  }
  return seasonRuns.map(([a, b]) => (a === b ? `S${pad2(a)}` : `S${pad2(a)}–S${pad2(b)}`)).join(', ');
}

/** The season tab's words: "Specials" for season 0. */
export function seasonName(n: number): string {
  return n === 0 ? 'Specials' : `Season ${n}`;
}

/** The rejected row's hover text: one reason a line. '' for an accepted release. */
export function rejectionTooltip(rejections: ReleaseRow['rejections']): string {
  if (rejections.length === 0) return '';
  return ['Rejected:', ...rejections.map((r) => `• ${r.message}`)].join('\n');
}

/** Under a rejected title: "Too small for 1080p (+2 more)". */
export function rejectionSummary(rejections: ReleaseRow['rejections']): string | null {
  if (rejections.length === 0) return null;
  const more = rejections.length - 1;
  return more > 0 ? `${rejections[0].message} (+${more} more)` : rejections[0].message;
}

/** Accepted and rejected releases, each in the engine's order (best first). */
export function splitReleases(rows: readonly ReleaseRow[]): { accepted: ReleaseRow[]; rejected: ReleaseRow[] } {
  return { accepted: rows.filter((r) => r.accepted), rejected: rows.filter((r) => !r.accepted) };
}

/** +40, −10, 0 (one decimal at most). */
export function formatPoints(points: number): string {
  const value = Math.round(Math.abs(points) * 10) / 10;
  if (value === 0) return '0';
  return `${points > 0 ? '+' : '−'}${value}`;
}

/** One line per factor: "+40 quality (1080p): why". */
export function breakdownLines(breakdown: ReleaseRow['breakdown']): string[] {
  return breakdown.map(
    (f) => `${formatPoints(f.points)} ${f.factor}${f.value ? ` (${f.value})` : ''}${f.why ? `: ${f.why}` : ''}`,
  );
}

/** The score cell's hover text: every factor, then the total. */
export function breakdownText(row: Pick<ReleaseRow, 'breakdown' | 'score'>): string {
  const lines = breakdownLines(row.breakdown);
  if (lines.length === 0) return `Score ${formatPoints(row.score)}`;
  return [...lines, `= ${formatPoints(row.score)}`].join('\n');
}

export function bestRelease(res: ReleaseSearchResponse): ReleaseRow | null {
  if (!res.best) return null;
  const id = res.best.id;
  return res.releases.find((r) => r.id === id) ?? null;
}

/** The POST /discover/grab body for a release, or null when the indexer gave no link to download. */
export function grabRequest(title: TitleRef, row: ReleaseRow): GrabRequest | null {
  if (!row.uri) return null;
  return {
    uri: row.uri,
    releaseTitle: row.title,
    infoHash: row.infoHash,
    title: { provider: title.provider, kind: title.kind, id: title.id },
  };
}

/** 340 ms, 1.2 s, 12 s */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

/** "12 results · 340 ms", "timeout · 5.0 s", "skipped: backing off". */
export function indexerRunText(run: IndexerRunInfo): string {
  if (run.status === 'ok') return `${plural(run.count, 'result')} · ${formatMs(run.ms)}`;
  if (run.status === 'skipped') return `skipped${run.error ? `: ${run.error}` : ''}`;
  return `${run.error || 'failed'} · ${formatMs(run.ms)}`;
}

export type SetupNeeded = 'metadata' | 'indexer';

/** A 400 that means "configure something in Settings first" (its message says what). */
export function setupNeeded(status: number | null, message: string | null): SetupNeeded | null {
  if (status !== 400 || !message) return null;
  if (/no metadata provider/i.test(message)) return 'metadata';
  if (/no indexer/i.test(message)) return 'indexer';
  return null;
}

/** A YYYY-MM-DD date still to come (today counts as aired). */
export function isUpcoming(date: string | null, today: string): boolean {
  return !!date && date > today;
}

/** Local YYYY-MM-DD. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** YYYY-MM-DD → "12 Mar 2024" in the browser's locale; unparsable dates as given. */
export function formatAirDate(date: string | null): string {
  if (!date) return 'date unknown';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

// ---- settings ---------------------------------------------------------------------------------------------------

export const DISCOVERY_LANGUAGES: ReadonlyArray<{ code: string; label: string }> = [
  { code: 'en-US', label: 'English (US)' },
  { code: 'en-GB', label: 'English (UK)' },
  { code: 'ru-RU', label: 'Русский' },
  { code: 'uk-UA', label: 'Українська' },
  { code: 'de-DE', label: 'Deutsch' },
  { code: 'fr-FR', label: 'Français' },
  { code: 'es-ES', label: 'Español' },
  { code: 'it-IT', label: 'Italiano' },
  { code: 'pt-BR', label: 'Português (Brasil)' },
  { code: 'pl-PL', label: 'Polski' },
  { code: 'nl-NL', label: 'Nederlands' },
  { code: 'tr-TR', label: 'Türkçe' },
  { code: 'ja-JP', label: '日本語' },
  { code: 'ko-KR', label: '한국어' },
  { code: 'zh-CN', label: '中文 (简体)' },
];

/** The language choices, with the saved one kept even when it is not in the list. */
export function languageOptions(current: string): Array<{ code: string; label: string }> {
  if (!current || DISCOVERY_LANGUAGES.some((l) => l.code === current)) return [...DISCOVERY_LANGUAGES];
  return [{ code: current, label: current }, ...DISCOVERY_LANGUAGES];
}

/** A write-only key as edited: a new value typed, or marked for removal. */
export interface KeyEdit {
  value: string;
  remove: boolean;
}

export interface DiscoveryForm {
  language: string;
  profile: string;
  tmdb: KeyEdit;
  omdb: KeyEdit;
}

export const emptyKey = (): KeyEdit => ({ value: '', remove: false });

export function toDiscoveryForm(s: DiscoverySettings): DiscoveryForm {
  return { language: s.language, profile: s.profile, tmdb: emptyKey(), omdb: emptyKey() };
}

function keyUpdate(edit: KeyEdit, configured: boolean): string | null | undefined {
  const typed = edit.value.trim();
  if (typed) return typed;
  if (edit.remove && configured) return null;
  return undefined;
}

/** Only what changed; an empty object means nothing to save. A typed key wins over "remove". */
export function discoveryUpdate(saved: DiscoverySettings, form: DiscoveryForm): DiscoverySettingsUpdate {
  const out: DiscoverySettingsUpdate = {};
  if (form.language && form.language !== saved.language) out.language = form.language;
  if (form.profile && form.profile !== saved.profile) out.profile = form.profile;
  const tmdbKey = keyUpdate(form.tmdb, saved.tmdb.configured);
  if (tmdbKey !== undefined) out.tmdbKey = tmdbKey;
  const omdbKey = keyUpdate(form.omdb, saved.omdb.configured);
  if (omdbKey !== undefined) out.omdbKey = omdbKey;
  return out;
}

/** "configured" / "not set", and what Save will do to it. */
export function keyStatus(configured: boolean, edit: KeyEdit): string {
  if (edit.value.trim()) return configured ? 'will be replaced' : 'will be set';
  if (edit.remove && configured) return 'will be removed';
  return configured ? 'configured' : 'not set';
}

/** What is wrong with an indexer's fields (name and Torznab URL), or null. */
export function indexerInputError(input: IndexerInput): string | null {
  if (!input.name.trim()) return 'Give the indexer a name.';
  const url = input.url.trim();
  if (!url) return 'Enter the Torznab feed URL.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The Torznab URL is not a valid URL (it starts with http:// or https://).';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'The Torznab URL must start with http:// or https://.';
  return null;
}

/** An edit of an indexer: only the fields that changed; an empty API key keeps the saved one. */
export function indexerPatch(saved: IndexerInfo, input: IndexerInput): Partial<IndexerInput> {
  const out: Partial<IndexerInput> = {};
  if (input.name.trim() !== saved.name) out.name = input.name.trim();
  if (input.url.trim() !== saved.url) out.url = input.url.trim();
  if (input.apiKey.trim()) out.apiKey = input.apiKey.trim();
  return out;
}

export type IndexerHealthState = 'disabled' | 'backoff' | 'failing' | 'ok' | 'unknown';

export function indexerHealthState(info: IndexerInfo, now: Date): IndexerHealthState {
  if (!info.enabled) return 'disabled';
  const h = info.health;
  if (h.backoffUntil && Date.parse(h.backoffUntil) > now.getTime()) return 'backoff';
  if (h.consecutiveFailures > 0) return 'failing';
  if (h.lastOkAt) return 'ok';
  return 'unknown';
}

export const HEALTH_LABELS: Record<IndexerHealthState, string> = {
  disabled: 'Disabled',
  backoff: 'Backing off',
  failing: 'Failing',
  ok: 'OK',
  unknown: 'Not used yet',
};

/** "Works: search, tv-search · 42 categories" or "Failed: …". */
export function testResultText(r: IndexerTestResult): string {
  if (!r.ok) return `Failed: ${r.error || 'the indexer did not answer as a Torznab feed'}`;
  const modes = r.modes.length ? r.modes.join(', ') : 'no search modes advertised';
  return `Works: ${modes} · ${plural(r.categories, 'category', 'categories')}`;
}
