import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UserInfo } from './api-types.js';
import type { UserService } from '../auth/user-service.js';
import { sendError } from './errors.js';

export const SESSION_COOKIE = 'racoon_session';
export const SIGN_IN_FIRST = 'Sign in first (Bearer token or session cookie)';

declare module 'fastify' {
  interface FastifyRequest {
    user: UserInfo | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** route answers without a session */
    public?: boolean;
  }
}

/** The token of a request: `Authorization: Bearer …` first, then the UI's session cookie. */
export function requestToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? match[1] : null;
  }
  return request.cookies?.[SESSION_COOKIE] ?? null;
}

/** Every /api route needs a valid session unless it is marked `config: { public: true }`. */
export function registerAuth(app: FastifyInstance, users: UserService): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = requestToken(request);
    const user = token ? users.userForToken(token) : null;
    request.user = user;
    request.sessionToken = user ? token : null;
    if (user || request.routeOptions.config?.public) return;
    return sendError(reply, 401, SIGN_IN_FIRST);
  });
}
