/**
 * Library files for renderers, read-only: GET and HEAD, one byte range (206, 416), the DLNA headers TVs look for
 * (`transferMode.dlna.org`, `contentFeatures.dlna.org` when asked, Samsung's `CaptionInfo.sec` and `MediaInfo.sec`),
 * and a file's text subtitle as SubRip. Only files the library knows are served: a file id is resolved by the function
 * passed in (LibraryService.playablePath), never a path from the request.
 */
import fs from 'node:fs';
import type http from 'node:http';
import parseRange from 'range-parser';
import type { ProbeInfo } from '../api/api-types.js';
import { TEXT_SUBTITLE_CODECS } from '../stream/playback-decision.js';
import { DLNA_PATHS, type RendererQuirks } from './dlna-types.js';
import { mimeTypeOf } from './dlna-media-format.js';
import {
  captionSubtitle,
  contentFeatures,
  fileContainer,
  fileProfileName,
  INTERACTIVE_FLAGS,
  STREAMING_FLAGS,
  subtitleMime,
} from './dlna-protocol-info.js';

/** What the media routes need of the library. */
export interface DlnaMediaLibrary {
  /** absolute path of a catalogued file inside a current media folder, or null */
  playablePath(fileId: number): Promise<string | null>;
  /** ffprobe's summary (null until probed) */
  probe(fileId: number): ProbeInfo | null;
}

export interface MediaRequestContext {
  quirks: RendererQuirks;
  /** "http://<address the renderer reached>:<port>" */
  baseUrl: string;
}

export interface MediaResponderOptions {
  library: DlnaMediaLibrary;
  /** a text subtitle stream converted to a SubRip file (MediaTools.subtitleSrt) */
  subtitleSrt: (file: string, stream: number) => Promise<string>;
  /** a video's thumbnail as a JPEG file (MediaTools.thumbnailJpeg); absent = no thumbnails */
  thumbnailJpeg?: (file: string, durationSec: number | null) => Promise<string>;
}

type Request = http.IncomingMessage;
type Response = http.ServerResponse;

const TRANSFER_MODES = ['Streaming', 'Interactive', 'Background'];

/** The mode the renderer asked for when it is one of DLNA's, else the usual one for the content. */
export function transferMode(request: Request, usual: 'Streaming' | 'Interactive'): string {
  const asked = String(request.headers['transfermode.dlna.org'] ?? '').trim();
  return TRANSFER_MODES.find((mode) => mode.toLowerCase() === asked.toLowerCase()) ?? usual;
}

export const asks = (request: Request, header: string) => String(request.headers[header] ?? '').trim() === '1';

/** Ends a request with a short plain-text status (HEAD gets the headers only). */
export function sendStatus(
  request: Request,
  response: Response,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const body = `${message}\n`;
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

export class MediaResponder {
  constructor(private readonly options: MediaResponderOptions) {}

  /** GET/HEAD of a library file as it is. */
  async serveFile(request: Request, response: Response, fileId: number, context: MediaRequestContext): Promise<void> {
    const file = await this.options.library.playablePath(fileId);
    if (!file) return sendStatus(request, response, 404, 'No such media file');
    let size: number;
    try {
      const stat = await fs.promises.stat(file);
      if (!stat.isFile()) return sendStatus(request, response, 404, 'No such media file');
      size = stat.size;
    } catch {
      return sendStatus(request, response, 404, 'No such media file');
    }
    const probe = this.options.library.probe(fileId);
    const headers: Record<string, string> = {
      'Content-Type': mimeTypeOf(fileContainer(file, probe)),
      'Accept-Ranges': 'bytes',
      'transferMode.dlna.org': transferMode(request, 'Streaming'),
    };
    if (asks(request, 'getcontentfeatures.dlna.org')) {
      const profileName = context.quirks.omitDlnaProfileName || !probe ? null : fileProfileName(file, probe);
      headers['contentFeatures.dlna.org'] = contentFeatures({
        profileName,
        seek: 'bytes',
        converted: false,
        flags: STREAMING_FLAGS,
      });
    }
    const caption = captionSubtitle(probe)?.index ?? null;
    if (asks(request, 'getcaptioninfo.sec') && caption !== null) {
      headers['CaptionInfo.sec'] = context.baseUrl + DLNA_PATHS.subtitle(fileId, caption);
    }
    if (asks(request, 'getmediainfo.sec') && probe?.durationSec) {
      headers['MediaInfo.sec'] = `SEC_Duration=${Math.round(probe.durationSec * 1000)};`;
    }
    sendBytes(request, response, file, size, headers);
  }

  /** GET/HEAD of a text subtitle stream of a library file, as SubRip. */
  async serveSubtitle(request: Request, response: Response, fileId: number, stream: number, context: MediaRequestContext) {
    const probe = this.options.library.probe(fileId);
    const subtitle = probe?.subtitles.find((s) => s.index === stream);
    if (!subtitle || !TEXT_SUBTITLE_CODECS.includes(subtitle.codec))
      return sendStatus(request, response, 404, 'No such text subtitle');
    const file = await this.options.library.playablePath(fileId);
    if (!file) return sendStatus(request, response, 404, 'No such media file');
    let srt: string;
    let size: number;
    try {
      srt = await this.options.subtitleSrt(file, stream);
      size = (await fs.promises.stat(srt)).size;
    } catch (err) {
      return sendStatus(request, response, 500, `The subtitle could not be converted: ${(err as Error).message}`);
    }
    const headers: Record<string, string> = {
      'Content-Type': subtitleMime(context.quirks.samsungCaptions),
      'Accept-Ranges': 'bytes',
      'transferMode.dlna.org': transferMode(request, 'Interactive'),
    };
    if (asks(request, 'getcontentfeatures.dlna.org')) {
      headers['contentFeatures.dlna.org'] = contentFeatures({ seek: 'bytes', converted: false, flags: INTERACTIVE_FLAGS });
    }
    sendBytes(request, response, srt, size, headers);
  }
}

/** GET/HEAD of a video's thumbnail (JPEG_TN), made from the file the first time it is asked for. */
export async function serveThumbnail(
  options: MediaResponderOptions,
  request: Request,
  response: Response,
  fileId: number,
): Promise<void> {
  const probe = options.library.probe(fileId);
  const file = await options.library.playablePath(fileId);
  if (!file || !probe?.video || !options.thumbnailJpeg) return sendStatus(request, response, 404, 'No thumbnail for this file');
  let jpeg: string;
  let size: number;
  try {
    jpeg = await options.thumbnailJpeg(file, probe.durationSec);
    size = (await fs.promises.stat(jpeg)).size;
  } catch (err) {
    return sendStatus(request, response, 500, `The thumbnail could not be made: ${(err as Error).message}`);
  }
  const headers: Record<string, string> = {
    'Content-Type': 'image/jpeg',
    'Accept-Ranges': 'bytes',
    'transferMode.dlna.org': transferMode(request, 'Interactive'),
  };
  if (asks(request, 'getcontentfeatures.dlna.org')) {
    headers['contentFeatures.dlna.org'] = contentFeatures({
      profileName: 'JPEG_TN',
      seek: 'bytes',
      converted: false,
      flags: INTERACTIVE_FLAGS,
    });
  }
  sendBytes(request, response, jpeg, size, headers);
}

/** 200 with the whole file, 206 with one range, 416 when unsatisfiable; HEAD sends the same headers without a body. */
function sendBytes(request: Request, response: Response, file: string, size: number, headers: Record<string, string>): void {
  const rangeHeader = request.headers.range;
  let start = 0;
  let end = size - 1;
  let status = 200;
  if (rangeHeader && size > 0) {
    const ranges = parseRange(size, rangeHeader, { combine: true });
    if (ranges === -1 || ranges === -2 || ranges.length !== 1 || ranges.type !== 'bytes') {
      // unsatisfiable, malformed or several ranges (renderers ask for one)
      return sendStatus(request, response, 416, 'Range not satisfiable', { ...headers, 'Content-Range': `bytes */${size}` });
    }
    ({ start, end } = ranges[0]);
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  const length = size === 0 ? 0 : end - start + 1;
  response.writeHead(status, { ...headers, 'Content-Length': String(length) });
  if (request.method === 'HEAD' || length === 0) {
    response.end();
    return;
  }
  const stream = fs.createReadStream(file, { start, end, highWaterMark: 256 * 1024 });
  stream.on('error', () => response.destroy());
  // a renderer that hangs up stops the read at once
  response.on('close', () => stream.destroy());
  stream.pipe(response);
}
