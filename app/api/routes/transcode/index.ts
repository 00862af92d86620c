import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type * as Api from '../../api-types.js';
import { requireAdmin } from '../../require-admin.js';
import { errorSchema, idParamsSchema } from '../../schemas.js';
import { sendError } from '../../errors.js';
import type { LibraryService } from '../../../library/library-service.js';
import type { TranscodeService } from '../../../transcode/transcode-service.js';
import { transcodeSettingsSchema } from '../../../transcode/transcode-settings.js';

export type Transcodes = Pick<
  TranscodeService,
  'list' | 'get' | 'create' | 'cancel' | 'remove' | 'outputFile' | 'profiles' | 'hwaccel' | 'settings' | 'updateSettings'
>;

const MAX_SECONDS = 7 * 24 * 3600;

export const transcodeJobSchema = z.object({
  id: z.number(),
  fileId: z.number().nullable(),
  sourcePath: z.string(),
  sourceName: z.string(),
  profile: z.string(),
  offsetSec: z.number().nullable(),
  durationSec: z.number().nullable(),
  outputPath: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  progress: z.number(),
  error: z.string().nullable(),
  encoder: z.string().nullable(),
  size: z.number().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const createTranscodeJobSchema = z
  .object({
    fileId: z.number().int().positive(),
    profile: z.string().min(1).max(100),
    offsetSec: z.number().min(0).max(MAX_SECONDS).optional(),
    durationSec: z.number().positive().max(MAX_SECONDS).optional(),
  })
  .strict();

const profileSchema = z.object({
  name: z.string(),
  description: z.string(),
  container: z.literal('mp4'),
  videoCodec: z.literal('h264'),
  audioCodec: z.literal('aac'),
  maxWidth: z.number(),
  maxHeight: z.number(),
  videoBitrate: z.number(),
  audioBitrate: z.number(),
  maxBytes: z.number().nullable(),
});

const encoderKind = z.enum(['vaapi', 'nvenc', 'qsv', 'videotoolbox', 'software']);
const hwAccelReportSchema = z.object({
  probedAt: z.string(),
  encoders: z.array(
    z.object({
      kind: encoderKind,
      encoder: z.string(),
      available: z.boolean(),
      reason: z.string().nullable(),
      device: z.string().optional(),
    }),
  ),
  best: encoderKind,
});

// compile-time agreement between these schemas and the wire types the renderer imports
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T | undefined => undefined;
agree<Same<z.infer<typeof transcodeJobSchema>, Api.TranscodeJob>>();
agree<Same<z.infer<typeof createTranscodeJobSchema>, Api.CreateTranscodeJobRequest>>();
agree<Same<z.infer<typeof profileSchema>, Api.TranscodeProfileInfo>>();
agree<Same<z.infer<typeof hwAccelReportSchema>, Api.HwAccelReport>>();
agree<Same<z.infer<typeof transcodeSettingsSchema>, Api.TranscodeSettings>>();

const errors = { 400: errorSchema, 404: errorSchema };

export const transcodeRoutes: FastifyPluginAsyncZod<{
  transcodes: Transcodes;
  library: Pick<LibraryService, 'playablePath' | 'file'>;
}> = async (api, { transcodes, library }) => {
  api.get(
    '/transcode/jobs',
    {
      schema: {
        tags: ['transcode'],
        summary: 'Every transcode job, newest first',
        response: { 200: z.array(transcodeJobSchema) },
      },
    },
    async () => transcodes.list(),
  );

  api.post(
    '/transcode/jobs',
    {
      schema: {
        tags: ['transcode'],
        summary: 'Transcode a library file with a profile, or export a clip of it (offsetSec + durationSec)',
        body: createTranscodeJobSchema,
        response: { 201: transcodeJobSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { fileId, profile, offsetSec, durationSec } = request.body;
      const source = await library.playablePath(fileId);
      if (!source) return sendError(reply, 404, `fileId: no library file ${fileId} (or it is no longer inside a media folder)`);
      const probe = library.file(fileId)?.probe ?? null;
      const job = transcodes.create({ sourcePath: source, fileId, profile, offsetSec, durationSec, probe });
      return reply.code(201).send(job);
    },
  );

  api.get(
    '/transcode/jobs/:id',
    { schema: { tags: ['transcode'], params: idParamsSchema, response: { 200: transcodeJobSchema, 404: errorSchema } } },
    async (request, reply) => transcodes.get(request.params.id) ?? sendError(reply, 404, `No transcode job ${request.params.id}`),
  );

  api.post(
    '/transcode/jobs/:id/cancel',
    {
      schema: {
        tags: ['transcode'],
        summary: 'Stop a queued or running job (its partial output is deleted)',
        params: idParamsSchema,
        response: { 200: transcodeJobSchema, ...errors },
      },
    },
    async (request) => transcodes.cancel(request.params.id),
  );

  api.delete(
    '/transcode/jobs/:id',
    {
      schema: {
        tags: ['transcode'],
        summary: 'Remove a job and its result (a running job is stopped first)',
        params: idParamsSchema,
        response: { 204: z.null(), 404: errorSchema },
      },
    },
    async (request, reply) => {
      await transcodes.remove(request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/transcode/jobs/:id/output',
    {
      schema: {
        tags: ['transcode'],
        summary: "The finished result's bytes (Range requests answer 206); ?download=1 saves it as a file",
        params: idParamsSchema,
        querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        response: { 404: errorSchema },
      },
    },
    async (request, reply) => {
      const file = transcodes.outputFile(request.params.id);
      if (!file) {
        const state = transcodes.get(request.params.id)?.state;
        return sendError(
          reply,
          404,
          `Job ${request.params.id} has no result${state === 'done' ? ' any more' : ` (it is ${state})`}`,
        );
      }
      if (request.query.download === '1') {
        const name = path.basename(file);
        reply.header(
          'content-disposition',
          `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        );
      }
      return reply.sendFile(path.basename(file), path.dirname(file), { dotfiles: 'allow', cacheControl: false });
    },
  );

  api.get(
    '/transcode/profiles',
    { schema: { tags: ['transcode'], summary: 'What a job can make', response: { 200: z.array(profileSchema) } } },
    async () => transcodes.profiles(),
  );

  api.get(
    '/transcode/hwaccel',
    {
      schema: {
        tags: ['transcode'],
        summary: 'Which hardware H.264 encoders work here (a real test encode each); ?refresh=1 probes again (admin)',
        querystring: z.object({ refresh: z.enum(['0', '1']).optional() }),
        response: { 200: hwAccelReportSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      if (request.query.refresh === '1') {
        const denied = await requireAdmin(request, reply);
        if (denied) return denied;
        return transcodes.hwaccel(true);
      }
      return transcodes.hwaccel();
    },
  );

  api.get(
    '/settings/transcode',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['settings'],
        summary: 'Transcode workers and hardware acceleration',
        response: { 200: transcodeSettingsSchema },
      },
    },
    async () => transcodes.settings(),
  );

  api.put(
    '/settings/transcode',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['settings'],
        summary: 'Change the transcode settings (any subset); more workers start at once',
        body: z.record(z.string(), z.unknown()),
        response: { 200: transcodeSettingsSchema, 400: errorSchema },
      },
    },
    async (request) => transcodes.updateSettings(request.body),
  );
};
