/**
 * The ContentDirectory:1 service: Browse (metadata / direct children, paged and sorted), Search, capabilities and the
 * SystemUpdateID. The tree is one snapshot of the library, built on the first request after a change and then
 * reused, so a page of a 10,000-item container is a slice plus the DIDL for the page.
 */
import type { MediaIndexEntry } from '../library/library-catalogue.js';
import type { DeviceProfile } from '../stream/playback-types.js';
import { DEFAULT_SOURCES } from './content-sources.js';
import { buildContentTree, nodeProperty, type ContentSnapshot, type TreeNode, type TreeSource } from './content-tree.js';
import { didlLite, parseFilter } from './didl-lite.js';
import {
  UpnpError,
  type BrowseRequest,
  type BrowseResult,
  type ContentDirectoryService,
  type RendererQuirks,
  type SearchRequest,
} from './dlna-types.js';
import { parseSearchCriteria } from './search-criteria.js';
import { parseSortCriteria, SORT_PROPERTIES, sortKeyText, sortObjects, type SortKey } from './sort-criteria.js';

/** Properties Search understands (others are accepted and match nothing). */
export const SEARCH_CAPABILITIES = [
  'dc:title',
  'upnp:class',
  'dc:date',
  '@id',
  '@parentID',
  '@refID',
  'upnp:seriesTitle',
  'upnp:episodeSeason',
  'upnp:episodeNumber',
  'res@size',
  'res@duration',
].join(',');
export const SORT_CAPABILITIES = SORT_PROPERTIES.join(',');

/** StartingIndex and RequestedCount are ui4; a page larger than this is a client bug (or an attack), not a wish. */
export const MAX_REQUESTED_COUNT = 100_000;
const MAX_STARTING_INDEX = 0xffffffff;

/** Windows Media Connect's fixed ids an Xbox 360 browses and searches: "2" Video, "15" All video. */
const XBOX_VIDEO_IDS = new Set(['2', '15']);
const ALL_VIDEOS_ID = 'videos';

export interface ContentDirectoryDeps {
  /** every library file with its item and episodes (LibraryService.mediaIndex) */
  index: () => MediaIndexEntry[];
  profiles: { get(name: string): DeviceProfile };
  /** calls the listener whenever the library changes; returns the unsubscribe */
  onLibraryChange(listener: () => void): () => void;
  /** a file's thumbnail path on the DLNA server (upnp:albumArtURI), when it has one */
  thumbnails?: (fileId: number) => string | null;
  /** the root's containers, in order (default: Movies, Series, Recently added, Folders) */
  sources?: readonly TreeSource[];
}

export class ContentDirectory implements ContentDirectoryService {
  private snapshotCache: ContentSnapshot | null = null;
  private updateId = 1;
  private readonly listeners = new Set<(systemUpdateId: number) => void>();
  private readonly unsubscribe: () => void;
  private buildCount = 0;

  constructor(private readonly deps: ContentDirectoryDeps) {
    this.unsubscribe = deps.onLibraryChange(() => this.libraryChanged());
  }

  /** How many times the tree was built (once per library change at most). */
  get builds(): number {
    return this.buildCount;
  }

  /** Stops following the library. */
  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  browse(request: BrowseRequest): BrowseResult {
    checkPaging(request.startingIndex, request.requestedCount);
    const snapshot = this.snapshot();
    const node = this.find(snapshot, request.objectId, request.client);
    if (request.flag === 'BrowseMetadata') {
      if (request.startingIndex !== 0) throw new UpnpError(402, 'Invalid Args: StartingIndex must be 0 for BrowseMetadata');
      return this.result([node], 1, request);
    }
    if (request.flag !== 'BrowseDirectChildren')
      throw new UpnpError(402, `Invalid Args: unknown BrowseFlag "${String(request.flag)}"`);
    if (node.kind !== 'container') return this.result([], 0, request);
    const keys = parseSortCriteria(request.sortCriteria);
    const children =
      keys.length === 0
        ? node.children
        : snapshot.memo(`children\n${node.id}\n${sortKeyText(keys)}`, () => sortNodes(node.children, keys));
    return this.page(children, request);
  }

  search(request: SearchRequest): BrowseResult {
    checkPaging(request.startingIndex, request.requestedCount);
    const snapshot = this.snapshot();
    const node = this.find(snapshot, request.containerId, request.client);
    if (node.kind !== 'container') throw new UpnpError(710, 'No such container');
    const keys = parseSortCriteria(request.sortCriteria);
    const matches = parseSearchCriteria(request.searchCriteria);
    const found = snapshot.memo(`search\n${node.id}\n${request.searchCriteria}\n${sortKeyText(keys)}`, () =>
      sortNodes(
        snapshot.search(node, (candidate) => matches((property) => nodeProperty(candidate, property))),
        keys,
      ),
    );
    return this.page(found, request);
  }

  searchCapabilities(): string {
    return SEARCH_CAPABILITIES;
  }

  sortCapabilities(): string {
    return SORT_CAPABILITIES;
  }

  systemUpdateId(): number {
    return this.updateId;
  }

  onUpdate(listener: (systemUpdateId: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current tree, built now if the library changed since the last one. */
  snapshot(): ContentSnapshot {
    if (!this.snapshotCache) {
      this.snapshotCache = buildContentTree(this.deps.index(), this.deps.sources ?? DEFAULT_SOURCES);
      this.buildCount++;
    }
    return this.snapshotCache;
  }

  private libraryChanged(): void {
    this.snapshotCache = null;
    this.updateId++;
    for (const listener of [...this.listeners]) listener(this.updateId);
  }

  private find(snapshot: ContentSnapshot, objectId: string, client: RendererQuirks): TreeNode {
    const id = client.xboxContainerIds && XBOX_VIDEO_IDS.has(objectId) ? ALL_VIDEOS_ID : objectId;
    const node = snapshot.find(id);
    if (!node) throw new UpnpError(701, 'No such object');
    return node;
  }

  private page(objects: readonly TreeNode[], request: BrowseRequest | SearchRequest): BrowseResult {
    const cap = request.client.maxPageSize > 0 ? request.client.maxPageSize : MAX_REQUESTED_COUNT;
    const wanted = request.requestedCount === 0 ? cap : Math.min(request.requestedCount, cap);
    const slice = objects.slice(request.startingIndex, request.startingIndex + wanted);
    return this.result(slice, objects.length, request);
  }

  private result(objects: readonly TreeNode[], totalMatches: number, request: BrowseRequest | SearchRequest): BrowseResult {
    const didl = didlLite(objects, {
      baseUrl: request.baseUrl,
      client: request.client,
      profile: objects.some((o) => o.kind === 'item') ? this.profileFor(request.client) : null,
      filter: parseFilter(request.filter),
      thumbnail: this.deps.thumbnails,
    });
    return { didl, numberReturned: objects.length, totalMatches, updateId: this.updateId };
  }

  /** The renderer's device profile; a name that no longer exists (a user's deleted profile) falls back to generic. */
  private profileFor(client: RendererQuirks): DeviceProfile | null {
    for (const name of [client.deviceProfile, 'dlna-generic']) {
      try {
        return this.deps.profiles.get(name);
      } catch {
        // try the next one
      }
    }
    return null;
  }
}

function checkPaging(startingIndex: number, requestedCount: number): void {
  if (!Number.isInteger(startingIndex) || startingIndex < 0 || startingIndex > MAX_STARTING_INDEX) {
    throw new UpnpError(402, `Invalid Args: StartingIndex must be a whole number from 0, got ${startingIndex}`);
  }
  if (!Number.isInteger(requestedCount) || requestedCount < 0 || requestedCount > MAX_REQUESTED_COUNT) {
    throw new UpnpError(
      402,
      `Invalid Args: RequestedCount must be a whole number from 0 (all) to ${MAX_REQUESTED_COUNT}, got ${requestedCount}`,
    );
  }
}

function sortNodes(nodes: readonly TreeNode[], keys: readonly SortKey[]): TreeNode[] {
  return sortObjects(nodes, keys, (node, property) => nodeProperty(node, property)?.[0] ?? null);
}
