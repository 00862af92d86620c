import type { FastifyReply } from 'fastify';

const NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
};

/** The API's one error shape: `{ statusCode, error, message }`. */
export function errorBody(statusCode: number, message: string) {
  return { statusCode, error: NAMES[statusCode] ?? 'Error', message };
}

export function sendError(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  return reply.code(statusCode).send(errorBody(statusCode, message));
}
