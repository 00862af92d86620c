#!/usr/bin/env node
// `npm start`: runs the desktop app (Electron) on the built main process, or explains in one paragraph why it can't.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainJs = path.join(appDir, 'dist', 'main', 'main.js');

/** Fails with one paragraph on stderr and exit code 1 (no stack trace). */
function fail(paragraph) {
  process.stderr.write(`\n${paragraph.replace(/\s+/g, ' ').trim()}\n\n`);
  process.exit(1);
}

/** The Electron executable, or null with the reason. `require('electron')` returns its path or throws. */
function findElectron() {
  const require = createRequire(path.join(appDir, 'package.json'));
  let binary;
  try {
    binary = require('electron');
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes("'electron'")) {
      return { binary: null, why: 'the electron package is not installed (run `npm install` with dev dependencies)' };
    }
    // "Electron failed to install correctly…": the package is there, its download (path.txt + dist/) is not.
    return { binary: null, why: 'node_modules/electron has no downloaded Electron' };
  }
  if (typeof binary !== 'string' || !fs.existsSync(binary)) {
    const where = process.env.ELECTRON_OVERRIDE_DIST_PATH ? ' (from ELECTRON_OVERRIDE_DIST_PATH)' : '';
    return { binary: null, why: `the Electron executable ${binary}${where} does not exist` };
  }
  return { binary, why: '' };
}

function electronVersion() {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(appDir, 'node_modules', 'electron', 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? ` ${pkg.version}` : '';
  } catch {
    return '';
  }
}

const { binary, why } = findElectron();
if (!binary) {
  fail(
    `Racoon desktop cannot start: Electron${electronVersion()}'s binary is not installed (${why}; its download is skipped at install ` +
      `time and is not possible on machines without access to Electron's download servers). To get it, run ` +
      '`node node_modules/electron/install.js` where the network allows, or set ELECTRON_OVERRIDE_DIST_PATH to the ' +
      'folder of a local Electron build of that version. Meanwhile ' +
      '`npm run serve` starts the same engine headless and prints a URL: the web UI works in any browser.',
  );
}
if (!fs.existsSync(mainJs)) {
  fail(
    `Racoon desktop cannot start: ${path.relative(process.cwd(), mainJs) || mainJs} does not exist, the app is not ` +
      'built yet. Run `npm run build` first, then `npm start` again.',
  );
}

const passArgs = process.argv.slice(2);
if (process.platform === 'linux' && process.getuid?.() === 0 && !passArgs.includes('--no-sandbox')) {
  process.stderr.write(
    'Note: Electron refuses to run as root without --no-sandbox; run as a normal user, or `npm start -- --no-sandbox`.\n',
  );
}

// The app directory (not main.js itself) so Electron reads package.json: app name, version, "main".
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
// the engine runs in Electron's main process: its V8 flags (app/core/engine-v8-flags.ts) must be there from the start
const ENGINE_JS_FLAGS = '--js-flags=--no-memory-reducer';
const child = spawn(binary, [ENGINE_JS_FLAGS, appDir, ...passArgs], { stdio: 'inherit', env, windowsHide: false });

child.on('error', (err) => fail(`Racoon desktop cannot start: running ${binary} failed (${err.message}).`));
child.on('exit', (code, signal) => {
  if (code === null) {
    process.stderr.write(`Electron exited with signal ${signal}\n`);
    process.exit(1);
  }
  process.exit(code);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!child.killed) child.kill(signal);
  });
}
