import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../require-admin.js';
import { errorSchema } from '../../schemas.js';
import { deviceProfileBodySchema, profileNameSchema, type DeviceProfileStore } from '../../../stream/device-profiles.js';
import type { DeviceProfile } from '../../../stream/playback-types.js';

type Profiles = Pick<DeviceProfileStore, 'list' | 'find' | 'get' | 'save' | 'remove'>;

const videoRuleSchema = z.object({
  codec: z.string(),
  profiles: z.array(z.string()).optional(),
  maxLevel: z.number().optional(),
  maxBitDepth: z.number().optional(),
});

/** What the API answers: a profile as the decision uses it (built-in or the user's). */
export const deviceProfileResponseSchema = z.object({
  name: z.string(),
  label: z.string(),
  builtin: z.boolean(),
  containers: z.array(z.string()),
  video: z.array(videoRuleSchema),
  audioCodecs: z.array(z.string()),
  maxAudioChannels: z.number(),
  maxWidth: z.number(),
  maxHeight: z.number(),
  maxBitrate: z.number(),
  textSubtitles: z.boolean(),
  transcode: z.object({
    protocol: z.enum(['hls', 'file']),
    container: z.enum(['mpegts', 'mp4']),
    videoCodec: z.literal('h264'),
    audioCodec: z.enum(['aac', 'ac3', 'mp3']),
    maxWidth: z.number(),
    maxHeight: z.number(),
    videoBitrate: z.number(),
    audioBitrate: z.number(),
    maxAudioChannels: z.number(),
    copyVideoCodecs: z.array(z.string()).optional(),
    copyAudioCodecs: z.array(z.string()).optional(),
  }),
});

const params = z.object({ name: profileNameSchema });
const admin = { preHandler: requireAdmin };

/** /playback/profiles: the device profiles the playback decision knows; admins add, replace and remove their own. */
export const playbackProfileRoutes: FastifyPluginAsyncZod<{ profiles: Profiles }> = async (api, { profiles }) => {
  api.get(
    '/playback/profiles',
    {
      schema: {
        tags: ['playback'],
        summary: 'Device profiles: the built-ins first, then your own',
        response: { 200: z.array(deviceProfileResponseSchema) },
      },
    },
    async () => profiles.list(),
  );

  api.get(
    '/playback/profiles/:name',
    {
      schema: {
        tags: ['playback'],
        summary: 'One device profile',
        params,
        response: { 200: deviceProfileResponseSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => profiles.get(request.params.name),
  );

  api.put(
    '/playback/profiles/:name',
    {
      ...admin,
      schema: {
        tags: ['playback'],
        summary: 'Add or replace one of your device profiles (built-in names are taken)',
        params,
        body: deviceProfileBodySchema,
        response: { 200: deviceProfileResponseSchema, 201: deviceProfileResponseSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const existed = profiles.find(request.params.name) !== null;
      const saved = profiles.save({ ...request.body, name: request.params.name });
      return reply.code(existed ? 200 : 201).send(saved);
    },
  );

  api.delete(
    '/playback/profiles/:name',
    {
      ...admin,
      schema: {
        tags: ['playback'],
        summary: 'Remove one of your device profiles',
        params,
        response: { 204: z.null(), 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      profiles.remove(request.params.name);
      return reply.code(204).send(null);
    },
  );
};

// the response schema must say what the decision's type says
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agrees: Same<z.infer<typeof deviceProfileResponseSchema>, DeviceProfile> = true;
void agrees;
