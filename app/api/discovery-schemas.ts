import { z } from 'zod';
import type * as Api from './api-types.js';
import type { ReleaseProfile } from '../discovery/release-profile.js';

// Runtime schemas of the discovery routes (validation + OpenAPI), kept in step with api-types.ts by the checks below.

const provider = z.enum(['tmdb', 'omdb']);
const kind = z.enum(['movie', 'series']);

export const titleHitSchema = z.object({
  provider,
  id: z.string(),
  kind,
  title: z.string(),
  originalTitle: z.string().nullable(),
  year: z.number().nullable(),
  overview: z.string().nullable(),
  rating: z.number().nullable(),
  votes: z.number().nullable(),
  poster: z.string().nullable(),
  imdbId: z.string().nullable(),
  tmdbId: z.number().nullable(),
});

export const titleSearchResponseSchema = z.object({
  hits: z.array(titleHitSchema),
  providers: z.array(z.object({ id: provider, status: z.enum(['ok', 'error']), error: z.string().optional() })),
});

const episodeSchema = z.object({
  number: z.number(),
  title: z.string().nullable(),
  airDate: z.string().nullable(),
  runtimeMin: z.number().nullable(),
});

export const titleDetailsSchema = titleHitSchema.extend({
  runtimeMin: z.number().nullable(),
  genres: z.array(z.string()),
  seasons: z.array(
    z.object({
      number: z.number(),
      name: z.string().nullable(),
      airDate: z.string().nullable(),
      episodeCount: z.number(),
      episodes: z.array(episodeSchema),
    }),
  ),
});

export const releaseRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  indexers: z.array(z.string()),
  size: z.number(),
  seeders: z.number().nullable(),
  leechers: z.number().nullable(),
  publishDate: z.string().nullable(),
  infoHash: z.string().nullable(),
  infoUrl: z.string().nullable(),
  uri: z.string().nullable(),
  quality: z.string().nullable(),
  source: z.string().nullable(),
  codec: z.string().nullable(),
  voice: z.array(z.string()),
  seasons: z.array(z.number()),
  episodes: z.array(z.number()),
  accepted: z.boolean(),
  score: z.number(),
  rejections: z.array(z.object({ code: z.string(), message: z.string() })),
  breakdown: z.array(z.object({ factor: z.string(), points: z.number(), value: z.string(), why: z.string() })),
  notes: z.array(z.string()),
});

const indexerRunSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['ok', 'error', 'skipped']),
  count: z.number(),
  error: z.string().optional(),
  ms: z.number(),
});

export const releaseSearchResponseSchema = z.object({
  title: titleDetailsSchema,
  season: z.number().nullable(),
  episode: z.number().nullable(),
  profile: z.string(),
  releases: z.array(releaseRowSchema),
  best: z.object({ id: z.string(), why: z.string() }).nullable(),
  plan: z
    .object({
      picks: z.array(z.object({ releaseId: z.string(), seasons: z.array(z.number()), reason: z.string() })),
      uncovered: z.array(z.number()),
    })
    .nullable(),
  indexers: z.array(indexerRunSchema),
});

export const grabRequestSchema = z
  .object({
    uri: z.string().min(1).max(10_000),
    releaseTitle: z.string().max(1000),
    infoHash: z.string().nullable(),
    title: z.object({ provider, kind, id: z.string().min(1).max(100) }),
  })
  .strict();

export const indexerInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  hasApiKey: z.boolean(),
  health: z.object({
    lastOkAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    consecutiveFailures: z.number(),
    backoffUntil: z.string().nullable(),
  }),
});

export const discoverySettingsSchema = z.object({
  language: z.string(),
  tmdb: z.object({ configured: z.boolean() }),
  omdb: z.object({ configured: z.boolean() }),
  profile: z.string(),
  profiles: z.array(z.string()),
  indexers: z.array(indexerInfoSchema),
});

export const indexerTestResultSchema = z.object({
  ok: z.boolean(),
  modes: z.array(z.string()),
  categories: z.number(),
  error: z.string().optional(),
});

/** `/titles/:provider/:kind/:id` */
export const titleParamsSchema = z.object({ provider, kind, id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/u, 'a provider id') });

// ---- compile-time agreement with the wire types ----
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function agree<T extends true>(): T | undefined {
  return undefined;
}
agree<Same<z.infer<typeof titleSearchResponseSchema>, Api.TitleSearchResponse>>();
agree<Same<z.infer<typeof titleDetailsSchema>, Api.TitleDetails>>();
agree<Same<z.infer<typeof releaseSearchResponseSchema>, Api.ReleaseSearchResponse>>();
agree<Same<z.infer<typeof grabRequestSchema>, Api.GrabRequest>>();
agree<Same<z.infer<typeof discoverySettingsSchema>, Api.DiscoverySettings>>();
agree<Same<z.infer<typeof indexerTestResultSchema>, Api.IndexerTestResult>>();
agree<Same<ReleaseProfile, Api.ReleaseProfileSpec>>();
