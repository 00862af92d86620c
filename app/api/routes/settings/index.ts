import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TorrentSettings, TorrentSettingsResponse } from '../../api-types.js';
import { requireAdmin } from '../../require-admin.js';
import { errorSchema } from '../../schemas.js';
import { RESTART_KEYS, torrentSettingsSchema } from '../../../torrent/torrent-settings.js';

/** What the settings routes need: the saved torrent settings and a way to apply them to the running engine. */
export interface TorrentSettingsControl {
  get(): TorrentSettings;
  /** validates (UserError on bad input), saves, applies what can change live; says what waits for a restart */
  update(patch: unknown): TorrentSettingsResponse;
  restartNeeded(): TorrentSettingsResponse['restartNeeded'];
}

const responseSchema = z.object({
  settings: torrentSettingsSchema,
  restartNeeded: z.array(z.enum(RESTART_KEYS)),
});

export const settingsRoutes: FastifyPluginAsyncZod<{ torrent: TorrentSettingsControl }> = async (api, { torrent }) => {
  api.get(
    '/settings/torrent',
    {
      preHandler: requireAdmin,
      schema: { tags: ['settings'], summary: 'BitTorrent settings', response: { 200: responseSchema } },
    },
    async () => ({ settings: torrent.get(), restartNeeded: torrent.restartNeeded() }),
  );
  api.put(
    '/settings/torrent',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['settings'],
        summary: 'Change BitTorrent settings (any subset); queue, seeding and speed apply at once',
        body: z.record(z.string(), z.unknown()),
        response: { 200: responseSchema, 400: errorSchema },
      },
    },
    async (request) => torrent.update(request.body),
  );
};
