import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINE_V8_FLAGS } from '../app/core/engine-v8-flags.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(repo, 'scripts', 'start-desktop.js');
/** Electron's main process hosts the engine: it starts with the engine's V8 flags */
const JS_FLAGS = `--js-flags=${ENGINE_V8_FLAGS.join(' ')}`;
const realElectronInstalled = fs.existsSync(path.join(repo, 'node_modules', 'electron', 'path.txt'));

function run(cwd: string, scriptPath: string, args: string[] = [], extraEnv: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  if (!('ELECTRON_OVERRIDE_DIST_PATH' in extraEnv)) delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const r = spawnSync(process.execPath, [scriptPath, ...args], { cwd, env, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

function expectOneParagraph(out: string) {
  expect(out.split('\n').filter((l) => /^\s+at /.test(l))).toEqual([]); // no stack trace
  expect(
    out
      .trim()
      .split('\n')
      .filter((l) => l.trim() !== ''),
  ).toHaveLength(1);
}

describe('npm start (scripts/start-desktop.js) in this repository', () => {
  it.runIf(!realElectronInstalled)('explains the missing Electron binary in one paragraph and exits 1', () => {
    const { code, out } = run(repo, script);
    expect(code).toBe(1);
    expect(out).toMatch(/Electron [\d.]+'s binary is not installed/);
    expect(out).toContain('node node_modules/electron/install.js');
    expect(out).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(out).toContain('npm run serve');
    expectOneParagraph(out);
  });
});

describe.runIf(process.platform !== 'win32')('start-desktop.js against a fake app directory', () => {
  let app: string;
  const copyScript = () => {
    fs.mkdirSync(path.join(app, 'scripts'), { recursive: true });
    fs.copyFileSync(script, path.join(app, 'scripts', 'start-desktop.js'));
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'fake', type: 'module', main: 'dist/main/main.js' }));
  };
  const electronPkg = path.join(repo, 'node_modules', 'electron');
  const installElectronPackage = () => {
    const dir = path.join(app, 'node_modules', 'electron');
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ['package.json', 'index.js']) fs.copyFileSync(path.join(electronPkg, f), path.join(dir, f));
    return dir;
  };
  /** A stand-in "Electron" that prints its args and whether ELECTRON_RUN_AS_NODE leaked, then exits 7. */
  const fakeBinary = (file: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\necho "ARGS:$*"\necho "RUN_AS_NODE:${ELECTRON_RUN_AS_NODE:-unset}"\nexit 7\n', {
      mode: 0o755,
    });
  };
  const build = () => {
    fs.mkdirSync(path.join(app, 'dist', 'main'), { recursive: true });
    fs.writeFileSync(path.join(app, 'dist', 'main', 'main.js'), '');
  };
  const start = (args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
    run(app, path.join(app, 'scripts', 'start-desktop.js'), args, env);

  beforeEach(() => {
    app = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-start-')));
    copyScript();
  });
  afterEach(() => fs.rmSync(app, { recursive: true, force: true }));

  it('electron package missing entirely → paragraph, exit 1', () => {
    const { code, out } = start();
    expect(code).toBe(1);
    expect(out).toMatch(/binary is not installed \(the electron package is not installed/);
    expectOneParagraph(out);
  });

  it('package present, download missing (no path.txt) → paragraph, exit 1', () => {
    installElectronPackage();
    const { code, out } = start();
    expect(code).toBe(1);
    expect(out).toMatch(/Electron [\d.]+'s binary is not installed \(node_modules\/electron has no downloaded Electron/);
    expect(out).toContain('npm run serve');
    expectOneParagraph(out);
  });

  it('path.txt names a file that is not there → paragraph, exit 1', () => {
    const dir = installElectronPackage();
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    const { code, out } = start();
    expect(code).toBe(1);
    expect(out).toMatch(/binary is not installed \(the Electron executable .*dist\/electron does not exist/);
    expectOneParagraph(out);
  });

  it('ELECTRON_OVERRIDE_DIST_PATH pointing at nothing → paragraph naming it', () => {
    installElectronPackage();
    const { code, out } = start([], { ELECTRON_OVERRIDE_DIST_PATH: path.join(app, 'nowhere') });
    expect(code).toBe(1);
    expect(out).toMatch(/nowhere\/electron \(from ELECTRON_OVERRIDE_DIST_PATH\) does not exist/);
    expectOneParagraph(out);
  });

  it('binary present but the app not built → says to run npm run build', () => {
    const dir = installElectronPackage();
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    fakeBinary(path.join(dir, 'dist', 'electron'));
    const { code, out } = start();
    expect(code).toBe(1);
    expect(out).toMatch(/dist\/main\/main\.js does not exist.*npm run build/);
    expectOneParagraph(out);
  });

  it('binary present and built → runs Electron on the app directory, forwards args and the exit code', () => {
    const dir = installElectronPackage();
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    fakeBinary(path.join(dir, 'dist', 'electron'));
    build();
    const { code, out } = start(['--data', '/tmp/x y', '--media', 'm', '--no-sandbox'], { ELECTRON_RUN_AS_NODE: '1' });
    expect(code).toBe(7);
    expect(out).toContain(`ARGS:${JS_FLAGS} ${app} --data /tmp/x y --media m --no-sandbox`);
    expect(out).toContain('RUN_AS_NODE:unset');
  });

  it('uses a local Electron from ELECTRON_OVERRIDE_DIST_PATH', () => {
    installElectronPackage();
    const local = path.join(app, 'local-electron');
    fakeBinary(path.join(local, 'electron'));
    build();
    const { code, out } = start(['--no-sandbox'], { ELECTRON_OVERRIDE_DIST_PATH: local });
    expect(code).toBe(7);
    expect(out).toContain(`ARGS:${JS_FLAGS} ${app} --no-sandbox`);
  });
});
