/**
 * The root's top-level containers: Movies, Series → series → Season N → episodes, Recently added, Folders (each media
 * folder as it is on disk), and the unlisted "videos" Xbox-style clients ask for. Each is a TreeSource: a new one
 * (cameras' recordings) is one more entry in the list given to the ContentDirectory.
 */
import path from 'node:path';
import type { ContainerNode, FileFacts, TreeBuilder, TreeNode, TreeSource } from './content-tree.js';
import { textCollator as titleCollator } from './sort-criteria.js';

export const RECENT_LIMIT = 100;

const FOLDER_CLASS = 'object.container.storageFolder';
const CONTAINER_CLASS = 'object.container';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "S01E02 · Pilot", "S01E01-E02 · Pilot"; a file without an episode number goes by its name. */
export function episodeLabel(file: FileFacts): string {
  const ep = file.episode;
  if (!ep || ep.number === 0) return file.baseName;
  const numbers = ep.lastNumber > ep.number ? `E${pad2(ep.number)}-E${pad2(ep.lastNumber)}` : `E${pad2(ep.number)}`;
  return `S${pad2(ep.season)}${numbers}${ep.title ? ` · ${ep.title}` : ''}`;
}

/** A file's title outside its series or movie list: "Alien", "Breaking Bad · S01E02 · Pilot". */
export function standaloneLabel(file: FileFacts): string {
  if (file.episode) return file.episode.number === 0 ? file.baseName : `${file.episode.seriesTitle} · ${episodeLabel(file)}`;
  return file.entry.item.type === 'movie' ? file.entry.item.title : file.baseName;
}

/** Titles that would read the same side by side get the year, then the file's name, to tell them apart. */
function distinctTitles(files: readonly FileFacts[], titleOf: (file: FileFacts) => string): string[] {
  const titles = files.map(titleOf);
  const counts = countBy(titles);
  const withYear = files.map((file, i) => {
    const year = file.entry.item.year;
    return counts.get(titles[i])! > 1 && year ? `${titles[i]} (${year})` : titles[i];
  });
  const yearCounts = countBy(withYear);
  return withYear.map((title, i) => (yearCounts.get(title)! > 1 ? `${title} · ${files[i].baseName}` : title));
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

const byTitleThenName = (a: FileFacts, b: FileFacts) =>
  titleCollator.compare(a.entry.item.title, b.entry.item.title) ||
  (a.entry.item.year ?? 0) - (b.entry.item.year ?? 0) ||
  titleCollator.compare(a.baseName, b.baseName) ||
  a.entry.fileId - b.entry.fileId;

/** Items for `files` under `parentId`, in the given order, titled without two alike. */
function items(
  tree: TreeBuilder,
  parentId: string,
  files: readonly FileFacts[],
  titleOf: (file: FileFacts) => string,
): TreeNode[] {
  const titles = distinctTitles(files, titleOf);
  return files.map((file, i) => tree.item(parentId, file, titles[i]));
}

export const moviesSource: TreeSource = {
  id: 'movies',
  title: 'Movies',
  upnpClass: CONTAINER_CLASS,
  listed: true,
  children(files, tree) {
    const movies = files.filter((f) => f.entry.item.type === 'movie').sort(byTitleThenName);
    return items(tree, this.id, movies, (f) => f.entry.item.title);
  },
};

export const seriesSource: TreeSource = {
  id: 'series',
  title: 'Series',
  upnpClass: CONTAINER_CLASS,
  listed: true,
  children(files, tree) {
    const bySeries = new Map<number, FileFacts[]>();
    for (const file of files) {
      if (!file.episode) continue;
      const list = bySeries.get(file.entry.item.id) ?? [];
      list.push(file);
      bySeries.set(file.entry.item.id, list);
    }
    const series = [...bySeries.values()].sort((a, b) => byTitleThenName(a[0], b[0]));
    const titles = distinctTitles(
      series.map((list) => list[0]),
      (f) => f.entry.item.title,
    );
    return series.map((list, i) => seriesContainer(tree, this.id, list, titles[i]));
  },
};

function seriesContainer(tree: TreeBuilder, parentId: string, files: FileFacts[], title: string): ContainerNode {
  const id = `${parentId}/${files[0].entry.item.id}`;
  const bySeason = new Map<number, FileFacts[]>();
  for (const file of files) {
    const list = bySeason.get(file.episode!.season) ?? [];
    list.push(file);
    bySeason.set(file.episode!.season, list);
  }
  // specials (season 0) after the real seasons, as TV guides list them
  const seasonOrder = (n: number) => (n === 0 ? Number.MAX_SAFE_INTEGER : n);
  const seasons = [...bySeason.entries()].sort(([a], [b]) => seasonOrder(a) - seasonOrder(b));
  const children = seasons.map(([number, list]) => {
    const seasonId = `${id}/s${number}`;
    const episodes = list.sort(
      (a, b) =>
        a.episode!.number - b.episode!.number || titleCollator.compare(a.baseName, b.baseName) || a.entry.fileId - b.entry.fileId,
    );
    return tree.container(
      seasonId,
      id,
      number === 0 ? 'Specials' : `Season ${number}`,
      CONTAINER_CLASS,
      items(tree, seasonId, episodes, episodeLabel),
    );
  });
  return tree.container(id, parentId, title, CONTAINER_CLASS, children);
}

export const recentSource: TreeSource = {
  id: 'recent',
  title: 'Recently added',
  upnpClass: CONTAINER_CLASS,
  listed: true,
  children(files, tree) {
    const newest = [...files]
      .sort((a, b) =>
        a.entry.addedAt < b.entry.addedAt ? 1 : a.entry.addedAt > b.entry.addedAt ? -1 : b.entry.fileId - a.entry.fileId,
      )
      .slice(0, RECENT_LIMIT);
    return items(tree, this.id, newest, standaloneLabel);
  },
};

/** "/"-separated path of the file's folder relative to its media folder ("" at the top); outside it counts as the top. */
function relativeDir(file: FileFacts): string {
  const rel = path.relative(file.entry.rootPath, file.entry.path);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return '';
  const parts = rel.split(path.sep);
  return parts.slice(0, -1).join('/');
}

export const folderContainerId = (rootId: number, relDir: string) =>
  relDir === '' ? `folders/${rootId}` : `folders/${rootId}/${Buffer.from(relDir, 'utf8').toString('base64url')}`;

interface DirEntry {
  dirs: Set<string>;
  files: FileFacts[];
}

export const foldersSource: TreeSource = {
  id: 'folders',
  title: 'Folders',
  upnpClass: FOLDER_CLASS,
  listed: true,
  children(files, tree) {
    const byRoot = new Map<number, FileFacts[]>();
    for (const file of files) {
      const list = byRoot.get(file.entry.rootId) ?? [];
      list.push(file);
      byRoot.set(file.entry.rootId, list);
    }
    const roots = [...byRoot.values()].map((list) => ({ id: list[0].entry.rootId, path: list[0].entry.rootPath, files: list }));
    const names = roots.map((r) => path.basename(r.path) || r.path);
    const nameCounts = countBy(names);
    // two media folders with the same name are told apart by their full paths
    const titled = roots.map((r, i) => ({ ...r, title: nameCounts.get(names[i])! > 1 ? r.path : names[i] }));
    titled.sort((a, b) => titleCollator.compare(a.title, b.title) || a.id - b.id);
    return titled.map((root) => folderTree(tree, this.id, root.id, root.title, root.files));
  },
};

function folderTree(tree: TreeBuilder, parentId: string, rootId: number, title: string, files: FileFacts[]): ContainerNode {
  const dirs = new Map<string, DirEntry>([['', { dirs: new Set(), files: [] }]]);
  const dirOf = (rel: string): DirEntry => {
    let entry = dirs.get(rel);
    if (!entry) {
      entry = { dirs: new Set(), files: [] };
      dirs.set(rel, entry);
      const cut = rel.lastIndexOf('/');
      dirOf(cut < 0 ? '' : rel.slice(0, cut)).dirs.add(rel);
    }
    return entry;
  };
  for (const file of files) dirOf(relativeDir(file)).files.push(file);

  const build = (rel: string, parent: string, name: string): ContainerNode => {
    const id = folderContainerId(rootId, rel);
    const entry = dirs.get(rel)!;
    const subdirs = [...entry.dirs]
      .map((sub) => ({ sub, name: sub.slice(sub.lastIndexOf('/') + 1) }))
      .sort((a, b) => titleCollator.compare(a.name, b.name) || (a.name < b.name ? -1 : 1));
    const dirNodes = subdirs.map(({ sub, name: subName }) => build(sub, id, subName));
    const sortedFiles = entry.files.sort(
      (a, b) => titleCollator.compare(a.baseName, b.baseName) || a.entry.path.localeCompare(b.entry.path),
    );
    const fileNodes = sortedFiles.map((file) => tree.item(id, file, file.baseName));
    return tree.container(id, parent, name, FOLDER_CLASS, [...dirNodes, ...fileNodes]);
  };
  return build('', parentId, title);
}

/** Every video once, by title: what Xbox-style clients list as "All videos" (not shown under the root). */
export const allVideosSource: TreeSource = {
  id: 'videos',
  title: 'All videos',
  upnpClass: CONTAINER_CLASS,
  listed: false,
  children(files, tree) {
    const videos = files.filter((f) => f.upnpClass.startsWith('object.item.videoItem'));
    const labelled = videos.map((file) => ({ file, label: standaloneLabel(file) }));
    labelled.sort((a, b) => titleCollator.compare(a.label, b.label) || a.file.entry.fileId - b.file.entry.fileId);
    return items(
      tree,
      this.id,
      labelled.map((l) => l.file),
      standaloneLabel,
    );
  },
};

export const DEFAULT_SOURCES: readonly TreeSource[] = [moviesSource, seriesSource, recentSource, foldersSource, allVideosSource];
