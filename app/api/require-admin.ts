import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * preHandler for routes only an administrator may use (media folders, browsing the server's folders).
 * The auth hook has already answered 401 for a request without a session; this adds the 403.
 */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.user) {
    return reply
      .code(401)
      .send({ statusCode: 401, error: 'Unauthorized', message: 'Sign in first (Bearer token or session cookie)' });
  }
  if (!request.user.isAdmin) {
    return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'Only an administrator may do this' });
  }
  return undefined;
}
