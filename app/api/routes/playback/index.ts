import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlaybackInfo } from '../../api-types.js';
import {
  hlsStreamStateSchema,
  playbackInfoSchema,
  playbackQuerySchema,
  segmentParamsSchema,
  sessionParamsSchema,
  subtitleParamsSchema,
} from '../../playback-schemas.js';
import { requireAdmin } from '../../require-admin.js';
import { errorSchema, idParamsSchema } from '../../schemas.js';
import type { PlaybackService } from '../../../stream/playback-service.js';

export interface PlaybackRouteDeps {
  playback: PlaybackService;
  /** every running HLS stream, for the admin */
  sessions: () => Array<z.infer<typeof hlsStreamStateSchema>>;
}

const errors = { 400: errorSchema, 404: errorSchema, 422: errorSchema, 503: errorSchema };
const HLS_TYPE = 'application/vnd.apple.mpegurl';

/** The client's class from its User-Agent, when it names no device profile. */
export function profileFromUserAgent(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  if (/Firefox\//.test(ua)) return 'firefox';
  if (/Safari\//.test(ua) && !/Chrom(e|ium)\//.test(ua)) return 'safari';
  return 'chromium';
}

/** Absolute URL on the address the client used, so any player (or another machine's test) can open it as is. */
function absolute(request: FastifyRequest, apiPath: string): string {
  return `${request.protocol}://${request.host}/api/v1${apiPath}`;
}

export const playbackRoutes: FastifyPluginAsyncZod<PlaybackRouteDeps> = async (api, { playback, sessions }) => {
  const answer = async (request: FastifyRequest, fileId: number, query: z.infer<typeof playbackQuerySchema>) => {
    const info = await playback.playback(fileId, {
      userId: request.user!.id,
      profile: query.profile ?? profileFromUserAgent(request.headers['user-agent']),
      audioStream: query.audio,
      subtitleStream: query.subtitle,
      maxBitrate: query.maxBitrate,
      startSec: query.start,
    });
    const withUrls: PlaybackInfo = {
      ...info,
      url: absolute(request, info.url),
      subtitles: info.subtitles.map((s) => ({ ...s, url: s.url && absolute(request, s.url) })),
    };
    return withUrls;
  };

  api.get(
    '/items/:id/playback',
    {
      schema: {
        tags: ['playback'],
        summary: "How a client plays an item's file: direct, remux or transcode, the reasons, and the URL to play",
        params: idParamsSchema,
        querystring: playbackQuerySchema,
        response: { 200: playbackInfoSchema, ...errors },
      },
    },
    async (request) => answer(request, playback.fileOfItem(request.params.id, request.query.file), request.query),
  );

  api.get(
    '/files/:id/playback',
    {
      schema: {
        tags: ['playback'],
        summary: 'How a client plays this file: direct, remux or transcode, the reasons, and the URL to play',
        params: idParamsSchema,
        querystring: playbackQuerySchema.omit({ file: true }),
        response: { 200: playbackInfoSchema, ...errors },
      },
    },
    async (request) => answer(request, request.params.id, request.query),
  );

  api.get(
    '/files/:id/subtitles/:stream.vtt',
    {
      schema: {
        tags: ['playback'],
        summary: 'A text subtitle stream of the file as WebVTT',
        params: subtitleParamsSchema,
        response: { 400: errorSchema, 404: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const file = await playback.subtitle(request.params.id, request.params.stream);
      return reply.type('text/vtt; charset=utf-8').sendFile(path.basename(file), path.dirname(file), { cacheControl: false });
    },
  );

  api.get(
    '/hls/:session/master.m3u8',
    { schema: { tags: ['playback'], summary: 'HLS master playlist of a stream', params: sessionParamsSchema } },
    async (request, reply) =>
      reply
        .type(HLS_TYPE)
        .header('cache-control', 'no-cache')
        .send(playback.masterPlaylist(request.params.session, request.user!.id)),
  );

  api.get(
    '/hls/:session/media.m3u8',
    {
      schema: { tags: ['playback'], summary: 'HLS media playlist: every segment, listed up front', params: sessionParamsSchema },
    },
    async (request, reply) =>
      reply
        .type(HLS_TYPE)
        .header('cache-control', 'no-cache')
        .send(playback.mediaPlaylist(request.params.session, request.user!.id)),
  );

  api.get(
    '/hls/:session/seg/:index.ts',
    {
      schema: {
        tags: ['playback'],
        summary: 'One MPEG-TS segment; waits while ffmpeg makes it, or restarts ffmpeg there (a seek)',
        params: segmentParamsSchema,
        response: errors,
      },
    },
    async (request, reply) => {
      const file = await playback.segment(request.params.session, request.user!.id, request.params.index);
      return reply.type('video/mp2t').sendFile(path.basename(file), path.dirname(file), { cacheControl: false });
    },
  );

  api.delete(
    '/hls/:session',
    {
      schema: {
        tags: ['playback'],
        summary: 'Stop a stream: its ffmpeg is killed and its segments removed',
        params: sessionParamsSchema,
        response: { 204: z.null(), 404: errorSchema },
      },
    },
    async (request, reply) => {
      await playback.stop(request.params.session, request.user!.id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/playback/sessions',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['playback'],
        summary: 'Every running HLS stream (admin only)',
        response: { 200: z.array(hlsStreamStateSchema), 403: errorSchema },
      },
    },
    async () => sessions(),
  );
};
