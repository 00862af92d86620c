import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AddDownloadResponse, DownloadDetail, DownloadOptions, DownloadSummary } from '../../api-types.js';
import {
  addDownloadResponseSchema,
  addDownloadSchema,
  downloadDetailSchema,
  downloadOptionsPatchSchema,
  downloadSummarySchema,
  errorSchema,
  idParamsSchema,
} from '../../schemas.js';
import { sendRanged, type StreamableFile } from './stream.js';
import { sendError } from '../../errors.js';

/** What the routes need of the downloads capability (app/torrent/download-service.ts implements it); actions on an unknown id throw a NotFoundError. */
export interface Downloads {
  add(input: { uri: string } | { torrentFile: Buffer }): Promise<AddDownloadResponse>;
  list(): DownloadSummary[];
  get(id: number): DownloadDetail | null;
  pause(id: number): void | Promise<void>;
  resume(id: number): void | Promise<void>;
  remove(id: number, options: { deleteData: boolean }): void | Promise<void>;
  move(id: number, move: 'top' | 'up' | 'down' | 'bottom'): void | Promise<void>;
  selectFile(id: number, index: number, selected: boolean): void | Promise<void>;
  openFile(id: number, index: number): StreamableFile | null;
  setSequential(id: number, on: boolean): void | Promise<void>;
  setOptions(id: number, patch: Partial<DownloadOptions>): DownloadDetail;
}

const MAX_TORRENT_BYTES = 10 * 1024 * 1024;

/** A .torrent upload: the multipart field `torrent`. */
async function uploadedTorrent(request: FastifyRequest): Promise<Buffer | null> {
  for await (const part of request.parts({ limits: { fileSize: MAX_TORRENT_BYTES, files: 1, fields: 4 } })) {
    if (part.type === 'file' && part.fieldname === 'torrent') {
      const data = await part.toBuffer();
      if (part.file.truncated) throw Object.assign(new Error('The .torrent file is larger than 10 MiB'), { statusCode: 400 });
      return data;
    }
    if (part.type === 'file') await part.toBuffer(); // drain other files
  }
  return null;
}

/** Runs an action on a download; an unknown id is the service's NotFoundError, answered 404 by the error handler. */
async function noContent(reply: FastifyReply, action: () => unknown) {
  await action();
  return reply.code(204).send(null);
}

export const downloadRoutes: FastifyPluginAsyncZod<{ downloads: Downloads }> = async (api, { downloads }) => {
  api.post(
    '/downloads',
    {
      schema: {
        tags: ['downloads'],
        summary: 'Add a download: JSON { uri } (magnet or http(s) .torrent URL) or a multipart field `torrent`',
        body: addDownloadSchema.nullish(),
        response: { 201: addDownloadResponseSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      if (request.isMultipart()) {
        const torrentFile = await uploadedTorrent(request);
        if (!torrentFile) return sendError(reply, 400, 'No `torrent` file field in the upload');
        return reply.code(201).send(await downloads.add({ torrentFile }));
      }
      if (!request.body) return sendError(reply, 400, 'Send { "uri": "magnet:?…" } or a .torrent file');
      return reply.code(201).send(await downloads.add({ uri: request.body.uri }));
    },
  );

  api.get(
    '/downloads',
    {
      schema: {
        tags: ['downloads'],
        summary: 'Every download in queue order',
        response: { 200: z.array(downloadSummarySchema) },
      },
    },
    async () => downloads.list(),
  );

  api.get(
    '/downloads/:id',
    { schema: { tags: ['downloads'], params: idParamsSchema, response: { 200: downloadDetailSchema, 404: errorSchema } } },
    async (request, reply) => downloads.get(request.params.id) ?? sendError(reply, 404, 'Download not found'),
  );

  api.patch(
    '/downloads/:id',
    {
      schema: {
        tags: ['downloads'],
        summary: "Change a download's own limits: speed caps (KiB/s), share ratio, seeding time; null clears one",
        params: idParamsSchema,
        body: downloadOptionsPatchSchema,
        response: { 200: downloadDetailSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => downloads.setOptions(request.params.id, request.body),
  );

  for (const action of ['pause', 'resume'] as const) {
    api.post(
      `/downloads/:id/${action}`,
      {
        schema: {
          tags: ['downloads'],
          summary: `${action} one download`,
          params: idParamsSchema,
          response: { 204: z.null(), 404: errorSchema },
        },
      },
      async (request, reply) => noContent(reply, () => downloads[action](request.params.id)),
    );
  }

  api.post(
    '/downloads/:id/move',
    {
      schema: {
        tags: ['downloads'],
        summary: 'Change its place in the queue',
        params: idParamsSchema,
        body: z.object({ to: z.enum(['top', 'up', 'down', 'bottom']) }),
        response: { 204: z.null(), 404: errorSchema },
      },
    },
    async (request, reply) => noContent(reply, () => downloads.move(request.params.id, request.body.to)),
  );

  api.post(
    '/downloads/:id/sequential',
    {
      schema: {
        tags: ['downloads'],
        summary: 'Download pieces in order (to watch while it downloads) or rarest first',
        params: idParamsSchema,
        body: z.object({ enabled: z.boolean() }),
        response: { 204: z.null(), 404: errorSchema },
      },
    },
    async (request, reply) => noContent(reply, () => downloads.setSequential(request.params.id, request.body.enabled)),
  );

  api.post(
    '/downloads/:id/files/:index',
    {
      schema: {
        tags: ['downloads'],
        summary: 'Select or skip one file of the torrent',
        params: idParamsSchema.extend({ index: z.coerce.number().int().min(0) }),
        body: z.object({ selected: z.boolean() }),
        response: { 204: z.null(), 404: errorSchema },
      },
    },
    async (request, reply) =>
      noContent(reply, () => downloads.selectFile(request.params.id, request.params.index, request.body.selected)),
  );

  api.get(
    '/downloads/:id/files/:index/stream',
    {
      schema: {
        tags: ['downloads'],
        summary: 'Play a file of a download, also while it downloads (Range: the pieces under it come first)',
        params: idParamsSchema.extend({ index: z.coerce.number().int().min(0) }),
        response: { 404: errorSchema },
      },
    },
    async (request, reply) => {
      const file = downloads.openFile(request.params.id, request.params.index);
      if (!file) return sendError(reply, 404, 'No such file in that download (yet)');
      return sendRanged(request, reply, file);
    },
  );

  api.delete(
    '/downloads/:id',
    {
      schema: {
        tags: ['downloads'],
        summary: 'Remove a download; ?deleteData=true also deletes its files (library copies stay)',
        params: idParamsSchema,
        querystring: z.object({ deleteData: z.enum(['true', 'false']).optional() }),
        response: { 204: z.null(), 404: errorSchema },
      },
    },
    async (request, reply) =>
      noContent(reply, () => downloads.remove(request.params.id, { deleteData: request.query.deleteData === 'true' })),
  );
};
