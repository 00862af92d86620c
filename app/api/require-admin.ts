import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.js';
import { SIGN_IN_FIRST } from './auth-hook.js';

/**
 * preHandler for routes only an administrator may use (media folders, browsing the server's folders).
 * The auth hook has already answered 401 for a request without a session; this adds the 403.
 */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.user) {
    return sendError(reply, 401, SIGN_IN_FIRST);
  }
  if (!request.user.isAdmin) {
    return sendError(reply, 403, 'Only an administrator may do this');
  }
  return undefined;
}
