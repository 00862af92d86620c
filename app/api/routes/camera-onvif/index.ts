import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../require-admin.js';
import { errorBody } from '../../errors.js';
import { errorSchema } from '../../schemas.js';
import { OnvifError } from '../../../cctv/onvif/onvif-client.js';
import type { OnvifService } from '../../../cctv/onvif/onvif-service.js';

export type OnvifCameras = Pick<OnvifService, 'discover' | 'probe'>;

const nullableText = z.string().nullable();

const discoveredDeviceSchema = z.object({
  /** the IP the camera answered from */
  address: z.string(),
  /** its device service: what POST /cameras/onvif/probe takes */
  xaddr: z.string(),
  xaddrs: z.array(z.string()),
  /** urn:uuid:… stable per device */
  endpoint: z.string(),
  name: nullableText,
  manufacturer: nullableText,
  model: nullableText,
  hardware: nullableText,
  scopes: z.array(z.string()),
});

const discoverBodySchema = z
  .object({
    /** how long to listen for answers (default 3 s) */
    timeoutMs: z.number().int().min(200).max(15_000).optional(),
  })
  .strict()
  .nullish(); // no body at all is fine

const httpUrl = z
  .string()
  .max(2048)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL, e.g. http://192.168.1.20/onvif/device_service');

/** `onvif` of POST/PATCH /cameras: the camera's ONVIF device service, for its PullPoint alarms (null: none) */
export const cameraOnvifFieldSchema = z.object({ xaddr: httpUrl }).strict().nullable();

const probeBodySchema = z
  .object({
    xaddr: httpUrl.optional(),
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[\w.:-]+$/, 'must be a host name or IP address')
      .optional(),
    port: z.number().int().min(1).max(65535).optional(),
    username: z.string().max(256).optional(),
    password: z.string().max(1024).optional(),
  })
  .strict()
  .refine((b) => b.xaddr !== undefined || b.host !== undefined, { message: 'xaddr or host is needed', path: ['xaddr'] });

const profileSchema = z.object({
  token: z.string(),
  name: z.string(),
  streamUrl: nullableText,
  snapshotUrl: nullableText,
  width: z.number().nullable(),
  height: z.number().nullable(),
  codec: nullableText,
  fps: z.number().nullable(),
});

const probeResultSchema = z.object({
  xaddr: z.string(),
  manufacturer: nullableText,
  model: nullableText,
  firmware: nullableText,
  serial: nullableText,
  hardwareId: nullableText,
  profiles: z.array(profileSchema),
  events: z.boolean(),
});

/** a camera-side failure: 502 with why, so the UI can point at the password field or the address */
const onvifErrorSchema = errorSchema.extend({
  reason: z.enum(['unauthorized', 'unreachable', 'not-onvif', 'timeout', 'failed']),
});

export const cameraOnvifRoutes: FastifyPluginAsyncZod<{ onvif: OnvifCameras }> = async (api, { onvif }) => {
  api.post(
    '/cameras/discover',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['cameras'],
        summary: 'Find ONVIF cameras on the LAN (WS-Discovery probe; answers after ~3 s)',
        body: discoverBodySchema,
        response: { 200: z.object({ devices: z.array(discoveredDeviceSchema) }), 400: errorSchema },
      },
    },
    async (request) => ({ devices: await onvif.discover({ timeoutMs: request.body?.timeoutMs }) }),
  );

  api.post(
    '/cameras/onvif/probe',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['cameras'],
        summary: "An ONVIF camera's identity, media profiles (RTSP stream and snapshot URIs) and whether it has events",
        body: probeBodySchema,
        response: { 200: probeResultSchema, 400: errorSchema, 502: onvifErrorSchema },
      },
    },
    async (request, reply) => {
      const { xaddr, host, port, username, password } = request.body;
      try {
        return await onvif.probe({ xaddr, host, port, username, password });
      } catch (err) {
        if (!(err instanceof OnvifError)) throw err;
        return reply.code(502).send({ ...errorBody(502, err.message), reason: err.reason });
      }
    },
  );
};
