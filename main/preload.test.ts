import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SESSION_TOKEN_CHANNEL, type RacoonDesktopApi } from './desktop-api.js';

const mainDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * Runs preload.cts the way Electron runs a sandboxed preload: compiled to CommonJS, wrapped in
 * `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {…})`, with a `require`
 * that knows only 'electron'.
 */
function runPreload() {
  const src = fs.readFileSync(path.join(mainDir, 'preload.cts'), 'utf8');
  const js = ts.transpileModule(src, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: 'preload.cts',
  }).outputText;
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return 'token-from-main';
      },
    },
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`A sandboxed preload cannot require ${name}`);
  };
  const wrapper = new vm.Script(
    `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${js}\n})`,
  ).runInNewContext({});
  const module = { exports: {} };
  wrapper(sandboxRequire, { platform: 'linux' }, undefined, {}, undefined, undefined, module.exports, module);
  return { exposed, invoked, required };
}

describe('preload.cts in a sandboxed-preload stand-in', () => {
  it('requires only electron and exposes window.racoonDesktop', async () => {
    const { exposed, invoked, required } = runPreload();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['racoonDesktop']);
    const api = exposed.get('racoonDesktop') as RacoonDesktopApi;
    expect(api.platform).toBe('linux');
    expect(await api.getSessionToken()).toBe('token-from-main');
    expect(invoked).toEqual([[SESSION_TOKEN_CHANNEL]]);
  });
});
