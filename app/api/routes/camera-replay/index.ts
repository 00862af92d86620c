import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CameraTimeline, CameraReplayInfo } from '../../api-types.js';
import { errorSchema, idParamsSchema } from '../../schemas.js';
import { sendError } from '../../errors.js';
import { transcodeJobSchema } from '../transcode/index.js';
import type { ReplayService } from '../../../cctv/replay-service.js';
import { queryString, segmentQuery, vodPlaylist } from '../../../cctv/timeline-hls.js';

export type CameraReplay = Pick<ReplayService, 'timeline' | 'replay' | 'segment' | 'exportClip'>;

const DAY_MS = 24 * 3600_000;
const MAX_SEC = 7 * 24 * 3600;

/** An ISO time (or epoch ms) → ms; a message naming the field when it is not one. */
function parseTime(value: string | undefined, field: string): number | { error: string } {
  const ms = value === undefined || value === '' ? NaN : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    return { error: `${field}: ${value ? 'not a valid time' : 'required'} (expected ISO 8601, e.g. 2024-05-01T12:00:00Z)` };
  }
  return ms;
}

/** from → to of a query, or what is wrong with it. `defaultDay`: missing bounds mean the last 24 hours. */
function window(query: { from?: string; to?: string }, defaultDay = false): { fromMs: number; toMs: number } | { error: string } {
  const to = defaultDay && !query.to ? Date.now() : parseTime(query.to, 'to');
  if (typeof to === 'object') return to;
  const from = defaultDay && !query.from ? to - DAY_MS : parseTime(query.from, 'from');
  if (typeof from === 'object') return from;
  if (to <= from) return { error: `to: must be after from (${new Date(from).toISOString()})` };
  return { fromMs: from, toMs: to };
}

const iso = (ms: number) => new Date(ms).toISOString();
const windowQuery = z.object({ from: z.string().max(64).optional(), to: z.string().max(64).optional() });
const spanSchema = z.object({ start: z.string(), end: z.string(), event: z.boolean() });
// events keep every field their owner adds (kind, armed, snapshotUrl, cameraName, …)
const eventSchema = z
  .object({ id: z.number(), cameraId: z.number(), start: z.string(), end: z.string().nullable() })
  .passthrough();
const errors = { 400: errorSchema, 404: errorSchema };

const timelineSchema = z.object({ from: z.string(), to: z.string(), spans: z.array(spanSchema), events: z.array(eventSchema) });
const replaySchema = z.object({
  playlistUrl: z.string(),
  start: z.string(),
  duration: z.number(),
  audio: z.boolean(),
  spans: z.array(spanSchema.extend({ offset: z.number() })),
});

const segmentParams = z.object({ id: z.coerce.number().int().positive(), rid: z.coerce.number().int().positive() });
const segmentQuerySchema = z.object({
  offset: z.coerce.number().min(0).max(MAX_SEC).default(0),
  in: z.coerce.number().min(0).max(MAX_SEC).optional(),
  dur: z.coerce.number().positive().max(MAX_SEC).optional(),
  audio: z.enum(['0', '1']).optional(),
});

// compile-time agreement between these schemas and the wire types the renderer imports
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T | undefined => undefined;
agree<Same<z.infer<typeof replaySchema>, CameraReplayInfo>>();
agree<Same<z.infer<typeof spanSchema>, CameraTimeline['spans'][number]>>();

const apiBase = (request: FastifyRequest) => `${request.protocol}://${request.host}/api/v1`;

export const cameraReplayRoutes: FastifyPluginAsyncZod<{ replay: CameraReplay }> = async (api, { replay }) => {
  api.get(
    '/cameras/:id/timeline',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Recorded spans (segments merged across small gaps) and alarm events from → to (default: the last 24 hours)',
        params: idParamsSchema,
        querystring: windowQuery,
        response: { 200: timelineSchema, ...errors },
      },
    },
    async (request, reply) => {
      const span = window(request.query, true);
      if ('error' in span) return sendError(reply, 400, span.error);
      const timeline = replay.timeline(request.params.id, span.fromMs, span.toMs);
      return {
        from: iso(span.fromMs),
        to: iso(span.toMs),
        spans: timeline.spans.map((s) => ({ start: iso(s.startMs), end: iso(s.endMs), event: s.event })),
        events: timeline.events.map((e) => ({ ...e }) as z.infer<typeof eventSchema>),
      };
    },
  );

  api.get(
    '/cameras/:id/replay',
    {
      schema: {
        tags: ['cameras'],
        summary:
          'Where to play from → to: the HLS playlist, its second 0 (start), its length, and each span with its offset in it',
        params: idParamsSchema,
        querystring: windowQuery,
        response: { 200: replaySchema, ...errors },
      },
    },
    async (request, reply) => {
      const span = window(request.query);
      if ('error' in span) return sendError(reply, 400, span.error);
      const plan = await replay.replay(request.params.id, span.fromMs, span.toMs);
      const query = `from=${encodeURIComponent(iso(span.fromMs))}&to=${encodeURIComponent(iso(span.toMs))}`;
      return {
        playlistUrl: `${apiBase(request)}/cameras/${request.params.id}/replay.m3u8?${query}`,
        start: iso(plan.startMs),
        duration: plan.durationSec,
        audio: plan.audio,
        spans: plan.spans.map((s) => ({ start: iso(s.startMs), end: iso(s.endMs), event: s.event, offset: s.offsetSec })),
      };
    },
  );

  api.get(
    '/cameras/:id/replay.m3u8',
    {
      schema: {
        tags: ['cameras'],
        summary: 'An HLS VOD playlist of the recordings from → to (wall-clock time on each segment, discontinuities at gaps)',
        params: idParamsSchema,
        querystring: windowQuery,
        // no response schema: the 200 is playlist text (400 and 404 are the API's usual error body)
      },
    },
    async (request, reply) => {
      const span = window(request.query);
      if ('error' in span) return sendError(reply, 400, span.error);
      const plan = await replay.replay(request.params.id, span.fromMs, span.toMs);
      // relative to this playlist: /api/v1/cameras/:id/recordings/:rid/segment.ts
      const text = vodPlaylist(
        plan.pieces,
        (piece) =>
          `recordings/${piece.recordingId}/segment.ts?` +
          queryString(segmentQuery(piece, plan.recordingSec.get(piece.recordingId) ?? piece.durationSec, plan.audio)),
      );
      return reply.type('application/vnd.apple.mpegurl').header('cache-control', 'no-store').send(text);
    },
  );

  api.get(
    '/cameras/:id/recordings/:rid/segment.ts',
    {
      schema: {
        tags: ['cameras'],
        summary:
          'One recording remuxed to MPEG-TS (video copied; audio=1 AAC, 0 none); offset = its start in the replay, in/dur cut it',
        params: segmentParams,
        querystring: segmentQuerySchema,
        // no response schema: the 200 is MPEG-TS bytes
      },
    },
    async (request, reply) => {
      const { id, rid } = request.params;
      const q = request.query;
      const segment = await replay.segment(id, rid, {
        offsetSec: q.offset,
        inSec: q.in,
        durationSec: q.dur,
        audio: q.audio === undefined ? undefined : q.audio === '1',
      });
      // the client hung up before the end: ffmpeg has nothing more to do
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) segment.stop();
      });
      return reply.type('video/mp2t').header('cache-control', 'private, max-age=3600').send(segment.stream);
    },
  );

  api.post(
    '/cameras/:id/clips',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Export from → to as one MP4 (a transcode job, profile camera-clip: video copied, up to 6 hours)',
        params: idParamsSchema,
        body: z.object({ from: z.string().max(64), to: z.string().max(64) }).strict(),
        response: { 201: transcodeJobSchema, ...errors },
      },
    },
    async (request, reply) => {
      const span = window(request.body);
      if ('error' in span) return sendError(reply, 400, span.error);
      return reply.code(201).send(replay.exportClip(request.params.id, span.fromMs, span.toMs));
    },
  );
};
