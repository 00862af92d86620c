import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyError } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { EngineStatus } from './api-types.js';
import type { UserService } from '../auth/user-service.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { UpstreamError, UserError } from '../core/user-error.js';
import { packageRoot, VERSION } from '../core/version.js';
import type { FolderBrowser } from '../library/folder-browser.js';
import type { LibraryService } from '../library/library-service.js';
import { registerAuth } from './auth-hook.js';
import { authRoutes } from './routes/auth/index.js';
import { downloadRoutes, type Downloads } from './routes/downloads/index.js';
import { discoverRoutes, type Discovery } from './routes/discover/index.js';
import { settingsRoutes, type TorrentSettingsControl } from './routes/settings/index.js';
import { engineRoutes } from './routes/engine/index.js';
import { eventRoutes } from './routes/events/index.js';
import { fileRoutes } from './routes/files/index.js';
import { healthRoutes } from './routes/health/index.js';
import { libraryRoutes } from './routes/library/index.js';
import { transcodeRoutes, type Transcodes } from './routes/transcode/index.js';
import { watchRoutes, type WatchState } from './routes/watch/index.js';
import { playbackRoutes, type PlaybackRouteDeps } from './routes/playback/index.js';
import { dlnaRoutes, type DlnaRouteDeps } from './routes/dlna/index.js';
import { playbackProfileRoutes } from './routes/playback-profiles/index.js';
import { cameraRoutes, type Cameras } from './routes/cameras/index.js';
import { cameraOnvifRoutes, type OnvifCameras } from './routes/camera-onvif/index.js';
import { cameraReplayRoutes, type CameraReplay } from './routes/camera-replay/index.js';
import { cameraLiveRoutes, type Live } from './routes/camera-live/index.js';
import type { DeviceProfileStore } from '../stream/device-profiles.js';
import { errorBody } from './errors.js';

export interface ApiDeps {
  users: UserService;
  library: LibraryService;
  folders: FolderBrowser;
  downloads: Downloads;
  discovery: Discovery;
  torrentSettings: TorrentSettingsControl;
  /** ffmpeg jobs: profile transcodes, clip exports, hardware encoders */
  transcodes: Transcodes;
  /** resume points, played marks, continue watching (per user) */
  watch: WatchState;
  playback: PlaybackRouteDeps;
  dlna: DlnaRouteDeps;
  profiles: DeviceProfileStore;
  /** IP cameras, their recorders and recordings */
  cameras: Cameras;
  /** ONVIF: WS-Discovery on the LAN and reading a camera's profiles */
  onvif: OnvifCameras;
  /** timeline, replay playlists and segments, clip export of camera recordings */
  cameraReplay?: CameraReplay;
  /** live view and restream (HTTP-FLV proxied from the in-process restream server) */
  live?: Live;
  bus: EventBus;
  status: () => EngineStatus;
  pause: () => void;
  resume: () => void;
  log: Logger;
  rendererDir?: string;
}

export type Api = FastifyInstance;

/** Builds the HTTP API (/api/v1), its OpenAPI document and the web UI, without listening. */
export async function buildApiServer(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    // SSE clients never hang up by themselves: stopping the engine must not wait for them
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  acceptEmptyJsonBodies(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const detail = err.validation.map(
        (v) => `${v.instancePath.replace(/^\//, '') || v.params?.issue?.path?.join('.') || 'request'}: ${v.message}`,
      );
      return reply.code(400).send(errorBody(400, `Invalid ${err.validationContext ?? 'request'}: ${detail.join('; ')}`));
    }
    if (err instanceof UserError) return reply.code(400).send(errorBody(400, err.message));
    if (err instanceof UpstreamError) return reply.code(err.statusCode).send(errorBody(err.statusCode, err.message));
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err, url: request.url }, 'request failed');
      return reply.code(status).send(errorBody(status, 'Internal error; the engine log has the details'));
    }
    return reply.code(status).send(errorBody(status, err.message));
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Racoon API', version: VERSION, description: 'Home media center engine' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  const rendererDir = deps.rendererDir ?? path.join(packageRoot(), 'dist', 'renderer');
  await app.register(fastifyStatic, { root: rendererDir, serve: false });

  registerAuth(app, deps.users);
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes, { users: deps.users });
      await api.register(libraryRoutes, { library: deps.library, folders: deps.folders });
      await api.register(fileRoutes, { library: deps.library });
      await api.register(watchRoutes, { watch: deps.watch });
      await api.register(playbackRoutes, deps.playback);
      await api.register(dlnaRoutes, deps.dlna);
      await api.register(playbackProfileRoutes, { profiles: deps.profiles });
      await api.register(downloadRoutes, { downloads: deps.downloads });
      await api.register(discoverRoutes, { discovery: deps.discovery });
      await api.register(settingsRoutes, { torrent: deps.torrentSettings });
      await api.register(engineRoutes, { status: deps.status, pause: deps.pause, resume: deps.resume });
      await api.register(eventRoutes, { bus: deps.bus });
      await api.register(transcodeRoutes, { transcodes: deps.transcodes, library: deps.library });
      await api.register(cameraRoutes, { cameras: deps.cameras });
      await api.register(cameraOnvifRoutes, { onvif: deps.onvif });
      if (deps.cameraReplay) await api.register(cameraReplayRoutes, { replay: deps.cameraReplay });
      if (deps.live) await api.register(cameraLiveRoutes, { live: deps.live });
      api.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
    },
    { prefix: '/api/v1' },
  );

  registerWebUi(app, rendererDir);
  return app;
}

/** `POST` actions without a payload often still say `content-type: application/json`; treat "" as no body. */
function acceptEmptyJsonBodies(app: FastifyInstance): void {
  // fastify's own parser, so __proto__ / constructor poisoning stays rejected
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (String(body).trim() === '') return done(null, undefined);
    parseJson(request, String(body), done);
  });
}

/** Serves the built renderer; any non-API path falls back to index.html (client-side routes). */
function registerWebUi(app: FastifyInstance, rendererDir: string): void {
  const hasUi = fs.existsSync(path.join(rendererDir, 'index.html'));
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0];
    if (url.startsWith('/api/')) return reply.code(404).send(errorBody(404, `No such endpoint: ${request.method} ${url}`));
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply.code(404).send(errorBody(404, 'Not found'));
    if (!hasUi) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The Racoon web UI is not built. Run `npm run build` (npm ci does it), then reload.');
    }
    const relative = decodeURIComponent(url).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, relative);
    // only real files inside the UI folder; everything else is a client-side route
    if (relative && file.startsWith(rendererDir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(relative, rendererDir);
    }
    return reply.sendFile('index.html', rendererDir);
  });
}
