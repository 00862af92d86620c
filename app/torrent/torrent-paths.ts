/**
 * The safety gate for file paths that come from .torrent / magnet metadata, before anything is written, and the default
 * file selection of a new torrent. Pure string work: no fs, no clock, no webtorrent.
 *
 * Decisions (Transmission/qBittorrent-like, stricter where a path could escape or mislead):
 * - Rejected outright, on every platform: `.`/`..` segments, absolute paths (leading '/' or '\', UNC '\\server', a drive
 *   letter 'C:'), empty segments, NUL and control characters, bidirectional-override characters (they disguise
 *   'movie‮vkm.exe' as 'movieexe.mkv'), lone surrogates, Windows device names (CON, PRN, AUX, NUL, COM0–9, LPT0–9 with
 *   any extension, any case: a library on a Linux NAS is read by Windows over SMB), a segment over 255 bytes of UTF-8
 *   and a path over 4096.
 * - Sanitised, with a note in `changes`: a '/' or '\' inside a segment splits it (Windows-made torrents put
 *   'Season 1\E01.mkv' in one segment; every piece is then checked, so '..' still fails); trailing dots and spaces are
 *   dropped on every platform (Windows drops them silently, so 'name.' and 'name' would be one file); on win32 only,
 *   `<>:"|?*` become '_'.
 * - The joined path uses '/' on every platform.
 */
import path from 'node:path';
import { EXTRAS_DIRS, isIgnoredPath, isVideoFile, SAMPLE_DIRS, SAMPLE_WORD_RE } from '../library/media-name-parser.js';

export interface PathOptions {
  /** whose file-name rules apply; default: this process's platform */
  platform?: NodeJS.Platform;
}
export type SafePath = { ok: true; path: string; segments: string[]; changes: string[] } | { ok: false; reason: string };

const MAX_SEGMENT_BYTES = 255;
const MAX_PATH_BYTES = 4096;
const CONTROL_RE = /[\u0000-\u001f\u007f]/u;
const BIDI_RE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const LONE_SURROGATE_RE = /[\ud800-\udfff]/u;
const INVISIBLE_RE = /[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;
const WIN_RESERVED_CHARS_RE = /[<>:"|?*]/u;
const DEVICE_NAME_RE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/iu;
const SEPARATOR_RE = /[/\\]/u;
const TRAILING_DOTS_SPACES_RE = /[. ]+$/u;

const isWindows = (options: PathOptions) => (options.platform ?? process.platform) === 'win32';
const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** Quotes a name for a message, showing invisible characters as \u{…}. */
export const showName = (s: string) =>
  `'${s.replace(INVISIBLE_RE, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`)}'`;
const fail = (reason: string): SafePath => ({ ok: false, reason });

/** Checks one piece of a path; returns the (possibly sanitised) name or a reason it is refused. */
function checkPiece(piece: string, windows: boolean, changes: string[]): { name: string } | { reason: string } {
  if (piece === '') return { reason: 'empty path segment (a doubled or leading separator)' };
  if (LONE_SURROGATE_RE.test(piece)) return { reason: `${showName(piece)} is not valid Unicode` };
  const bad = CONTROL_RE.exec(piece) ?? BIDI_RE.exec(piece);
  if (bad) {
    const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const what = CONTROL_RE.test(bad[0]) ? 'a control character' : 'a bidirectional-text control (it can disguise an extension)';
    return { reason: `${showName(piece)} contains ${what}, ${code}` };
  }
  if (piece === '.' || piece === '..') return { reason: `${showName(piece)} segment: path traversal` };
  let name = piece.replace(TRAILING_DOTS_SPACES_RE, '');
  if (name === '') return { reason: `${showName(piece)} is only dots and spaces` };
  if (name !== piece) changes.push(`${showName(piece)}: trailing dots/spaces removed`);
  if (windows && WIN_RESERVED_CHARS_RE.test(name)) {
    const sanitised = name.replaceAll(new RegExp(WIN_RESERVED_CHARS_RE, 'gu'), '_');
    changes.push(`${showName(name)}: characters not allowed on Windows replaced → ${showName(sanitised)}`);
    name = sanitised;
  }
  if (DEVICE_NAME_RE.test(name.split('.')[0].trimEnd())) {
    return { reason: `${showName(piece)} is a reserved device name on Windows (CON, PRN, AUX, NUL, COM0–9, LPT0–9)` };
  }
  const bytes = utf8Bytes(name);
  if (bytes > MAX_SEGMENT_BYTES)
    return { reason: `${showName([...name].slice(0, 40).join('') + '…')} is ${bytes} bytes long (max ${MAX_SEGMENT_BYTES})` };
  return { name };
}

/** The path of one torrent file (its segments, torrent name first for a multi-file torrent) made safe, or why not. */
export function safeRelativePath(pathSegments: readonly string[], options: PathOptions = {}): SafePath {
  if (!Array.isArray(pathSegments) || pathSegments.length === 0) return fail('the path is empty');
  if (pathSegments.some((s) => typeof s !== 'string')) return fail('a path segment is not text');
  const first = pathSegments[0];
  if (/^[/\\]/u.test(first)) return fail(`absolute path: ${showName(first)} starts at the root`);
  if (/^[a-z]:/iu.test(first)) return fail(`absolute path: ${showName(first)} starts with a drive letter`);
  const segments: string[] = [];
  const changes: string[] = [];
  for (const raw of pathSegments) {
    const pieces = raw.split(SEPARATOR_RE);
    if (pieces.length > 1 && !pieces.includes('')) changes.push(`${showName(raw)}: split at its path separators`);
    for (const piece of pieces) {
      const checked = checkPiece(piece, isWindows(options), changes);
      if ('reason' in checked) return fail(checked.reason);
      segments.push(checked.name);
    }
  }
  const joined = segments.join('/');
  const bytes = utf8Bytes(joined);
  if (bytes > MAX_PATH_BYTES) return fail(`the path is ${bytes} bytes long (max ${MAX_PATH_BYTES})`);
  return { ok: true, path: joined, segments, changes };
}

export type SafePaths = { ok: true; paths: string[] } | { ok: false; errors: { index: number; reason: string }[] };

/**
 * Every file of a torrent through `safeRelativePath`, then collisions: two files that land on one name (after sanitising;
 * case-insensitively on win32 and darwin, whose file systems are) or a file that is also another file's folder.
 */
export function safeTorrentPaths(files: readonly (readonly string[])[], options: PathOptions = {}): SafePaths {
  const platform = options.platform ?? process.platform;
  const key = (p: string) => (platform === 'win32' || platform === 'darwin' ? p.normalize('NFC').toLowerCase() : p);
  const errors: { index: number; reason: string }[] = [];
  const paths: string[] = [];
  const fileAt = new Map<string, number>();
  const dirs = new Set<string>();
  files.forEach((segments, index) => {
    const safe = safeRelativePath(segments, options);
    if (!safe.ok) {
      errors.push({ index, reason: safe.reason });
      return;
    }
    paths[index] = safe.path;
    const other = fileAt.get(key(safe.path));
    if (other !== undefined) errors.push({ index, reason: `${showName(safe.path)} is the same file as file ${other}` });
    fileAt.set(key(safe.path), index);
    for (let i = 1; i < safe.segments.length; i++) dirs.add(key(safe.segments.slice(0, i).join('/')));
  });
  for (const [name, index] of fileAt) {
    if (dirs.has(name)) errors.push({ index, reason: `${showName(paths[index])} is a file and also another file's folder` });
  }
  return errors.length > 0 ? { ok: false, errors: errors.sort((a, b) => a.index - b.index) } : { ok: true, paths };
}

/**
 * The absolute path of `candidate` (relative to `root`, or absolute) when it lies strictly inside `root`; throws otherwise.
 * The root itself is not inside (removing "the download's data" must never remove the whole folder). String work with
 * node:path only: symlinks are not seen, so the engine must not follow links it did not create.
 */
export function assertInside(root: string, candidate: string, options: PathOptions = {}): string {
  const windows = isWindows(options);
  const p = windows ? path.win32 : path.posix;
  const rootOk = windows ? /^(?:[a-z]:[\\/]|[\\/]{2}[^\\/])/iu.test(root) : p.isAbsolute(root);
  if (!rootOk) throw new Error(`Download root ${showName(root)} is not an absolute path`);
  if (root.includes('\0') || candidate.includes('\0')) throw new Error(`${showName(candidate)} contains a NUL character`);
  if (windows && /^[a-z]:(?![\\/])/iu.test(candidate))
    throw new Error(`${showName(candidate)} is relative to a drive's own folder`);
  const resolved = p.resolve(root, candidate);
  const rel = p.relative(root, resolved);
  if (rel === '') throw new Error(`${showName(candidate)} is the download root ${showName(root)} itself, not a path inside it`);
  if (rel === '..' || rel.startsWith(`..${p.sep}`) || p.isAbsolute(rel)) {
    throw new Error(`${showName(candidate)} resolves to ${showName(resolved)}, outside ${showName(root)}`);
  }
  return resolved;
}

export function isInside(root: string, candidate: string, options: PathOptions = {}): boolean {
  try {
    assertInside(root, candidate, options);
    return true;
  } catch {
    return false;
  }
}

// ---- default file selection -----------------------------------------------------------------------------------------

export type SelectionRule = 'video' | 'kept' | 'no-video' | 'sample' | 'extras' | 'executable' | 'padding';
export interface FileSelection {
  selected: boolean;
  rule: SelectionRule;
  reason: string;
}

const EXECUTABLE_RE = /\.(?:exe|lnk|scr|bat|cmd|url|pif|com|vbs|vbe|js|jse|wsf|hta|msi|ps1|jar)$/iu;
const SUBTITLE_RE = /\.(?:srt|ass|ssa|sub|idx|vtt|sup)$/iu;
/** BEP 47 padding files ('.pad/123') and BitComet's older '_____padding_file_N_…': zeros that nobody needs. */
const PADDING_RE = /(?:^|[/\\])(?:\.pad[/\\]\d+|_____padding_file_[^/\\]*)$/u;

function extraKind(filePath: string): { rule: 'sample' | 'extras'; reason: string } | null {
  const segments = filePath.split(SEPARATOR_RE).filter((s) => s !== '');
  const dirs = segments.slice(0, -1).map((d) => d.trim().toLowerCase());
  const name = segments.at(-1) ?? '';
  const stem = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  const sampleDir = dirs.find((d) => SAMPLE_DIRS.has(d));
  if (sampleDir || SAMPLE_WORD_RE.test(stem))
    return { rule: 'sample', reason: sampleDir ? `in a '${sampleDir}' folder` : 'a sample' };
  const extrasDir = segments.slice(0, -1).find((d) => EXTRAS_DIRS.has(d.trim().toLowerCase()));
  if (extrasDir) return { rule: 'extras', reason: `in the extras folder '${extrasDir}'` };
  if (isVideoFile(name) && isIgnoredPath(filePath))
    return { rule: 'extras', reason: 'a video the library skips (an extra by its name)' };
  return null;
}

/**
 * Which files of a new torrent to download, each with its reason. When the torrent holds a video: samples, extras folders
 * and executables/shortcuts (malware bait) are off; subtitles, .nfo and the rest stay on. When every video is a sample or
 * an extra (a trailer pack), the sample/extras rules step aside. Without any video everything stays on. Padding files are
 * always off. The user can change any of it.
 */
export function defaultFileSelection(files: readonly { path: string; length: number }[]): FileSelection[] {
  const isPadding = (f: { path: string }) => PADDING_RE.test(f.path);
  const videos = files.filter((f) => !isPadding(f) && isVideoFile(f.path));
  const mainVideoExists = videos.some((f) => extraKind(f.path) === null);
  return files.map((f): FileSelection => {
    if (isPadding(f)) return { selected: false, rule: 'padding', reason: 'padding file (alignment zeros, never written)' };
    if (videos.length === 0) return { selected: true, rule: 'no-video', reason: 'no video in this torrent: every file kept' };
    const ext = EXECUTABLE_RE.exec(f.path)?.[0].toLowerCase();
    if (ext) {
      const reason = `${ext} executable or shortcut in a video torrent: common malware bait, never needed to play a video`;
      return { selected: false, rule: 'executable', reason };
    }
    const extra = mainVideoExists ? extraKind(f.path) : null;
    if (extra) return { selected: false, rule: extra.rule, reason: `${extra.reason}: not downloaded by default` };
    if (isVideoFile(f.path)) {
      return {
        selected: true,
        rule: 'video',
        reason: mainVideoExists ? 'video' : 'video (every video here is a sample or extra)',
      };
    }
    const kind = SUBTITLE_RE.test(f.path)
      ? 'subtitle'
      : /\.nfo$/iu.test(f.path)
        ? 'release info (.nfo)'
        : 'not a sample, extra or executable';
    return { selected: true, rule: 'kept', reason: `kept: ${kind}` };
  });
}
