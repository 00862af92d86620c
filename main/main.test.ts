/**
 * main.ts end to end with the real engine, under a stand-in for the Electron API (its binary cannot run here).
 * The stand-in records what main.ts asks of Electron and lets the test play the user: click tray items, close the
 * window, ask for the session token from the page, quit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const state = {
    windows: [] as FakeWindow[],
    trays: [] as FakeTray[],
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    external: [] as string[],
    errors: [] as [string, string][],
    exitCode: null as number | null,
    quitted: false,
    userData: '',
    permissionHandler: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void),
  };
  class FakeWebContents extends Emitter {
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      this.openHandler = h;
    }
  }
  class FakeWindow extends Emitter {
    url = '';
    visible = false;
    maximized = false;
    webContents = new FakeWebContents();
    constructor(readonly options: Record<string, any>) {
      super();
      state.windows.push(this);
    }
    async loadURL(url: string) {
      this.url = url;
    }
    show() {
      this.visible = true;
      this.emit('show');
    }
    hide() {
      this.visible = false;
      this.emit('hide');
    }
    isVisible() {
      return this.visible;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    isDestroyed() {
      return false;
    }
    getNormalBounds() {
      return { x: 40, y: 30, width: this.options.width, height: this.options.height };
    }
  }
  class FakeTray extends Emitter {
    menu: { items: any[] } | null = null;
    tooltip = '';
    destroyed = false;
    constructor(readonly image: { path: string }) {
      super();
      state.trays.push(this);
    }
    setContextMenu(menu: { items: any[] }) {
      this.menu = menu;
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const image = (p: string) => ({
    path: p,
    isEmpty: () => false,
    resize: () => image(p),
    toPNG: () => Buffer.alloc(0),
    addRepresentation: () => {},
  });
  const app = Object.assign(new Emitter(), {
    getAppPath: () => process.cwd(),
    setPath: (name: string, p: string) => {
      if (name === 'userData') state.userData = p;
    },
    setAppUserModelId: () => {},
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit() {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      app.emit('before-quit', event);
      if (!event.defaultPrevented) state.quitted = true;
    },
    exit: (code: number) => {
      state.exitCode = code;
    },
  });
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (items: any[]) => ({ items }) },
    nativeImage: { createFromPath: image, createEmpty: () => image('') },
    dialog: { showErrorBox: (title: string, msg: string) => state.errors.push([title, msg]) },
    ipcMain: { handle: (channel: string, h: (event: unknown) => unknown) => state.handlers.set(channel, h) },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof state.permissionHandler) => (state.permissionHandler = h),
      },
    },
    shell: { openExternal: async (url: string) => void state.external.push(url) },
  };
  return { state, electron };
});

vi.mock('electron', () => fake.electron);

const { state } = fake;
let dataDir: string;
let url: string;
const logs: string[] = [];

async function until<T>(what: string, get: () => T | undefined | null | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (state.errors.length) throw new Error(`startup failed: ${state.errors.map((e) => e.join(': ')).join('\n')}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const win = () => state.windows[0]!;
const tray = () => state.trays[0]!;
const labels = () => tray().menu!.items.map((i) => (i.type === 'separator' ? '---' : i.label));
const click = (label: string) =>
  tray()
    .menu!.items.find((i) => i.label === label)!
    .click();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-main-'));
  process.env.RACOON_DATA = dataDir;
  const origLog = console.log;
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    const line = a.map(String).join(' ');
    if (line.startsWith('[racoon]')) logs.push(line);
    else origLog(...a);
  });
  await import('./main.js');
  url = await until('the window to load the engine', () => state.windows[0]?.url);
  await until('the tray', () => state.trays[0]?.menu);
}, 60_000);

afterAll(async () => {
  if (!state.quitted) fake.electron.app.quit();
  await until('quit', () => state.quitted).catch(() => {});
  delete process.env.RACOON_DATA;
  vi.restoreAllMocks();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('main.ts under an Electron stand-in, with the real engine', () => {
  it('boots the engine on 127.0.0.1 with the data dir and the encrypted-file secret store', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(state.userData).toBe(path.join(dataDir, 'electron'));
    expect(logs.join('\n')).toMatch(/secrets: encrypted-file/);
    expect(fs.existsSync(path.join(dataDir, 'racoon.db'))).toBe(true);
  });

  it('opens a sandboxed, isolated window with the preload and default bounds', () => {
    const o = win().options;
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(o.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(o).toMatchObject({ width: 1280, height: 800, minWidth: 800, minHeight: 560, show: false });
    expect(o.x).toBeUndefined();
    win().emit('ready-to-show');
    expect(win().visible).toBe(true);
  });

  it('hands a session token to the engine page only, and the engine accepts it', async () => {
    const handler = state.handlers.get('racoon:session-token')!;
    const token = (await handler({ sender: win().webContents, senderFrame: { url: `${url}library` } })) as string;
    expect(typeof token).toBe('string');
    const res = await fetch(new URL('/api/v1/auth/session', url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeTruthy();

    await expect(handler({ sender: win().webContents, senderFrame: { url: 'https://evil.example/' } })).rejects.toThrow(
      /only for the Racoon UI/,
    );
    await expect(handler({ sender: {}, senderFrame: { url } })).rejects.toThrow(/only for the Racoon UI/);
    await expect(handler({ sender: win().webContents, senderFrame: null })).rejects.toThrow(/only for the Racoon UI/);
  });

  it('shows the tray menu and pauses/resumes all work through the engine', async () => {
    const host = new URL(url).host;
    expect(tray().image.path).toBe(path.join(repo, 'resources', 'tray.png'));
    expect(labels()).toEqual([
      'Open Racoon',
      'Pause all work',
      'Away mode (arm every camera)',
      `Open in browser (${host})`,
      '---',
      'Quit Racoon',
    ]);
    expect(tray().tooltip).toBe(`Racoon — running at ${host}`);

    // away mode goes through the engine's cameras and back
    click('Away mode (arm every camera)');
    await until('the menu to offer ending away mode', () => labels().includes('End away mode (cameras back to their modes)'));
    click('End away mode (cameras back to their modes)');
    await until('the menu to offer away mode', () => labels().includes('Away mode (arm every camera)'));

    click('Pause all work');
    await until('the menu to offer Resume', () => labels().includes('Resume all work'));
    expect(tray().tooltip).toMatch(/paused/);

    click('Resume all work');
    await until('the menu to offer Pause', () => labels().includes('Pause all work'));

    click(`Open in browser (${host})`);
    expect(state.external.at(-1)).toBe(url);
  });

  it('closing the window hides it to the tray and saves its bounds; tray click and second instance show it', async () => {
    let prevented = false;
    win().emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(win().visible).toBe(false);
    const stateFile = path.join(dataDir, 'window-state.json');
    await until('window-state.json', () => fs.existsSync(stateFile));
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toMatchObject({ x: 40, y: 30, width: 1280, height: 800 });

    tray().emit('click');
    expect(win().visible).toBe(true);
    tray().emit('click');
    expect(win().visible).toBe(false);
    fake.electron.app.emit('second-instance');
    expect(win().visible).toBe(true);
  });

  it('keeps navigation on the engine and sends other links to the browser', () => {
    const nav = (target: string) => {
      let prevented = false;
      win().webContents.emit('will-navigate', { url: target, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(nav(`${url}settings`)).toBe(false);
    expect(nav('https://www.themoviedb.org/movie/1')).toBe(true);
    expect(state.external.at(-1)).toBe('https://www.themoviedb.org/movie/1');
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(state.external.at(-1)).not.toBe('file:///etc/passwd');
    expect(win().webContents.openHandler!({ url: 'https://imdb.com/' })).toEqual({ action: 'deny' });
    expect(state.external.at(-1)).toBe('https://imdb.com/');
  });

  it('grants only harmless permissions, only to the engine page', () => {
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      state.permissionHandler!({}, permission, (ok) => (granted = ok), { requestingUrl });
      return granted;
    };
    expect(ask('fullscreen', url)).toBe(true);
    expect(ask('notifications', url)).toBe(true);
    expect(ask('media', url)).toBe(false);
    expect(ask('geolocation', url)).toBe(false);
    expect(ask('fullscreen', 'https://evil.example/')).toBe(false);
  });

  it('Quit in the tray stops the engine, then really quits', async () => {
    click('Quit Racoon');
    expect(state.quitted).toBe(false); // first before-quit is held until the engine has stopped
    await until('quit', () => state.quitted);
    await expect(fetch(url)).rejects.toThrow();
    expect(tray().destroyed).toBe(true);
    let prevented = false;
    win().emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false); // while quitting, close really closes
  });
});
