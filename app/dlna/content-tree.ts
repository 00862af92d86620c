/**
 * The ContentDirectory's tree as one immutable snapshot, built from the library's media index once per library change.
 *
 * ObjectIDs (stable while the library is, short, no lookups needed to answer BrowseMetadata):
 *   0                                 the root
 *   movies | series | recent | folders  the top-level sources (a list: cameras plug in as one more source)
 *   series/<itemId>                    a series        series/<itemId>/s<season>   one of its seasons
 *   folders/<rootId>                   a media folder  folders/<rootId>/<base64url of the relative dir, "/"-separated>
 *   <parent id>/f/<fileId>             a file, as reached from that container (movies/f/56, recent/f/56,
 *                                      series/12/s1/f/56, folders/3/U2Vhc29uIDE/f/56)
 * A file shows up in several containers; its id carries the container, so its parentID is always the one the renderer
 * came through. Base64url has no "/", so "f" can never be mistaken for a folder. "videos" (every video once) is not
 * listed under the root: Xbox-style clients reach it through their fixed ids.
 */
import path from 'node:path';
import type { MediaIndexEntry } from '../library/library-catalogue.js';

export const ROOT_ID = '0';

export interface EpisodeFacts {
  seriesTitle: string;
  season: number;
  /** the first episode the file holds */
  number: number;
  /** the last one (same as number unless the file holds several: S01E01E02) */
  lastNumber: number;
  title: string | null;
}

/** What is known of a file whatever container it is reached through. */
export interface FileFacts {
  entry: MediaIndexEntry;
  upnpClass: string;
  /** dc:date: the movie's year as YYYY-01-01 */
  date: string | null;
  episode: EpisodeFacts | null;
  /** the file name without its extension */
  baseName: string;
}

interface NodeBase {
  id: string;
  parentId: string;
  title: string;
  upnpClass: string;
}

export interface ContainerNode extends NodeBase {
  kind: 'container';
  /** in the tree's natural order (seasons and episodes by number, movies and series by title, …) */
  children: readonly TreeNode[];
}

export interface ItemNode extends NodeBase {
  kind: 'item';
  file: FileFacts;
}

export type TreeNode = ContainerNode | ItemNode;

/** Registers the nodes of a tree being built; sources use it to make their containers and items. */
export class TreeBuilder {
  readonly nodes = new Map<string, TreeNode>();

  container(id: string, parentId: string, title: string, upnpClass: string, children: readonly TreeNode[]): ContainerNode {
    const node: ContainerNode = { kind: 'container', id, parentId, title, upnpClass, children };
    this.nodes.set(id, node);
    return node;
  }

  item(parentId: string, file: FileFacts, title: string): ItemNode {
    const node: ItemNode = {
      kind: 'item',
      id: `${parentId}/f/${file.entry.fileId}`,
      parentId,
      title,
      upnpClass: file.upnpClass,
      file,
    };
    this.nodes.set(node.id, node);
    return node;
  }
}

/** A top-level container of the root: Movies, Series, Recently added, Folders; later Cameras. */
export interface TreeSource {
  /** the container's ObjectID: a short stable word */
  id: string;
  title: string;
  upnpClass: string;
  /** false: reachable by its id but not shown under the root */
  listed: boolean;
  /** the container's children, in natural order, made with `tree` (their parentID is `id`) */
  children(files: readonly FileFacts[], tree: TreeBuilder): TreeNode[];
}

const MEMO_LIMIT = 64;

export class ContentSnapshot {
  private readonly memos = new Map<string, unknown>();

  constructor(
    private readonly nodes: ReadonlyMap<string, TreeNode>,
    readonly root: ContainerNode,
    readonly fileCount: number,
  ) {}

  find(id: string): TreeNode | null {
    return this.nodes.get(id) ?? null;
  }

  get size(): number {
    return this.nodes.size;
  }

  /**
   * A result worth keeping while the snapshot lives (children sorted by a client's criteria, a search's matches):
   * renderers ask for the same list page after page. Bounded: the oldest is dropped first.
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    if (this.memos.size >= MEMO_LIMIT) this.memos.delete(this.memos.keys().next().value as string);
    this.memos.set(key, value);
    return value;
  }

  /** Every object below `container` that matches, depth-first in natural order; a file reached twice counts once. */
  search(container: ContainerNode, matches: (node: TreeNode) => boolean): TreeNode[] {
    const found: TreeNode[] = [];
    const seenFiles = new Set<number>();
    const stack: TreeNode[] = [...container.children].reverse();
    while (stack.length > 0) {
      const node = stack.pop() as TreeNode;
      if (node.kind === 'container') {
        if (matches(node)) found.push(node);
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
      } else if (!seenFiles.has(node.file.entry.fileId)) {
        seenFiles.add(node.file.entry.fileId);
        if (matches(node)) found.push(node);
      }
    }
    return found;
  }
}

/** Builds the whole tree from the library's media index and the top-level sources (content-sources.ts). Pure. */
export function buildContentTree(index: readonly MediaIndexEntry[], sources: readonly TreeSource[]): ContentSnapshot {
  const tree = new TreeBuilder();
  const files = index.map(fileFacts);
  const tops = sources.map((source) =>
    tree.container(source.id, ROOT_ID, source.title, source.upnpClass, source.children(files, tree)),
  );
  const root = tree.container(
    ROOT_ID,
    '-1',
    'Racoon',
    'object.container',
    tops.filter((_, i) => sources[i].listed),
  );
  return new ContentSnapshot(tree.nodes, root, files.length);
}

export function fileFacts(entry: MediaIndexEntry): FileFacts {
  const probe = entry.probe;
  const audioOnly = probe !== null && probe.video === null && probe.audio.length > 0;
  const isEpisode = entry.item.type === 'series' && entry.episodes.length > 0;
  const first = entry.episodes[0];
  const sameSeason = isEpisode ? entry.episodes.filter((e) => e.season === first.season) : [];
  return {
    entry,
    upnpClass: audioOnly
      ? 'object.item.audioItem'
      : entry.item.type === 'movie'
        ? 'object.item.videoItem.movie'
        : 'object.item.videoItem',
    date: entry.item.type === 'movie' && entry.item.year ? `${String(entry.item.year).padStart(4, '0')}-01-01` : null,
    episode: isEpisode
      ? {
          seriesTitle: entry.item.title,
          season: first.season,
          number: first.number,
          lastNumber: sameSeason[sameSeason.length - 1].number,
          title: first.title,
        }
      : null,
    baseName: path.basename(entry.path, path.extname(entry.path)),
  };
}

/**
 * An object's values for a search or sort property (search-criteria.ts, sort-criteria.ts); null when it has none.
 * res@duration is in seconds, res@size in bytes.
 */
export function nodeProperty(node: TreeNode, property: string): Array<string | number> | null {
  switch (property) {
    case '@id':
      return [node.id];
    case '@parentID':
      return [node.parentId];
    case 'dc:title':
      return [node.title];
    case 'upnp:class':
      return [node.upnpClass];
  }
  if (node.kind === 'container') return null;
  const { file } = node;
  const values = (value: string | number | null | undefined) => (value === null || value === undefined ? null : [value]);
  switch (property) {
    case 'dc:date':
      return values(file.date);
    case 'upnp:seriesTitle':
      return values(file.episode?.seriesTitle);
    case 'upnp:episodeSeason':
      return values(file.episode?.season);
    case 'upnp:episodeNumber':
      return values(file.episode?.number);
    case 'res@size':
      return [file.entry.size];
    case 'res@duration':
      return values(file.entry.probe?.durationSec);
    default:
      // @refID (we make no references), upnp:genre, … : none
      return null;
  }
}
