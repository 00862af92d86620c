import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../require-admin.js';
import { retentionSettingsSchema } from '../../../cctv/retention-pass.js';
import { cameraRetentionSchema, detectionSchema, scheduleSchema, zoneSchema } from '../../../cctv/camera-settings.js';
import { errorSchema, idParamsSchema } from '../../schemas.js';
import { sendError } from '../../errors.js';
import { cameraOnvifFieldSchema } from '../camera-onvif/index.js';
import type { CctvService, CameraView } from '../../../cctv/cctv-service.js';

export type Cameras = Pick<
  CctvService,
  | 'list'
  | 'get'
  | 'add'
  | 'update'
  | 'away'
  | 'setAway'
  | 'storage'
  | 'eventSnapshotFile'
  | 'remove'
  | 'test'
  | 'snapshot'
  | 'recordings'
  | 'events'
  | 'recordingFile'
  | 'retention'
  | 'retentionSettings'
>;

const cameraSchema = z.object({
  id: z.number(),
  name: z.string(),
  /** without credentials */
  url: z.string(),
  subUrl: z.string().nullable(),
  mode: z.string(),
  status: z.enum(['starting', 'online', 'offline', 'error', 'stopped']),
  /** why it is offline or in error */
  reason: z.string().nullable(),
  /** ISO time of the next attempt while waiting to retry */
  retryAt: z.string().nullable(),
  hasCredentials: z.boolean(),
  createdAt: z.string(),
  detection: detectionSchema,
  schedule: z.array(z.object({ day: z.number(), start: z.string(), end: z.string(), mode: z.enum(['continuous', 'events']) })),
  /** null = the global setting */
  retention: cameraRetentionSchema,
  effectiveMode: z.enum(['off', 'continuous', 'events', 'events+continuous']),
  /** why the camera does what it does now, e.g. "schedule: Mon 08:00-18:00 events" */
  effectiveReason: z.string(),
  lastEventAt: z.string().nullable(),
  /** its ONVIF device service (null: not added by ONVIF): PullPoint alarms become events */
  onvif: z.object({ xaddr: z.string() }).nullable(),
});

/** What a camera may be set to besides its URLs (POST and PATCH): partial detection and retention are laid over. */
const settingFields = {
  detection: detectionSchema
    .partial()
    .strict()
    .extend({ zones: z.array(zoneSchema).max(32).optional() })
    .optional(),
  schedule: scheduleSchema.optional(),
  retention: cameraRetentionSchema.partial().strict().optional(),
  onvif: cameraOnvifFieldSchema.optional(),
};

const credentialFields = {
  username: z.string().max(256).optional(),
  password: z.string().max(1024).optional(),
};

const createCameraSchema = z
  .object({
    name: z.string().min(1).max(200),
    url: z.string().min(1).max(2048),
    mode: z.string().min(1).max(50),
    subUrl: z.string().min(1).max(2048).optional(),
    ...credentialFields,
    ...settingFields,
  })
  .strict();

const patchCameraSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    url: z.string().min(1).max(2048).optional(),
    mode: z.string().min(1).max(50).optional(),
    /** null (or "") removes the sub-stream */
    subUrl: z.string().max(2048).nullable().optional(),
    ...credentialFields,
    ...settingFields,
  })
  .strict();

const awaySchema = z.object({ away: z.boolean(), since: z.string().nullable() });

const storageSchema = z.object({
  recordingsDir: z.string(),
  usedBytes: z.number(),
  freeBytes: z.number(),
  quotaBytes: z.number().nullable(),
  minFreeBytes: z.number(),
  status: z.enum(['ok', 'low', 'full']),
  reason: z.string().nullable(),
});

const eventSchema = z.object({
  id: z.number(),
  cameraId: z.number(),
  cameraName: z.string(),
  kind: z.enum(['motion', 'tamper', 'onvif', 'malfunction']),
  start: z.string(),
  end: z.string().nullable(),
  peakArea: z.number().nullable(),
  armed: z.boolean(),
  snapshotUrl: z.string().nullable(),
});

const testCameraSchema = z
  .object({
    url: z.string().min(1).max(2048),
    ...credentialFields,
    /** a saved camera being edited: its saved user name and password are used when none are given */
    cameraId: z.number().int().positive().optional(),
  })
  .strict();

const testResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    codec: z.string(),
    width: z.number(),
    height: z.number(),
    fps: z.number().nullable(),
    audioCodec: z.string().nullable(),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['unauthorized', 'unreachable', 'not-found', 'no-video', 'timeout', 'failed']),
    error: z.string(),
  }),
]);

const recordingSchema = z.object({
  id: z.number(),
  start: z.string(),
  end: z.string(),
  size: z.number(),
  event: z.boolean(),
  /** main, or the sub-stream's continuous footage ("events + continuous") */
  stream: z.enum(['main', 'sub']),
});

const recordingParams = z.object({
  id: z.coerce.number().int().positive(),
  recordingId: z.coerce.number().int().positive(),
});

const DAY_MS = 24 * 3600 * 1000;

/** An ISO time (or epoch ms) from the query string; undefined when absent; a 400 naming the field when bad. */
/** from → to of a query (ISO times; default: the last 24 hours), or what is wrong with them. */
function timeWindow(query: { from?: string; to?: string }): { fromMs: number; toMs: number } | { error: string } {
  const to = parseTime(query.to, 'to');
  const from = parseTime(query.from, 'from');
  if (typeof to === 'object') return to;
  if (typeof from === 'object') return from;
  const toMs = to ?? Date.now();
  const fromMs = from ?? toMs - DAY_MS;
  return fromMs > toMs ? { error: 'from: must not be after to' } : { fromMs, toMs };
}

function parseTime(value: string | undefined, field: string): number | undefined | { error: string } {
  if (value === undefined || value === '') return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) return { error: `${field}: not a valid time (expected ISO 8601, e.g. 2024-05-01T12:00:00Z)` };
  return ms;
}

const toWire = (camera: CameraView) => ({
  id: camera.id,
  name: camera.name,
  url: camera.url,
  subUrl: camera.subUrl,
  mode: camera.mode,
  status: camera.status,
  reason: camera.reason,
  retryAt: camera.retryAt === null ? null : new Date(camera.retryAt).toISOString(),
  hasCredentials: camera.hasCredentials,
  createdAt: camera.createdAt,
  detection: camera.detection,
  schedule: camera.schedule,
  retention: camera.retention,
  onvif: camera.onvifXaddr ? { xaddr: camera.onvifXaddr } : null,
  effectiveMode: camera.effectiveMode,
  effectiveReason: camera.effectiveReason,
  lastEventAt: camera.lastEventAt === null ? null : new Date(camera.lastEventAt).toISOString(),
});

const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };

const awayWire = (state: { away: boolean; sinceMs: number | null }) => ({
  away: state.away,
  since: state.sinceMs === null ? null : new Date(state.sinceMs).toISOString(),
});

export const cameraRoutes: FastifyPluginAsyncZod<{ cameras: Cameras }> = async (api, { cameras }) => {
  api.get(
    '/settings/cameras/retention',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['cameras'],
        summary: 'How long footage is kept, the quota and the free space to keep',
        response: { 200: retentionSettingsSchema },
      },
    },
    async () => cameras.retentionSettings.get(),
  );

  api.put(
    '/settings/cameras/retention',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['cameras'],
        summary: 'Change retention (any of continuousDays, eventDays, quotaGb, minFreeGb; null = no limit); a pass runs at once',
        body: z.record(z.string(), z.unknown()),
        response: { 200: retentionSettingsSchema, 400: errorSchema },
      },
    },
    async (request) => {
      const settings = cameras.retentionSettings.update(request.body);
      await cameras.retention.run();
      return settings;
    },
  );

  api.post(
    '/cameras/retention/run',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['cameras'],
        summary: 'Apply retention now: what was removed, the bytes freed, and how far short the disk still is',
        response: {
          200: z.object({
            at: z.string(),
            removed: z.number(),
            freedBytes: z.number(),
            byReason: z.record(z.string(), z.number()),
            shortBy: z.number(),
          }),
        },
      },
    },
    async () => cameras.retention.run(),
  );

  api.get(
    '/cameras',
    {
      schema: { tags: ['cameras'], summary: 'Every camera with its recording status', response: { 200: z.array(cameraSchema) } },
    },
    async () => cameras.list().map(toWire),
  );

  api.post(
    '/cameras',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['cameras'],
        summary: 'Add an RTSP camera (credentials in the URL or in username/password go to the secret store)',
        body: createCameraSchema,
        response: { 201: cameraSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(toWire(await cameras.add(request.body))),
  );

  api.post(
    '/cameras/test',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['cameras'],
        summary: "Test connection: the stream's codec, size and fps, or why it cannot be opened",
        body: testCameraSchema,
        response: { 200: testResultSchema, ...errors },
      },
    },
    async (request) => cameras.test(request.body),
  );

  api.get(
    '/cameras/away',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Whether away mode is on (every camera armed), and since when',
        response: { 200: awaySchema },
      },
    },
    async () => awayWire(cameras.away()),
  );

  api.put(
    '/cameras/away',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['cameras'],
        summary: 'Away on: every camera not turned off watches for motion, and its events are armed (notifications)',
        body: z.object({ away: z.boolean() }).strict(),
        response: { 200: awaySchema, ...errors },
      },
    },
    async (request) => awayWire(await cameras.setAway(request.body.away)),
  );

  api.get(
    '/cameras/storage',
    {
      schema: {
        tags: ['cameras'],
        summary: "The recordings' disk: used, free, quota, minimum free space, and ok / low / full with the reason",
        response: { 200: storageSchema },
      },
    },
    async () => cameras.storage(),
  );

  api.patch(
    '/cameras/:id',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['cameras'],
        summary:
          'Change a camera (name, URLs, credentials, mode, detection, schedule, retention); restarts only what the change needs',
        params: idParamsSchema,
        body: patchCameraSchema,
        response: { 200: cameraSchema, ...errors },
      },
    },
    async (request) => toWire(await cameras.update(request.params.id, request.body)),
  );

  api.get(
    '/cameras/:id/events/:eventId/snapshot.jpg',
    {
      schema: {
        tags: ['cameras'],
        summary: "The JPEG taken at an event's start (404 when it has none, or retention removed it)",
        params: z.object({ id: z.coerce.number().int().positive(), eventId: z.coerce.number().int().positive() }),
        response: { 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { id, eventId } = request.params;
      const file = cameras.eventSnapshotFile(id, eventId);
      if (!file) return sendError(reply, 404, `Camera ${id} has no snapshot for event ${eventId}`);
      return reply
        .type('image/jpeg')
        .header('cache-control', 'private, max-age=86400')
        .sendFile(path.basename(file), path.dirname(file), { dotfiles: 'allow', cacheControl: false });
    },
  );

  api.get(
    '/cameras/:id',
    { schema: { tags: ['cameras'], params: idParamsSchema, response: { 200: cameraSchema, 404: errorSchema } } },
    async (request, reply) => {
      const camera = cameras.get(request.params.id);
      return camera ? toWire(camera) : sendError(reply, 404, `No camera ${request.params.id}`);
    },
  );

  api.delete(
    '/cameras/:id',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['cameras'],
        summary: 'Remove a camera; its recordings stay on disk unless ?deleteRecordings=1',
        params: idParamsSchema,
        querystring: z.object({ deleteRecordings: z.enum(['0', '1']).optional() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await cameras.remove(request.params.id, request.query.deleteRecordings === '1');
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/cameras/:id/recordings',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Recorded segments overlapping from → to (ISO times; default: the last 24 hours)',
        params: idParamsSchema,
        querystring: z.object({ from: z.string().optional(), to: z.string().optional() }),
        response: { 200: z.array(recordingSchema), ...errors },
      },
    },
    async (request, reply) => {
      const span = timeWindow(request.query);
      if ('error' in span) return sendError(reply, 400, span.error);
      return cameras.recordings(request.params.id, span.fromMs, span.toMs).map((r) => ({
        id: r.id,
        start: new Date(r.startMs).toISOString(),
        end: new Date(r.endMs).toISOString(),
        size: r.size,
        event: r.event,
        stream: r.stream,
      }));
    },
  );

  api.get(
    '/cameras/:id/snapshot',
    {
      schema: {
        tags: ['cameras'],
        // no response schema: the 200 is image bytes (404 and 502 are the API's usual error body)
        summary: 'A JPEG of what the camera sees now (404 for no camera, 502 with the reason when it gives none)',
        params: idParamsSchema,
      },
    },
    async (request, reply) =>
      reply
        .type('image/jpeg')
        .header('cache-control', 'no-store')
        .send(await cameras.snapshot(request.params.id)),
  );

  api.get(
    '/cameras/:id/events',
    {
      schema: {
        tags: ['cameras'],
        summary:
          'Alarm events (motion, tamper, ONVIF, malfunction) overlapping from → to (ISO times; default: the last 24 hours); end is null while one runs',
        params: idParamsSchema,
        querystring: z.object({ from: z.string().optional(), to: z.string().optional() }),
        response: { 200: z.array(eventSchema), ...errors },
      },
    },
    async (request, reply) => {
      const span = timeWindow(request.query);
      if ('error' in span) return sendError(reply, 400, span.error);
      return cameras.events(request.params.id, span.fromMs, span.toMs);
    },
  );

  api.get(
    '/cameras/:id/recordings/:recordingId/file',
    {
      schema: {
        tags: ['cameras'],
        summary: "One recorded segment's bytes (Matroska; Range requests answer 206)",
        params: recordingParams,
        response: { 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { id, recordingId } = request.params;
      const file = cameras.recordingFile(id, recordingId);
      if (!file) return sendError(reply, 404, `Camera ${id} has no recording ${recordingId}`);
      return reply
        .type('video/x-matroska')
        .sendFile(path.basename(file), path.dirname(file), { dotfiles: 'allow', cacheControl: false });
    },
  );
};
