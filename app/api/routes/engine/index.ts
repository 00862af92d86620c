import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EngineStatus } from '../../api-types.js';
import { engineStatusSchema } from '../../schemas.js';

interface EngineControls {
  status: () => EngineStatus;
  pause: () => void;
  resume: () => void;
}

export const engineRoutes: FastifyPluginAsyncZod<EngineControls> = async (api, controls) => {
  const schema = { tags: ['engine'], response: { 200: engineStatusSchema } };
  api.get('/engine/status', { schema: { ...schema, summary: 'Version, pause state, scan and probe progress' } }, async () =>
    controls.status(),
  );
  api.post('/engine/pause', { schema: { ...schema, summary: 'Pause all background work' } }, async () => {
    controls.pause();
    return controls.status();
  });
  api.post('/engine/resume', { schema: { ...schema, summary: 'Resume all background work' } }, async () => {
    controls.resume();
    return controls.status();
  });
};
