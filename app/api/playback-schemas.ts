/** Wire schemas of playback: the decision and URL for a client, and the HLS stream's requests. */
import { z } from 'zod';
import { audioSchema, subtitleSchema } from './schemas.js';

const nullableNumber = z.number().nullable();

export const playbackQuerySchema = z.object({
  /** device profile; default: guessed from the User-Agent (Chromium, Firefox, Safari) */
  profile: z.string().min(1).max(60).optional(),
  /** which file of the item (an episode's, another version) */
  file: z.coerce.number().int().positive().optional(),
  /** ffprobe stream index of the audio track */
  audio: z.coerce.number().int().min(0).optional(),
  /** ffprobe stream index of the subtitle to show */
  subtitle: z.coerce.number().int().min(0).optional(),
  /** bits per second the network carries */
  maxBitrate: z.coerce.number().int().min(100_000).max(1_000_000_000).optional(),
  /** second to start at (a resume point) */
  start: z.coerce.number().min(0).optional(),
});

export const playbackInfoSchema = z.object({
  method: z.enum(['direct', 'remux', 'transcode']),
  reasons: z.array(z.string()),
  explanation: z.array(z.object({ code: z.string(), text: z.string() })),
  url: z.string(),
  fileId: z.number(),
  itemId: z.number(),
  profile: z.string(),
  durationSec: nullableNumber,
  container: z.string(),
  video: z.object({
    action: z.enum(['copy', 'transcode']),
    codec: z.string(),
    width: nullableNumber,
    height: nullableNumber,
    bitrate: nullableNumber,
  }),
  audio: z
    .object({
      stream: z.number(),
      action: z.enum(['copy', 'transcode']),
      codec: z.string(),
      channels: nullableNumber,
      bitrate: nullableNumber,
    })
    .nullable(),
  subtitle: z.object({ stream: z.number(), delivery: z.enum(['vtt', 'burn']) }).nullable(),
  audioTracks: z.array(audioSchema.extend({ selected: z.boolean() })),
  subtitles: z.array(subtitleSchema.extend({ selected: z.boolean(), url: z.string().nullable() })),
  session: z.object({ id: z.string(), segments: z.number(), encoder: z.string() }).nullable(),
});

export const sessionParamsSchema = z.object({ session: z.string().regex(/^[\w-]{8,40}$/) });
export const segmentParamsSchema = sessionParamsSchema.extend({ index: z.coerce.number().int().min(0) });
export const subtitleParamsSchema = z.object({
  id: z.coerce.number().int().positive(),
  stream: z.coerce.number().int().min(0),
});

export const hlsStreamStateSchema = z.object({
  id: z.string(),
  userId: z.number(),
  /** software or the hardware encoder in use */
  encoder: z.string(),
  running: z.boolean(),
  /** ffmpeg is held while the player is far behind */
  paused: z.boolean(),
  runStart: z.number().nullable(),
  segmentsReady: z.number(),
  pid: z.number().nullable(),
  error: z.string().nullable(),
  idleSec: z.number(),
});
