import { UserError } from '../core/user-error.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LibraryItemDetail, MediaFileDetail, LibraryItemSummary, LibraryRoot, ScanProgress } from '../api/api-types.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { isInside } from '../core/paths.js';
import type { WorkControl } from '../core/work-control.js';
import type { LibraryCatalogue, MediaIndexEntry } from './library-catalogue.js';
import { LibraryScanner } from './library-scanner.js';
import { LibraryWatcher, type WatchChange } from './library-watcher.js';
import type { ProbeQueue } from './probe-queue.js';

const ROOTS_POLL_MS = 10_000;

/** A user-facing problem with a request (400 in the API, a plain message in the CLI). */
export class LibraryError extends UserError {}

export interface LibraryServiceDeps {
  catalogue: LibraryCatalogue;
  probes: ProbeQueue;
  bus: EventBus;
  work: WorkControl;
  log: Logger;
  /** follow the folders for changes (off for one-shot CLI commands) */
  watch?: boolean;
  watchDebounceMs?: number;
  watchStabilityMs?: number;
}

/** Checks that a folder can be a media folder and returns its canonical path. */
export async function validateMediaFolder(input: string, existing: LibraryRoot[]): Promise<string> {
  if (typeof input !== 'string' || input.trim() === '' || input.includes('\0')) {
    throw new LibraryError('Give the full path of a folder');
  }
  const resolved = path.resolve(input.trim());
  let real: string;
  try {
    real = await fs.realpath(resolved);
    const stat = await fs.stat(real);
    if (!stat.isDirectory()) throw new LibraryError(`${resolved} is a file, not a folder`);
    await fs.access(real, fs.constants.R_OK | fs.constants.X_OK);
  } catch (err) {
    if (err instanceof LibraryError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LibraryError(`Folder not found: ${resolved}`);
    if (code === 'EACCES' || code === 'EPERM') throw new LibraryError(`Racoon may not read ${resolved} (permission denied)`);
    throw new LibraryError(`Cannot use ${resolved}: ${(err as Error).message}`);
  }
  for (const root of existing) {
    if (root.path === real) continue; // adding twice is harmless
    if (isInside(root.path, real)) throw new LibraryError(`${real} is already inside the media folder ${root.path}`);
    if (isInside(real, root.path))
      throw new LibraryError(`${real} contains the media folder ${root.path}; remove that one first`);
  }
  return real;
}

/** The library capability: media folders, scans, the watcher and background probing, over one catalogue. */
export class LibraryService {
  readonly scanner: LibraryScanner;
  private readonly watcher: LibraryWatcher | null;
  private rootsPoll: NodeJS.Timeout | null = null;
  private watchedRootPaths = '';
  private started = false;

  constructor(private readonly deps: LibraryServiceDeps) {
    this.scanner = new LibraryScanner(deps);
    this.watcher =
      deps.watch === false
        ? null
        : new LibraryWatcher({
            log: deps.log,
            apply: (changes) => this.applyChanges(changes),
            debounceMs: deps.watchDebounceMs,
            stabilityMs: deps.watchStabilityMs,
          });
  }

  async start(): Promise<void> {
    this.started = true;
    await this.rewatch();
    this.deps.probes.start();
    // `racoon library add` from another process writes the same database: notice and scan it
    this.rootsPoll = setInterval(() => void this.adoptRootsAddedElsewhere(), ROOTS_POLL_MS);
    this.rootsPoll.unref();
  }

  /** Resolves when the watcher follows every media folder (tests wait for it before touching files). */
  watcherReady(): Promise<void> {
    return this.watcher?.ready() ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.rootsPoll) clearInterval(this.rootsPoll);
    this.rootsPoll = null;
    await this.scanner.cancel();
    await this.watcher?.close();
    await this.deps.probes.stop();
  }

  roots(): LibraryRoot[] {
    return this.deps.catalogue.listRoots();
  }

  async addRoot(folder: string): Promise<LibraryRoot> {
    const real = await validateMediaFolder(folder, this.roots());
    const root = this.deps.catalogue.addRoot(real);
    await this.rewatch();
    this.deps.bus.publish({ type: 'library.changed', reason: 'roots' });
    return root;
  }

  async removeRoot(id: number): Promise<boolean> {
    const removed = this.deps.catalogue.removeRoot(id);
    if (removed) {
      await this.rewatch();
      this.deps.bus.publish({ type: 'library.changed', reason: 'roots' });
    }
    return removed;
  }

  /**
   * How finished downloads reach the library: files placed under `folder` (made a media folder on first use,
   * unless it already lies inside one) are catalogued one by one, without a rescan.
   */
  importerInto(folder: string): { libraryRoot(): Promise<string>; indexFile(absPath: string): Promise<void> } {
    const rootFor = (file: string) => this.roots().find((r) => isInside(r.path, file));
    return {
      libraryRoot: async () => {
        await fs.mkdir(folder, { recursive: true });
        const real = await fs.realpath(folder);
        if (!rootFor(real)) await this.addRoot(real);
        return real;
      },
      indexFile: async (absPath: string) => {
        const root = rootFor(absPath);
        if (!root) throw new LibraryError(`${absPath} is not inside a media folder`);
        if ((await this.scanner.indexFile(root, absPath)) === null) return;
        this.deps.bus.publish({ type: 'library.changed', reason: 'import' });
        this.deps.probes.wake();
      },
    };
  }

  /** Scans every media folder (or joins the scan under way); probing follows in the background. */
  async scan(): Promise<ScanProgress> {
    this.deps.catalogue.retryMissingToolProbes();
    const result = await this.scanner.scan(this.roots());
    this.deps.probes.wake();
    return result;
  }

  /** Starts a scan without waiting for it; returns the progress right away. */
  startScan(): ScanProgress {
    this.scan().catch((err: unknown) => this.deps.log.error({ err }, 'library scan failed'));
    return this.scanner.progress();
  }

  items(): LibraryItemSummary[] {
    return this.deps.catalogue.listItems();
  }

  item(id: number): LibraryItemDetail | null {
    return this.deps.catalogue.getItem(id);
  }

  file(id: number): MediaFileDetail | null {
    return this.deps.catalogue.getFileDetail(id);
  }

  /** Every file with its item and episodes, for browsing clients (the DLNA tree). */
  mediaIndex(): MediaIndexEntry[] {
    return this.deps.catalogue.mediaIndex();
  }

  /**
   * The absolute path of a catalogued file, only while it still lies inside a current media folder
   * (a root removed or a path rewritten in the DB must not open arbitrary files).
   */
  async playablePath(fileId: number): Promise<string | null> {
    const file = this.deps.catalogue.getFile(fileId);
    if (!file) return null;
    const root = this.deps.catalogue.rootPaths().find((r) => r.id === file.rootId);
    if (!root) return null;
    try {
      const real = await fs.realpath(file.path);
      const rootReal = await fs.realpath(root.path);
      if (!isInside(rootReal, real) && !isInside(root.path, file.path)) return null;
      return real;
    } catch {
      return null;
    }
  }

  /** Points the watcher at the current media folders (only while the service runs). */
  private async rewatch(): Promise<void> {
    this.watchedRootPaths = this.rootPathsKey();
    if (this.started) await this.watcher?.watchRoots(this.roots());
  }

  private rootPathsKey(): string {
    return this.deps.catalogue
      .rootPaths()
      .map((r) => r.path)
      .join('\n');
  }

  private async adoptRootsAddedElsewhere(): Promise<void> {
    const key = this.rootPathsKey();
    if (key === this.watchedRootPaths) return;
    await this.rewatch();
    this.deps.bus.publish({ type: 'library.changed', reason: 'roots' });
    this.startScan();
  }

  private async applyChanges(changes: WatchChange[]): Promise<void> {
    let touched = false;
    for (const change of changes) {
      try {
        if (change.kind === 'add' || change.kind === 'change') {
          touched = (await this.scanner.indexFile(change.root, change.path)) !== null || touched;
        } else if (change.kind === 'unlink' || change.kind === 'unlinkDir') {
          touched = this.deps.catalogue.removePath(change.path) > 0 || touched;
        }
        // addDir: chokidar reports the files inside as 'add' events of their own
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // a file that vanished between the event and our look is simply gone
        if (code === 'ENOENT') touched = this.deps.catalogue.removePath(change.path) > 0 || touched;
        else this.deps.log.warn({ err, path: change.path }, 'could not index a changed file');
      }
    }
    if (touched) {
      this.deps.bus.publish({ type: 'library.changed', reason: 'watch' });
      this.deps.probes.wake();
    }
  }
}
