/**
 * A DLNA HTTP server over a small real library for tests: media made by ffmpeg, probed by ffprobe, catalogued as the
 * ContentDirectory reads it, served on 127.0.0.1 on a free port. Plus an HTTP client that speaks UPnP's methods and
 * a SOAP call helper, as a control point would.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import type { ProbeInfo } from '../api/api-types.js';
import { silentLogger } from '../core/logger.js';
import type { MediaIndexEntry } from '../library/library-catalogue.js';
import { BUILTIN_DEVICE_PROFILES } from '../stream/device-profiles.js';
import { MediaTools } from '../stream/media-tools.js';
import { ContentDirectory } from './content-directory.js';
import { DlnaHttpServer, type DlnaHttpServerOptions } from './dlna-http-server.js';
import { detectRenderer } from './renderer-quirks.js';

export interface LibraryFile {
  fileId: number;
  title: string;
  path: string;
}

export interface TestLibrary {
  files: LibraryFile[];
  probes: Map<number, ProbeInfo>;
  index: MediaIndexEntry[];
}

export const tools = () => resolveFfmpegPaths();

/** Catalogues real files as movies of one media folder (ids from 1), probed for real. */
export async function catalogue(root: string, files: Array<{ title: string; path: string }>): Promise<TestLibrary> {
  const probes = new Map<number, ProbeInfo>();
  const index: MediaIndexEntry[] = [];
  const listed: LibraryFile[] = [];
  for (const [i, file] of files.entries()) {
    const fileId = i + 1;
    const probe = await probeFile(tools().ffprobe, file.path);
    const stat = fs.statSync(file.path);
    probes.set(fileId, probe);
    listed.push({ fileId, title: file.title, path: file.path });
    index.push({
      fileId,
      rootId: 1,
      rootPath: root,
      path: file.path,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      addedAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
      probe,
      item: { id: fileId, type: 'movie', title: file.title, year: 2000 + i },
      episodes: [],
    });
  }
  return { files: listed, probes, index };
}

export interface ServerHandle {
  server: DlnaHttpServer;
  directory: ContentDirectory;
  baseUrl: string;
  /** as the library watcher would: the ContentDirectory rebuilds and bumps SystemUpdateID */
  libraryChanged(): void;
  close(): Promise<void>;
}

const profiles = {
  get(name: string) {
    const profile = BUILTIN_DEVICE_PROFILES.find((p) => p.name === name);
    if (!profile) throw new Error(`no profile ${name}`);
    return profile;
  },
  find: (name: string) => BUILTIN_DEVICE_PROFILES.find((p) => p.name === name) ?? null,
};

export async function startServer(
  library: TestLibrary,
  cacheDir: string,
  overrides: Partial<DlnaHttpServerOptions> & { addresses?: string[]; maxTranscodes?: number } = {},
): Promise<ServerHandle> {
  const listeners = new Set<() => void>();
  const directory = new ContentDirectory({
    index: () => library.index,
    profiles,
    onLibraryChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const mediaTools = new MediaTools(tools(), path.join(cacheDir, 'subtitles'));
  const server = new DlnaHttpServer({
    identity: { uuid: '3b0c5d7e-1f2a-4b3c-8d9e-0a1b2c3d4e5f', friendlyName: 'Racoon test', serverHeader: 'Racoon/0.1.0' },
    contentDirectory: directory,
    media: {
      library: {
        playablePath: async (fileId) => library.files.find((f) => f.fileId === fileId)?.path ?? null,
        probe: (fileId) => library.probes.get(fileId) ?? null,
      },
      subtitleSrt: (file, stream) => mediaTools.subtitleSrt(file, stream),
      profiles,
      ffmpegPath: tools().ffmpeg,
      maxTranscodes: overrides.maxTranscodes,
    },
    quirks: { detect: (headers) => detectRenderer(headers) },
    log: silentLogger(),
    ...overrides,
  });
  const port = await server.listen(overrides.addresses ?? ['127.0.0.1'], 0);
  return {
    server,
    directory,
    baseUrl: `http://127.0.0.1:${port}`,
    libraryChanged: () => listeners.forEach((listener) => listener()),
    close: async () => {
      await server.close();
      directory.close();
    },
  };
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** One HTTP request with any method (SUBSCRIBE, UNSUBSCRIBE…); the whole answer. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error('timed out')));
    req.end(options.body);
  });
}

export function soapEnvelope(serviceType: string, action: string, args: Record<string, string | number>): string {
  const escape = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const inner = Object.entries(args)
    .map(([name, value]) => `<${name}>${escape(String(value))}</${name}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
    `<s:Body><u:${action} xmlns:u="${serviceType}">${inner}</u:${action}></s:Body></s:Envelope>`
  );
}

const soapParser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });

export interface SoapAnswer extends HttpAnswer {
  /** output arguments of a success (entities decoded) */
  out: Record<string, string>;
  /** the UPnP error code of a fault */
  errorCode: number | null;
  errorDescription: string | null;
}

/** A control request as a control point sends it, read back. */
export async function soap(
  controlUrl: string,
  serviceType: string,
  action: string,
  args: Record<string, string | number> = {},
  headers: Record<string, string> = {},
): Promise<SoapAnswer> {
  const answer = await request(controlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset="utf-8"', SOAPACTION: `"${serviceType}#${action}"`, ...headers },
    body: soapEnvelope(serviceType, action, args),
  });
  const body = answer.status === 200 || answer.status === 500 ? soapParser.parse(answer.text)?.Envelope?.Body : null;
  const fault = body?.Fault?.detail?.UPnPError;
  return {
    ...answer,
    out: (body?.[`${action}Response`] as Record<string, string>) ?? {},
    errorCode: fault ? Number(fault.errorCode) : null,
    errorDescription: fault ? String(fault.errorDescription) : null,
  };
}
