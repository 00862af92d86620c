import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WatchStateStore } from '../../../library/watch-state-store.js';
import { errorSchema, idParamsSchema } from '../../schemas.js';
import {
  continueQuerySchema,
  continueWatchingEntrySchema,
  fileProgressSchema,
  itemWatchStateSchema,
  itemWatchSummarySchema,
  progressReportSchema,
  progressResultSchema,
  seasonQuerySchema,
} from '../../watch-schemas.js';

export type WatchState = Pick<
  WatchStateStore,
  'fileProgress' | 'reportProgress' | 'setItemPlayed' | 'setEpisodePlayed' | 'itemState' | 'summaries' | 'continueWatching'
>;

const errors = { 400: errorSchema, 401: errorSchema, 404: errorSchema };

/** The auth hook has answered 401 already for a request without a session. */
const userId = (request: FastifyRequest) => request.user!.id;

/** Resume points, played marks and "continue watching": always the signed-in user's own. */
export const watchRoutes: FastifyPluginAsyncZod<{ watch: WatchState }> = async (api, { watch }) => {
  api.get(
    '/files/:id/progress',
    {
      schema: {
        tags: ['watch'],
        summary: "Where this user would resume a file (null: from the start) and whether it's played",
        params: idParamsSchema,
        response: { 200: fileProgressSchema, ...errors },
      },
    },
    async (request) => watch.fileProgress(userId(request), request.params.id),
  );

  api.put(
    '/files/:id/progress',
    {
      schema: {
        tags: ['watch'],
        summary: 'The player reports its position (every ~10 s, on pause, at the end, on leaving)',
        description:
          'A position in the first minute or the first 5 % is no resume point; from 90 % on the movie or episode(s) ' +
          'the file holds are marked played and the resume point goes. Without durationSec the probed duration is used.',
        params: idParamsSchema,
        body: progressReportSchema,
        response: { 200: progressResultSchema, ...errors },
      },
    },
    async (request) => watch.reportProgress(userId(request), request.params.id, request.body),
  );

  const played = (value: boolean) => ({
    schema: {
      tags: ['watch'],
      summary: value
        ? 'Mark a movie or a whole series (?season=N: one season) played'
        : 'Mark a movie or a whole series (?season=N: one season) unplayed (resume points go too)',
      params: idParamsSchema,
      querystring: seasonQuerySchema,
      response: { 200: itemWatchStateSchema, ...errors },
    },
  });
  api.post('/library/items/:id/played', played(true), async (request) =>
    watch.setItemPlayed(userId(request), request.params.id, true, request.query.season),
  );
  api.delete('/library/items/:id/played', played(false), async (request) =>
    watch.setItemPlayed(userId(request), request.params.id, false, request.query.season),
  );

  const episodePlayed = (value: boolean) => ({
    schema: {
      tags: ['watch'],
      summary: `Mark one episode ${value ? 'played' : 'unplayed'}; answers its series' watch state`,
      params: idParamsSchema,
      response: { 200: itemWatchStateSchema, ...errors },
    },
  });
  api.post('/library/episodes/:id/played', episodePlayed(true), async (request) =>
    watch.setEpisodePlayed(userId(request), request.params.id, true),
  );
  api.delete('/library/episodes/:id/played', episodePlayed(false), async (request) =>
    watch.setEpisodePlayed(userId(request), request.params.id, false),
  );

  api.get(
    '/library/items/:id/watch-state',
    {
      schema: {
        tags: ['watch'],
        summary: "This user's state of a movie, or of a series and each of its episodes, with the next episode to watch",
        params: idParamsSchema,
        response: { 200: itemWatchStateSchema, ...errors },
      },
    },
    async (request) => watch.itemState(userId(request), request.params.id),
  );

  api.get(
    '/library/watch-state',
    {
      schema: {
        tags: ['watch'],
        summary: 'Played marks and progress for the library cards: every item this user watched or marked',
        response: { 200: z.array(itemWatchSummarySchema), 401: errorSchema },
      },
    },
    async (request) => watch.summaries(userId(request)),
  );

  api.get(
    '/library/continue',
    {
      schema: {
        tags: ['watch'],
        summary: "Continue watching: this user's half-watched movies and episodes and each started series' next episode",
        description: 'Most recently watched first; a next-up card follows the series played furthest.',
        querystring: continueQuerySchema,
        response: { 200: z.array(continueWatchingEntrySchema), ...errors },
      },
    },
    async (request) => watch.continueWatching(userId(request), request.query.limit),
  );
};
