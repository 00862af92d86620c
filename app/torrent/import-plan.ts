/**
 * Import plan: when a download completes, which of its files go where in the library root, with Jellyfin/Kodi names
 * (`Movies/Title (Year)/Title (Year).ext`, `Shows/Title/Season NN/Title SNNEMM.ext`, subtitles beside their video).
 * Pure: data in, data out with a reason for every file; the importer hardlinks or copies what the plan says.
 *
 * - Names come from the release title and the file paths (`parseMediaPath` on `release/path` and on `path`); metadata,
 *   when given, wins for the type and the title, and for the year unless its year is null.
 * - Episode numbers are never guessed: a series file without one is skipped with the reason.
 * - Several files of one movie: `cd1`/`part1`… files (at least two distinct parts) become `Title (Year) - part1.ext`…;
 *   otherwise the largest file is the movie and the others are skipped.
 * - A target already taken (compared case-insensitively, for Windows/macOS) → a problem, and the later file is skipped.
 */
import { safeRelativePath } from './torrent-paths.js';
import { isIgnoredPath, isVideoFile, parseMediaPath, type ParsedMedia } from '../library/media-name-parser.js';
import {
  baseName,
  describeRelease,
  dirName,
  episodeCode,
  extensionOf,
  isSubtitleFile,
  movieName,
  sanitizeName,
  seasonFolder,
  showName,
  stemOf,
  subtitleSuffix,
  subtitleTags,
  type ReleaseContext,
} from './library-names.js';

export interface ImportFile {
  /** relative inside the torrent, '/' separators */
  path: string;
  length: number;
  selected: boolean;
}
export interface ImportMetadata {
  type: 'movie' | 'series';
  title: string;
  year: number | null;
}
export interface ImportInput {
  releaseTitle: string;
  files: ImportFile[];
  metadata?: ImportMetadata;
}
export interface ImportOptions {
  moviesFolder: string;
  showsFolder: string;
}
export type ImportKind = 'movie' | 'episode' | 'subtitle';
export interface ImportItem {
  source: string;
  /** relative to the library root, '/' separators */
  target: string;
  kind: ImportKind;
  reason: string;
}
export interface SkippedFile {
  source: string;
  reason: string;
}
export interface ImportPlan {
  items: ImportItem[];
  skipped: SkippedFile[];
  problems: string[];
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = { moviesFolder: 'Movies', showsFolder: 'Shows' };

type Identity =
  | { kind: 'movie'; name: string; part: number | null; from: string }
  | { kind: 'episode'; show: string; season: number; episodes: number[]; from: string }
  | { kind: 'none'; reason: string };
interface Video {
  index: number;
  file: ImportFile;
  identity: Identity;
}
/** A decided file: a target (item) or a reason to skip it. */
interface Outcome {
  index: number;
  source: string;
  kind: ImportKind;
  target: string | null;
  reason: string;
}

const GENERIC_TITLE_RE = /^(?:movie|film|фильм|video|видео|main|feature|sample|\d{1,3})$/iu;
const PART_SUFFIX_RE = /[\s._-]*[([]?(?:cd|dvd|part|pt|dis[ck])[\s._-]?(\d{1,2})[)\]]?$/iu;
const PART_DIR_RE = /^(?:cd|dvd|part|dis[ck])[\s._-]?(\d{1,2})$/iu;

export function planImport(input: ImportInput, options: ImportOptions = DEFAULT_IMPORT_OPTIONS): ImportPlan {
  const release = describeRelease(input.releaseTitle);
  const outcomes: Outcome[] = [];
  const problems: string[] = [];
  const videoFiles: { index: number; file: ImportFile }[] = [];
  const subtitles: { index: number; file: ImportFile }[] = [];
  input.files.forEach((file, index) => {
    const skip = (reason: string) => outcomes.push({ index, source: file.path, kind: 'movie', target: null, reason });
    if (!file.selected) return skip('not selected for download');
    if (isUnsafePath(file.path)) {
      problems.push(`unsafe path inside the torrent: "${file.path}"`);
      return skip('unsafe path (absolute or with "..")');
    }
    if (isIgnoredPath(file.path)) return skip('sample, extra or hidden file');
    if (isVideoFile(file.path)) return file.length > 0 ? videoFiles.push({ index, file }) : skip('empty video file');
    if (isSubtitleFile(file.path)) return subtitles.push({ index, file });
    skip(`not a video or subtitle file (${extensionOf(file.path) || 'no extension'})`);
  });

  const lone = videoFiles.length === 1;
  const videos = videoFiles.map((v) => ({ ...v, identity: identify(v.file.path, release, input.metadata, lone) }));
  const unnamed = videos.flatMap((v) => (v.identity.kind === 'none' ? [skipOutcome(v, v.identity.reason)] : []));
  const decided = [...placeMovies(videos, options), ...placeEpisodes(videos, options), ...unnamed];
  const taken = new Map<string, string>();
  const claim = (o: Outcome): Outcome => {
    if (o.target === null) return o;
    const first = taken.get(o.target.toLowerCase());
    if (first === undefined) return (taken.set(o.target.toLowerCase(), o.source), o);
    problems.push(`"${o.source}" and "${first}" both map to "${o.target}"; "${o.source}" is skipped`);
    return { ...o, target: null, reason: `target "${o.target}" is already taken by "${first}"` };
  };
  const placedVideos = decided.sort((a, b) => a.index - b.index).map(claim);
  outcomes.push(...placedVideos);
  for (const sub of subtitles) outcomes.push(claim(placeSubtitle(sub, videos, placedVideos, release)));

  outcomes.sort((a, b) => a.index - b.index);
  const items = outcomes.flatMap((o) =>
    o.target === null ? [] : [{ source: o.source, target: o.target, kind: o.kind, reason: o.reason }],
  );
  const skipped = outcomes.flatMap((o) => (o.target === null ? [{ source: o.source, reason: o.reason }] : []));
  if (!items.some((i) => i.kind !== 'subtitle')) problems.push('no video file to import');
  return { items, skipped, problems };
}

/** The torrent-path gate decides; POSIX rules, since the plan only needs "could this escape the download folder". */
function isUnsafePath(path: string): boolean {
  return !safeRelativePath(path.split('/'), { platform: 'linux' }).ok;
}

const numbered = (p: ParsedMedia): p is Extract<ParsedMedia, { kind: 'episode' }> =>
  p.kind === 'episode' && p.episodes.length > 0;

/** The file parsed with the release as its folder (season and title context), and alone. */
function parseBoth(path: string, release: ReleaseContext): [ParsedMedia, ParsedMedia] {
  const own = parseMediaPath(path);
  return [release.dir === '' ? own : parseMediaPath(`${release.dir}/${path}`), own];
}

function identify(path: string, release: ReleaseContext, metadata: ImportMetadata | undefined, lone: boolean): Identity {
  const [combined, own] = parseBoth(path, release);
  const episode = [combined, own].find(numbered);
  const fromRelease = lone && !episode ? release.episode : null;
  const looksSeries = episode !== undefined || fromRelease !== null || release.series || combined.kind === 'episode';
  const from = metadata ? 'title from metadata' : 'title from the release and file names';
  if (metadata ? metadata.type === 'series' : looksSeries) {
    const numbers = episode ?? fromRelease;
    if (!numbers) return { kind: 'none', reason: 'episode number could not be determined from the file name' };
    // a series release names its show once for all its files; otherwise the folders and file names do
    const parsedShow = [combined, own].find((p) => p.kind === 'episode' && p.seriesTitle !== '');
    const parsedTitle = parsedShow?.kind === 'episode' ? parsedShow.seriesTitle : release.title;
    const title = metadata?.title ?? (release.series && release.title !== '' ? release.title : parsedTitle);
    const show = showName(title);
    if (show === '') return { kind: 'none', reason: 'no usable series title in the release or file names' };
    return { kind: 'episode', show, season: numbers.season, episodes: numbers.episodes, from };
  }
  const parsed = [combined, own].find((p) => p.kind === 'movie');
  const title = metadata?.title ?? (parsed?.kind === 'movie' ? parsed.title : release.title);
  const year = metadata?.year ?? (parsed?.kind === 'movie' ? parsed.year : null) ?? release.year;
  const name = !metadata && GENERIC_TITLE_RE.test(title.trim()) ? '' : movieName(title, year);
  if (name === '') return { kind: 'none', reason: `no usable movie title in the release or file names ("${title}")` };
  return { kind: 'movie', name, part: partOf(path), from };
}

function partOf(path: string): number | null {
  const fromName = PART_SUFFIX_RE.exec(stemOf(path));
  const fromDir = PART_DIR_RE.exec(baseName(dirName(path)).trim());
  const part = fromName ?? fromDir;
  return part ? Number(part[1]) : null;
}

const skipOutcome = (v: Video, reason: string): Outcome => ({
  index: v.index,
  source: v.file.path,
  kind: 'movie',
  target: null,
  reason,
});

function placeMovies(videos: Video[], options: ImportOptions): Outcome[] {
  const groups = new Map<string, (Video & { identity: Extract<Identity, { kind: 'movie' }> })[]>();
  for (const v of videos) {
    if (v.identity.kind !== 'movie') continue;
    const key = v.identity.name.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), { ...v, identity: v.identity }]);
  }
  const out: Outcome[] = [];
  for (const members of groups.values()) {
    const name = members[0].identity.name;
    const folder = `${sanitizeName(options.moviesFolder)}/${name}`;
    const parts = new Set(members.flatMap((m) => (m.identity.part === null ? [] : [m.identity.part])));
    const multiPart = parts.size >= 2;
    const byKey = new Map<string, typeof members>();
    for (const m of members) {
      const key = multiPart ? String(m.identity.part) : 'movie';
      byKey.set(key, [...(byKey.get(key) ?? []), m]);
    }
    for (const [key, same] of byKey) {
      if (key === 'null') {
        for (const m of same) out.push(skipOutcome(m, `not one of the parts of the multi-part movie "${name}"`));
        continue;
      }
      const winner = same.reduce((best, m) => (m.file.length > best.file.length ? m : best));
      const suffix = multiPart ? ` - part${key}` : '';
      const what = multiPart ? `part ${key} of the movie "${name}"` : `movie "${name}"`;
      for (const m of same) {
        if (m !== winner) out.push(skipOutcome(m, `a larger file ("${winner.file.path}") is the ${what}`));
      }
      const target = `${folder}/${name}${suffix}${extensionOf(winner.file.path)}`;
      out.push({
        index: winner.index,
        source: winner.file.path,
        kind: 'movie',
        target,
        reason: `${what}, ${winner.identity.from}`,
      });
    }
  }
  return out;
}

function placeEpisodes(videos: Video[], options: ImportOptions): Outcome[] {
  return videos.flatMap((v): Outcome[] => {
    const id = v.identity;
    if (id.kind !== 'episode') return [];
    const code = episodeCode(id.season, id.episodes);
    const target = `${sanitizeName(options.showsFolder)}/${id.show}/${seasonFolder(id.season)}/${id.show} ${code}${extensionOf(v.file.path)}`;
    return [
      { index: v.index, source: v.file.path, kind: 'episode', target, reason: `episode ${code} of "${id.show}", ${id.from}` },
    ];
  });
}

/** Which video a subtitle belongs to, and the part of its name that may carry the language. */
function placeSubtitle(
  sub: { index: number; file: ImportFile },
  videos: Video[],
  placed: Outcome[],
  release: ReleaseContext,
): Outcome {
  const path = sub.file.path;
  const stem = stemOf(path).toLowerCase();
  const folders = dirName(path)
    .split('/')
    .filter((f) => f !== '');
  const skip = (reason: string): Outcome => ({ index: sub.index, source: path, kind: 'subtitle', target: null, reason });
  const imported = placed.filter((o) => o.target !== null);
  const video = (v: Video) => placed.find((o) => o.index === v.index);
  const sameDir = (v: Video) => Number(dirName(v.file.path) === dirName(path));

  const byStem = videos
    .filter((v) => stem === stemOf(v.file.path).toLowerCase() || stem.startsWith(`${stemOf(v.file.path).toLowerCase()}.`))
    .sort((a, b) => sameDir(b) - sameDir(a) || stemOf(b.file.path).length - stemOf(a.file.path).length)[0];
  const byFolder = videos.find((v) => folders.some((f) => f.toLowerCase() === stemOf(v.file.path).toLowerCase()));
  const [combined, own] = parseBoth(path, release);
  const subEpisode = [combined, own].find(numbered);
  const byEpisode = subEpisode
    ? videos.filter((v) => {
        const id = v.identity;
        return id.kind === 'episode' && id.season === subEpisode.season && id.episodes.join() === subEpisode.episodes.join();
      })
    : [];
  const match = byStem ?? byFolder ?? (byEpisode.length === 1 ? byEpisode[0] : undefined);
  // the lone imported video takes an unclaimed subtitle, unless the subtitle names another episode
  const lone = imported.length === 1 && subEpisode === undefined ? imported[0] : undefined;
  const owner = match ? video(match) : lone;
  if (owner === undefined) {
    const why = imported.length === 0 ? 'no video is imported' : 'no imported video it clearly belongs to';
    return skip(`subtitle: ${why}`);
  }
  if (owner.target === null) return skip(`subtitle of "${owner.source}", which is not imported`);
  const tail = byStem ? stem.slice(stemOf(byStem.file.path).length) : stemOf(path);
  const tags = subtitleTags(tail, folders);
  const base = owner.target.slice(0, owner.target.length - extensionOf(owner.target).length);
  const flags = `${tags.forced ? ', forced' : ''}${tags.sdh ? ', SDH' : ''}`;
  const language = `${tags.language ? `language ${tags.language}` : 'no language recognised'}${flags}`;
  return {
    index: sub.index,
    source: path,
    kind: 'subtitle',
    target: `${base}${subtitleSuffix(tags)}${extensionOf(path)}`,
    reason: `subtitle of "${owner.source}", ${language}`,
  };
}
