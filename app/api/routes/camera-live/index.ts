import http from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UpstreamError } from '../../../core/user-error.js';
import { FlvTrackFlags } from '../../../cctv/restream/flv-track-flags.js';
import type { LiveService } from '../../../cctv/restream/live-service.js';
import { errorSchema, idParamsSchema } from '../../schemas.js';

export type Live = Pick<LiveService, 'cameraLive' | 'cameraFlvSource' | 'fileFlvSource' | 'publishFile' | 'stopFile' | 'list'>;

const relayStateSchema = z.enum(['idle', 'starting', 'live', 'error']);
const streamQuerySchema = z.object({ stream: z.enum(['main', 'sub']).default('main') });
const fileParamsSchema = z.object({ fileId: z.coerce.number().int().positive() });

const liveInfoSchema = z.object({
  /** the engine's proxied HTTP-FLV (session auth): what the UI plays with mpegts.js */
  flvUrl: z.string(),
  externalFlvUrl: z.string(),
  rtmpUrl: z.string(),
  viewers: z.number(),
  relay: relayStateSchema,
  reason: z.string().nullable(),
  key: z.string(),
});

const restreamEntrySchema = z.object({
  key: z.string(),
  kind: z.enum(['camera', 'item']),
  id: z.number(),
  stream: z.enum(['main', 'sub']).nullable(),
  viewers: z.number(),
  since: z.string(),
  relay: relayStateSchema,
  reason: z.string().nullable(),
});

const fileStartedSchema = z.object({ key: z.string(), flvUrl: z.string(), externalFlvUrl: z.string(), rtmpUrl: z.string() });

const errors = { 400: errorSchema, 404: errorSchema, 502: errorSchema, 503: errorSchema };

/** Absolute URL on the address the client used. */
const absolute = (request: FastifyRequest, apiPath: string) => `${request.protocol}://${request.host}/api/v1${apiPath}`;

/** How long the restream server may take to answer the proxy (it answers at once: the FLV header goes first). */
const UPSTREAM_TIMEOUT_MS = 10_000;

/**
 * Passes the restream server's endless HTTP-FLV to the client behind our own auth. The first player of a camera is
 * what starts its relay; when the client goes, the upstream connection goes too (and with the last one, the relay).
 */
async function proxyFlv(reply: FastifyReply, source: string): Promise<void> {
  const upstream = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(source, { agent: false, timeout: UPSTREAM_TIMEOUT_MS }, (res) => {
      // the answer came: from now on a quiet stream (a camera reconnecting) is no reason to hang up
      req.setTimeout(0);
      resolve(res);
    });
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', (err) => reject(new UpstreamError(`The restream server did not answer: ${err.message}`, 502)));
  });
  if (upstream.statusCode !== 200) {
    upstream.destroy();
    throw new UpstreamError(`The restream server answered ${upstream.statusCode}`, 502);
  }
  reply.hijack();
  const res = reply.raw;
  if (res.destroyed || !res.socket || res.socket.destroyed) {
    // the client left while the restream server answered: a forgotten upstream would keep the relay up for ever
    upstream.destroy();
    return;
  }
  res.writeHead(200, {
    'content-type': 'video/x-flv',
    'cache-control': 'no-store',
    // proxies must pass it on as it comes (nginx buffers otherwise)
    'x-accel-buffering': 'no',
  });
  // the header's track flags made true, so mpegts.js does not wait for audio a camera never sends
  const flags = new FlvTrackFlags();
  upstream.pipe(flags).pipe(res);
  // the response closes when the client goes (or the engine stops): the upstream player goes with it
  res.on('close', () => {
    upstream.destroy();
    flags.destroy();
  });
  upstream.on('error', () => res.destroy());
}

export const cameraLiveRoutes: FastifyPluginAsyncZod<{ live: Live }> = async (api, { live }) => {
  api.get(
    '/cameras/:id/live.flv',
    {
      schema: {
        tags: ['cameras'],
        // no response schema: the 200 is an endless video/x-flv stream
        summary:
          "A camera's live picture as endless HTTP-FLV (mpegts.js: {type:'flv', isLive:true}); the first viewer starts the relay",
        params: idParamsSchema,
        querystring: streamQuerySchema,
      },
    },
    async (request, reply) => {
      const source = await live.cameraFlvSource(request.params.id, request.query.stream);
      await proxyFlv(reply, source);
    },
  );

  api.get(
    '/cameras/:id/live',
    {
      schema: {
        tags: ['cameras'],
        summary: "A camera's live view: the proxied FLV URL, signed URLs for VLC & co (valid 24 h), viewers and relay state",
        params: idParamsSchema,
        querystring: streamQuerySchema,
        response: { 200: liveInfoSchema, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { stream } = request.query;
      const info = await live.cameraLive(id, stream, request.hostname);
      return { ...info, flvUrl: absolute(request, `/cameras/${id}/live.flv${stream === 'sub' ? '?stream=sub' : ''}`) };
    },
  );

  api.get(
    '/restream',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Every camera relay and library file on the restream server, with viewers and state',
        response: { 200: z.array(restreamEntrySchema) },
      },
    },
    async () => live.list(),
  );

  api.post(
    '/restream/files/:fileId',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Publish a library file as a live stream (plays once, in real time; again from the start once it ended)',
        params: fileParamsSchema,
        response: { 201: fileStartedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { fileId } = request.params;
      const urls = await live.publishFile(fileId, request.hostname);
      return reply.code(201).send({ ...urls, flvUrl: absolute(request, `/restream/files/${fileId}/live.flv`) });
    },
  );

  api.delete(
    '/restream/files/:fileId',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Stop publishing a library file (its viewers are disconnected)',
        params: fileParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await live.stopFile(request.params.fileId);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/restream/files/:fileId/live.flv',
    {
      schema: {
        tags: ['cameras'],
        summary: 'A published library file as endless HTTP-FLV (404 when it is not published)',
        params: fileParamsSchema,
      },
    },
    async (request, reply) => {
      await proxyFlv(reply, await live.fileFlvSource(request.params.fileId));
    },
  );
};
