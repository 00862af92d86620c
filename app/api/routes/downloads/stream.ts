import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';

export interface StreamableFile {
  name: string;
  length: number;
  read(start: number, end: number): Readable;
}

const VIDEO_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.avi': 'video/x-msvideo',
  '.ts': 'video/mp2t',
  '.m2ts': 'video/mp2t',
  '.mpg': 'video/mpeg',
  '.mpeg': 'video/mpeg',
  '.srt': 'application/x-subrip',
  '.vtt': 'text/vtt',
};

export function contentTypeOf(name: string): string {
  return VIDEO_TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** Answers a (Range) request for a file that may still be downloading: 200 whole, 206 one range, 416 unsatisfiable. */
export function sendRanged(request: FastifyRequest, reply: FastifyReply, file: StreamableFile): FastifyReply {
  reply.header('accept-ranges', 'bytes').header('content-type', contentTypeOf(file.name));
  const header = request.headers.range;
  if (file.length === 0) return reply.header('content-length', '0').send('');
  if (!header) return reply.header('content-length', String(file.length)).send(file.read(0, file.length - 1));
  const ranges = parseRange(file.length, header, { combine: true });
  if (ranges === -1 || ranges === -2 || ranges.length !== 1) {
    // unsatisfiable, malformed, or several ranges (players ask for one)
    return reply.code(416).header('content-range', `bytes */${file.length}`).send('');
  }
  const { start, end } = ranges[0];
  return reply
    .code(206)
    .header('content-range', `bytes ${start}-${end}/${file.length}`)
    .header('content-length', String(end - start + 1))
    .send(file.read(start, end));
}
