/**
 * The release-title parser: one indexer title in, a ParsedRelease out. Pure (no I/O), never throws, no regex is
 * built per call (they live in release-title-tokens.ts).
 *
 * It reads both forms a title comes in:
 * - scene names: `The.Big.Bang.Theory.S11.720p.WEB-DL.x264-GROUP` — the title is the words before the first
 *   year/episode code/resolution/source, the group is the `-GROUP` suffix;
 * - Russian tracker names: `Сериал / Series / Сезон: 1-4 / Серии: 1-40 из 40 [2019, WEB-DLRip] MVO (LostFilm)`,
 *   `Show [S01-03] (2018-2021) BDRip-HEVC 1080p | Кубик в кубе`, kinozal's `Title / Title / 2019 / ПМ / BDRip`:
 *   the title alternatives are the ` / `-separated parts before the first bracket or info part; `|` starts the
 *   trailing info (voice codes, studio).
 * Everything after the titles is "info": the features are read there only, so a title word never becomes a tag.
 */
import type { ParsedRelease, Voice } from './release-types.js';
import * as T from './release-title-tokens.js';

/** Longer input is garbage or an attack; its first 2,000 characters are plenty for any real title. */
const MAX_LENGTH = 2000;

export function emptyRelease(): ParsedRelease {
  return {
    titles: [],
    year: null,
    seasons: [],
    episodes: [],
    quality: null,
    source: null,
    codec: null,
    audio: null,
    remux: false,
    hdr: false,
    voice: [],
    subtitles: [],
    group: null,
    type: 'other',
  };
}

export function parseReleaseTitle(title: string): ParsedRelease {
  try {
    return parse(prepare(title));
  } catch {
    return emptyRelease(); // belt and braces: a title never stops a search
  }
}

/** NFC, one space for any run of whitespace (tabs, CR, NBSP), trimmed. */
function prepare(title: unknown): string {
  let s = typeof title === 'string' ? title : title == null ? '' : String(title);
  if (s.length > MAX_LENGTH) s = s.slice(0, MAX_LENGTH);
  if (NON_ASCII_RE.test(s)) s = s.normalize('NFC');
  return s.replace(SPACES_RE, ' ').trim().replace(T.EXTENSION_RE, '');
}
const NON_ASCII_RE = /[^\x00-\x7f]/;
const SPACES_RE = /\s{2,}|[^\S ]|\u200b/g; // single spaces stay: no copy for clean titles
const EDGE_PUNCT_RE = /^[\s\-–—:;,.|/\\+]+|[\s\-–—:;,.|/\\+([{]+$/g;
const GROUP_NAME_RE = /^[A-Za-z0-9][\w.&-]{1,30}$/;
const PLAIN_NAME_RE = /^\p{L}[\p{L}\p{N} .&'’-]{1,39}$/u;
const LETTER_RE = /\p{L}/u;
const TAIL_SPLIT_RE = /\s*[|,+]\s*/;
const STUDIO_SPLIT_RE = /\s*(?:[,;/&+]|\sи\s)\s*/;

interface Layout {
  titles: string[];
  /** where the titles end and the info starts, as one string (the `|` tail at its end) */
  info: string;
  /** index in `info` where the `|` tail starts (info.length when there is none) */
  tailAt: number;
  /** the scene group may only be found after this index of the whole string */
  titleEnd: number;
  leadGroup: string | null;
  episodes: number[];
}

function parse(s: string): ParsedRelease {
  const r = emptyRelease();
  if (!s) return r;
  const layout = splitLayout(s);
  const { info } = layout;
  readYearAndTitles(layout, r);
  readPicture(info, r);
  T.readSeasonsAndEpisodes(info, layout.episodes, r);
  r.voice = readVoices(info, layout.tailAt);
  r.subtitles = readSubtitles(info, T.CYRILLIC_RE.test(s));
  r.group = layout.leadGroup ?? sceneGroup(s, layout.titleEnd) ?? ripper(info);
  r.type = guessType(r, info);
  if (r.type === 'music') r.voice = []; // "(Original Motion Picture Soundtrack)" is no voice-over
  return r;
}

// ---------------------------------------------------------------------------------------------------------------
// layout: leading blocks, ` / ` segments, `|` tail, where each title stops

function splitLayout(s: string): Layout {
  let start = 0;
  let leadGroup: string | null = null;
  const lead: string[] = [];
  // leading blocks: "[SubsPlease] Title - 05", "(Rock) Artist - Album", "[Обновлено] …"
  while (s[start] === '[' || s[start] === '(') {
    const close = s.indexOf(s[start] === '[' ? ']' : ')', start);
    if (close < 0) break;
    const inner = s.slice(start + 1, close).trim();
    if (s[start] === '[' && !leadGroup && GROUP_NAME_RE.test(inner) && !T.NOT_A_GROUP_RE.test(inner)) leadGroup = inner;
    else lead.push(inner);
    start = close + 1;
    while (s[start] === ' ') start++;
  }
  const { cuts, pipe } = topLevel(s, start);
  const titles: string[] = [];
  const info: string[] = lead.length ? [lead.join(' ')] : [];
  const episodes: number[] = [];
  let titleEnd = start;
  let k = 0;
  for (; k < cuts.length - 1; k++) {
    const a = cuts[k];
    const b = k + 1 < cuts.length - 1 ? cuts[k + 1] - 3 : cuts[k + 1]; // a segment ends before its " / "
    const { cut, text } = titleCut(s, a, b, k === 0 && leadGroup !== null, episodes);
    if (k > 0 && (cut === a || T.META_SEGMENT_RE.test(s.slice(a, b).trim()))) break;
    titles.push(text);
    if (k === 0) titleEnd = cut;
    if (cut < b) info.push(s.slice(cut, b));
    if (s.lastIndexOf('[', b) >= cut) {
      k++; // a rutracker info block [2019, …] closes the titles
      break;
    }
  }
  if (k < cuts.length - 1) info.push(s.slice(cuts[k], cuts[cuts.length - 1]));
  const main = info.join(' / ');
  const tail = pipe < s.length ? s.slice(pipe + 1).trim() : '';
  return {
    titles,
    info: tail ? `${main} | ${tail}` : main,
    tailAt: tail ? main.length + 3 : main.length,
    titleEnd,
    leadGroup,
    episodes,
  };
}

/** Segment starts split on top-level " / " (not inside brackets), plus the end; and the first top-level "|". */
function topLevel(s: string, from: number): { cuts: number[]; pipe: number } {
  if (s.indexOf(' / ', from) < 0 && s.indexOf('|', from) < 0) return { cuts: [from, s.length], pipe: s.length };
  const cuts = [from];
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123)
      depth++; // ( [ {
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
    else if (depth === 0 && c === 124)
      return { cuts: [...cuts, i], pipe: i }; // |
    else if (depth === 0 && c === 47 && s.charCodeAt(i - 1) === 32 && s.charCodeAt(i + 1) === 32) cuts.push(i + 2);
  }
  cuts.push(s.length);
  return { cuts, pipe: s.length };
}

/** Where the title of segment [a, b) stops: its first bracket, or the first marker (year handled later). */
function titleCut(s: string, a: number, b: number, anime: boolean, episodes: number[]): { cut: number; text: string } {
  let end = a;
  while (end < b && s[end] !== '(' && s[end] !== '[' && s[end] !== '{') end++;
  let head = s.slice(a, end);
  const trimmed = head.trim();
  // scene names use dots (or underscores) for spaces: read "The.Big.Bang" as "The Big Bang" (same length)
  if (count(trimmed, '.') + count(trimmed, '_') > count(trimmed, ' ')) head = head.replace(DOTS_RE, ' ');
  if (anime) {
    const m = T.ANIME_EP_RE.exec(head);
    if (m) {
      T.addRange(Number(m[1]), Number(m[2] ?? m[1]), episodes, T.MAX_EPISODE_SPAN);
      head = head.slice(0, m.index);
    }
  }
  const m1 = T.MARKER_RE.exec(head);
  const m2 = T.MARKER_CS_RE.exec(head);
  const at = Math.min(m1 ? m1.index : head.length, m2 ? m2.index : head.length);
  return { cut: a + at, text: head.slice(0, at) };
}
const DOTS_RE = /[._]/g;

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * The year: an album's "Artist - Album - 1986", else the first year of the info ("(2018-2021)" → 2018,
 * "[2010, США, …]"), else the last year inside a title that is not its first word ("Blade.Runner.2049.2017.1080p"
 * → 2017, titled "Blade Runner 2049"; "1917.1080p" stays "1917" with no year). A title ending in the info's own
 * year loses it ("Фильм 2019 (2019)"); "Death Race 2000 (1975)" keeps its 2000.
 */
function readYearAndTitles(layout: Layout, r: ParsedRelease): void {
  const titles = layout.titles.slice();
  const dash = titles.length ? T.DASH_YEAR_RE.exec(titles[0]) : null;
  if (dash) {
    r.year = Number(dash[1]);
    titles[0] = titles[0].slice(0, dash.index);
  } else {
    r.year = firstYear(layout.info);
    const fromInfo = r.year !== null;
    for (let i = 0; i < titles.length; i++) {
      const found = lastYear(titles[i]);
      if (!found) continue;
      if (fromInfo && (found.year !== r.year || titles[i].slice(found.at + 4).trim())) continue;
      r.year ??= found.year;
      if (found.year === r.year) titles[i] = titles[i].slice(0, found.at);
    }
  }
  const seen = new Set<string>();
  for (const t of titles) {
    const clean = t.replace(SPACES_RE, ' ').replace(EDGE_PUNCT_RE, '');
    if (clean && !seen.has(clean)) {
      r.titles.push(clean);
      seen.add(clean);
    }
  }
}

function firstYear(text: string): number | null {
  T.YEAR_RE.lastIndex = 0;
  const m = T.YEAR_RE.exec(text);
  return m ? Number(m[1]) : null;
}

/** The last year in a title that is not its first word. */
function lastYear(title: string): { year: number; at: number } | null {
  let found: { year: number; at: number } | null = null;
  T.YEAR_RE.lastIndex = 0;
  for (let m = T.YEAR_RE.exec(title); m; m = T.YEAR_RE.exec(title)) {
    if (LEADING_TEXT_RE.test(title.slice(0, m.index))) found = { year: Number(m[1]), at: m.index };
  }
  return found;
}
const LEADING_TEXT_RE = /[\p{L}\p{N}]/u;

// ---------------------------------------------------------------------------------------------------------------
// features of the info

function readPicture(info: string, r: ParsedRelease): void {
  T.QUALITY_RE.lastIndex = 0;
  for (let m = T.QUALITY_RE.exec(info); m; m = T.QUALITY_RE.exec(info)) {
    const q = T.qualityOf(m);
    if (q && !m[4]) {
      r.quality = q; // an explicit 1080p beats a 4K/UHD label elsewhere
      break;
    }
    r.quality ??= q;
  }
  const source = T.SOURCE_RE.exec(info) ?? T.SOURCE_CS_RE.exec(info);
  r.source = source ? T.sourceOf(source[0]) : null;
  r.remux = T.REMUX_RE.test(info);
  if (r.remux && !r.source) r.source = 'BluRay'; // a bare "REMUX" is a Blu-ray remux
  // a DVD is standard definition by definition; other sources say nothing about the resolution
  if (!r.quality && (r.source === 'DVD' || r.source === 'DVDRip')) r.quality = '480p';
  r.hdr = T.HDR_RE.test(info) || T.HDR_CS_RE.test(info);
  const codec = T.CODEC_RE.exec(info);
  r.codec = codec ? T.codecOf(codec[0]) : null;
  const audio = T.AUDIO_RE.exec(info);
  r.audio = audio ? T.audioOf(audio[0]) : null;
}

interface Found extends Voice {
  at: number;
}

/**
 * Voice-over tracks in title order: a kind (Dub, MVO, ПМ, Многоголосый, Original…) with the studio of a paren
 * right after it ("MVO (LostFilm)" → kind MVO, studio LostFilm), a known studio on its own ("| Кубик в кубе" → kind
 * null), the one-letter codes of a `|` tail ("| D, P2"), and a plain name alone in that tail ("| Jaskier").
 */
function readVoices(info: string, tailAt: number): Voice[] {
  const found: Found[] = [];
  const claimed: number[] = []; // [start, end, start, end, …] of parens already read as studios
  readKinds(T.VOICE_WORD_RE, info, found, claimed);
  readKinds(T.VOICE_CODE_RE, info, found, claimed);
  T.STUDIO_RE.lastIndex = 0;
  for (let m = T.STUDIO_RE.exec(info); m; m = T.STUDIO_RE.exec(info))
    if (!isClaimed(claimed, m.index)) found.push({ at: m.index, kind: null, studio: m[0] });
  if (tailAt < info.length) {
    let at = tailAt;
    for (const piece of info.slice(tailAt).split(TAIL_SPLIT_RE)) {
      const kind = T.tailCodeOf(piece);
      if (kind) found.push({ at, kind, studio: null });
      else if (!found.some((f) => f.at >= at && f.at < at + piece.length + 3) && isPlainName(piece))
        found.push({ at, kind: null, studio: piece });
      at += piece.length + 1;
    }
  }
  found.sort((x, y) => x.at - y.at);
  const out: Voice[] = [];
  for (const f of found) if (!out.some((v) => sameVoice(v, f))) out.push({ kind: f.kind, studio: f.studio });
  return out;
}

/** A voice already listed: the same studio (a bare studio joins its kinded entry), or the same kind with no studio. */
function sameVoice(v: Voice, f: Voice): boolean {
  if (f.studio === null) return v.studio === null && v.kind === f.kind;
  return v.studio !== null && v.studio.toLowerCase() === f.studio.toLowerCase() && (v.kind === f.kind || f.kind === null);
}

function isClaimed(claimed: number[], at: number): boolean {
  for (let i = 0; i < claimed.length; i += 2) if (at >= claimed[i] && at < claimed[i + 1]) return true;
  return false;
}

/** Kinds with the studios of the paren right after them: "MVO (LostFilm)", "AVO (Гоблин, Сербин)". */
function readKinds(re: RegExp, info: string, found: Found[], claimed: number[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(info); m; m = re.exec(info)) {
    const kind = T.voiceKindOf(m[0]);
    if (!kind || isClaimed(claimed, m.index)) continue;
    T.STUDIO_PAREN_RE.lastIndex = m.index + m[0].length;
    const paren = T.STUDIO_PAREN_RE.exec(info);
    // "Авторский (одноголосый)": a paren that only qualifies the kind is no studio and no second track
    const qualifier = paren !== null && T.voiceKindOf(paren[1]) !== null;
    const studios = paren && !qualifier ? paren[1].split(STUDIO_SPLIT_RE).filter(isStudio) : [];
    if (paren && (qualifier || studios.length)) claimed.push(paren.index, paren.index + paren[0].length);
    if (!studios.length) found.push({ at: m.index, kind, studio: null });
    for (const studio of studios) found.push({ at: m.index, kind, studio });
  }
}

function isStudio(text: string): boolean {
  return LETTER_RE.test(text) && text.length <= 40 && !T.NOT_A_STUDIO_RE.test(text) && !T.MARKER_RE.test(text);
}

/** A `|` tail piece that can only be a name (not a tag, a language, a version or a voice word). */
function isPlainName(piece: string): boolean {
  if (!PLAIN_NAME_RE.test(piece) || T.NOT_A_STUDIO_RE.test(piece) || T.MARKER_RE.test(piece)) return false;
  if (T.MARKER_CS_RE.test(piece) || T.AUDIO_RE.test(piece) || T.CODEC_RE.test(piece) || T.MUSIC_RE.test(piece)) return false;
  T.LANG_RE.lastIndex = 0;
  T.VOICE_WORD_RE.lastIndex = 0;
  T.SUB_AFTER_RE.lastIndex = 0;
  return !T.LANG_RE.test(piece) && !T.VOICE_WORD_RE.test(piece) && !T.SUB_AFTER_RE.test(piece);
}

/** "Sub Rus, Eng", "Eng Sub", "Rus/Eng subs", "Sub (Rus, Eng)"; a bare "Subs"/"СТ" on a Russian tracker means 'ru'. */
function readSubtitles(info: string, russian: boolean): string[] {
  const langs: string[] = [];
  let bare: number[] | null = null; // where a sub word without languages after it starts
  T.SUB_AFTER_RE.lastIndex = 0;
  for (let m = T.SUB_AFTER_RE.exec(info); m; m = T.SUB_AFTER_RE.exec(info)) {
    if (m[2]) addLangs(m[2], langs);
    else (bare ??= []).push(m.index);
  }
  if (bare) {
    T.SUB_BEFORE_RE.lastIndex = 0;
    for (let m = T.SUB_BEFORE_RE.exec(info); m; m = T.SUB_BEFORE_RE.exec(info)) {
      const i = bare.indexOf(m.index + m[0].length - m[2].length);
      if (i >= 0) {
        bare.splice(i, 1);
        addLangs(m[1], langs);
      }
    }
  }
  T.SUB_CODE_RE.lastIndex = 0;
  if (T.SUB_CODE_RE.test(info)) (bare ??= []).push(0);
  if (bare?.length && russian && !langs.includes('ru')) langs.push('ru');
  return langs;
}

function addLangs(list: string, langs: string[]): void {
  T.LANG_RE.lastIndex = 0;
  for (let l = T.LANG_RE.exec(list); l; l = T.LANG_RE.exec(list)) {
    const code = T.langOf(l[0]);
    if (code && !langs.includes(code)) langs.push(code);
  }
}

/** The scene `-GROUP` suffix, only after the title ("Spider-Man…" is no group) and never a tag ("WEB-DL"). */
function sceneGroup(s: string, titleEnd: number): string | null {
  const dash = s.lastIndexOf('-');
  if (dash <= titleEnd) return null;
  const m = T.GROUP_RE.exec(s.slice(dash + 1));
  if (!m || T.NOT_A_GROUP_RE.test(m[1])) return null;
  // the word before the dash: "WEB-DLRip", "DTS-HDMA" are one tag; " - YTS" is a title's dash, no group
  let from = dash;
  while (from > 0 && !WORD_END_RE.test(s[from - 1])) from--;
  if (from === dash || T.NOT_A_GROUP_RE.test(s.slice(from, dash + 1) + m[1])) return null;
  return m[1];
}
const WORD_END_RE = /[\s.\-[\]()]/;

/** A rutor ripper, the tracker's nearest thing to a group: "BDRip 1080p от селезень | …" */
function ripper(info: string): string | null {
  return info.includes('от ') ? (T.RIPPER_RE.exec(info)?.[1] ?? null) : null;
}

const MUSIC_AUDIO = new Set(['FLAC', 'MP3', 'Opus']);

/** series if it names seasons or episodes; music for audio-only albums; movie for a year with a picture. */
function guessType(r: ParsedRelease, info: string): ParsedRelease['type'] {
  if (r.seasons.length || r.episodes.length) return 'series';
  const noPicture = !r.quality && !r.codec && !r.hdr && !r.remux && (r.source === null || r.source === 'WEB-DL');
  if (noPicture && ((r.audio && MUSIC_AUDIO.has(r.audio)) || T.MUSIC_RE.test(info))) return 'music';
  if (r.year !== null && (r.quality || r.source)) return 'movie';
  return 'other';
}
