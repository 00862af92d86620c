/**
 * Library path parser: turns the path of a video file (relative to its library root) into a
 * best-guess movie or series-episode identity. Follows Jellyfin/Kodi naming conventions and also
 * copes with scene release names and Russian tracker names. Pure: no I/O, never throws.
 */

export const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([
  '.mkv',
  '.mp4',
  '.m4v',
  '.avi',
  '.mov',
  '.wmv',
  '.ts',
  '.m2ts',
  '.mts',
  '.webm',
  '.mpg',
  '.mpeg',
  '.flv',
  '.3gp',
  '.ogv',
  '.vob',
  '.divx',
]);

export type ParsedMedia =
  | { kind: 'movie'; title: string; year: number | null }
  | {
      kind: 'episode';
      seriesTitle: string;
      seriesYear: number | null;
      season: number;
      episodes: number[];
      episodeTitle: string | null;
    };

interface TitleYear {
  title: string;
  year: number | null;
}
interface Marker {
  season: number | null;
  episodes: number[];
  start: number;
  end: number;
  loose: boolean;
}
interface SeasonContext {
  season: number | null;
  seriesDir: string | undefined;
}

const MIN_YEAR = 1900;
const MAX_YEAR = new Date().getFullYear() + 1;
const MAX_EPISODE_RANGE = 50;

// ---- path-level patterns ----
const PATH_SEPARATOR_RE = /[\\/]+/;
/** Jellyfin's extras folders (lower case). */
export const EXTRAS_DIRS: ReadonlySet<string> = new Set([
  'extras',
  'featurettes',
  'behind the scenes',
  'deleted scenes',
  'trailers',
  'interviews',
  'scenes',
  'shorts',
  'other',
  'clips',
]);
export const SAMPLE_DIRS: ReadonlySet<string> = new Set(['sample', 'samples']);
/** "sample" as a word of a file name */
export const SAMPLE_WORD_RE = /(?<![\p{L}\p{N}])sample(?![\p{L}\p{N}])/iu;
const IGNORED_DIRS: ReadonlySet<string> = new Set([
  ...EXTRAS_DIRS,
  ...SAMPLE_DIRS,
  '@eadir',
  '#recycle',
  'lost+found',
  '$recycle.bin',
  'system volume information',
]);
/** Jellyfin's extra-by-suffix convention: `Movie (2010)-trailer.mkv`. */
const EXTRA_SUFFIX_RE =
  /-(?:trailer|sample|scene|clip|interview|behindthescenes|deleted|deletedscene|featurette|short|other|extra)$/iu;
/** Disc-structure / multi-disc folders that say nothing about the title: skipped when looking for the parent. */
const STRUCTURAL_DIR_RE = /^(?:video_ts|bdmv|stream|cd ?\d{1,2}|dis[ck] ?\d{1,2})$/iu;
/** Multi-part suffix of a movie file: `Movie (2010) cd1`, `Movie.2010.DVD2`. */
const STACK_SUFFIX_RE = /[\s._-]*[([]?(?:cd|dvd|dis[ck])[\s._-]?\d{1,2}[)\]]?$/iu;
/** File names that carry no title, so the folder name is used instead. */
const GENERIC_NAME_RE = /^(?:movie|film|фильм|video|видео|main|feature|title[\s_-]?t?\d*|vts[\s_]\d+[\s_]\d+|\d{1,3}|\d{5,})$/iu;

// ---- season / episode markers ----
/** S01E02, s1e2, S01.E02, S01E02E03, S01E01-E03, S01E01-03 */
const SXXEYY_RE =
  /(?<![\p{L}\p{N}])s(\d{1,3})[\s._-]?e(\d{1,4})((?:[\s._]?-?[\s._]?e\d{1,4}|-\d{1,4}(?![\p{L}\p{N}]))*)(?!\p{N})/iu;
/** 1x07, 03x04-05 (a resolution like 1920x1080 cannot match: at most 2 season digits, word-bounded). */
const NXNN_RE = /(?<![\p{L}\p{N}])(\d{1,2})x(\d{2,3})((?:[-x]\d{2,3})*)(?![\p{L}\p{N}])/iu;
const EPISODE_LIST_RE = /(-)?[\s._x]*e?(\d{1,4})/giu;
/** A season mentioned inside a release name: `Show.S01.1080p`, `Season 2`, `Сезон 2`, `2 сезон`. */
const SEASON_TOKEN_RE =
  /(?<![\p{L}\p{N}])(?:s(\d{1,2})|(?:season|сезон)[\s._-]?(\d{1,2})|(\d{1,2})[\s._-]?(?:season|сезон))(?![\p{L}\p{N}])/iu;
const SEASON_DIR_RE = /^(?:season|series|saison|staffel|temporada|stagione|сезон|s)[\s._-]*(\d{1,4})$/iu;
const SEASON_DIR_SUFFIX_RE = /^(\d{1,4})[\s._-]*(?:season|сезон)$/iu;
const SPECIALS_DIR_RE = /^(?:specials?|спецвыпуски)$/iu;
/** Russian "episode" word: strong enough to mark a series even without a season folder. */
const SERIYA_RE = /серия/iu;
/** Folders that gather many titles (a flat downloads or "TV" folder): never a series' own name. */
const COLLECTION_DIR_RE =
  /^(?:downloads?|torrents?|incoming|complete[d]?|new|tv|tv[\s._-]?shows|shows|series|serials?|movies|films|videos?|media|anime|cartoons|сериалы|мультсериалы|фильмы|кино|видео|медиа|аниме|мультфильмы|загрузки)$/iu;
/** `Show - 05`, `Show - 05v2` (fansub style). */
const DASH_EPISODE_RE = /\s[-–]\s*(\d{1,4})(?:v\d)?(?![\p{L}\p{N}])/u;
/** A leading `[Group]` tag: fansub releases, whose `- 05` is an episode even without a season folder. */
const FANSUB_TAG_RE = /^\s*\[[^\]]+\]/u;
/** Episode-only names, tried in order when the context says "series" (season folder, серия, ...). */
const LOOSE_EPISODE_RES: readonly RegExp[] = [
  /(?<![\p{L}\p{N}])(?:серия|эпизод|episode|ep\.?|e)[\s._-]?(\d{1,4})(?![\p{L}\p{N}])/iu, // Серия 5, E07
  /(?<![\p{L}\p{N}])(\d{1,4})[\s._-]?(?:серия|эпизод)(?![\p{L}\p{N}])/iu, // 02 серия
  /^\s*(\d{1,3})(?![\p{L}\p{N}])/u, // 07 - Title
  DASH_EPISODE_RE,
];
const STANDALONE_NUMBER_RE = /(?<![\p{L}\p{N}])(\d{1,3})(?![\p{L}\p{N}])/gu;
/** What follows a strict marker must start with a dash to be an episode title: `S01E02 - Title`. */
const EPISODE_TITLE_RE = /^[\s._]*[-–—.][\s._]+(.+)$/u;
const LOOSE_EPISODE_TITLE_RE = /^[\s._]*(?:[-–—.][\s._]*)?(.+)$/u;

// ---- title cleaning ----
const BRACKETED_RE = /\[[^\]]*\]|\{[^}]*\}/gu;
const BRACKET_CHARS_RE = /[[\]{}]/gu;
const PARENS_RE = /\([^)]*\)/gu;
/** S.W.A.T., S.H.I.E.L.D. — letters joined by dots are kept as one token. */
const ACRONYM_RE = /(?<![\p{L}\p{N}])(?:\p{L}\.){2,}(?:\p{L}(?![\p{L}\p{N}]))?(?!\p{Ll})/gu;
const KEPT_DOT = '\u0001';
/** `Robot 2.0`, `3.0+1.0`: a short decimal survives in space-separated (hand-named) titles. */
const DECIMAL_RE = /(?<![\p{N}.])(\d{1,2})\.(\d{1,2})(?![\p{L}\p{N}]|\.\p{N})/gu;
const WHITESPACE_RE = /\s/u;
const DOTTED_CODEC_RE = /\b([hx])\.(26[45])\b/giu;
const AUDIO_CHANNELS_RE = /(\p{L})(\d)\.(\d)(?!\p{N})/gu;
/** Underscores, whitespace and dots not followed by a space ("Mr. Robot" keeps its dot). */
const SEPARATOR_RE = /[_\s]+|\.(?!\s)/gu;
const EDGE_PUNCT_RE = /^[\s\-–—_,:;|~+]+|[\s\-–—_,:;|~+]+$/gu;
const YEAR_TOKEN_RE = /^[([]?(\d{4})[)\]]?$/u;
/** Release junk that never belongs to a title: resolution, source, codec, audio, streaming service. */
const STRONG_JUNK_RE =
  /^(?:\d{3,4}[pi]|[48]k|uhd|bd|bluray|blu-ray|bdrip|brrip|bdremux|remux|web-?dl|web-?dlrip|web-?rip|hdtv|hdtvrip|dvdrip|dvd[59]|dvdscr|hdrip|tvrip|satrip|camrip|hdcam|[xh]26[45]|hevc|avc|xvid|divx|av1|vp9|1[02]-?bit|8-?bit|hdr10\+?|dolby|atmos|truehd|e?ac3|aac\d*|dts(?:-?hd)?|ddp?\d*|flac|lpcm|amzn|nf|dsnp|hmax|atvp)$/iu;
/** Junk words that could also be real title words: only cut when they lead into strong junk. */
const WEAK_JUNK_RE =
  /^(?:web|hd|hdr|sdr|dv|dovi|proper|repack|rerip|internal|limited|extended|unrated|uncut|remastered|imax|hybrid|dubbed|subbed|multi|multisub|dual|dl|rus|eng|ukr|ger|german|french|mvo|dvo|avo|dub|complete|directors|theatrical|cut|edition)$/iu;

export function isVideoFile(fileName: string): boolean {
  const base = fileName.split(PATH_SEPARATOR_RE).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && VIDEO_EXTENSIONS.has(base.slice(dot).toLowerCase());
}

/**
 * True for paths the scanner must skip: hidden entries, samples, extras folders and NAS/OS system
 * folders. Works for file and directory paths alike ('/' or '\' separators).
 */
export function isIgnoredPath(relativePath: string): boolean {
  const segments = splitPath(relativePath);
  if (segments.some((s) => s.startsWith('.') || IGNORED_DIRS.has(s.trim().toLowerCase()))) return true;
  const stem = stripVideoExtension(segments.at(-1) ?? '');
  return SAMPLE_WORD_RE.test(stem) || EXTRA_SUFFIX_RE.test(stem);
}

/** relativePath: path of a video file relative to its library root. Never throws; returns a best guess. */
export function parseMediaPath(relativePath: string): ParsedMedia {
  const segments = splitPath(relativePath);
  const stem = stripVideoExtension(segments.pop() ?? '');
  const dirs = dropStructuralDirs(segments);
  return parseEpisode(stem, dirs) ?? parseMovie(stem, dirs);
}

function splitPath(path: string): string[] {
  return path.split(PATH_SEPARATOR_RE).filter((s) => s !== '' && s !== '.' && s !== '..');
}

function stripVideoExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && VIDEO_EXTENSIONS.has(fileName.slice(dot).toLowerCase()) ? fileName.slice(0, dot) : fileName;
}

function dropStructuralDirs(dirs: string[]): string[] {
  let end = dirs.length;
  while (end > 0 && STRUCTURAL_DIR_RE.test(dirs[end - 1].trim())) end--;
  return dirs.slice(0, end);
}

// ---- episodes ----

function parseEpisode(stem: string, dirs: string[]): ParsedMedia | null {
  const base = stem.replace(BRACKETED_RE, ' ');
  const ctx = seasonContext(dirs);
  const fileSeason = SEASON_TOKEN_RE.exec(base);
  const looseAllowed = ctx.season !== null || fileSeason !== null || SERIYA_RE.test(base);
  const marker = strictMarker(base) ?? (looseAllowed ? looseMarker(base) : FANSUB_TAG_RE.test(stem) ? fansubMarker(base) : null);
  if (marker === null && ctx.season === null) return null;
  const prefixEnd = Math.min(marker?.start ?? base.length, fileSeason?.index ?? base.length);
  return {
    kind: 'episode',
    ...seriesIdentity(ctx.seriesDir, base.slice(0, prefixEnd)),
    season: marker?.season ?? seasonFromToken(fileSeason) ?? ctx.season ?? 1,
    episodes: marker?.episodes ?? [],
    episodeTitle: marker ? episodeTitleAfter(base.slice(marker.end), marker.loose) : cleanTitle(tokenize(base)),
  };
}

function seasonContext(dirs: string[]): SeasonContext {
  const parent = dirs.at(-1);
  if (parent === undefined) return { season: null, seriesDir: undefined };
  const pure = pureSeasonNumber(parent);
  if (pure !== null) return { season: pure, seriesDir: dirs.at(-2) };
  return { season: seasonFromToken(SEASON_TOKEN_RE.exec(parent.replace(BRACKETED_RE, ' '))), seriesDir: parent };
}

function pureSeasonNumber(dir: string): number | null {
  const name = dir.replace(BRACKETED_RE, ' ').replace(PARENS_RE, ' ').trim();
  if (SPECIALS_DIR_RE.test(name)) return 0;
  const match = SEASON_DIR_RE.exec(name) ?? SEASON_DIR_SUFFIX_RE.exec(name);
  return match ? Number(match[1]) : null;
}

function seasonFromToken(match: RegExpExecArray | null): number | null {
  return match ? Number(match[1] ?? match[2] ?? match[3]) : null;
}

function strictMarker(base: string): Marker | null {
  const match = SXXEYY_RE.exec(base) ?? NXNN_RE.exec(base);
  if (!match) return null;
  const episodes = episodeList(Number(match[2]), match[3]);
  return { season: Number(match[1]), episodes, start: match.index, end: match.index + match[0].length, loose: false };
}

/** `E03` adds an episode, `-E05` / `-05` extends a range from the previous one. */
function episodeList(first: number, tail: string): number[] {
  const episodes = [first];
  for (const [, dash, digits] of tail.matchAll(EPISODE_LIST_RE)) {
    const next = Number(digits);
    const last = episodes[episodes.length - 1];
    const isRange = dash !== undefined && next > last && next - last <= MAX_EPISODE_RANGE;
    for (let n = isRange ? last + 1 : next; n <= next; n++) if (!episodes.includes(n)) episodes.push(n);
  }
  return episodes;
}

function looseMarker(base: string): Marker | null {
  const match =
    LOOSE_EPISODE_RES.map((re) => re.exec(base)).find((m) => m !== null) ?? [...base.matchAll(STANDALONE_NUMBER_RE)].at(-1);
  return match ? looseFrom(match) : null;
}

function fansubMarker(base: string): Marker | null {
  const match = DASH_EPISODE_RE.exec(base);
  return match ? looseFrom(match) : null;
}

function looseFrom(match: RegExpMatchArray): Marker {
  const start = match.index ?? 0;
  return { season: null, episodes: [Number(match[1])], start, end: start + match[0].length, loose: true };
}

function episodeTitleAfter(rest: string, loose: boolean): string | null {
  const match = (loose ? LOOSE_EPISODE_TITLE_RE : EPISODE_TITLE_RE).exec(rest);
  return match ? cleanTitle(tokenize(match[1])) : null;
}

function seriesIdentity(seriesDir: string | undefined, filePrefix: string) {
  const fromFile = titleYear(filePrefix);
  const collection = seriesDir !== undefined && COLLECTION_DIR_RE.test(seriesDir.trim()) && fromFile.title !== '';
  const fromDir = seriesDir === undefined || collection ? null : titleYear(cutAtMarker(seriesDir.replace(BRACKETED_RE, ' ')));
  if (fromDir !== null && fromDir.title !== '') {
    return { seriesTitle: fromDir.title, seriesYear: fromDir.year ?? fromFile.year };
  }
  return { seriesTitle: fromFile.title, seriesYear: fromFile.year };
}

function cutAtMarker(name: string): string {
  const cuts = [SXXEYY_RE, NXNN_RE, SEASON_TOKEN_RE].map((re) => re.exec(name)?.index ?? name.length);
  return name.slice(0, Math.min(...cuts));
}

// ---- movies ----

function parseMovie(stem: string, dirs: string[]): ParsedMedia {
  const fileStem = stem.replace(STACK_SUFFIX_RE, '') || stem;
  const file = titleYear(fileStem);
  const parent = dirs.at(-1);
  const folder = parent === undefined ? null : titleYear(parent);
  const pick = folder !== null && folderWins(fileStem, file, folder) ? folder : file;
  return { kind: 'movie', title: pick.title, year: pick.year ?? file.year };
}

/** The folder names the movie when the file name is generic, or when the folder carries the (same) year. */
function folderWins(fileStem: string, file: TitleYear, folder: TitleYear): boolean {
  if (folder.title === '') return false;
  if (isGenericName(fileStem)) return true;
  return folder.year !== null && (file.year === null || file.year === folder.year);
}

function isGenericName(stem: string): boolean {
  const tokens = tokenize(stem.replace(BRACKETED_RE, ' '));
  return tokens.length === 0 || GENERIC_NAME_RE.test(stem.trim()) || isStrongJunk(tokens[0]);
}

// ---- titles ----

/** Title and year of a release-ish name; falls back to un-bracketing, then to the raw name. */
function titleYear(name: string): TitleYear {
  const stripped = titleYearOf(tokenize(name.replace(BRACKETED_RE, ' ')));
  if (stripped.title !== '') return stripped;
  const unbracketed = titleYearOf(tokenize(name.replace(BRACKET_CHARS_RE, ' ')));
  if (unbracketed.title !== '') return unbracketed;
  return { title: joinTitle(tokenize(name.replace(BRACKET_CHARS_RE, ' '))), year: null };
}

/** Year = the last plausible year before release junk (or in parentheses); a bare leading number is title. */
function titleYearOf(tokens: string[]): TitleYear {
  const junkAt = firstStrongJunk(tokens);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const year = yearOf(tokens[i]);
    const bracketed = /^[([]/u.test(tokens[i]);
    if (year !== null && (i < junkAt || bracketed) && (i > 0 || bracketed)) {
      return { title: joinTitle(tokens.slice(0, i)), year };
    }
  }
  return { title: cleanTitle(tokens) ?? '', year: null };
}

function yearOf(token: string): number | null {
  const match = YEAR_TOKEN_RE.exec(token);
  const year = match ? Number(match[1]) : NaN;
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

/** Cuts release junk (and the junk-ish words right before it); null when nothing is left. */
function cleanTitle(tokens: string[]): string | null {
  let cut = firstStrongJunk(tokens);
  if (cut < tokens.length) while (cut > 0 && WEAK_JUNK_RE.test(bare(tokens[cut - 1]))) cut--;
  return joinTitle(tokens.slice(0, cut)) || null;
}

function firstStrongJunk(tokens: string[]): number {
  const index = tokens.findIndex(isStrongJunk);
  return index === -1 ? tokens.length : index;
}

function isStrongJunk(token: string): boolean {
  const word = bare(token);
  return STRONG_JUNK_RE.test(word) || STRONG_JUNK_RE.test(word.split('-')[0]);
}

function bare(token: string): string {
  return token.replace(/^[([]+|[)\]]+$/gu, '').toLowerCase();
}

function tokenize(text: string): string[] {
  const handNamed = WHITESPACE_RE.test(text.trim());
  return text
    .replace(ACRONYM_RE, (acronym) => `${acronym.replaceAll('.', KEPT_DOT)} `)
    .replace(DECIMAL_RE, (decimal) => (handNamed ? decimal.replace('.', KEPT_DOT) : decimal))
    .replace(DOTTED_CODEC_RE, '$1$2')
    .replace(AUDIO_CHANNELS_RE, '$1$2$3')
    .replace(SEPARATOR_RE, ' ')
    .split(' ')
    .filter((t) => t !== '')
    .map((t) => t.replaceAll(KEPT_DOT, '.'));
}

function joinTitle(tokens: string[]): string {
  return tokens.join(' ').replace(EDGE_PUNCT_RE, '');
}
