import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DlnaAvailableInterface } from '../../api-types.js';
import { z } from 'zod';
import { requireAdmin } from '../../require-admin.js';
import { errorSchema } from '../../schemas.js';
import type { DlnaService, DlnaStatus } from '../../../dlna/dlna-service.js';
import type { DlnaSettings, DlnaSettingsStore } from '../../../dlna/dlna-settings.js';
import type { RendererQuirksStore } from '../../../dlna/renderer-quirks.js';

export interface DlnaRouteDeps {
  settings: Pick<DlnaSettingsStore, 'get' | 'update'>;
  service: Pick<DlnaService, 'start' | 'status'>;
  renderers: Pick<RendererQuirksStore, 'list' | 'save' | 'remove'>;
  /** interfaces that could be chosen */
  interfaces: () => DlnaAvailableInterface[];
}

const settingsSchema = z.object({
  enabled: z.boolean(),
  friendlyName: z.string(),
  interfaces: z.array(z.string()),
  port: z.number(),
  uuid: z.string(),
});

const statusSchema = z.object({
  running: z.boolean(),
  friendlyName: z.string(),
  uuid: z.string(),
  port: z.number().nullable(),
  interfaces: z.array(z.object({ name: z.string(), address: z.string() })),
  skipped: z.array(z.object({ name: z.string(), address: z.string().optional(), reason: z.string() })),
  error: z.string().nullable(),
});

const answerSchema = z.object({
  settings: settingsSchema,
  status: statusSchema,
  /** virtual: what kind of virtual interface it is (Docker, VPN tunnel, …), null for a real one */
  available: z.array(z.object({ name: z.string(), address: z.string(), internal: z.boolean(), virtual: z.string().nullable() })),
});

const quirksSchema = z.object({
  name: z.string(),
  label: z.string(),
  deviceProfile: z.string(),
  samsungCaptions: z.boolean(),
  omitDlnaProfileName: z.boolean(),
  xboxContainerIds: z.boolean(),
  maxPageSize: z.number(),
});

const rendererSchema = z.object({
  quirks: quirksSchema,
  match: z.object({
    userAgentContains: z.array(z.string()),
    headerContains: z.array(z.object({ header: z.string(), contains: z.string() })),
  }),
  builtin: z.boolean(),
});

const admin = { preHandler: requireAdmin };

/** Settings → DLNA: the media server's switch, name, interfaces and port (a change restarts it), and renderers. */
export const dlnaRoutes: FastifyPluginAsyncZod<DlnaRouteDeps> = async (api, deps) => {
  const answer = (settings: DlnaSettings, status: DlnaStatus) => ({ settings, status, available: deps.interfaces() });

  api.get(
    '/settings/dlna',
    {
      ...admin,
      schema: {
        tags: ['dlna'],
        summary: 'The DLNA media server: settings, what runs, interfaces',
        response: { 200: answerSchema },
      },
    },
    async () => answer(deps.settings.get(), deps.service.status()),
  );

  api.put(
    '/settings/dlna',
    {
      ...admin,
      schema: {
        tags: ['dlna'],
        summary: 'Change the media server (any of enabled, friendlyName, interfaces, port); it restarts at once',
        body: z.record(z.string(), z.unknown()),
        response: { 200: answerSchema, 400: errorSchema },
      },
    },
    async (request) => {
      const settings = deps.settings.update(request.body);
      // settings saved here replace what the command line named at start
      const status = await deps.service.start({});
      return answer(settings, status);
    },
  );

  api.get(
    '/dlna/renderers',
    {
      ...admin,
      schema: {
        tags: ['dlna'],
        summary: 'Renderer quirk profiles: the built-ins in detection order, then your own',
        response: { 200: z.array(rendererSchema) },
      },
    },
    async () => deps.renderers.list(),
  );

  api.put(
    '/dlna/renderers/:name',
    {
      ...admin,
      schema: {
        tags: ['dlna'],
        summary: 'Add or replace your own renderer (how to recognise it, its device profile, its quirks)',
        params: z.object({ name: z.string().max(40) }),
        body: z.record(z.string(), z.unknown()),
        response: { 200: rendererSchema, 400: errorSchema },
      },
    },
    async (request) => deps.renderers.save({ ...request.body, name: request.params.name }),
  );

  api.delete(
    '/dlna/renderers/:name',
    {
      ...admin,
      schema: {
        tags: ['dlna'],
        summary: 'Remove one of your renderers',
        params: z.object({ name: z.string().max(40) }),
        response: { 204: z.null(), 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      deps.renderers.remove(request.params.name);
      return reply.code(204).send(null);
    },
  );
};
