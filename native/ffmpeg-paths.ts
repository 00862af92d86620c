import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export interface FfmpegPaths {
  ffmpeg: string;
  ffprobe: string;
  /** where each came from, for logs and the About page */
  source: { ffmpeg: string; ffprobe: string };
}

export interface ResolveOptions {
  configFfmpeg?: string | null;
  configFfprobe?: string | null;
  env?: NodeJS.ProcessEnv;
  /** path ffmpeg-static reports (its binary may be missing: its download fails offline) */
  ffmpegStaticPath?: string | null;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

export function ffmpegStaticPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const p = require('ffmpeg-static') as string | null;
    return typeof p === 'string' ? p : null;
  } catch {
    return null;
  }
}

/** config → FFMPEG_PATH/FFPROBE_PATH → ffmpeg-static (when its binary exists) → PATH. Pure apart from fs checks. */
export function resolveFfmpegPaths(options: ResolveOptions = {}): FfmpegPaths {
  const env = options.env ?? process.env;
  const pick = (candidates: Array<[string | null | undefined, string]>, tool: string): [string, string] => {
    for (const [file, source] of candidates) {
      if (file && isExecutable(file)) return [file, source];
    }
    const onPath = findOnPath(tool, env);
    if (onPath) return [onPath, 'PATH'];
    // keep the bare name: running it yields a clear ENOENT we turn into a message
    return [tool, 'missing'];
  };
  const staticPath = options.ffmpegStaticPath === undefined ? ffmpegStaticPath() : options.ffmpegStaticPath;
  const [ffmpeg, ffmpegSource] = pick(
    [
      [options.configFfmpeg, 'config'],
      [env.FFMPEG_PATH, 'FFMPEG_PATH'],
      [staticPath, 'ffmpeg-static'],
    ],
    'ffmpeg',
  );
  const siblingProbe = ffmpegSource !== 'missing' ? path.join(path.dirname(ffmpeg), 'ffprobe') : null;
  const [ffprobe, ffprobeSource] = pick(
    [
      [options.configFfprobe, 'config'],
      [env.FFPROBE_PATH, 'FFPROBE_PATH'],
      [siblingProbe, 'next to ffmpeg'],
    ],
    'ffprobe',
  );
  return { ffmpeg, ffprobe, source: { ffmpeg: ffmpegSource, ffprobe: ffprobeSource } };
}
