/**
 * The Electron main process: a thin shell around the engine. It boots the engine in-process on 127.0.0.1, points a
 * sandboxed window at the engine's web UI, hands the page a session token over IPC, and keeps a tray icon.
 * Decisions live in electron-free modules next to this file (desktop-args, tray-menu, window-state, …).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, safeStorage, screen, session, shell, Tray } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../app/engine.js';
import {
  chooseSecretStore,
  EncryptedFileSecretStore,
  KeytarSecretStore,
  loadKeytar,
  type SecretStore,
} from '../app/core/secret-store.js';
import { isEngineOrigin, SESSION_TOKEN_CHANNEL } from './desktop-api.js';
import { parseDesktopArgs, type DesktopArgs } from './desktop-args.js';
import { SafeStorageSecretStore } from './safe-storage-secret-store.js';
import { buildTrayMenuModel, trayClickAction, trayTooltip, type TrayAction } from './tray-menu.js';
import { loadWindowState, MIN_HEIGHT, MIN_WIDTH, restoreWindowBounds, saveWindowState, windowStateFile } from './window-state.js';

const here = path.dirname(fileURLToPath(import.meta.url)); // dist/main (also inside app.asar)
// The app directory: the repo when run as `electron <repo>` (npm start), app.asar when packaged.
const resourcesDir = path.join(app.getAppPath(), 'resources');
const log = (msg: string) => console.log(`[racoon] ${msg}`);

let engine: Engine | undefined;
let engineUrl = '';
let win: BrowserWindow | undefined;
let tray: Tray | undefined;
let quitting = false;
let shutdownDone = false;
let shutdownStarted = false;
let booting: Promise<void> | undefined;
let saveTimer: NodeJS.Timeout | undefined;
let saveBoundsNow: () => Promise<void> = async () => {};

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// --- before ready: arguments, paths, single instance (Electron: no top-level await on whenReady in ESM) ---
let args: DesktopArgs | undefined;
try {
  args = parseDesktopArgs(process.argv);
} catch (err) {
  dialog.showErrorBox('Racoon: bad command line', errorText(err));
  app.exit(2);
}

if (args) {
  // Chromium's profile (and on Windows the safeStorage key) lives with the rest of the data; the single-instance
  // lock is per userData directory, so one window per data directory.
  app.setPath('userData', path.join(args.dataDir, 'electron'));
  if (process.platform === 'win32') app.setAppUserModelId('app.racoon.desktop');

  if (!app.requestSingleInstanceLock({ dataDir: args.dataDir })) {
    log(`another Racoon is running on ${args.dataDir}; focusing it`);
    app.quit();
  } else {
    const startArgs = args;
    app.on('second-instance', () => showWindow());
    app.on('activate', () => showWindow()); // macOS dock click
    app.on('window-all-closed', () => {}); // keep running in the tray
    app.on('before-quit', onBeforeQuit);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
    app
      .whenReady()
      .then(() => (booting = boot(startArgs)))
      .catch(async (err: unknown) => {
        console.error(err);
        dialog.showErrorBox(
          'Racoon could not start',
          `${errorText(err)}\n\nData directory: ${startArgs.dataDir}\n` +
            'The same engine also runs headless with `npm run serve` (web UI in any browser).',
        );
        await engine?.stop().catch(() => {});
        shutdownDone = true;
        app.exit(1);
      });
  }
}

async function boot(a: DesktopArgs): Promise<void> {
  const secretStore = await createSecretStore(a.dataDir);
  engine = await Engine.create({
    dataDir: a.dataDir,
    mediaDirs: a.mediaDirs,
    host: '127.0.0.1',
    port: a.port, // 0 = a random free port
    secretStore,
  });
  const { url } = await engine.start();
  engineUrl = url;
  log(`engine at ${url} (data: ${a.dataDir})`);
  if (engine.firstRunPassword) {
    log(`first start: the admin password for other browsers is ${engine.firstRunPassword} (shown once)`);
  }

  // The token goes to the page through the preload, never in a URL, and only to the engine's own origin.
  ipcMain.handle(SESSION_TOKEN_CHANNEL, async (event) => {
    if (!engine || !win || event.sender !== win.webContents || !isEngineOrigin(event.senderFrame?.url, engineUrl)) {
      throw new Error(`${SESSION_TOKEN_CHANNEL} is answered only for the Racoon UI`);
    }
    return engine.issueSessionToken('admin');
  });
  lockDownSession();
  createWindow(a.dataDir, url);
  createTray();
  engine.onPausedChange(() => refreshTray());
}

async function createSecretStore(dataDir: string): Promise<SecretStore> {
  const keytar = await loadKeytar({ log });
  const choice = chooseSecretStore({ keytar: keytar !== null, safeStorage: safeStorageUsable() });
  log(`secrets: ${choice.kind} (${choice.reason})`);
  if (choice.kind === 'keychain' && keytar) return new KeytarSecretStore(keytar);
  if (choice.kind === 'safe-storage') return new SafeStorageSecretStore(dataDir, safeStorage);
  return new EncryptedFileSecretStore(dataDir);
}

function safeStorageUsable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  // Without a keyring, Chromium on Linux encrypts with a hard-coded password ('basic_text'): weaker than our
  // 0600 key file, so it does not count.
  return !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
}

function lockDownSession(): void {
  const allowed = new Set(['fullscreen', 'notifications', 'clipboard-sanitized-write']);
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(allowed.has(permission) && isEngineOrigin(details.requestingUrl, engineUrl));
  });
}

function openExternal(url: string): void {
  if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
}

function createWindow(dataDir: string, url: string): void {
  const stateFile = windowStateFile(dataDir);
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const bounds = restoreWindowBounds(loadWindowState(stateFile), displays);

  const w = new BrowserWindow({
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Racoon',
    icon: path.join(resourcesDir, 'icon.png'),
    backgroundColor: '#16181d',
    autoHideMenuBar: true,
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });
  win = w;
  if (bounds.maximized) w.maximize();
  w.once('ready-to-show', () => w.show());

  const save = () => {
    if (w.isDestroyed()) return Promise.resolve();
    return saveWindowState(stateFile, { ...w.getNormalBounds(), maximized: w.isMaximized() }).catch((err) =>
      log(`could not save window state: ${errorText(err)}`),
    );
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void save(), 500);
  };
  w.on('resize', saveSoon);
  w.on('move', saveSoon);
  w.on('maximize', saveSoon);
  w.on('unmaximize', saveSoon);
  saveBoundsNow = save;

  // Closing the window hides it: the engine keeps downloading, recording and serving. Quit is in the tray.
  w.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    void save();
    w.hide();
  });
  w.on('show', () => refreshTray());
  w.on('hide', () => refreshTray());

  // Only the engine's own pages load in the window; links elsewhere open in the user's browser.
  w.webContents.setWindowOpenHandler(({ url: target }) => {
    openExternal(target);
    return { action: 'deny' };
  });
  w.webContents.on('will-navigate', (event) => {
    if (isEngineOrigin(event.url, engineUrl)) return;
    event.preventDefault();
    openExternal(event.url);
  });
  w.webContents.on('render-process-gone', (_e, details) => {
    log(`renderer gone (${details.reason}); reloading`);
    if (details.reason !== 'clean-exit' && !w.isDestroyed()) w.loadURL(url).catch(() => {});
  });
  w.loadURL(url).catch((err) => log(`could not load ${url}: ${errorText(err)}`));
}

function showWindow(): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function trayImage(): Electron.NativeImage {
  const img = nativeImage.createFromPath(path.join(resourcesDir, 'tray.png'));
  if (process.platform === 'linux' || img.isEmpty()) return img;
  // macOS and Windows draw tray icons at 16 pt: the 32 px image becomes the 2x representation.
  const out = nativeImage.createEmpty();
  out.addRepresentation({ scaleFactor: 1, buffer: img.resize({ width: 16, height: 16, quality: 'best' }).toPNG() });
  out.addRepresentation({ scaleFactor: 2, buffer: img.toPNG() });
  return out;
}

function createTray(): void {
  tray = new Tray(trayImage());
  tray.on('click', () => runAction(trayClickAction({ windowVisible: win?.isVisible() ?? false })));
  refreshTray();
}

function refreshTray(): void {
  if (!tray || tray.isDestroyed()) return;
  const state = {
    paused: engine?.isPaused() ?? false,
    windowVisible: win?.isVisible() ?? false,
    url: engineUrl,
    away: engine ? engine.cctv.away().away : undefined,
  };
  const template = buildTrayMenuModel(state).map((item): Electron.MenuItemConstructorOptions =>
    item.type === 'separator'
      ? { type: 'separator' }
      : { id: item.id, label: item.label, enabled: item.enabled, click: () => runAction(item.action) },
  );
  tray.setContextMenu(Menu.buildFromTemplate(template));
  tray.setToolTip(trayTooltip(state));
}

function runAction(action: TrayAction): void {
  switch (action) {
    case 'open-window':
      return showWindow();
    case 'hide-window':
      return win?.hide();
    case 'pause':
      return engine?.pause();
    case 'resume':
      return engine?.resume();
    case 'away-on':
    case 'away-off':
      void engine?.cctv.setAway(action === 'away-on').then(refreshTray, (err: Error) => log(`away mode: ${err.message}`));
      return;
    case 'open-browser':
      return openExternal(engineUrl);
    case 'quit':
      return app.quit();
    default: {
      const never: never = action;
      throw new Error(`unknown tray action ${String(never)}`);
    }
  }
}

/** Quit really quits: save the window, stop the engine (bounded), then let Electron exit. */
function onBeforeQuit(event: Electron.Event): void {
  quitting = true;
  if (shutdownDone) return;
  event.preventDefault();
  if (shutdownStarted) return;
  shutdownStarted = true;
  clearTimeout(saveTimer);
  const stop = async () => {
    await saveBoundsNow();
    await booting?.catch(() => {});
    if (engine) {
      log('stopping the engine…');
      await Promise.race([
        engine.stop(),
        new Promise<void>((resolve) =>
          setTimeout(() => (log('engine did not stop within 15 s; exiting'), resolve()), 15_000).unref(),
        ),
      ]);
    }
  };
  stop()
    .catch((err) => log(`error while stopping: ${errorText(err)}`))
    .finally(() => {
      shutdownDone = true;
      tray?.destroy();
      app.quit();
    });
}
