import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  discoverySettingsSchema,
  grabRequestSchema,
  indexerInfoSchema,
  indexerTestResultSchema,
  releaseSearchResponseSchema,
  titleDetailsSchema,
  titleParamsSchema,
  titleSearchResponseSchema,
} from '../../discovery-schemas.js';
import { requireAdmin } from '../../require-admin.js';
import { addDownloadResponseSchema, errorSchema } from '../../schemas.js';
import type { DiscoveryService } from '../../../discovery/discovery-service.js';
import { releaseProfileSchema } from '../../../discovery/release-profile.js';
import { sendError } from '../../errors.js';

export type Discovery = Pick<
  DiscoveryService,
  | 'searchTitles'
  | 'title'
  | 'posterFile'
  | 'releases'
  | 'grab'
  | 'settings'
  | 'updateSettings'
  | 'addIndexer'
  | 'updateIndexer'
  | 'removeIndexer'
  | 'testIndexer'
  | 'profiles'
  | 'saveProfile'
  | 'removeProfile'
>;

const errors = { 400: errorSchema, 404: errorSchema, 429: errorSchema, 502: errorSchema };
const indexerParams = z.object({ id: z.string().uuid() });

export const discoverRoutes: FastifyPluginAsyncZod<{ discovery: Discovery }> = async (api, { discovery }) => {
  api.get(
    '/discover/search',
    {
      schema: {
        tags: ['discover'],
        summary: 'Search titles on the configured metadata providers (TMDB, OMDb)',
        querystring: z.object({
          q: z.string().max(300),
          kind: z.enum(['movie', 'series']).optional(),
          year: z.coerce.number().int().min(1870).max(2100).optional(),
        }),
        response: { 200: titleSearchResponseSchema, ...errors },
      },
    },
    async (request) => discovery.searchTitles(request.query.q, { kind: request.query.kind, year: request.query.year }),
  );

  api.get(
    '/discover/titles/:provider/:kind/:id',
    {
      schema: {
        tags: ['discover'],
        summary: 'One title with its seasons and episodes',
        params: titleParamsSchema,
        response: { 200: titleDetailsSchema, ...errors },
      },
    },
    async (request) => discovery.title(request.params.provider, request.params.kind, request.params.id),
  );

  api.get(
    '/discover/titles/:provider/:kind/:id/releases',
    {
      schema: {
        tags: ['discover'],
        summary: "A title's releases on every indexer, ranked by a release profile, with reasons",
        params: titleParamsSchema,
        querystring: z.object({
          season: z.coerce.number().int().min(0).max(1000).optional(),
          episode: z.coerce.number().int().min(0).max(10_000).optional(),
          profile: z.string().max(100).optional(),
        }),
        response: { 200: releaseSearchResponseSchema, ...errors },
      },
    },
    async (request) => discovery.releases(request.params, request.query),
  );

  api.post(
    '/discover/grab',
    {
      schema: {
        tags: ['discover'],
        summary: 'Download a release, linked to its title (the import is named from the metadata)',
        body: grabRequestSchema,
        response: { 201: addDownloadResponseSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await discovery.grab(request.body)),
  );

  api.get(
    '/discover/posters/:key',
    {
      schema: {
        tags: ['discover'],
        summary: 'A poster, fetched once and served from the cache',
        params: z.object({ key: z.string().regex(/^[0-9a-f]{40}$/u) }),
        response: { 404: errorSchema, 502: errorSchema },
      },
    },
    async (request, reply) => {
      const file = await discovery.posterFile(request.params.key);
      if (!file) return sendError(reply, 404, 'Unknown poster');
      // the cache names files <sha1>.<ext> by their sniffed bytes, so the extension gives the type
      return reply
        .header('cache-control', 'private, max-age=604800')
        .sendFile(path.basename(file), path.dirname(file), { cacheControl: false });
    },
  );

  // ---- settings (admins) ----
  const admin = { preHandler: requireAdmin };
  api.get(
    '/settings/discovery',
    {
      ...admin,
      schema: {
        tags: ['settings'],
        summary: 'Metadata providers, language, release profile, indexers',
        response: { 200: discoverySettingsSchema },
      },
    },
    async () => discovery.settings(),
  );
  api.put(
    '/settings/discovery',
    {
      ...admin,
      schema: {
        tags: ['settings'],
        summary: 'Change language, default profile or API keys (write-only; null removes one)',
        body: z.record(z.string(), z.unknown()),
        response: { 200: discoverySettingsSchema, 400: errorSchema },
      },
    },
    async (request) => discovery.updateSettings(request.body),
  );
  api.post(
    '/settings/discovery/indexers',
    {
      ...admin,
      schema: {
        tags: ['settings'],
        summary: 'Add a Torznab indexer (Jackett/Prowlarr feed URL + API key)',
        body: z.record(z.string(), z.unknown()),
        response: { 201: indexerInfoSchema, 400: errorSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await discovery.addIndexer(request.body)),
  );
  api.patch(
    '/settings/discovery/indexers/:id',
    {
      ...admin,
      schema: {
        tags: ['settings'],
        params: indexerParams,
        body: z.record(z.string(), z.unknown()),
        response: { 200: indexerInfoSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => discovery.updateIndexer(request.params.id, request.body),
  );
  api.delete(
    '/settings/discovery/indexers/:id',
    { ...admin, schema: { tags: ['settings'], params: indexerParams, response: { 204: z.null(), 404: errorSchema } } },
    async (request, reply) => {
      await discovery.removeIndexer(request.params.id);
      return reply.code(204).send(null);
    },
  );
  api.post(
    '/settings/discovery/indexers/:id/test',
    {
      ...admin,
      schema: {
        tags: ['settings'],
        summary: "Read the indexer's caps now",
        params: indexerParams,
        response: { 200: indexerTestResultSchema, 404: errorSchema },
      },
    },
    async (request) => discovery.testIndexer(request.params.id),
  );

  // ---- release profiles: the built-ins and the user's own ----
  const profileInfo = z.object({ name: z.string(), builtIn: z.boolean(), profile: releaseProfileSchema });
  const profileParams = z.object({ name: z.string().trim().min(1).max(100) });
  api.get(
    '/discover/profiles',
    {
      schema: {
        tags: ['discover'],
        summary: 'Release profiles: the built-ins, then your own',
        response: { 200: z.array(profileInfo) },
      },
    },
    async () => discovery.profiles(),
  );
  api.put(
    '/settings/discovery/profiles/:name',
    {
      ...admin,
      schema: {
        tags: ['settings'],
        summary: 'Save your own release profile (qualities, cutoff, size per minute, seeders, words, voices)',
        params: profileParams,
        body: z.record(z.string(), z.unknown()),
        response: { 200: profileInfo, 400: errorSchema },
      },
    },
    async (request) => discovery.saveProfile(request.params.name, request.body),
  );
  api.delete(
    '/settings/discovery/profiles/:name',
    {
      ...admin,
      schema: { tags: ['settings'], params: profileParams, response: { 204: z.null(), 400: errorSchema, 404: errorSchema } },
    },
    async (request, reply) => {
      discovery.removeProfile(request.params.name);
      return reply.code(204).send(null);
    },
  );
};
