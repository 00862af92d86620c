import { z } from 'zod';
import type * as Api from './api-types.js';
import { torrentSettingsSchema } from '../torrent/torrent-settings.js';

// Runtime schemas for validation and the OpenAPI document. The `satisfies`-style checks at the bottom
// keep them in step with the type-only wire contract in api-types.ts that the renderer imports.

export const errorSchema = z.object({ statusCode: z.number(), error: z.string(), message: z.string() });

export const healthSchema = z.object({ status: z.literal('ok'), version: z.string() });

export const userSchema = z.object({ id: z.number(), username: z.string(), isAdmin: z.boolean() });

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
});

export const loginResponseSchema = z.object({ token: z.string(), user: userSchema });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(1000),
});

const videoSchema = z.object({
  codec: z.string(),
  profile: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  frameRate: z.number().nullable(),
  pixelFormat: z.string().nullable(),
  bitDepth: z.number().nullable(),
  // absent in files probed before these were read
  level: z.number().nullable().optional(),
  bitRate: z.number().nullable().optional(),
  colorTransfer: z.string().nullable().optional(),
});

export const audioSchema = z.object({
  index: z.number(),
  codec: z.string(),
  profile: z.string().nullable().optional(),
  channels: z.number().nullable(),
  channelLayout: z.string().nullable(),
  sampleRate: z.number().nullable().optional(),
  bitRate: z.number().nullable().optional(),
  language: z.string().nullable(),
  title: z.string().nullable(),
  isDefault: z.boolean(),
});

export const subtitleSchema = z.object({
  index: z.number(),
  codec: z.string(),
  language: z.string().nullable(),
  title: z.string().nullable(),
  isDefault: z.boolean(),
  isForced: z.boolean(),
});

export const probeSchema = z.object({
  container: z.string(),
  durationSec: z.number().nullable(),
  bitRate: z.number().nullable(),
  video: videoSchema.nullable(),
  audio: z.array(audioSchema),
  subtitles: z.array(subtitleSchema),
});

export const mediaFileSchema = z.object({
  id: z.number(),
  path: z.string(),
  size: z.number(),
  probe: probeSchema.nullable(),
  probeError: z.string().nullable(),
  addedAt: z.string(),
});

export const mediaFileDetailSchema = mediaFileSchema.extend({
  item: z.object({ id: z.number(), type: z.enum(['movie', 'series']), title: z.string(), year: z.number().nullable() }),
  episodes: z.array(z.object({ season: z.number(), number: z.number(), title: z.string().nullable() })),
});

export const itemSummarySchema = z.object({
  id: z.number(),
  type: z.enum(['movie', 'series']),
  title: z.string(),
  year: z.number().nullable(),
  addedAt: z.string(),
  fileCount: z.number(),
  seasonCount: z.number(),
});

const episodeSchema = z.object({
  id: z.number(),
  number: z.number(),
  title: z.string().nullable(),
  files: z.array(mediaFileSchema),
});
const seasonSchema = z.object({ number: z.number(), episodes: z.array(episodeSchema) });

export const itemDetailSchema = z.discriminatedUnion('type', [
  itemSummarySchema.extend({ type: z.literal('movie'), files: z.array(mediaFileSchema) }),
  itemSummarySchema.extend({ type: z.literal('series'), seasons: z.array(seasonSchema) }),
]);

export const rootSchema = z.object({
  id: z.number(),
  path: z.string(),
  status: z.enum(['ok', 'missing', 'unreadable', 'unscanned']),
  error: z.string().nullable(),
  lastScanAt: z.string().nullable(),
  fileCount: z.number(),
});

export const addRootSchema = z.object({ path: z.string().min(1).max(4096) });

export const folderListingSchema = z.object({
  path: z.string().nullable(),
  parent: z.string().nullable(),
  folders: z.array(z.object({ name: z.string(), path: z.string() })),
  truncated: z.boolean(),
});

/** `?path=` absent: the starting points. The path itself is checked by the folder browser (clear 400s). */
export const folderQuerySchema = z.object({ path: z.string().max(4096).optional() });

export const scanProgressSchema = z.object({
  state: z.enum(['idle', 'scanning', 'paused']),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  rootsTotal: z.number(),
  rootsDone: z.number(),
  filesSeen: z.number(),
  filesAdded: z.number(),
  filesUpdated: z.number(),
  filesRemoved: z.number(),
  currentPath: z.string().nullable(),
  errors: z.array(z.string()),
});

export const engineStatusSchema = z.object({
  version: z.string(),
  paused: z.boolean(),
  scan: scanProgressSchema,
  probe: z.object({ pending: z.number(), running: z.number(), done: z.number(), failed: z.number() }),
});

export const addDownloadSchema = z.object({
  uri: z
    .string()
    .min(1)
    .max(64 * 1024),
});
export const addDownloadResponseSchema = z.object({ id: z.number(), infoHash: z.string() });

export const downloadSummarySchema = z.object({
  id: z.number(),
  infoHash: z.string(),
  name: z.string(),
  state: z.enum(['queued', 'downloading', 'paused', 'stalled', 'seeding', 'completed', 'failed']),
  progress: z.number(),
  downloadSpeed: z.number(),
  uploadSpeed: z.number(),
  peers: z.number(),
  ratio: z.number(),
  size: z.number(),
  downloaded: z.number(),
  uploaded: z.number(),
  eta: z.number().nullable(),
  queuePosition: z.number(),
  addedAt: z.string(),
  completedAt: z.string().nullable(),
  reason: z.string().nullable(),
});

export const downloadDetailSchema = downloadSummarySchema.extend({
  files: z.array(
    z.object({ index: z.number(), path: z.string(), length: z.number(), downloaded: z.number(), selected: z.boolean() }),
  ),
  savePath: z.string(),
  imported: z.array(z.object({ source: z.string(), target: z.string() })),
  sequential: z.boolean(),
  options: z.object({
    downloadKiBps: z.number().nullable(),
    uploadKiBps: z.number().nullable(),
    ratioLimit: z.number().nullable(),
    seedingTimeLimitMin: z.number().nullable(),
  }),
  title: z
    .object({
      provider: z.enum(['tmdb', 'omdb']),
      kind: z.enum(['movie', 'series']),
      id: z.string(),
      title: z.string(),
      year: z.number().nullable(),
    })
    .nullable(),
});

/** PATCH /downloads/:id: any subset of its options; null clears one (the global setting applies again). */
export const downloadOptionsPatchSchema = z
  .object({
    downloadKiBps: z.number().int().min(1).max(10_000_000).nullable(),
    uploadKiBps: z.number().int().min(1).max(10_000_000).nullable(),
    ratioLimit: z.number().min(0).max(1000).nullable(),
    seedingTimeLimitMin: z.number().int().min(0).max(5_256_000).nullable(),
  })
  .partial()
  .strict();

/** `/:id` path parameters: positive integers only, so `../x` or `1;drop` is a 400, never a lookup. */
export const idParamsSchema = z.object({ id: z.coerce.number().int().positive() });

// ---- compile-time agreement between the schemas and the wire types ----------------------------
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function agree<T extends true>(): T | undefined {
  return undefined;
}
agree<Same<z.infer<typeof healthSchema>, Api.HealthResponse>>();
agree<Same<z.infer<typeof loginResponseSchema>, Api.LoginResponse>>();
agree<Same<z.infer<typeof mediaFileSchema>, Api.MediaFile>>();
agree<Same<z.infer<typeof mediaFileDetailSchema>, Api.MediaFileDetail>>();
agree<Same<z.infer<typeof itemSummarySchema>, Api.LibraryItemSummary>>();
agree<Same<z.infer<typeof itemDetailSchema>, Api.LibraryItemDetail>>();
agree<Same<z.infer<typeof rootSchema>, Api.LibraryRoot>>();
agree<Same<z.infer<typeof folderListingSchema>, Api.FolderListing>>();
agree<Same<z.infer<typeof scanProgressSchema>, Api.ScanProgress>>();
agree<Same<z.infer<typeof engineStatusSchema>, Api.EngineStatus>>();
agree<Same<z.infer<typeof downloadSummarySchema>, Api.DownloadSummary>>();
agree<Same<z.infer<typeof downloadDetailSchema>, Api.DownloadDetail>>();
agree<Same<z.infer<typeof downloadOptionsPatchSchema>, Partial<Api.DownloadOptions>>>();
agree<Same<z.infer<typeof addDownloadResponseSchema>, Api.AddDownloadResponse>>();
agree<Same<z.infer<typeof torrentSettingsSchema>, Api.TorrentSettings>>();
