import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { LibraryService } from '../../../library/library-service.js';
import { errorSchema, idParamsSchema, mediaFileDetailSchema } from '../../schemas.js';
import { sendError } from '../../errors.js';

export const fileRoutes: FastifyPluginAsyncZod<{ library: LibraryService }> = async (api, { library }) => {
  api.get(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        params: idParamsSchema,
        summary: 'A file with its technical info and the movie or episodes it holds',
        response: { 200: mediaFileDetailSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const file = library.file(request.params.id);
      if (!file) return sendError(reply, 404, 'File not found');
      return file;
    },
  );

  api.get(
    '/files/:id/stream',
    {
      schema: {
        tags: ['files'],
        summary: "The file's bytes (Range requests answer 206)",
        params: idParamsSchema,
        response: { 404: errorSchema },
      },
    },
    async (request, reply) => {
      const real = await library.playablePath(request.params.id);
      if (!real) {
        return sendError(reply, 404, 'File not found or no longer inside a media folder');
      }
      // send() handles Range, If-Range, ETag and Content-Type; the root keeps it inside that folder
      return reply.sendFile(path.basename(real), path.dirname(real), { dotfiles: 'allow', cacheControl: false });
    },
  );
};
