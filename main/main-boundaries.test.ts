import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isEngineOrigin, SESSION_TOKEN_CHANNEL } from './desktop-api.js';

const mainDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(mainDir, '..');
const ELECTRON_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]electron(?:\/[^'"]*)?['"]/;
const sources = (dir: string) =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(c|m)?[jt]sx?$/.test(f));

describe('import boundaries', () => {
  it('only main.ts and preload.cts in main/ import electron', () => {
    const importers = sources(mainDir).filter((f) => ELECTRON_IMPORT.test(fs.readFileSync(path.join(mainDir, f), 'utf8')));
    expect(importers.sort()).toEqual(['main.ts', 'preload.cts']);
  });

  it('the detector catches every import form', () => {
    // Built from pieces so this file itself does not look like an electron importer.
    const E = (q: string, sub = '') => `${q}electron${sub}${q}`;
    for (const line of [
      `import { app } from ${E("'")};`,
      `import * as e from ${E('"')}`,
      `import type { Tray } from ${E("'", '/main')};`,
      `const { ipcRenderer } = require(${E("'")})`,
      `await import(${E("'")})`,
      `import ${E("'")};`,
    ]) {
      expect(line).toMatch(ELECTRON_IMPORT);
    }
    expect("const s = 'electron is fine in text'; import x from './electron-free.js'").not.toMatch(ELECTRON_IMPORT);
  });

  it('app/core/secret-store.ts does not import electron', () => {
    expect(fs.readFileSync(path.join(repo, 'app', 'core', 'secret-store.ts'), 'utf8')).not.toMatch(ELECTRON_IMPORT);
  });
});

describe('preload', () => {
  const preload = fs.readFileSync(path.join(mainDir, 'preload.cts'), 'utf8');
  it('invokes the channel main.ts handles (a sandboxed preload cannot import it, so it is spelled out)', () => {
    expect(preload).toContain(`ipcRenderer.invoke('${SESSION_TOKEN_CHANNEL}')`);
    expect(preload).toContain("exposeInMainWorld('racoonDesktop'");
  });
  it('imports nothing at run time but electron (type imports are erased)', () => {
    const runtimeImports = [...preload.matchAll(/^import\s+(?!type\b)[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(runtimeImports).toEqual(['electron']);
  });
  it('main.ts creates a sandboxed, context-isolated window without node integration, loading preload.cjs', () => {
    const main = fs.readFileSync(path.join(mainDir, 'main.ts'), 'utf8');
    expect(main).toMatch(/contextIsolation:\s*true/);
    expect(main).toMatch(/sandbox:\s*true/);
    expect(main).toMatch(/nodeIntegration:\s*false/);
    expect(main).toContain("'preload.cjs'");
  });
});

describe('isEngineOrigin (who may get a session token)', () => {
  const engine = 'http://127.0.0.1:43123/';
  it.each([
    ['http://127.0.0.1:43123/', true],
    ['http://127.0.0.1:43123/library/movies?x=1#y', true],
    ['http://127.0.0.1:43124/', false],
    ['http://localhost:43123/', false],
    ['https://127.0.0.1:43123/', false],
    ['http://127.0.0.1.evil.example:43123/', false],
    ['file:///etc/passwd', false],
    ['about:blank', false],
    ['', false],
    [undefined, false],
    ['not a url', false],
  ])('%s → %s', (sender, ok) => expect(isEngineOrigin(sender, engine)).toBe(ok));
});
