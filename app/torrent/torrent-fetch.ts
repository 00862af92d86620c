/**
 * Fetches what an indexer's download URL answers: a .torrent body, or a redirect to a magnet link (many Torznab indexers
 * answer `302 Location: magnet:?…`). Redirects are followed by hand (fetch cannot follow one to magnet:), http(s) only,
 * at most `maxRedirects`. A web page, an error status, a body over the cap or a slow server is a TorrentFetchError with
 * a message fit for the user.
 */
export class TorrentFetchError extends Error {
  override name = 'TorrentFetchError';
}

export interface TorrentFetchOptions {
  /** whole request, all redirects included; default 20 s */
  timeoutMs?: number;
  /** default 10 MiB */
  maxBytes?: number;
  /** default 5 */
  maxRedirects?: number;
}

export type FetchedTorrent = { torrentFile: Buffer } | { magnet: string };

const HTML_RE = /^\s*(?:<!doctype|<html|<head|<body|<\?xml|<)/iu;

function httpUrl(text: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new TorrentFetchError(`Not a valid URL: ${text}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TorrentFetchError(`Only http(s) URLs can be fetched, not ${url.protocol}`);
  }
  return url;
}

async function readCapped(res: Response, maxBytes: number, where: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new TorrentFetchError(`${where} answered ${declared} bytes, more than the ${maxBytes}-byte limit for a .torrent`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new TorrentFetchError(`${where} answered more than the ${maxBytes}-byte limit for a .torrent`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

export async function fetchTorrent(url: string, options: TorrentFetchOptions = {}): Promise<FetchedTorrent> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const signal = AbortSignal.timeout(timeoutMs);
  let current = httpUrl(url);
  try {
    for (let hop = 0; ; hop++) {
      const where = current.host;
      const res = await fetch(current, {
        redirect: 'manual',
        signal,
        headers: { accept: 'application/x-bittorrent, */*;q=0.8' },
      });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel().catch(() => {});
        const location = res.headers.get('location');
        if (!location) throw new TorrentFetchError(`${where} answered ${res.status} without a Location`);
        if (/^magnet:\?/iu.test(location.trim())) return { magnet: location.trim() };
        if (hop >= maxRedirects) throw new TorrentFetchError(`${url} redirected more than ${maxRedirects} times`);
        current = httpUrl(location, current.href);
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        throw new TorrentFetchError(`${where} answered ${res.status} ${res.statusText}`.trim());
      }
      const body = await readCapped(res, maxBytes, where);
      const type = res.headers.get('content-type') ?? '';
      const head = body.subarray(0, 512).toString('latin1');
      if (/text\/html/iu.test(type) || HTML_RE.test(head)) {
        throw new TorrentFetchError(`${where} answered a web page, not a .torrent`);
      }
      if (body.length === 0) throw new TorrentFetchError(`${where} answered an empty body, not a .torrent`);
      if (/^\s*magnet:\?/iu.test(head)) return { magnet: body.toString('utf8').trim() };
      return { torrentFile: body };
    }
  } catch (err) {
    if (err instanceof TorrentFetchError) throw err;
    const e = err as Error;
    if (e.name === 'TimeoutError' || signal.aborted) {
      throw new TorrentFetchError(`${current.host} did not answer within ${Math.round(timeoutMs / 100) / 10} s (timeout)`);
    }
    const cause = (e.cause as Error | undefined)?.message;
    throw new TorrentFetchError(`Could not fetch ${current.host}: ${cause ?? e.message}`);
  }
}
