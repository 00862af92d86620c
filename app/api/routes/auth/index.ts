import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserService } from '../../../auth/user-service.js';
import { SESSION_COOKIE } from '../../auth-hook.js';
import { changePasswordSchema, errorSchema, loginRequestSchema, loginResponseSchema, userSchema } from '../../schemas.js';
import { LoginThrottle } from './login-throttle.js';
import { sendError } from '../../errors.js';

const COOKIE_MAX_AGE_S = 30 * 86_400;

function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', maxAge: COOKIE_MAX_AGE_S });
}

export const authRoutes: FastifyPluginAsyncZod<{ users: UserService }> = async (api, { users }) => {
  const throttle = new LoginThrottle();

  api.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; answers a bearer token and sets the session cookie',
        security: [],
        body: loginRequestSchema,
        response: { 200: loginResponseSchema, 401: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const wait = throttle.retryAfterSeconds(request.ip);
      if (wait > 0) {
        return sendError(reply.header('retry-after', String(wait)), 429, `Too many failed sign-ins; try again in ${wait} s`);
      }
      const user = await users.checkPassword(request.body.username, request.body.password);
      if (!user) {
        throttle.failed(request.ip);
        return sendError(reply, 401, 'Wrong username or password');
      }
      throttle.succeeded(request.ip);
      const token = users.createSession(user.id, 'web');
      setSessionCookie(reply, token);
      return { token, user };
    },
  );

  // The desktop window holds a token from the preload; this trades it for the UI's cookie.
  api.post(
    '/auth/session',
    {
      schema: { tags: ['auth'], summary: 'Set the session cookie for the bearer token', response: { 200: loginResponseSchema } },
    },
    async (request, reply) => {
      setSessionCookie(reply, request.sessionToken!);
      return { token: request.sessionToken!, user: request.user! };
    },
  );

  api.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End this session' } }, async (request, reply) => {
    users.deleteSession(request.sessionToken!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  api.get('/auth/me', { schema: { tags: ['auth'], response: { 200: userSchema } } }, async (request) => request.user!);

  api.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password',
        body: changePasswordSchema,
        response: { 204: z.null(), 400: errorSchema },
      },
    },
    async (request, reply) => {
      const user = request.user!;
      if (!(await users.checkPassword(user.username, request.body.currentPassword))) {
        return sendError(reply, 400, 'The current password is wrong');
      }
      await users.setPassword(user.username, request.body.newPassword);
      // setPassword ended every session; keep this one signed in
      const token = users.createSession(user.id, 'web');
      setSessionCookie(reply, token);
      return reply.code(204).send(null);
    },
  );
};
