import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EventBus } from '../../../core/event-bus.js';

const HEARTBEAT_MS = 25_000;

/** Server-Sent Events: every EngineEvent as one `data:` line of JSON. */
export const eventRoutes: FastifyPluginAsyncZod<{ bus: EventBus }> = async (api, { bus }) => {
  api.get('/events', { schema: { tags: ['engine'], summary: 'Live engine events (text/event-stream)' } }, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const unsubscribe = bus.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
};
