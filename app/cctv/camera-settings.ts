/**
 * What a camera can be set to beyond its URLs: the recording mode, motion detection (sensitivity, minimum area,
 * masked zones, cooldown), the weekly schedule and its own retention days. One zod schema per part, used by the API
 * (400 naming each bad field) and by the store (a damaged row falls back to the defaults, never stops the engine).
 */
import { z } from 'zod';
import { UserError } from '../core/user-error.js';
import { intervalProblems, type ScheduleInterval } from './camera-schedule.js';

export const CAMERA_MODES = ['off', 'continuous', 'events', 'events+continuous', 'schedule'] as const;
export type CameraMode = (typeof CAMERA_MODES)[number];
/** What a camera does at a given moment (a schedule resolves to one of these). */
export type EffectiveMode = 'off' | 'continuous' | 'events' | 'events+continuous';

/** Modes that need a sub-stream: continuous footage comes from it. */
export const SUB_STREAM_MODES: ReadonlySet<CameraMode> = new Set(['events+continuous']);

const fraction = z.number().min(0).max(1);

/** A masked-out rectangle in fractions of the picture. */
export const zoneSchema = z
  .object({ x: fraction, y: fraction, w: z.number().gt(0).max(1), h: z.number().gt(0).max(1) })
  .strict()
  .superRefine((zone, ctx) => {
    // a little slack for fractions computed in a browser (0.1 + 0.9)
    if (zone.x + zone.w > 1.0001)
      ctx.addIssue({ code: 'custom', path: ['w'], message: 'x + w must not pass the right edge (1)' });
    if (zone.y + zone.h > 1.0001)
      ctx.addIssue({ code: 'custom', path: ['h'], message: 'y + h must not pass the bottom edge (1)' });
  });

export const detectionSchema = z
  .object({
    /** 0 (only big, strong changes) … 100 (the smallest flicker) */
    sensitivity: z.number().min(0).max(100),
    /** the smallest share of the unmasked picture that must change */
    minArea: fraction,
    zones: z.array(zoneSchema).max(32),
    /** a motion start this soon after the last event's end extends that event instead of raising a new one */
    cooldownSec: z.number().min(0).max(3600),
  })
  .strict();
export type CameraDetection = z.infer<typeof detectionSchema>;

export const DEFAULT_DETECTION: CameraDetection = { sensitivity: 60, minArea: 0.01, zones: [], cooldownSec: 30 };

/** One weekday interval; its times are checked by intervalProblems (same rules as the schedule itself). */
export const scheduleIntervalSchema = z
  .object({ day: z.number(), start: z.string().max(5), end: z.string().max(5), mode: z.string() })
  .strict()
  .superRefine((interval, ctx) => {
    for (const p of intervalProblems(interval as ScheduleInterval))
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });
// typed as the intervals it lets through: superRefine checked every field (zod's own enum would stop at the first)
export const scheduleSchema = z.array(scheduleIntervalSchema).max(200) as unknown as z.ZodType<ScheduleInterval[]>;

const days = z.number().min(0.04).max(3650).nullable();
/** null = the global setting (GET /settings/cameras/retention) */
export const cameraRetentionSchema = z.object({ continuousDays: days, eventDays: days }).strict();
export type CameraRetentionDays = z.infer<typeof cameraRetentionSchema>;

export const NO_RETENTION_OVERRIDE: CameraRetentionDays = { continuousDays: null, eventDays: null };

/** The mode, or a UserError naming it. */
export function parseMode(mode: string): CameraMode {
  if ((CAMERA_MODES as readonly string[]).includes(mode)) return mode as CameraMode;
  throw new UserError(`mode: must be one of ${CAMERA_MODES.join(', ')} (got "${mode}")`);
}

/** A JSON column read back through its schema; a damaged value gives the fallback. */
export function readJsonColumn<T>(raw: string | null, schema: z.ZodType<T>, fallback: T): T {
  if (raw === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}
