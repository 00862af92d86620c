/**
 * Software motion detection on small grey frames (the sub-stream at a low frame rate, scaled down by ffmpeg): each
 * frame is compared with a slowly updated background; pixels that differ by more than the sensitivity's threshold,
 * outside masked zones, count as changed, and a frame with enough changed area is a motion frame. Events start after a
 * few motion frames in a row (one flickering frame is not an alarm) and end after a quiet spell. Pure, no I/O.
 */

export interface MotionSettings {
  width: number;
  height: number;
  /** 1 (only big, strong changes) … 100 (the smallest flicker): sets the per-pixel threshold */
  sensitivity: number;
  /** the smallest share of the unmasked picture that must change, 0..1 */
  minArea: number;
  /** rectangles to ignore (a tree in the wind, a busy road), in fractions of the picture: 0..1 */
  masks: ReadonlyArray<{ x: number; y: number; width: number; height: number }>;
  /** motion frames in a row before an event starts */
  startFrames: number;
  /** seconds without motion before the event ends */
  quietSec: number;
  /** how fast the background follows the scene (0..1 per frame): slow enough that a walker is not absorbed */
  backgroundRate: number;
}

export const DEFAULT_MOTION: Omit<MotionSettings, 'width' | 'height'> = {
  sensitivity: 60,
  minArea: 0.01,
  masks: [],
  startFrames: 2,
  quietSec: 5,
  backgroundRate: 0.05,
};

export interface FrameVerdict {
  /** share of unmasked pixels that changed */
  changedArea: number;
  motion: boolean;
}

/** Per-pixel difference that counts as a change: sensitivity 100 → 8 grey levels, 1 → 80. */
export const pixelThreshold = (sensitivity: number) => Math.round(80 - (Math.min(100, Math.max(1, sensitivity)) - 1) * (72 / 99));

/** 1 where the pixel is looked at, 0 where a mask covers it. */
export function maskMap(settings: Pick<MotionSettings, 'width' | 'height' | 'masks'>): Uint8Array {
  const { width, height } = settings;
  const map = new Uint8Array(width * height).fill(1);
  for (const m of settings.masks) {
    const x0 = Math.max(0, Math.floor(m.x * width));
    const y0 = Math.max(0, Math.floor(m.y * height));
    const x1 = Math.min(width, Math.ceil((m.x + m.width) * width));
    const y1 = Math.min(height, Math.ceil((m.y + m.height) * height));
    for (let y = y0; y < y1; y++) map.fill(0, y * width + x0, y * width + x1);
  }
  return map;
}

/** Compares frames with the background. Feed it frames in order; the first one only becomes the background. */
export class FrameComparer {
  private background: Float32Array | null = null;
  private readonly mask: Uint8Array;
  private readonly watched: number;
  private readonly threshold: number;

  constructor(private readonly settings: MotionSettings) {
    this.mask = maskMap(settings);
    this.watched = this.mask.reduce((n, v) => n + v, 0);
    this.threshold = pixelThreshold(settings.sensitivity);
  }

  push(frame: Uint8Array): FrameVerdict {
    const size = this.settings.width * this.settings.height;
    if (frame.length !== size)
      throw new Error(`a frame of ${frame.length} bytes; expected ${size} (${this.settings.width}×${this.settings.height} grey)`);
    if (!this.background) {
      this.background = Float32Array.from(frame);
      return { changedArea: 0, motion: false };
    }
    const bg = this.background;
    const rate = this.settings.backgroundRate;
    let changed = 0;
    for (let i = 0; i < size; i++) {
      const diff = Math.abs(frame[i] - bg[i]);
      if (this.mask[i] && diff > this.threshold) changed++;
      bg[i] += (frame[i] - bg[i]) * rate;
    }
    const changedArea = this.watched ? changed / this.watched : 0;
    return { changedArea, motion: changedArea >= this.settings.minArea };
  }
}

export type MotionEvent =
  { type: 'start'; atSec: number; changedArea: number } | { type: 'end'; atSec: number; startedSec: number; peakArea: number };

/** Turns per-frame verdicts (with their times) into event starts and ends. */
export class MotionEvents {
  private streak = 0;
  private active: { startedSec: number; lastMotionSec: number; peakArea: number } | null = null;

  constructor(private readonly settings: Pick<MotionSettings, 'startFrames' | 'quietSec'>) {}

  get inEvent(): boolean {
    return this.active !== null;
  }

  push(verdict: FrameVerdict, atSec: number): MotionEvent | null {
    if (verdict.motion) {
      this.streak++;
      if (this.active) {
        this.active.lastMotionSec = atSec;
        this.active.peakArea = Math.max(this.active.peakArea, verdict.changedArea);
        return null;
      }
      if (this.streak >= this.settings.startFrames) {
        this.active = { startedSec: atSec, lastMotionSec: atSec, peakArea: verdict.changedArea };
        return { type: 'start', atSec, changedArea: verdict.changedArea };
      }
      return null;
    }
    this.streak = 0;
    return this.active ? this.endIfQuiet(atSec) : null;
  }

  /** Ends a running event when the stream stops (the camera went away, the engine stops). */
  flush(atSec: number): MotionEvent | null {
    if (!this.active) return null;
    const { startedSec, peakArea } = this.active;
    this.active = null;
    return { type: 'end', atSec, startedSec, peakArea };
  }

  private endIfQuiet(atSec: number): MotionEvent | null {
    if (atSec - this.active!.lastMotionSec < this.settings.quietSec) return null;
    return this.flush(atSec);
  }
}
