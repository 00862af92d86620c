import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { VERSION } from '../../../core/version.js';
import { healthSchema } from '../../schemas.js';

export const healthRoutes: FastifyPluginAsyncZod = async (api) => {
  api.get(
    '/health',
    {
      config: { public: true },
      schema: { tags: ['engine'], summary: 'Liveness check (no auth)', response: { 200: healthSchema } },
    },
    async () => ({ status: 'ok' as const, version: VERSION }),
  );
};
