/**
 * Naming helpers of the import plan: release-title context, Jellyfin/Kodi names, subtitle languages and a file-name
 * sanitiser that is safe on every OS. Pure: no I/O, never throws.
 *
 * Naming decisions (Jellyfin's "Shows"/"Movies" docs; Kodi reads the same names):
 * - multi-episode files: `Title S01E01-E02` (the form Jellyfin's docs show; Kodi accepts it too). Jellyfin stores a
 *   first..last range, so a non-contiguous `E01E03` file is named by its first and last episode.
 * - season 0 goes to `Season 00`, not `Specials`: one format for every season, no localised folder name.
 * - subtitles: `<video name>.<ISO 639-1>[.forced][.sdh].<ext>`; no language recognised → `<video name>.<ext>`.
 */
import { parseMediaPath } from '../library/media-name-parser.js';

export const SUBTITLE_EXTENSIONS: ReadonlySet<string> = new Set(['.srt', '.ass', '.ssa', '.sub', '.idx', '.vtt']);

/** What a release title says before any file is looked at. `dir` is a parser-friendly folder name ('' if unknown). */
export interface ReleaseContext {
  title: string;
  year: number | null;
  /** a single season named by the release (`S02`, `Сезон: 1`); null for none or a range (`S01-03`) */
  season: number | null;
  /** the release itself names one episode (`Show.S01E05.720p`) */
  episode: { season: number; episodes: number[] } | null;
  series: boolean;
  dir: string;
}

const MAX_YEAR = new Date().getFullYear() + 1;
const TITLE_MAX_BYTES = 120;
const SEGMENT_MAX_BYTES = 240;
const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';
const SEASON_RANGE_RE = new RegExp(`(?<!${LETTER_OR_DIGIT})s(\\d{1,2})\\s*-\\s*s?\\d{1,2}(?!${LETTER_OR_DIGIT})`, 'iu');
const SEASON_WORD_RE = /(?:сезоны?|seasons?)[\s:._-]*(\d{1,2})(\s*-\s*\d{1,2})?/iu;
const SEASON_WORD_AFTER_RE = /(?<![\p{L}\p{N}])(\d{1,2})[\s._-]*(?:-?й\s*)?(?:сезон|season)/iu;
const SEASON_CODE_RE = new RegExp(`(?<!${LETTER_OR_DIGIT})s(\\d{1,2})(?=e\\d|(?!${LETTER_OR_DIGIT}))`, 'iu');
/** Parts of a tracker title that describe the release rather than name it: `Сезон: 1`, `Серии: 1-8 из 8`. */
const INFO_PART_RE = /^(?:сезоны?|серии|серия|выпуски?|season|seasons|episodes?)(?![\p{L}])/iu;
const SERIES_WORD_RE = /(?<![\p{L}])(?:сезоны?|серии|серия|season|seasons|episodes)(?![\p{L}])/iu;
const YEAR_RANGE_RE = /\(\s*((?:19|20)\d\d)\s*[-–]\s*(?:(?:19|20)\d\d)?\s*\)/u;
const BRACKET_YEAR_RE = /[[(]((?:19|20)\d\d)(?!\d)/u;
const NON_YEAR_PARENS_RE = /\((?!\s*(?:19|20)\d\d\s*\))[^)]*\)/gu;

export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

export function baseName(path: string): string {
  return path.split('/').pop() ?? '';
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

export function stemOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export function isSubtitleFile(path: string): boolean {
  return SUBTITLE_EXTENSIONS.has(extensionOf(path));
}

const validYear = (year: number) => (year >= 1900 && year <= MAX_YEAR ? year : null);

/**
 * Reads a release title: scene (`Show.Name.S02.1080p.WEB-DL.x264-GRP`), tracker (`Сериал / Series / Сезон: 1 /
 * Серии: 1-8 из 8 [2019, WEB-DLRip] MVO (LostFilm)`) and `Title [S01-03] (2018-2021) ... | Dub group` styles.
 * Of several names separated by ` / ` the last one in Latin letters (the original title) is taken.
 */
export function describeRelease(releaseTitle: string): ReleaseContext {
  const head = releaseTitle.trim().split(/\s+\|\s+/u)[0];
  const parts = head.split(/\s+[/\\]\s+/u).map((p) => p.trim());
  const firstInfo = parts.findIndex((p, i) => i > 0 && INFO_PART_RE.test(p));
  const names = parts.slice(0, firstInfo === -1 ? parts.length : firstInfo);
  const chosen = [...names].reverse().find((n) => /\p{Script=Latin}/u.test(n)) ?? names[0];
  const multiName = parts.length > 1;
  const seasonRange = SEASON_RANGE_RE.test(head) || SEASON_WORD_RE.exec(head)?.[2] !== undefined;
  const seasonMatch = SEASON_WORD_RE.exec(head) ?? SEASON_WORD_AFTER_RE.exec(head) ?? SEASON_CODE_RE.exec(head);
  const season = seasonRange || !seasonMatch ? null : Number(seasonMatch[1]);
  const bare = cutAtSeason(chosen.replace(/[/\\]/gu, ' '))
    .replace(/[[(][^\])]*$/u, ' ')
    .replace(YEAR_RANGE_RE, ' ')
    .replace(/\[[^\]]*\]/gu, ' ');
  const cut = multiName ? bare.replace(NON_YEAR_PARENS_RE, ' ') : bare;
  const parsed = parseMediaPath(cut);
  const whole = parseMediaPath(chosen.replace(/[/\\]/gu, ' '));
  const title = parsed.kind === 'movie' ? parsed.title : parsed.seriesTitle;
  const fromBrackets = BRACKET_YEAR_RE.exec(head) ?? YEAR_RANGE_RE.exec(head);
  const year = (parsed.kind === 'movie' ? parsed.year : parsed.seriesYear) ?? validYear(Number(fromBrackets?.[1]));
  const episode =
    whole.kind === 'episode' && whole.episodes.length > 0 ? { season: whole.season, episodes: whole.episodes } : null;
  const series = season !== null || seasonRange || episode !== null || SERIES_WORD_RE.test(head);
  const dir = title === '' ? '' : `${title}${year ? ` (${year})` : ''}${season !== null ? ` Season ${season}` : ''}`;
  return { title, year, season: season ?? episode?.season ?? null, episode, series, dir };
}

function cutAtSeason(name: string): string {
  const cuts = [SEASON_RANGE_RE, SEASON_WORD_RE, SEASON_WORD_AFTER_RE, SEASON_CODE_RE].map(
    (re) => re.exec(name)?.index ?? name.length,
  );
  const at = Math.min(...cuts);
  return at === 0 ? name : name.slice(0, at);
}

// ---- target names ----

const RESERVED_WINDOWS_RE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/iu;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS_RE = /[<>:"/\\|?*\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * One path segment safe on Windows, macOS and Linux: forbidden, control and bidi-override characters removed,
 * whitespace collapsed, leading and trailing dots/spaces removed (no hidden files, never `.` or `..`), reserved Windows
 * names (`CON`, `NUL.srt`, `COM1`) suffixed with `_`, capped at `maxBytes` of UTF-8 without splitting a character.
 * '' when nothing is left.
 */
export function sanitizeName(name: string, maxBytes = SEGMENT_MAX_BYTES): string {
  let out = trimEdges(name.normalize('NFC').replace(FORBIDDEN_CHARS_RE, ' ').replace(/\s+/gu, ' '));
  out = trimEdges(capBytes(out, maxBytes));
  const dot = out.indexOf('.');
  const head = dot === -1 ? out : out.slice(0, dot);
  if (RESERVED_WINDOWS_RE.test(head.trim())) out = `${head.trim()}_${dot === -1 ? '' : out.slice(dot)}`;
  return out;
}

function trimEdges(text: string): string {
  return text.replace(/^[\s.]+|[\s.]+$/gu, '');
}

function capBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

/** `Title (Year)` / `Title`, sanitised and length-capped; '' when the title has nothing usable. */
export function movieName(title: string, year: number | null): string {
  const clean = sanitizeName(title, TITLE_MAX_BYTES);
  return clean === '' ? '' : year === null ? clean : `${clean} (${year})`;
}

export function showName(title: string): string {
  return sanitizeName(title, TITLE_MAX_BYTES);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function seasonFolder(season: number): string {
  return `Season ${pad(season)}`;
}

/** `S01E02`; several episodes → `S01E01-E03` (first and last). */
export function episodeCode(season: number, episodes: number[]): string {
  const sorted = [...episodes].sort((a, b) => a - b);
  const last = sorted.length > 1 ? `-E${pad(sorted[sorted.length - 1])}` : '';
  return `S${pad(season)}E${pad(sorted[0])}${last}`;
}

// ---- subtitle languages ----

const LANGUAGES: Record<string, string[]> = {
  en: ['eng', 'english', 'англ', 'английские', 'английский'],
  ru: ['rus', 'russian', 'рус', 'русские', 'русский', 'russ'],
  uk: ['ukr', 'ukrainian', 'укр', 'украинские', 'украинский'],
  be: ['bel', 'belarusian'],
  de: ['ger', 'deu', 'german', 'deutsch'],
  fr: ['fre', 'fra', 'french', 'français', 'francais'],
  es: ['spa', 'spanish', 'español', 'espanol'],
  it: ['ita', 'italian', 'italiano'],
  pt: ['por', 'portuguese', 'português'],
  pl: ['pol', 'polish', 'polski'],
  cs: ['cze', 'ces', 'czech'],
  nl: ['dut', 'nld', 'dutch'],
  sv: ['swe', 'swedish'],
  fi: ['fin', 'finnish'],
  tr: ['tur', 'turkish'],
  ja: ['jpn', 'japanese'],
  zh: ['chi', 'zho', 'chinese'],
  ko: ['kor', 'korean'],
  ar: ['ara', 'arabic'],
  he: ['heb', 'hebrew'],
};
const WORD_TO_LANGUAGE = new Map(Object.entries(LANGUAGES).flatMap(([code, words]) => words.map((w) => [w, code])));
const TWO_LETTER = new Set(Object.keys(LANGUAGES));
const FORCED = new Set(['forced', 'foreign', 'форсированные']);
const SDH = new Set(['sdh', 'hi', 'cc']);

export interface SubtitleTags {
  language: string | null;
  forced: boolean;
  sdh: boolean;
}

const tokensOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
const SUBS_FOLDER_RE = /(?<![\p{L}])(?:subs?|subtitles?|субтитры|сабы)(?![\p{L}])/iu;

/** `Subs`, `Rus Subs`, `Субтитры`: a folder that holds subtitles. */
export function isSubtitleFolder(name: string): boolean {
  return SUBS_FOLDER_RE.test(name);
}

/** A folder whose name can say a language: a subtitles folder or a bare language name (`English`, `02 Русские`). */
const languageFolder = (name: string) =>
  isSubtitleFolder(name) || tokensOf(name).every((t) => WORD_TO_LANGUAGE.has(t) || /^\d+$/u.test(t));

/**
 * Language and flags of a subtitle: from the name's last few tokens (two-letter codes are trusted only there), then
 * from subtitle/language folder names nearest first (`Rus Subs/`, `Subs/English/`), full words and 3-letter codes only.
 */
export function subtitleTags(nameTail: string, folders: string[]): SubtitleTags {
  const tail = tokensOf(nameTail).slice(-3);
  const flags = new Set(tail.filter((t) => FORCED.has(t) || SDH.has(t)));
  const fromName = [...tail].reverse().find((t) => WORD_TO_LANGUAGE.has(t) || TWO_LETTER.has(t));
  const fromFolders = folders
    .filter(languageFolder)
    .reverse()
    .flatMap(tokensOf)
    .find((t) => WORD_TO_LANGUAGE.has(t));
  const word = fromName ?? fromFolders;
  return {
    language: word === undefined ? null : (WORD_TO_LANGUAGE.get(word) ?? word),
    forced: [...flags].some((t) => FORCED.has(t)),
    sdh: [...flags].some((t) => SDH.has(t)),
  };
}

export function subtitleSuffix(tags: SubtitleTags): string {
  return `${tags.language ? `.${tags.language}` : ''}${tags.forced ? '.forced' : ''}${tags.sdh ? '.sdh' : ''}`;
}
