/**
 * A request body read whole, bounded in size and time: a control request is small, so anything larger (or slower) is
 * refused before it costs memory or a connection slot.
 */
import type http from 'node:http';

/** Why a body was not read: 413 too large, 408 too slow, 400 cut off. */
export class BodyError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The request body as text, at most `limit` bytes, within `timeoutMs`. */
export function readBody(request: http.IncomingMessage, limit: number, timeoutMs: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyError(413));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => finish(new BodyError(408)), timeoutMs);
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      request.off('data', onData);
      if (error) {
        // stop reading: the answer closes the connection
        request.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish(new BodyError(413));
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => finish(null));
    request.once('error', (err) => finish(err));
    request.once('aborted', () => finish(new BodyError(400)));
  });
}
