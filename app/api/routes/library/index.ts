import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FolderBrowser } from '../../../library/folder-browser.js';
import type { LibraryService } from '../../../library/library-service.js';
import { requireAdmin } from '../../require-admin.js';
import {
  addRootSchema,
  errorSchema,
  folderListingSchema,
  folderQuerySchema,
  idParamsSchema,
  itemDetailSchema,
  itemSummarySchema,
  rootSchema,
  scanProgressSchema,
} from '../../schemas.js';
import { sendError } from '../../errors.js';

export interface LibraryRouteDeps {
  library: LibraryService;
  folders: FolderBrowser;
}

export const libraryRoutes: FastifyPluginAsyncZod<LibraryRouteDeps> = async (api, { library, folders }) => {
  api.get(
    '/library/items',
    {
      schema: { tags: ['library'], summary: 'Movies and series in the catalogue', response: { 200: z.array(itemSummarySchema) } },
    },
    async () => library.items(),
  );

  api.get(
    '/library/items/:id',
    {
      schema: {
        tags: ['library'],
        summary: 'A movie with its files, or a series with seasons, episodes and files',
        params: idParamsSchema,
        response: { 200: itemDetailSchema, 404: errorSchema },
      },
    },
    async (request, reply) => library.item(request.params.id) ?? sendError(reply, 404, 'Item not found'),
  );

  api.get(
    '/library/roots',
    { schema: { tags: ['library'], summary: 'Media folders', response: { 200: z.array(rootSchema) } } },
    async () => library.roots(),
  );

  api.post(
    '/library/roots',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['library'],
        summary: 'Add a media folder (then scanned in the background; admin only)',
        body: addRootSchema,
        response: { 201: rootSchema, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      const root = await library.addRoot(request.body.path);
      library.startScan();
      return reply.code(201).send(root);
    },
  );

  api.delete(
    '/library/roots/:id',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['library'],
        summary: 'Forget a media folder (files on disk stay; admin only)',
        params: idParamsSchema,
        response: { 204: z.null(), 403: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) =>
      (await library.removeRoot(request.params.id))
        ? reply.code(204).send(null)
        : sendError(reply, 404, 'Media folder not found'),
  );

  api.get(
    '/library/folders',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['library'],
        summary: "Browse the server's folders to pick a media folder: subfolder names only (admin only)",
        description: 'Without `path`: the starting points (home, / or the drives, /media, /mnt, /srv, the data media folder).',
        querystring: folderQuerySchema,
        response: { 200: folderListingSchema, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => folders.list(request.query.path ?? null),
  );

  api.get(
    '/library/scan',
    { schema: { tags: ['library'], summary: 'Progress of the current or last scan', response: { 200: scanProgressSchema } } },
    async () => library.scanner.progress(),
  );

  api.post(
    '/library/scan',
    { schema: { tags: ['library'], summary: 'Scan every media folder now', response: { 202: scanProgressSchema } } },
    async (_request, reply) => reply.code(202).send(library.startScan()),
  );
};
