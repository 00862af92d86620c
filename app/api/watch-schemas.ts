import { z } from 'zod';
import type * as Api from './api-types.js';

// Runtime schemas of the watch-state routes (validation + OpenAPI), kept in step with api-types.ts by the checks below.

/** a week: longer is not a video, it is a mistake */
const MAX_SECONDS = 7 * 24 * 3600;

export const progressReportSchema = z
  .object({
    positionSec: z
      .number({ error: 'must be a number of seconds' })
      .min(0, 'must be 0 or more seconds')
      .max(MAX_SECONDS, `must be at most ${MAX_SECONDS} seconds`),
    durationSec: z
      .number({ error: 'must be a number of seconds' })
      .positive('must be more than 0 seconds')
      .max(MAX_SECONDS, `must be at most ${MAX_SECONDS} seconds`)
      .optional(),
    paused: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

export const fileProgressSchema = z.object({
  fileId: z.number(),
  positionSec: z.number().nullable(),
  durationSec: z.number().nullable(),
  played: z.boolean(),
  lastWatchedAt: z.string().nullable(),
});

export const progressResultSchema = fileProgressSchema.extend({
  outcome: z.enum(['resume', 'played', 'none']),
  reason: z.enum(['in-progress', 'reached-end', 'near-start', 'under-a-minute']),
  message: z.string(),
});

export const itemWatchSummarySchema = z.object({
  itemId: z.number(),
  played: z.boolean(),
  positionSec: z.number().nullable(),
  durationSec: z.number().nullable(),
  playedEpisodes: z.number(),
  totalEpisodes: z.number(),
  lastWatchedAt: z.string().nullable(),
});

const episodeWatchStateSchema = z.object({
  episodeId: z.number(),
  season: z.number(),
  number: z.number(),
  played: z.boolean(),
  playCount: z.number(),
  positionSec: z.number().nullable(),
  durationSec: z.number().nullable(),
  lastWatchedAt: z.string().nullable(),
});

export const itemWatchStateSchema = itemWatchSummarySchema.extend({
  playCount: z.number(),
  episodes: z.array(episodeWatchStateSchema),
  nextUp: z.object({ episodeId: z.number(), season: z.number(), number: z.number(), fileId: z.number() }).nullable(),
});

export const continueWatchingEntrySchema = z.object({
  kind: z.enum(['resume', 'next-up']),
  item: z.object({ id: z.number(), type: z.enum(['movie', 'series']), title: z.string(), year: z.number().nullable() }),
  episode: z.object({ id: z.number(), season: z.number(), number: z.number(), title: z.string().nullable() }).nullable(),
  fileId: z.number(),
  positionSec: z.number().nullable(),
  durationSec: z.number().nullable(),
  lastWatchedAt: z.string(),
});

/** `?season=N` on a series' played mark: that season only */
export const seasonQuerySchema = z
  .object({
    season: z.coerce.number({ error: 'must be a season number' }).int('must be a whole number').min(0).max(10_000).optional(),
  })
  .strict();

export const continueQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).optional() }).strict();

// ---- compile-time agreement between the schemas and the wire types ----------------------------
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function agree<T extends true>(): T | undefined {
  return undefined;
}
agree<Same<z.infer<typeof progressReportSchema>, Api.ProgressReport>>();
agree<Same<z.infer<typeof fileProgressSchema>, Api.FileProgress>>();
agree<Same<z.infer<typeof progressResultSchema>, Api.ProgressResult>>();
agree<Same<z.infer<typeof itemWatchSummarySchema>, Api.ItemWatchSummary>>();
agree<Same<z.infer<typeof itemWatchStateSchema>, Api.ItemWatchState>>();
agree<Same<z.infer<typeof continueWatchingEntrySchema>, Api.ContinueWatchingEntry>>();
