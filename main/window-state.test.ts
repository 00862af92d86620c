import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWindowState, restoreWindowBounds, saveWindowState, windowStateFile, type Rect } from './window-state.js';

const FHD: Rect = { x: 0, y: 0, width: 1920, height: 1040 }; // 1080p minus a taskbar
const RIGHT: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }; // second monitor to the right
const SMALL: Rect = { x: 0, y: 0, width: 1024, height: 700 };
const TINY: Rect = { x: 0, y: 0, width: 640, height: 480 };

describe('restoreWindowBounds', () => {
  const table: [string, unknown, Rect[], object][] = [
    // invalid or missing state → default 1280x800, centred
    ['nothing saved', null, [FHD], { width: 1280, height: 800, maximized: false }],
    ['a string', 'garbage', [FHD], { width: 1280, height: 800, maximized: false }],
    ['an array', [1, 2], [FHD], { width: 1280, height: 800, maximized: false }],
    ['width missing', { x: 0, y: 0, height: 700 }, [FHD], { width: 1280, height: 800, maximized: false }],
    ['NaN size', { x: 0, y: 0, width: NaN, height: 700 }, [FHD], { width: 1280, height: 800, maximized: false }],
    ['string size', { width: '900', height: '700' }, [FHD], { width: 1280, height: 800, maximized: false }],
    ['negative size', { x: 0, y: 0, width: -5, height: 700 }, [FHD], { width: 1280, height: 800, maximized: false }],
    ['Infinity size', { x: 0, y: 0, width: Infinity, height: 700 }, [FHD], { width: 1280, height: 800, maximized: false }],
    ['invalid but maximized', { maximized: true }, [FHD], { width: 1280, height: 800, maximized: true }],
    [
      'maximized must be true exactly',
      { width: 900, height: 700, maximized: 'yes' },
      [FHD],
      { width: 900, height: 700, maximized: false },
    ],
    // default shrinks to a small screen
    ['default on a 1024x700 screen', null, [SMALL], { width: 1024, height: 700, maximized: false }],
    // valid, on screen → kept (rounded)
    [
      'on the primary display',
      { x: 100, y: 50, width: 1000, height: 700 },
      [FHD],
      { x: 100, y: 50, width: 1000, height: 700, maximized: false },
    ],
    [
      'fractional values round',
      { x: 100.4, y: 50.6, width: 1000.5, height: 700.2 },
      [FHD],
      { x: 100, y: 51, width: 1001, height: 700, maximized: false },
    ],
    [
      'maximized kept',
      { x: 0, y: 0, width: 1000, height: 700, maximized: true },
      [FHD],
      { x: 0, y: 0, width: 1000, height: 700, maximized: true },
    ],
    [
      'on the second display',
      { x: 2100, y: 100, width: 1600, height: 1000 },
      [FHD, RIGHT],
      { x: 2100, y: 100, width: 1600, height: 1000, maximized: false },
    ],
    // minimum size 800x560
    [
      'too small → min size',
      { x: 10, y: 10, width: 300, height: 200 },
      [FHD],
      { x: 10, y: 10, width: 800, height: 560, maximized: false },
    ],
    ['too small, no position', { width: 300, height: 200 }, [FHD], { width: 800, height: 560, maximized: false }],
    // partly off screen → moved inside
    [
      'hanging off the right edge',
      { x: 1500, y: 100, width: 1000, height: 700 },
      [FHD],
      { x: 920, y: 100, width: 1000, height: 700, maximized: false },
    ],
    [
      'title bar above the top',
      { x: 100, y: -300, width: 1000, height: 700 },
      [FHD],
      { x: 100, y: 0, width: 1000, height: 700, maximized: false },
    ],
    [
      'hanging off the left edge',
      { x: -400, y: 100, width: 1000, height: 700 },
      [FHD],
      { x: 0, y: 100, width: 1000, height: 700, maximized: false },
    ],
    [
      'larger than the display → shrunk to it',
      { x: 0, y: 0, width: 3000, height: 2000 },
      [FHD],
      { x: 0, y: 0, width: 1920, height: 1040, maximized: false },
    ],
    [
      'straddling two displays → the one with most of it',
      { x: 1700, y: 100, width: 1000, height: 700 },
      [FHD, RIGHT],
      { x: 1920, y: 100, width: 1000, height: 700, maximized: false },
    ],
    [
      'straddling, mostly on the left one',
      { x: 1200, y: 100, width: 1000, height: 700 },
      [FHD, RIGHT],
      { x: 920, y: 100, width: 1000, height: 700, maximized: false },
    ],
    // off every display → centred (no x/y), size fitted to the primary
    [
      'unplugged second monitor',
      { x: 2100, y: 100, width: 1600, height: 1000 },
      [FHD],
      { width: 1600, height: 1000, maximized: false },
    ],
    [
      'unplugged big monitor, window larger than primary',
      { x: 2100, y: 0, width: 2400, height: 1300 },
      [FHD],
      { width: 1920, height: 1040, maximized: false },
    ],
    [
      'far away negative',
      { x: -5000, y: -5000, width: 1000, height: 700 },
      [FHD],
      { width: 1000, height: 700, maximized: false },
    ],
    [
      'only a sliver visible (20px)',
      { x: 1900, y: 100, width: 1000, height: 700 },
      [FHD],
      { width: 1000, height: 700, maximized: false },
    ],
    // display smaller than the minimum: the display wins
    [
      'display smaller than the minimum',
      { x: 0, y: 0, width: 1000, height: 700 },
      [TINY],
      { x: 0, y: 0, width: 640, height: 480, maximized: false },
    ],
    // no display information → sizes only validated, position dropped
    ['no displays', { x: 100, y: 100, width: 1000, height: 700 }, [], { width: 1000, height: 700, maximized: false }],
    [
      'bogus displays ignored',
      { x: 100, y: 100, width: 1000, height: 700 },
      [{ x: 0, y: 0, width: 0, height: 0 }, FHD],
      { x: 100, y: 100, width: 1000, height: 700, maximized: false },
    ],
  ];
  it.each(table)('%s', (_name, saved, displays, expected) => {
    expect(restoreWindowBounds(saved, displays)).toEqual(expected);
  });

  it('always returns a size at least 800x560 when the display allows it, and stays inside the chosen display', () => {
    let seed = 12345; // deterministic pseudo-random rows
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const r = () => Math.round((rand() - 0.3) * 5000);
      const saved = { x: r(), y: r(), width: r(), height: r() };
      const b = restoreWindowBounds(saved, [FHD, RIGHT]);
      expect(b.width).toBeGreaterThanOrEqual(800);
      expect(b.height).toBeGreaterThanOrEqual(560);
      if (b.x !== undefined && b.y !== undefined) {
        const inside = [FHD, RIGHT].some(
          (d) => b.x! >= d.x && b.y! >= d.y && b.x! + b.width <= d.x + d.width && b.y! + b.height <= d.y + d.height,
        );
        expect(inside).toBe(true);
      }
    }
  });
});

describe('load/save window state', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-window-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips through the data directory', async () => {
    const file = windowStateFile(dir);
    expect(file).toBe(path.join(dir, 'window-state.json'));
    expect(loadWindowState(file)).toBeNull();
    await saveWindowState(file, { x: 10.2, y: 20, width: 1100, height: 720, maximized: true });
    const saved = loadWindowState(file);
    expect(saved).toEqual({ version: 1, x: 10, y: 20, width: 1100, height: 720, maximized: true });
    expect(restoreWindowBounds(saved, [FHD])).toEqual({ x: 10, y: 20, width: 1100, height: 720, maximized: true });
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']);
  });

  it('treats a corrupt file as nothing saved', () => {
    const file = windowStateFile(dir);
    fs.writeFileSync(file, '{"x": 1,');
    expect(loadWindowState(file)).toBeNull();
    expect(restoreWindowBounds(loadWindowState(file), [FHD])).toEqual({ width: 1280, height: 800, maximized: false });
  });

  it('creates a missing data directory when saving', async () => {
    const file = windowStateFile(path.join(dir, 'new', 'data'));
    await saveWindowState(file, { x: 0, y: 0, width: 900, height: 600, maximized: false });
    expect(loadWindowState(file)).toMatchObject({ width: 900, height: 600 });
  });
});
