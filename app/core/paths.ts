import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

/** The per-OS default data directory (overridden by --data / RACOON_DATA). */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Racoon');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Racoon');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'racoon');
}

export interface DataPaths {
  root: string;
  database: string;
  torrents: string;
  media: string;
  recordings: string;
  cache: string;
  logs: string;
}

export function dataPaths(root: string): DataPaths {
  const abs = path.resolve(root);
  return {
    root: abs,
    database: path.join(abs, 'racoon.db'),
    torrents: path.join(abs, 'torrents'),
    media: path.join(abs, 'media'),
    recordings: path.join(abs, 'recordings'),
    cache: path.join(abs, 'cache'),
    logs: path.join(abs, 'logs'),
  };
}

/** Creates the data directory layout; a clear error when it can't. */
export function ensureDataDirs(paths: DataPaths): void {
  for (const dir of [paths.root, paths.torrents, paths.media, paths.recordings, paths.cache, paths.logs]) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new Error(`Cannot create data directory ${dir}: ${(err as Error).message}`);
    }
  }
}

/** True when `child` is `parent` or lies inside it (both absolute, already resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
