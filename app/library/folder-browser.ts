import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FolderEntry, FolderListing } from '../api/api-types.js';
import { LibraryError } from './library-service.js';

// The server-side folder picker behind "Add a media folder → Browse…". It lists folder NAMES only:
// no file is ever opened or read, and files are not even listed.

/** Most subfolders one listing holds (a folder with more says `truncated: true`). */
export const FOLDER_LIST_LIMIT = 2000;

export interface FolderBrowserOptions {
  /** the data directory's `media/` folder: offered among the starting points */
  mediaDir?: string;
  /** most subfolders per listing (tests pass a small one) */
  limit?: number;
  homeDir?: string;
  platform?: NodeJS.Platform;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Case-insensitive, "Season 2" before "Season 10"; names equal but for case keep a stable order. */
export function compareFolderNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * `null`: the starting points (home, the filesystem root or the drives, /media, /mnt, /srv, Racoon's media folder).
 * An absolute path: its immediate subfolders (symlinks to folders included, hidden ones left out), sorted.
 */
export async function listFolders(dir: string | null, options: FolderBrowserOptions = {}): Promise<FolderListing> {
  if (dir === null) return startingPoints(options);
  const folder = checkedPath(dir);
  const limit = options.limit ?? FOLDER_LIST_LIMIT;

  let entries: Dirent[];
  try {
    const stat = await fs.stat(folder);
    if (!stat.isDirectory()) throw new LibraryError(`${folder} is a file, not a folder`);
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (err) {
    throw folderError(err, folder);
  }

  const candidates = entries
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isSymbolicLink()))
    .sort((a, b) => compareFolderNames(a.name, b.name));
  const folders: FolderEntry[] = [];
  let truncated = false;
  for (const entry of candidates) {
    const full = path.join(folder, entry.name);
    if (entry.isSymbolicLink() && !(await isFolder(full))) continue; // broken, a loop, or a link to a file
    if (folders.length === limit) {
      truncated = true;
      break;
    }
    folders.push({ name: entry.name, path: full });
  }
  const parent = path.dirname(folder);
  return { path: folder, parent: parent === folder ? null : parent, folders, truncated };
}

/** The folder picker with Racoon's own settings (the data directory's media folder). */
export class FolderBrowser {
  constructor(private readonly options: FolderBrowserOptions = {}) {}

  list(dir: string | null): Promise<FolderListing> {
    return listFolders(dir, this.options);
  }
}

/** A full, normalised path ("/srv/media/../tv" → "/srv/tv"), or a clear error. */
function checkedPath(dir: string): string {
  if (typeof dir !== 'string' || dir === '') throw new LibraryError('Give the full path of a folder');
  if (dir.includes('\0')) throw new LibraryError('A folder path cannot contain a NUL character');
  if (!path.isAbsolute(dir)) {
    throw new LibraryError(`Give the full path of a folder (like /srv/media or D:\\Media), not "${dir}"`);
  }
  return path.resolve(dir);
}

function folderError(err: unknown, folder: string): LibraryError {
  if (err instanceof LibraryError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new LibraryError(`Folder not found: ${folder}`);
  if (code === 'EACCES' || code === 'EPERM') return new LibraryError(`Racoon may not read ${folder} (permission denied)`);
  return new LibraryError(`Cannot open ${folder}: ${(err as Error).message}`);
}

async function isFolder(full: string): Promise<boolean> {
  try {
    return (await fs.stat(full)).isDirectory();
  } catch {
    return false;
  }
}

async function startingPoints(options: FolderBrowserOptions): Promise<FolderListing> {
  const platform = options.platform ?? process.platform;
  const candidates: FolderEntry[] = [{ name: 'Home', path: options.homeDir ?? os.homedir() }];
  if (platform === 'win32') {
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') candidates.push({ name: `${letter}:`, path: `${letter}:\\` });
  } else {
    candidates.push(
      { name: 'Filesystem', path: '/' },
      { name: 'media', path: '/media' },
      { name: 'mnt', path: '/mnt' },
      { name: 'srv', path: '/srv' },
    );
  }
  if (options.mediaDir) candidates.push({ name: 'Racoon media', path: path.resolve(options.mediaDir) });

  const exists = await Promise.all(candidates.map((c) => isFolder(c.path)));
  const seen = new Set<string>();
  const folders = candidates.filter((c, i) => {
    if (!exists[i] || seen.has(c.path)) return false;
    seen.add(c.path);
    return true;
  });
  return { path: null, parent: null, folders, truncated: false };
}
