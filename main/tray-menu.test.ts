import { describe, expect, it } from 'vitest';
import { buildTrayMenuModel, displayUrl, trayClickAction, trayTooltip, type TrayMenuItem } from './tray-menu.js';

const URL = 'http://127.0.0.1:43123/';
const summary = (items: TrayMenuItem[]) => items.map((i) => (i.type === 'separator' ? '---' : `${i.action}:${i.label}`));

describe('buildTrayMenuModel', () => {
  const table: [string, { paused: boolean; windowVisible: boolean }, string[]][] = [
    [
      'running, window hidden',
      { paused: false, windowVisible: false },
      [
        'open-window:Open Racoon',
        'pause:Pause all work',
        'open-browser:Open in browser (127.0.0.1:43123)',
        '---',
        'quit:Quit Racoon',
      ],
    ],
    [
      'running, window shown',
      { paused: false, windowVisible: true },
      [
        'open-window:Open Racoon',
        'pause:Pause all work',
        'open-browser:Open in browser (127.0.0.1:43123)',
        '---',
        'quit:Quit Racoon',
      ],
    ],
    [
      'paused, window hidden',
      { paused: true, windowVisible: false },
      [
        'open-window:Open Racoon',
        'resume:Resume all work',
        'open-browser:Open in browser (127.0.0.1:43123)',
        '---',
        'quit:Quit Racoon',
      ],
    ],
    [
      'paused, window shown',
      { paused: true, windowVisible: true },
      [
        'open-window:Open Racoon',
        'resume:Resume all work',
        'open-browser:Open in browser (127.0.0.1:43123)',
        '---',
        'quit:Quit Racoon',
      ],
    ],
  ];
  it.each(table)('%s', (_name, state, expected) => {
    expect(summary(buildTrayMenuModel({ ...state, url: URL }))).toEqual(expected);
  });

  it('gives every item an id and an action id (null only for the separator), ids unique', () => {
    const items = buildTrayMenuModel({ paused: false, windowVisible: false, url: URL });
    for (const i of items) {
      if (i.type === 'separator') expect(i.action).toBeNull();
      else expect(i.action).toBe(i.id);
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('disables "Open in browser" until the engine has a URL', () => {
    const item = buildTrayMenuModel({ paused: false, windowVisible: false, url: '' }).find((i) => i.id === 'open-browser');
    expect(item).toMatchObject({ enabled: false });
  });
});

describe('trayTooltip', () => {
  it.each([
    [false, URL, 'Racoon — running at 127.0.0.1:43123'],
    [true, URL, 'Racoon — paused (downloads, scans and recordings stopped) at 127.0.0.1:43123'],
    [false, '', 'Racoon — running'],
  ])('paused=%s url=%s', (paused, url, text) => {
    expect(trayTooltip({ paused, url })).toBe(text);
  });
});

describe('trayClickAction', () => {
  it.each([
    [false, 'open-window'],
    [true, 'hide-window'],
  ])('windowVisible=%s → %s', (windowVisible, action) => {
    expect(trayClickAction({ windowVisible })).toBe(action);
  });
});

describe('displayUrl', () => {
  it.each([
    ['http://127.0.0.1:43123/', '127.0.0.1:43123'],
    ['http://[::1]:8700/', '[::1]:8700'],
    ['http://127.0.0.1:8700/ui/', '127.0.0.1:8700/ui/'],
    ['not a url', 'not a url'],
  ])('%s → %s', (url, shown) => expect(displayUrl(url)).toBe(shown));
});

describe('the away item (cameras)', () => {
  const labels = (away: boolean | undefined) =>
    summary(buildTrayMenuModel({ paused: false, windowVisible: false, url: URL, away })).filter((l) => l.startsWith('away'));
  it.each([
    [undefined, []],
    [false, ['away-on:Away mode (arm every camera)']],
    [true, ['away-off:End away mode (cameras back to their modes)']],
  ])('away %s → %o', (away, expected) => expect(labels(away)).toEqual(expected));

  it('sits right after pause/resume', () => {
    const items = summary(buildTrayMenuModel({ paused: true, windowVisible: false, url: URL, away: false }));
    expect(items.slice(0, 3)).toEqual(['open-window:Open Racoon', 'resume:Resume all work', 'away-on:Away mode (arm every camera)']);
  });
});
