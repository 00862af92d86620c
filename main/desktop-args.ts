/** The desktop app's command line and environment → where the engine keeps data and finds media. No electron import. */
import os from 'node:os';
import path from 'node:path';
import { defaultDataDir } from '../app/core/paths.js';

export interface DesktopArgs {
  dataDir: string;
  mediaDirs: string[];
  /** 0 = a random free port (the default: the window learns the URL from the engine). */
  port: number;
}

export interface DesktopArgsContext {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  cwd?: string;
}

export class DesktopArgsError extends Error {
  override name = 'DesktopArgsError';
}

const OPTIONS = ['--data', '--media', '--port'] as const;
type Option = (typeof OPTIONS)[number];

/**
 * Reads `--data DIR` (or `--data=DIR`), repeatable `--media DIR` and `--port N` from the whole argv. Everything else
 * (the Electron binary, the app path, Chromium switches, macOS `-psn_…`) is ignored. `--data` beats `RACOON_DATA`,
 * which beats the per-OS default. Relative paths are resolved against `cwd`.
 */
export function parseDesktopArgs(argv: readonly string[], ctx: DesktopArgsContext = {}): DesktopArgs {
  const { env = process.env, platform = process.platform, home = os.homedir(), cwd = process.cwd() } = ctx;
  const resolve = (p: string) => path.resolve(cwd, expandHome(p, home));
  let data: string | undefined;
  const media: string[] = [];
  let port = 0;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(0, eq) : arg) as Option;
    if (!OPTIONS.includes(name)) continue;
    let value: string | undefined;
    if (eq > 0) {
      value = arg.slice(eq + 1);
    } else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) value = undefined;
      else i++;
    }
    if (value === undefined || value.trim() === '') {
      throw new DesktopArgsError(name === '--port' ? `${name} needs a port number` : `${name} needs a directory`);
    }
    if (name === '--data') data = resolve(value);
    else if (name === '--media') media.push(resolve(value));
    else port = parsePort(value);
  }

  const fromEnv = env.RACOON_DATA?.trim() ? resolve(env.RACOON_DATA) : undefined;
  const dataDir = data ?? fromEnv ?? defaultDataDir(platform, env, home);
  return { dataDir, mediaDirs: [...new Set(media)], port };
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new DesktopArgsError(`--port must be a whole number from 0 to 65535 (got ${JSON.stringify(value)})`);
  }
  return Number(value);
}

function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}
