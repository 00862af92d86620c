import fs from 'node:fs/promises';
import path from 'node:path';
import type { LibraryRoot, ScanProgress } from '../api/api-types.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { IntervalGate } from '../core/interval-gate.js';
import type { WorkControl } from '../core/work-control.js';
import type { FileStat, LibraryCatalogue, UpsertResult } from './library-catalogue.js';
import { isIgnoredPath, isVideoFile, parseMediaPath } from './media-name-parser.js';

const BATCH_SIZE = 500;
const STAT_CONCURRENCY = 32;
const MAX_REPORTED_ERRORS = 50;
const PROGRESS_INTERVAL_MS = 200;
// a batch is written at BATCH_SIZE files or after this long, so titles show up while a big scan runs
const FLUSH_INTERVAL_MS = 500;
const CHANGED_INTERVAL_MS = 2000;

export interface ScannerDeps {
  catalogue: LibraryCatalogue;
  bus: EventBus;
  work: WorkControl;
  log: Logger;
}

interface FoundFile {
  path: string;
  relativePath: string;
  stat: FileStat;
}

function idleProgress(): ScanProgress {
  return {
    state: 'idle',
    startedAt: null,
    finishedAt: null,
    rootsTotal: 0,
    rootsDone: 0,
    filesSeen: 0,
    filesAdded: 0,
    filesUpdated: 0,
    filesRemoved: 0,
    currentPath: null,
    errors: [],
  };
}

function describeFsError(err: unknown): { status: 'missing' | 'unreadable'; message: string } {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return { status: 'missing', message: 'Folder not found (deleted, renamed or not mounted)' };
  if (e.code === 'EACCES' || e.code === 'EPERM') return { status: 'unreadable', message: 'Permission denied' };
  if (e.code === 'ENOTDIR') return { status: 'unreadable', message: 'Not a folder' };
  if (e.code === 'ELOOP') return { status: 'unreadable', message: 'Symbolic link loop' };
  return { status: 'unreadable', message: e.message };
}

/** Toslash keeps the parser's input the same on every OS. */
function toSlash(relative: string): string {
  return relative.split(path.sep).join('/');
}

class ScanCancelled extends Error {}

/** Walks media folders, recognises what each video is, and brings the catalogue in line with the disk. */
export class LibraryScanner {
  private current: ScanProgress = idleProgress();
  private running: Promise<ScanProgress> | null = null;
  private readonly progressGate = new IntervalGate(PROGRESS_INTERVAL_MS);
  private readonly changedGate = new IntervalGate(CHANGED_INTERVAL_MS);
  private cancelRequested = false;

  constructor(private readonly deps: ScannerDeps) {}

  progress(): ScanProgress {
    return { ...this.current, errors: [...this.current.errors] };
  }

  isScanning(): boolean {
    return this.running !== null;
  }

  /** Starts a full scan, or joins the one already running. */
  scan(roots: LibraryRoot[]): Promise<ScanProgress> {
    if (!this.running) {
      this.running = this.runScan(roots).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  /** Stops a running scan at the next file (nothing is removed from the catalogue by a cancelled scan). */
  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelRequested = true;
    await this.running.catch(() => undefined);
    this.cancelRequested = false;
  }

  /** Indexes one file (the watcher's way in). Returns null when the path is not a catalogued video. */
  async indexFile(root: LibraryRoot, filePath: string): Promise<UpsertResult | null> {
    const relativePath = toSlash(path.relative(root.path, filePath));
    if (!isVideoFile(filePath) || isIgnoredPath(relativePath)) return null;
    const stat = await fs.stat(filePath);
    if (!stat.isFile()) return null;
    const parsed = parseMediaPath(relativePath);
    return this.deps.catalogue.transaction(() =>
      this.deps.catalogue.upsertFile(root.id, filePath, { size: stat.size, mtimeMs: stat.mtimeMs }, parsed),
    );
  }

  private async runScan(roots: LibraryRoot[]): Promise<ScanProgress> {
    this.current = { ...idleProgress(), state: 'scanning', startedAt: new Date().toISOString(), rootsTotal: roots.length };
    this.publish(true);
    try {
      for (const root of roots) {
        await this.scanRoot(root);
        this.current.rootsDone++;
        this.publish(true);
      }
    } catch (err) {
      if (!(err instanceof ScanCancelled)) throw err;
      this.current.errors.push('Scan cancelled');
    }
    this.current = { ...this.current, state: 'idle', currentPath: null, finishedAt: new Date().toISOString() };
    this.publish(true);
    this.deps.bus.publish({ type: 'library.changed', reason: 'scan' });
    this.deps.log.info(
      { seen: this.current.filesSeen, added: this.current.filesAdded, removed: this.current.filesRemoved },
      'library scan finished',
    );
    return this.progress();
  }

  private async scanRoot(root: LibraryRoot): Promise<void> {
    const { catalogue } = this.deps;
    try {
      const stat = await fs.stat(root.path);
      if (!stat.isDirectory()) throw Object.assign(new Error('Not a folder'), { code: 'ENOTDIR' });
      await fs.access(root.path, fs.constants.R_OK | fs.constants.X_OK);
    } catch (err) {
      // an unplugged disk must not empty the catalogue: keep its files, flag the folder
      const { status, message } = describeFsError(err);
      catalogue.setRootStatus(root.id, status, message);
      this.addError(`${root.path}: ${message}`);
      return;
    }

    const known = catalogue.knownFiles(root.id);
    const seen = new Set<string>();
    const skippedDirs: string[] = [];
    let batch: FoundFile[] = [];
    let lastFlush = Date.now();
    const flush = async () => {
      lastFlush = Date.now();
      await this.waitIfPaused();
      const files = batch;
      batch = [];
      catalogue.transaction(() => {
        for (const file of files) {
          const previous = known.get(file.path) ?? null;
          if (previous && previous.size === file.stat.size && previous.mtimeMs === Math.trunc(file.stat.mtimeMs)) continue; // unchanged
          const parsed = parseMediaPath(file.relativePath);
          const result = catalogue.upsertFile(root.id, file.path, file.stat, parsed, previous);
          if (result === 'added') this.current.filesAdded++;
          else if (result === 'updated') this.current.filesUpdated++;
        }
      });
      this.publish();
      this.announceChanges();
    };

    for await (const file of this.walk(root.path, skippedDirs)) {
      if (this.cancelRequested) throw new ScanCancelled();
      seen.add(file.path);
      this.current.filesSeen++;
      this.current.currentPath = file.path;
      batch.push(file);
      if (batch.length >= BATCH_SIZE || Date.now() - lastFlush >= FLUSH_INTERVAL_MS) await flush();
    }
    await flush();

    const gone = [...known]
      .filter(([p]) => !seen.has(p) && !skippedDirs.some((dir) => p.startsWith(dir + path.sep)))
      .map(([, f]) => f.id);
    this.current.filesRemoved += catalogue.removeFilesByIds(gone);
    catalogue.setRootStatus(root.id, 'ok', null, new Date().toISOString());
  }

  /** Depth-first walk yielding video files; follows symlinks once (loops are cut by device+inode). */
  private async *walk(rootPath: string, skippedDirs: string[]): AsyncGenerator<FoundFile> {
    const visited = new Set<string>();
    const rootStat = await fs.stat(rootPath);
    visited.add(`${rootStat.dev}:${rootStat.ino}`);
    const stack = [rootPath];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (err) {
        skippedDirs.push(dir);
        this.addError(`${dir}: ${describeFsError(err).message}`);
        continue;
      }
      const candidates: string[] = [];
      const subdirs: string[] = [];
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        const relative = toSlash(path.relative(rootPath, full));
        if (entry.isDirectory()) {
          if (!isIgnoredPath(relative)) subdirs.push(full);
        } else if ((entry.isFile() || entry.isSymbolicLink()) && isVideoFile(entry.name) && !isIgnoredPath(relative)) {
          candidates.push(full);
        } else if (entry.isSymbolicLink() && !isIgnoredPath(relative)) {
          subdirs.push(full); // may point at a folder; resolved below
        }
      }
      const subdirStats = await Promise.allSettled(subdirs.map((sub) => fs.stat(sub)));
      subdirs.forEach((sub, i) => {
        const result = subdirStats[i];
        if (result.status === 'rejected') return this.addError(`${sub}: ${describeFsError(result.reason).message}`);
        if (!result.value.isDirectory()) return;
        const id = `${result.value.dev}:${result.value.ino}`;
        if (visited.has(id)) return; // symlink loop or a folder linked twice
        visited.add(id);
        stack.push(sub);
      });
      for (let i = 0; i < candidates.length; i += STAT_CONCURRENCY) {
        const chunk = candidates.slice(i, i + STAT_CONCURRENCY);
        const stats = await Promise.allSettled(chunk.map((file) => fs.stat(file)));
        for (let j = 0; j < chunk.length; j++) {
          const result = stats[j];
          const file = chunk[j];
          if (result.status === 'rejected') {
            this.addError(`${file}: ${describeFsError(result.reason).message}`); // e.g. a broken symlink
            continue;
          }
          if (!result.value.isFile()) continue;
          yield {
            path: file,
            relativePath: toSlash(path.relative(rootPath, file)),
            stat: { size: result.value.size, mtimeMs: result.value.mtimeMs },
          };
        }
      }
    }
  }

  private async waitIfPaused(): Promise<void> {
    if (!this.deps.work.isPaused()) return;
    this.current.state = 'paused';
    this.publish(true);
    await this.deps.work.waitUntilRunning();
    this.current.state = 'scanning';
    this.publish(true);
  }

  /** During a long scan, let UIs show what has been found so far. */
  private announceChanges(): void {
    if (this.current.filesAdded + this.current.filesUpdated === 0) return;
    if (this.changedGate.pass()) this.deps.bus.publish({ type: 'library.changed', reason: 'scan' });
  }

  private addError(message: string): void {
    this.deps.log.warn(message);
    if (this.current.errors.length < MAX_REPORTED_ERRORS) this.current.errors.push(message);
  }

  private publish(force = false): void {
    if (this.progressGate.pass(force)) this.deps.bus.publish({ type: 'scan.progress', progress: this.progress() });
  }
}
