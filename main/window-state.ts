/** Window bounds: validate what was saved, keep the window on a visible display. No electron import. */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../app/core/secret-store.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 800;
export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 560;
/** How much of the window (px in each direction) must overlap a display to count as "on" it. */
const MIN_VISIBLE = 48;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

function validDisplays(displays: unknown): Rect[] {
  if (!Array.isArray(displays)) return [];
  return displays.filter(
    (d): d is Rect => !!d && isNum(d.x) && isNum(d.y) && isNum(d.width) && isNum(d.height) && d.width > 0 && d.height > 0,
  );
}

/** Size clamped to [min, display] (the display wins when it is smaller than the minimum). */
function fitSize(width: number, height: number, display: Rect | undefined): { width: number; height: number } {
  let w = Math.max(MIN_WIDTH, Math.round(width));
  let h = Math.max(MIN_HEIGHT, Math.round(height));
  if (display) {
    w = Math.min(w, display.width);
    h = Math.min(h, display.height);
  }
  return { width: w, height: h };
}

/**
 * Bounds for the main window from saved JSON and the displays' work areas (primary first).
 * Invalid or missing state gives 1280x800 centred (no x/y); a window that is no longer on any display is centred on
 * the primary one; a window partly off its display is moved (and shrunk if needed) to fit inside it.
 */
export function restoreWindowBounds(saved: unknown, displays: Rect[]): WindowBounds {
  const screens = validDisplays(displays);
  const primary = screens[0];
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Record<string, unknown>;
  const maximized = s.maximized === true;

  if (!isNum(s.width) || !isNum(s.height) || s.width <= 0 || s.height <= 0) {
    return { ...fitSize(DEFAULT_WIDTH, DEFAULT_HEIGHT, primary), maximized };
  }
  if (!isNum(s.x) || !isNum(s.y)) {
    return { ...fitSize(s.width, s.height, primary), maximized };
  }

  const rect: Rect = { x: Math.round(s.x), y: Math.round(s.y), width: s.width, height: s.height };
  let best: Rect | undefined;
  let bestArea = 0;
  for (const d of screens) {
    const o = overlap(rect, d);
    if (o.w >= Math.min(MIN_VISIBLE, rect.width) && o.h >= Math.min(MIN_VISIBLE, rect.height) && o.w * o.h > bestArea) {
      best = d;
      bestArea = o.w * o.h;
    }
  }
  if (!best) {
    // Its display is gone (unplugged monitor) or there is no display information: let the window be centred.
    return { ...fitSize(s.width, s.height, primary), maximized };
  }
  const size = fitSize(s.width, s.height, best);
  const x = Math.min(Math.max(rect.x, best.x), best.x + best.width - size.width);
  const y = Math.min(Math.max(rect.y, best.y), best.y + best.height - size.height);
  return { x, y, ...size, maximized };
}

/** Reads saved window state; null when missing or unreadable (a corrupt file must not stop the app). */
export function loadWindowState(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Saves the window's normal (unmaximized) bounds and whether it was maximized. */
export async function saveWindowState(file: string, bounds: Rect & { maximized: boolean }): Promise<void> {
  const state = {
    version: 1,
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    maximized: bounds.maximized,
  };
  await writeFileAtomic(file, JSON.stringify(state) + '\n', 0o644);
}

export function windowStateFile(dataDir: string): string {
  return path.join(dataDir, 'window-state.json');
}
