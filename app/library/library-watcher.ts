import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { LibraryRoot } from '../api/api-types.js';
import type { Logger } from '../core/logger.js';
import { isInside } from '../core/paths.js';

export type WatchChange = { kind: 'add' | 'change' | 'unlink' | 'unlinkDir' | 'addDir'; root: LibraryRoot; path: string };

export interface LibraryWatcherDeps {
  log: Logger;
  /** gets the changes collected over a short window, in order */
  apply: (changes: WatchChange[]) => Promise<void>;
  /** how long to gather events before applying them */
  debounceMs?: number;
  /** how long a file's size must hold still before it counts as added (a copy in progress) */
  stabilityMs?: number;
}

/** Follows media folders on disk so additions, renames and deletions reach the catalogue without a rescan. */
export class LibraryWatcher {
  private watcher: FSWatcher | null = null;
  private roots: LibraryRoot[] = [];
  private pending: WatchChange[] = [];
  private timer: NodeJS.Timeout | null = null;
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly deps: LibraryWatcherDeps) {}

  private readyPromise: Promise<void> = Promise.resolve();
  private markReady: () => void = () => undefined;

  /** Resolves once the watcher has walked the folders (a big library takes seconds; callers need not wait). */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  async watchRoots(roots: LibraryRoot[]): Promise<void> {
    await this.close();
    this.roots = roots;
    if (roots.length === 0) return;
    const watcher = watch(
      roots.map((r) => r.path),
      {
        ignoreInitial: true,
        persistent: true,
        followSymlinks: true,
        // hidden files and folders are never media; skipping them saves inotify watches
        ignored: (p: string) => path.basename(p).startsWith('.'),
        awaitWriteFinish: { stabilityThreshold: this.deps.stabilityMs ?? 1000, pollInterval: 200 },
      },
    );
    for (const kind of ['add', 'change', 'unlink', 'unlinkDir', 'addDir'] as const) {
      watcher.on(kind, (p: string) => this.enqueue(kind, p));
    }
    watcher.on('error', (err) => this.deps.log.warn({ err }, 'library watcher error'));
    this.watcher = watcher;
    this.readyPromise = new Promise<void>((resolve) => {
      this.markReady = resolve;
    });
    watcher.once('ready', () => this.markReady());
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    const watcher = this.watcher;
    this.watcher = null;
    if (watcher) await watcher.close();
    this.markReady(); // a closed watcher never gets ready: do not leave waiters hanging
    await this.applying;
  }

  private enqueue(kind: WatchChange['kind'], filePath: string): void {
    const root = this.roots.find((r) => isInside(r.path, filePath));
    if (!root) return;
    if (kind === 'addDir' && filePath === root.path) return;
    this.pending.push({ kind, root, path: filePath });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.deps.debounceMs ?? 300);
  }

  private flush(): void {
    this.timer = null;
    const changes = this.pending;
    this.pending = [];
    this.applying = this.applying
      .then(() => this.deps.apply(changes))
      .catch((err: unknown) => this.deps.log.warn({ err }, 'applying library changes failed'));
  }
}
