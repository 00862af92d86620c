import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function findPackageJson(): string {
  // works from source (app/core) and from the build (dist/app/core)
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const file = fileURLToPath(new URL(rel, import.meta.url));
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'racoon' && pkg.version) return pkg.version;
    } catch {
      /* try the next candidate */
    }
  }
  return '0.0.0';
}

export const VERSION = findPackageJson();

/** Repository root (where package.json and dist/ live), from source or from the build. */
export function packageRoot(): string {
  for (const rel of ['../../', '../../../']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    try {
      const pkg = JSON.parse(readFileSync(dir + 'package.json', 'utf8')) as { name?: string };
      if (pkg.name === 'racoon') return dir;
    } catch {
      /* next */
    }
  }
  return process.cwd();
}
