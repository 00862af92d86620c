import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The import-boundary rule of ARCHITECTURE.md, enforced on every file: a layer that reaches into
// another fails the build here, whoever wrote it.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(repo, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|cts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(repo, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Where a relative import lands, as a repo-relative path. */
function target(file: string, spec: string): string {
  return path.relative(repo, path.resolve(repo, path.dirname(file), spec));
}

const isPackage = (spec: string, name: string) => spec === name || spec.startsWith(name + '/');
const FASTIFY = (spec: string) => isPackage(spec, 'fastify') || spec.startsWith('@fastify/') || spec.startsWith('fastify-');

describe('import boundaries', () => {
  it('app/ and native/ never import electron or react; fastify stays inside app/api', () => {
    const offences: string[] = [];
    for (const file of [...sourceFiles('app'), ...sourceFiles('native')]) {
      for (const spec of importsOf(file)) {
        if (isPackage(spec, 'electron') || isPackage(spec, 'react') || isPackage(spec, 'react-dom'))
          offences.push(`${file} → ${spec}`);
        if (FASTIFY(spec) && !file.startsWith('app/api/')) offences.push(`${file} → ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('app/core depends on no capability (only the wire types)', () => {
    const offences = sourceFiles('app/core').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => target(file, spec))
        .filter((t) => !t.startsWith('app/core/') && t !== 'app/api/api-types.js')
        .map((t) => `${file} → ${t}`),
    );
    expect(offences).toEqual([]);
  });

  it('renderer/ reaches the engine only through the type-only API contract', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('renderer')) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('node:') || isPackage(spec, 'electron') || FASTIFY(spec)) offences.push(`${file} → ${spec}`);
        if (!spec.startsWith('.')) continue;
        const t = target(file, spec);
        if (!t.startsWith('renderer/') && t !== 'app/api/api-types') offences.push(`${file} → ${t}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('only main/main.ts and main/preload.cts import electron', () => {
    const importers = ['app', 'native', 'main', 'renderer', 'bench', 'e2e']
      .filter((dir) => fs.existsSync(path.join(repo, dir)))
      .flatMap(sourceFiles)
      .filter((file) => importsOf(file).some((spec) => isPackage(spec, 'electron')));
    expect(importers.sort()).toEqual(['main/main.ts', 'main/preload.cts']);
  });

  it('the boundary check really sees imports (guards against a regex that matches nothing)', () => {
    expect(importsOf('app/engine.ts')).toContain('./api/server.js');
    expect(importsOf('main/main.ts')).toContain('electron');
  });
});
