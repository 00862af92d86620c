/**
 * The HTTP part both metadata providers share: one GET with a deadline and a body cap, turned into JSON or a
 * ProviderError whose message says what the server did (a web page, malformed JSON, too much data, no answer).
 * Messages name the host only, never the URL: the URL carries the API key.
 */
import type { z } from 'zod';
import { ProviderError, type MetadataProviderId } from './metadata-types.js';

export interface JsonRequest {
  provider: MetadataProviderId;
  url: URL;
  headers?: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
}

export interface JsonAnswer {
  status: number;
  json: unknown;
}

const HTML_RE = /^\s*(?:<!doctype|<html|<head|<body)/iu;

/** Reads at most `maxBytes` of the body, refusing early when Content-Length already says more. */
export async function readCapped(res: Response, maxBytes: number, tooBig: (declared: number | null) => Error): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooBig(declared);
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooBig(null);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

export function describeBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(n / 1024)} KiB`;
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/u.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/**
 * GETs `url` and parses its JSON whatever the status (both providers put their error in a JSON body), so callers
 * read `status` and the body together. Throws ProviderError for no answer, 429, HTML, malformed JSON or a huge body.
 */
export async function getJson(req: JsonRequest): Promise<JsonAnswer> {
  const { provider, url, timeoutMs, maxBytes } = req;
  const host = url.host;
  // one deadline for connect, headers and body: a server that trickles bytes is as dead as a silent one
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { signal, headers: { accept: 'application/json', ...req.headers } });
    if (res.status === 429) {
      await res.body?.cancel().catch(() => {});
      const retry = retryAfterSeconds(res.headers.get('retry-after'));
      const when = retry === null ? 'later' : `in ${retry} s`;
      throw new ProviderError(provider, 'rate-limited', `rate limited by ${host}; try again ${when}`, retry);
    }
    const body = await readCapped(res, maxBytes, (declared) => {
      const size = declared === null ? `more than ${describeBytes(maxBytes)}` : describeBytes(declared);
      return new ProviderError(provider, 'bad-response', `${host} answered ${size}, over the ${describeBytes(maxBytes)} limit`);
    });
    const text = body.toString('utf8');
    const type = res.headers.get('content-type') ?? '';
    if (/text\/html/iu.test(type) || HTML_RE.test(text)) {
      throw new ProviderError(
        provider,
        'bad-response',
        `${host} answered a web page (HTTP ${res.status}) instead of JSON; check the server address`,
      );
    }
    try {
      return { status: res.status, json: JSON.parse(text) };
    } catch {
      throw new ProviderError(provider, 'bad-response', `${host} answered malformed JSON (HTTP ${res.status})`);
    }
  } catch (err) {
    if (err instanceof ProviderError) throw err;
    const e = err as Error;
    if (e.name === 'TimeoutError' || signal.aborted) {
      throw new ProviderError(provider, 'timeout', `${host} did not answer within ${timeoutMs / 1000} s`);
    }
    const cause = (e.cause as Error | undefined)?.message ?? e.message;
    throw new ProviderError(provider, 'unreachable', `cannot reach ${host}: ${cause}`);
  }
}

/** Validates a provider's JSON against the part of its documented shape we read. */
export function parseShape<T>(provider: MetadataProviderId, schema: z.ZodType<T>, json: unknown, what: string): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new ProviderError(provider, 'bad-response', `unexpected ${what} (${where}${issue?.message ?? 'invalid'})`);
}

/** Runs `fn` over `items` with at most `limit` at once, keeping order (a series' seasons without a request storm). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
