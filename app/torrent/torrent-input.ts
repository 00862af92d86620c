/**
 * Validation of what a user or an indexer hands us as a torrent — a magnet link or a .torrent file — before
 * webtorrent sees it: well-formed input, an info-hash, piece hashes, and file paths that cannot escape the
 * download folder (read from the raw bencoded dictionary, since parse-torrent silently rewrites `../evil` to `evil`).
 */
import { UserError } from '../core/user-error.js';
import bencode from 'bencode';
import magnet from 'magnet-uri';
import parseTorrent, { type ParsedTorrent } from 'parse-torrent';
import { safeTorrentPaths } from './torrent-paths.js';

export class TorrentInputError extends UserError {
  override name = 'TorrentInputError';
}

const BTIH_RE = /^(?:[0-9a-f]{40}|[a-z2-7]{32})$/iu;

const text = (v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v));

/** The raw path segments of every file in a bencoded info dictionary (name first), before anyone normalises them. */
export function rawTorrentPaths(info: Record<string, unknown>): string[][] {
  const nameRaw = info['name.utf-8'] ?? info.name;
  if (!(nameRaw instanceof Uint8Array)) throw new TorrentInputError('The torrent has no name');
  const name = text(nameRaw);
  if (info.files === undefined) return [[name]];
  if (!Array.isArray(info.files) || info.files.length === 0) throw new TorrentInputError('The torrent file list is invalid');
  return info.files.map((f: Record<string, unknown>, i: number) => {
    const p = f?.['path.utf-8'] ?? f?.path;
    if (!Array.isArray(p) || p.length === 0) throw new TorrentInputError(`File ${i} of the torrent has no path`);
    return [name, ...p.map(text)];
  });
}

export function checkPaths(info: Record<string, unknown>): void {
  const safe = safeTorrentPaths(rawTorrentPaths(info));
  if (!safe.ok) {
    const first = safe.errors.slice(0, 3).map((e) => `file ${e.index}: ${e.reason}`);
    throw new TorrentInputError(`Unsafe file path in the torrent (${first.join('; ')})`);
  }
}

/** Validates a magnet link; returns its lower-case hex info-hash. */
export function parseMagnet(uri: string): { infoHash: string } {
  if (typeof uri !== 'string' || !/^magnet:\?/iu.test(uri.trim())) {
    throw new TorrentInputError('Not a magnet link: it must start with "magnet:?"');
  }
  const xts = new URL(uri.trim()).searchParams.getAll('xt');
  const btih = xts.find((x) => /^urn:btih:/iu.test(x));
  if (!btih) throw new TorrentInputError('The magnet link has no "xt=urn:btih:" info-hash');
  if (!BTIH_RE.test(btih.slice('urn:btih:'.length))) {
    throw new TorrentInputError('The magnet link info-hash must be 40 hex or 32 base32 characters');
  }
  let decoded;
  try {
    decoded = magnet(uri.trim());
  } catch (err) {
    throw new TorrentInputError(`Malformed magnet link: ${(err as Error).message}`);
  }
  if (!decoded.infoHash || !/^[0-9a-f]{40}$/u.test(decoded.infoHash)) {
    throw new TorrentInputError('The magnet link info-hash could not be read');
  }
  return { infoHash: decoded.infoHash };
}

/** Validates a .torrent file (bencoding, info dictionary, file paths); returns it parsed. */
export async function parseTorrentFile(buf: Buffer): Promise<ParsedTorrent> {
  if (!Buffer.isBuffer(buf) || buf.length === 0) throw new TorrentInputError('The .torrent file is empty');
  let decoded: unknown;
  try {
    decoded = bencode.decode(buf);
  } catch (err) {
    throw new TorrentInputError(`Not a .torrent file (bencoding is invalid: ${(err as Error).message})`);
  }
  const info = (decoded as { info?: unknown } | null)?.info;
  if (typeof info !== 'object' || info === null || info instanceof Uint8Array || Array.isArray(info)) {
    throw new TorrentInputError('Not a .torrent file (no info dictionary)');
  }
  const dict = info as Record<string, unknown>;
  if (!(dict.pieces instanceof Uint8Array) || dict.pieces.length === 0 || dict.pieces.length % 20 !== 0) {
    throw new TorrentInputError('The .torrent file has no valid piece hashes');
  }
  if (typeof dict['piece length'] !== 'number' || dict['piece length'] <= 0) {
    throw new TorrentInputError('The .torrent file has no valid piece length');
  }
  checkPaths(dict);
  try {
    return await parseTorrent(buf);
  } catch (err) {
    throw new TorrentInputError(`The .torrent file could not be read: ${(err as Error).message}`);
  }
}
