/**
 * The vocabulary of release titles for release-title-parser.ts: every regex is compiled once, here, at module load
 * (the parser runs on every indexer result, so it must not build regexes per call), plus the small maps that turn a
 * matched spelling into the contract's value ('x264' → 'H.264', 'WEB-DLRip' → 'WEBRip', 'ПМ' → 'MVO', …).
 */
import type { Quality, Source, Voice } from './release-types.js';

type Kind = NonNullable<Voice['kind']>;

/** Word characters for boundaries: JS `\b` is ASCII-only and counts `_`, so we spell Latin, accents and Cyrillic. */
const W = 'A-Za-z0-9\\u00C0-\\u024F\\u0400-\\u04FF';
const L = `(?<![${W}])`;
const R = `(?![${W}])`;
/** A whole-word regex: `body` must not touch another letter or digit on either side. */
const word = (body: string, flags = 'i') => new RegExp(`${L}(?:${body})${R}`, flags);

/** A lookup key: lower case, letters, digits and + only ("WEB-DL" → "webdl", "DD+5.1" → "dd+51"). */
function key(text: string): string {
  return text.toLowerCase().replace(NOT_KEY_RE, '');
}
const NOT_KEY_RE = /[^a-z0-9+а-яё]/g;

/** Builds a lookup table from "key key key" → value rows (keeps the tables short and readable). */
function table<V>(rows: [string, V][]): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [keys, value] of rows) for (const k of keys.split(' ')) out[k] = value;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// picture: resolution, source, codec, HDR

/** 1080p (also with a Cyrillic р and a frame rate, 1080p60), 1080i, 1920x1080, 4K, UHD, FullHD. */
const QUALITY_BODY = '(\\d{3,4})[pр](?:24|25|30|50|60)?|(\\d{3,4})i|(\\d{3,4})[xх]\\d{3,4}|(4K|UHD|Full ?HD)';
export const QUALITY_RE = word(QUALITY_BODY, 'gi');

/** Quality of one QUALITY_RE match; 576p (PAL) counts as the SD '480p'. */
export function qualityOf(m: RegExpExecArray): Quality | null {
  if (m[4]) return m[4].length > 3 ? '1080p' : '2160p'; // FullHD / Full HD, else 4K / UHD
  if (m[3]) {
    // a frame size names its width: 1920x800 (a scope film) is still a 1080p release
    const width = Number(m[3]);
    return width >= 3800 ? '2160p' : width >= 1900 ? '1080p' : width >= 1200 ? '720p' : width >= 600 ? '480p' : null;
  }
  const lines = Number(m[1] ?? m[2]);
  if (lines === 2160 || lines === 4320) return '2160p';
  if (lines === 1080) return '1080p';
  if (lines === 720) return '720p';
  return lines === 480 || lines === 576 ? '480p' : null;
}

const SOURCE_BODY =
  'Blu-?Ray(?:[- ]?Disc)?|UHD-?BD|BD-?Remux|BD(?:25|50|66|100|MV)|BD-?Rip|BR-?Rip' +
  '|WEB[-. ]?DL[-. ]?Rip|WEB[-. ]?DL|WEB[-. ]?Rip|HDTV-?Rip|HDTV|PDTV|HD-?Rip|HD-?DVD-?Rip' +
  '|DVD-?Rip|DVD-?Remux|DVD-?(?:5|9|R)|DVD|SAT-?Rip|DVB(?:-?Rip)?|TV-?Rip|DS-?Rip|CAM-?Rip|HD-?CAM' +
  '|Tele-?Sync|HD-?TS|Tele-?Cine|HD-?TC';
export const SOURCE_RE = word(SOURCE_BODY);
/** Upper-case only: bare WEB (scene: a WEB-DL), BD, CAM, TS, TC are ordinary words in other cases. */
export const SOURCE_CS_RE = word('WEB|BD|CAM|TS|TC', '');

/**
 * Spellings → Source. Choices a reviewer should know: a WEB-DLRip is a re-encode of a WEB-DL, so it ranks as a
 * 'WEBRip'; an HDTVRip is the same broadcast as an HDTV capture (the contract has no HDTVRip), so it is 'HDTV';
 * PDTV/DSRip are SD broadcasts ('TVRip'); DVB(Rip) is digital satellite/cable ('SATRip'); a DVD remux is a 'DVD'; TC → 'TS'.
 */
const SOURCES = table<Source>([
  ['bluray bluraydisc uhdbd bdremux bd bdmv bd25 bd50 bd66 bd100', 'BluRay'],
  ['bdrip brrip', 'BDRip'],
  ['webdl web', 'WEB-DL'],
  ['webdlrip webrip', 'WEBRip'],
  ['hdtv hdtvrip', 'HDTV'],
  ['pdtv dsrip tvrip', 'TVRip'],
  ['hdrip hddvdrip', 'HDRip'],
  ['dvdrip', 'DVDRip'],
  ['dvd dvd5 dvd9 dvdr dvdremux', 'DVD'],
  ['satrip dvb dvbrip', 'SATRip'],
  ['camrip cam hdcam', 'CAM'],
  ['telesync ts hdts telecine tc hdtc', 'TS'],
]);
export const sourceOf = (text: string): Source | null => SOURCES[key(text)] ?? null;

export const REMUX_RE = /remux/i;

/** HDR10, HDR10+, HDR10Plus, Dolby Vision, DoVi, HLG; bare upper-case DV separately (dv is a word elsewhere). */
const HDR_BODY = 'HDR(?:10)?(?:\\+|Plus)?|Dolby[ .]?Vision|DoVi|HLG';
export const HDR_RE = word(HDR_BODY);
export const HDR_CS_RE = word('DV', '');

const CODEC_BODY = '[xh][ .]?26[45]|AVC1?|MPEG-?4[ .]AVC|HEVC|AV1|VP9|MPEG-?2|XviD|DivX|VC-?1';
export const CODEC_RE = word(CODEC_BODY);
const CODECS = table([
  ['x264 h264 avc avc1 mpeg4avc', 'H.264'],
  ['x265 h265 hevc', 'H.265'],
  ['xvid divx', 'XviD'],
  ['av1', 'AV1'],
  ['vp9', 'VP9'],
  ['mpeg2', 'MPEG-2'],
  ['vc1', 'VC-1'],
]);
export const codecOf = (text: string): string | null => CODECS[key(text)] ?? null;

// ---------------------------------------------------------------------------------------------------------------
// sound: codec, voice-over, subtitles

const CH = '(?:[ .]?\\d[ .]\\d)?'; // channels after a codec: DD5.1, AAC2.0, DDP 5.1
const AUDIO_BODY =
  'DTS[-. ]?HD(?:[-. ]?(?:MA|HRA))?|DTS[-:. ]?X|DTS[-. ]?MA|DTS(?:[-. ]?ES)?|True[-. ]?HD|E-?AC-?3' +
  `|DDPA?${CH}|DD\\+${CH}|Dolby Digital Plus|AC-?3|DD${CH}|Dolby Digital|AAC${CH}|FLAC|MP3|Opus`;
export const AUDIO_RE = word(AUDIO_BODY);

export function audioOf(text: string): string | null {
  const k = key(text);
  if (k.startsWith('dts')) return k === 'dts' || k === 'dtses' ? 'DTS' : 'DTS-HD';
  if (k.startsWith('truehd')) return 'TrueHD';
  if (k.startsWith('eac3') || k.startsWith('ddp') || k.startsWith('dd+') || k === 'dolbydigitalplus') return 'EAC3';
  if (k.startsWith('ac3') || k.startsWith('dd') || k === 'dolbydigital') return 'AC3';
  if (k.startsWith('aac')) return 'AAC';
  return k === 'flac' ? 'FLAC' : k === 'mp3' ? 'MP3' : k === 'opus' ? 'Opus' : null;
}

/** Voice-over words in any case: Dub, Дубляж, Многоголосый закадровый, Original, … (Cyrillic endings vary). */
export const VOICE_WORD_RE = word(
  'Dub(?:bed)?|Дубляж|Дублированн[а-яё]*|Полное дублирование|Многоголос[а-яё]*|Двухголос[а-яё]*|Одноголос[а-яё]*' +
    '|Авторск[а-яё]*|Original|Orig|Оригинал[а-яё]*',
  'gi',
);
/** Upper-case codes: rutracker's MVO/DVO/AVO/VO and kinozal's ДБ (дубляж), ПМ/ЛМ (pro/amateur multi-voice), … */
const VOICE_CODES = 'DUB|MVO|DVO|AVO|VO|ДБ|ПМ|ЛМ|ПД|ЛД|ПО|ЛО|АП';
export const VOICE_CODE_RE = word(VOICE_CODES, 'g');
const TAIL_CODE_RE = new RegExp(`^(?:${VOICE_CODES})$`);
const KINDS = table<Kind>([
  ['dub dubbed дб', 'DUB'],
  ['mvo пм лм', 'MVO'],
  ['dvo пд лд', 'DVO'],
  ['avo ап', 'AVO'],
  ['vo по ло', 'VO'],
  ['original orig', 'ORIG'],
]);
/** Russian words change their ending (Многоголосый, Многоголосая, Дублированный): matched by stem. */
const KIND_STEMS: [string, Kind][] = [
  ['дубл', 'DUB'],
  ['полноедубл', 'DUB'],
  ['многоголос', 'MVO'],
  ['двухголос', 'DVO'],
  ['одноголос', 'VO'],
  ['авторск', 'AVO'],
  ['оригинал', 'ORIG'],
];
/** The one-letter codes rutor puts after `|` ("| D, P, A"): only read there, where nothing else can be meant. */
const TAIL_CODES = table<Kind>([
  ['D', 'DUB'],
  ['P L', 'MVO'],
  ['P2 L2', 'DVO'],
  ['P1 L1', 'VO'],
  ['A', 'AVO'],
]);

export function voiceKindOf(text: string): Kind | null {
  const k = key(text);
  const exact = KINDS[k];
  if (exact) return exact;
  for (const [stem, kind] of KIND_STEMS) if (k.startsWith(stem)) return kind;
  return null;
}
/** A piece of the `|` tail that is only a voice code: "D", "P2", "MVO", "ПМ". */
export function tailCodeOf(piece: string): Kind | null {
  return TAIL_CODES[piece] ?? (TAIL_CODE_RE.test(piece) ? voiceKindOf(piece) : null);
}

/** Voice-over studios seen on the trackers (the title's own spelling is kept). */
const STUDIOS =
  'LostFilm|NewStudio|Кубик в Кубе|Kubik v Kube|AlexFilm|HDrezka(?: Studio)?|Jaskier|TVShows|BaibaKo|Amedia' +
  '|Кураж[- ]Бамбей|Kurazh[- ]Bambey|Pazl Voice|Пифагор|Гоблин|SDI Media|Novamedia|NovaFilm|ColdFilm|IdeaFilm' +
  '|Flarrow Films|GoLTFilm|Gears Media|RHS|Red Head Sound|Studio Band|Sunshine Studio|ViruseProject|LE-Production' +
  '|AniDUB|AniLibria|AniMedia|SHIZA Project|Good People|Ultradox|Невафильм|Мосфильм-Мастер|CP Digital|Кравец' +
  '|Сербин|Гаврилов|Володарский|Михал[её]в|Дохалов|Визгунов|Живов|Яроцкий|Первый канал|СТС|ТНТ|НТВ|Fox Life' +
  '|Fox Crime|Paramount Comedy|Кинопоиск HD|Ozz|Kerob|Dragon Money Studio|Videofilm';
export const STUDIO_RE = word(STUDIOS, 'gi');

/** `(…)` right after a voice kind: "MVO (LostFilm)", "ПМ (Кураж-Бамбей)", "AVO (Гоблин, Сербин)". */
export const STUDIO_PAREN_RE = /\s*\(([^()[\]]{1,80})\)/y;
/** What a paren or a `|` piece may say that is not a studio: "Dub (Blu-ray CEE)", "| Лицензия", "| Open Matte". */
export const NOT_A_STUDIO_RE = new RegExp(
  '^(?:лиценз|licen|itunes|amazon|open matte|extended|director|режисс|расшир|театр|remaster|ремастер|repack|обнов' +
    '|imax|звук|sample|сэмпл|theatrical|unrated|uncut|полн|сборник|коллекц|trilog|трилог|вшит|чист|original' +
    '|оригинал|proper|верси|version|uncens|цензур|bonus|бонус|неофиц|fan|фан' +
    '|(?:r5|cee|ukr|rus|eng|укр|рус|англ|sub|subs|hdr|sdr|ts|3d|line|fps|ost|rip)(?![a-zа-яё]))',
  'i',
);

/** Subtitle words: Sub, Subs, Subtitles, Субтитры, Сабы, MultiSubs; kinozal's code СТ separately (upper-case). */
const SUB = 'Sub(?:s|titles?)?|Субтитры|Сабы|Multi-?Subs?';
export const SUB_CODE_RE = word('СТ', 'g');
const LANG_WORDS =
  'Rus(?:sian)?|Рус(?:ские|ский|ская)?|Eng(?:lish)?|Англ(?:ийские|ийский|ийская)?|Ukr(?:ainian)?|Укр(?:аинские|аинский)?' +
  '|Ger|Deu|German|Нем(?:ецкие)?|Fre|Fra|French|Фр(?:анцузские)?|Spa|Esp|Spanish|Исп(?:анские)?|Ita|Italian|Итал(?:ьянские)?' +
  '|Jap|Jpn|Japanese|Яп(?:онские)?|Chi|Chn|Chinese|Кит(?:айские)?|Kor|Korean|Кор(?:ейские)?|Por|Portuguese|Pol|Polish';
const LANG = `${L}(?:${LANG_WORDS})${R}`;
const LANG_LIST = `${LANG}(?:\\s*(?:[,/&+]|и|and)?\\s*${LANG})*`;
/** "Sub Rus", "Sub: Rus, Eng", "Subs (Rus/Eng)", or a bare "Subs" (group 2 empty). */
export const SUB_AFTER_RE = new RegExp(`${L}(${SUB})${R}(?:\\s*[:(-]?\\s*(${LANG_LIST}))?`, 'gi');
/** "Eng Sub", "Rus/Eng subs", "RUS.SUBS", "русские субтитры": the languages before the word (group 2: the word). */
export const SUB_BEFORE_RE = new RegExp(`(${LANG}(?:\\s*[,/&.]\\s*${LANG}|\\s+${LANG})*)[\\s._-]*${L}(${SUB})${R}`, 'gi');
export const LANG_RE = new RegExp(LANG, 'gi');
const LANGS = table([
  ['rus рус', 'ru'],
  ['eng анг', 'en'],
  ['ukr укр', 'uk'],
  ['ger deu нем', 'de'],
  ['fre fra фр', 'fr'],
  ['spa esp исп', 'es'],
  ['ita ит', 'it'],
  ['jap jpn яп', 'ja'],
  ['chi chn кит', 'zh'],
  ['kor кор', 'ko'],
  ['por', 'pt'],
  ['pol', 'pl'],
]);
export function langOf(text: string): string | null {
  const k = text.toLowerCase();
  return LANGS[k.slice(0, 3)] ?? LANGS[k.slice(0, 2)] ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// seasons and episodes

/** A number list: "1-4", "1, 3, 5-7", "1 и 2". Numbers have at most 3 digits, so a year never joins it. */
const LIST = '\\d{1,3}(?:\\s*[-–—~]\\s*\\d{1,3})?(?:\\s*(?:,|&|и|and)\\s*\\d{1,3}(?:\\s*[-–—]\\s*\\d{1,3})?)*';
/** S01E02, S01E01-E03, S01E01E02, S01E01-03, S01E01-S01E03, S01 E02 (group 3: what follows the first episode). */
const SXXEYY_RE = word('S(\\d{1,3})[ .]?E(\\d{1,4})((?:[-.]?E\\d{1,4}|-S\\d{1,3}E\\d{1,4}|-\\d{1,4}(?![pi]))*)', 'gi');
const EPISODE_TAIL_RE = /(-?)(?:S\d+)?E?(\d+)/gi;
/** S01, S01-S03, S01-03 (also with a Cyrillic С). */
const SEASON_CODE_RE = word('[SС](\\d{1,2})(?:\\s*-\\s*[SС]?(\\d{1,2}))?', 'gi');
/** "1-5 сезоны: 1-62 серии": a word after its own number does not own the number after it. */
const NO_NUMBER_BEFORE = '(?<!\\d\\s*(?:-?(?:й|ый|ой|я))?\\s*)';
/** Season 2, Seasons 1-3, Сезон: 1-4, Сезоны 1-3, Сезон 1, 3 */
const SEASON_WORD_RE = word(`${NO_NUMBER_BEFORE}(?:Seasons?|Сезон[ыа]?)\\s*:?\\s*(${LIST})`, 'gi');
/**
 * The number-then-word forms are lower-case, as trackers write them, and never read a number that a capitalised
 * "Сезон"/"Season" owns: in "Сезон 1 серии 1-8" the 1 is the season (but "1-12 сезоны: 1-279 серии" has 279 episodes).
 */
const NOT_AFTER_WORD = '(?<!(?:Сезон|Season|СЕЗОН|Серия|Серии|Episode)[а-яёs]*\\s*:?\\s*)';
/** 1-4 сезон, 1-12 сезоны, 2-й сезон, 5 сезонов */
const SEASON_AFTER_RE = word(`${NOT_AFTER_WORD}(${LIST})\\s*(?:-?(?:й|ый|ой))?\\s*сезон[а-яё]*`, 'g');
/** 2x05, 2x05-07, 2x05-2x07 */
const NXM_RE = word('(\\d{1,2})[xх](\\d{2,3})(?:-(?:\\d{1,2}[xх])?(\\d{2,3}))?', 'gi');
/** Серии: 1-40 из 40, Серия 5, Episodes 1-8, Выпуски 1-20, Ep 5 */
const EPISODE_WORD_RE = word(`(?:Сери[ияй]|Эпизод[ыа]?|Episodes?|Выпуск(?:и|ов)?|Eps?\\.?)\\s*:?\\s*(${LIST})`, 'gi');
/** 1-8 серии (из 10), 1-279 серии, 5 серия, 1-3 эпизоды */
const EPISODE_AFTER_RE = word(`${NOT_AFTER_WORD}(${LIST})\\s*(?:-?(?:я|й))?\\s*(?:сери|эпизод|выпуск)[а-яё]*`, 'g');
/** [1-220 из 220], 1-8 из 10: "of N" only ever counts episodes */
const EPISODE_OF_RE = word(`${NOT_AFTER_WORD}(${LIST})\\s*из\\s*\\d{1,4}`, 'g');
/** a bare E05 / EP05 */
const E_RE = word('EP?(\\d{2,4})', 'gi');
/** an anime episode after a `[Group]` prefix: "Title - 05 (1080p)", "Title - 01 ~ 12" */
export const ANIME_EP_RE = /\s[-–]\s(\d{1,4})(?:v\d)?(?:\s*[~-]\s*(\d{1,4})(?:v\d)?)?(?=\s|$|[[(])/;
const LIST_PART_RE = /(\d+)(?:\s*[-–—~]\s*(\d+))?/g;

/** Adds "1-4, 6" as 1, 2, 3, 4, 6; a span longer than `maxSpan` adds only its ends (garbage stays small). */
function expandList(text: string, into: number[], maxSpan: number): void {
  LIST_PART_RE.lastIndex = 0;
  for (let m = LIST_PART_RE.exec(text); m; m = LIST_PART_RE.exec(text))
    addRange(Number(m[1]), Number(m[2] ?? m[1]), into, maxSpan);
}
export function addRange(lo: number, hi: number, into: number[], maxSpan: number): void {
  if (hi > lo && hi - lo <= maxSpan) for (let n = lo; n <= hi; n++) into.push(n);
  else if (hi > lo) into.push(lo, hi);
  else into.push(lo);
}

const MAX_SEASON_SPAN = 100;
export const MAX_EPISODE_SPAN = 2000;

/**
 * Seasons and episodes named anywhere in the info, sorted and unique: S01E02, S01E01-E03, S01-S03, [S01-03], 2x05,
 * E05, Season 2, Сезон: 1-4, Сезоны 1-3, 1-4 сезон, Серии: 1-40 из 40, 1-8 серии, [1-220 из 220].
 * `episodes` may hold some already (an anime "Title - 05" read with the title).
 */
export function readSeasonsAndEpisodes(info: string, episodes: number[], into: { seasons: number[]; episodes: number[] }): void {
  const seasons: number[] = [];
  SXXEYY_RE.lastIndex = 0;
  for (let m = SXXEYY_RE.exec(info); m; m = SXXEYY_RE.exec(info)) {
    seasons.push(Number(m[1]));
    let last = Number(m[2]);
    episodes.push(last);
    EPISODE_TAIL_RE.lastIndex = 0;
    for (let e = EPISODE_TAIL_RE.exec(m[3]); e; e = EPISODE_TAIL_RE.exec(m[3])) {
      const n = Number(e[2]);
      if (e[1]) addRange(last + 1, n, episodes, MAX_EPISODE_SPAN);
      else episodes.push(n);
      last = n;
    }
  }
  SEASON_CODE_RE.lastIndex = 0;
  for (let m = SEASON_CODE_RE.exec(info); m; m = SEASON_CODE_RE.exec(info))
    addRange(Number(m[1]), Number(m[2] ?? m[1]), seasons, MAX_SEASON_SPAN);
  NXM_RE.lastIndex = 0;
  for (let m = NXM_RE.exec(info); m; m = NXM_RE.exec(info)) {
    seasons.push(Number(m[1]));
    addRange(Number(m[2]), Number(m[3] ?? m[2]), episodes, MAX_EPISODE_SPAN);
  }
  E_RE.lastIndex = 0;
  for (let m = E_RE.exec(info); m; m = E_RE.exec(info)) episodes.push(Number(m[1]));
  // the word forms (Season 2, Сезон: 1-4, 1-8 серии, 1-40 из 40) only where such a word is (cheap checks first)
  if (SEASON_HINT_RE.test(info)) {
    listsOf(SEASON_WORD_RE, info, seasons, MAX_SEASON_SPAN);
    if (info.includes('сезон')) listsOf(SEASON_AFTER_RE, info, seasons, MAX_SEASON_SPAN);
  }
  if (EPISODE_HINT_RE.test(info)) {
    listsOf(EPISODE_WORD_RE, info, episodes, MAX_EPISODE_SPAN);
    listsOf(EPISODE_AFTER_RE, info, episodes, MAX_EPISODE_SPAN);
  }
  if (info.includes(' из')) listsOf(EPISODE_OF_RE, info, episodes, MAX_EPISODE_SPAN);
  into.seasons = sortedUnique(seasons);
  into.episodes = sortedUnique(episodes);
}
const SEASON_HINT_RE = /season|сезон/i;
const EPISODE_HINT_RE = /сери|эпизод|выпуск|ep/i;

/** Adds every number list (group 1) of every match. */
function listsOf(re: RegExp, text: string, into: number[], maxSpan: number): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) expandList(m[1], into, maxSpan);
}

/** The numbers sorted and unique; most lists are built in order already, so that is checked first. */
function sortedUnique(numbers: number[]): number[] {
  let ordered = true;
  for (let i = 1; i < numbers.length && ordered; i++) ordered = numbers[i] > numbers[i - 1];
  return ordered ? numbers : [...new Set(numbers)].sort((x, y) => x - y);
}

// ---------------------------------------------------------------------------------------------------------------
// the title / info border, years, groups, music

/** Where a title stops: the first episode/season code, resolution, source, codec or release tag (any case). */
export const MARKER_RE = word(
  '[SС]\\d{1,3}(?:[ .]?E\\d{1,4})*|\\d{1,2}[xх]\\d{2,3}|EP?\\d{2,4}|Seasons?|Сезон[а-яё]*|Сери[ияй]|Episodes?|Эпизод[а-яё]*' +
    `|${LIST}\\s*(?:-?(?:й|ый|ой|я))?\\s*(?:сезон|сери|эпизод)[а-яё]*` +
    `|${QUALITY_BODY}|${SOURCE_BODY}|Remux|${HDR_BODY}|[xh][ .]?26[45]|HEVC|XviD|DivX|Дубляж`,
  'i',
);
/** Upper-case-only release tags that also end a title (WEB, REPACK…; "Charlotte's Web" keeps its web). */
export const MARKER_CS_RE = word('WEB|CAM|TS|PROPER|REPACK|COMPLETE|iNTERNAL|MULTi|DUBBED|LIMITED|REMASTERED', '');

/** A year 1900..2099 (also "2019 г."), not in 1080p, 1920x1080, 2000 kbps or 1999.5 MB. */
export const YEAR_RE = new RegExp(`${L}((?:19|20)\\d\\d)(?:\\s?гг?\\.?)?(?![${W}]|\\s*(?:kbps|kb/s|mb|gb|мб|гб|[xх]\\d))`, 'gi');
/** A segment that is only info, not a title: "2007-2019", "ПМ, СТ" (kinozal's `Title / Title / 2019 / ПМ / …`). */
export const META_SEGMENT_RE = new RegExp(
  `^(?:\\d{4}(?:\\s*[-–—]\\s*\\d{4})?|(?:${L}(?:ДБ|ПМ|ЛМ|ПД|ЛД|ПО|ЛО|АП|СТ|Sub|Dub|MVO|DVO|AVO|VO)${R}[\\s,+]*)+)$`,
  'i',
);
/** Music: "Artist - Album - 1986 (…)", the year after a dash at the end of the title. */
export const DASH_YEAR_RE = /\s[-–—]\s*((?:19|20)\d\d)\s*$/;
export const MUSIC_RE = word(
  'Discography|Дискография|Lossless|\\d{2,3}\\s*kbps|(?:16|24|32)\\s*bit|\\d{2,3}(?:[.,]\\d)?\\s*kHz|tracks' +
    '|image\\s*\\+\\s*\\.?cue|\\.?cue|Vinyl|Hi-?Res|OST|Soundtrack|Саундтрек|Альбом|Album|APE|ALAC|WavPack|M4A',
);
export const CYRILLIC_RE = /[\u0400-\u04FF]/;

/** What follows the last dash of a scene name when it is a group: "SPARKS", "YTS.MX", "KILLERS[rarbg]". */
export const GROUP_RE = /^([A-Za-z0-9][A-Za-z0-9_@&]{0,29}(?:\.[A-Za-z]{2,3})?)(?:\[[^\]]*\])?$/;
/** A file name's video extension, dropped before parsing ("Fargo.S01E02.720p.HDTV.x264-GRP.mkv"). */
export const EXTENSION_RE = /\.(?:mkv|mp4|avi|m4v|m2ts|wmv|mov|webm|torrent)$/i;
/** Tech words a `-GROUP` or a `[Group]` can never be (WEB-DL ends in "DL", BDRip-AVC in "AVC"). */
export const NOT_A_GROUP_RE = new RegExp(
  `^(?:DL|Rip|HD|MA|X|Ray|ES|\\d+|${SOURCE_BODY}|${CODEC_BODY}|${AUDIO_BODY}|${QUALITY_BODY}|${HDR_BODY}|WEB|TS)$`,
  'i',
);
/** A rutor ripper: "BDRip 1080p от селезень |" */
export const RIPPER_RE = new RegExp(`${L}от\\s+([A-Za-z0-9\\u0400-\\u04FF][\\w\\u0400-\\u04FF.&-]{0,29})\\s*(?=$|[|,[(])`, 'i');
