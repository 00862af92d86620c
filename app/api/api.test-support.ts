// What the camera API tests repeat: a real engine listening on a free port (quiet, no watcher, no start-up scan, no
// DHT/LSD/uTP) with its data under the test's dir, an admin's session, and calls to its HTTP API with a chosen token.
import path from 'node:path';
import { expect } from 'vitest';
import type { LoginResponse } from './api-types.js';
import { Engine, type EngineOptions } from '../engine.js';
import { silentLogger } from '../core/logger.js';

export interface TestEngine {
  engine: Engine;
  /** http://127.0.0.1:PORT, no trailing slash */
  base: string;
  /** the admin's session */
  token: string;
}

/** Starts an engine on DIR/data; `options` add to (or override) the quiet test defaults. */
export async function startTestEngine(
  dir: string,
  options: Partial<EngineOptions> & { adminPassword: string },
): Promise<TestEngine> {
  const engine = await Engine.create({
    dataDir: path.join(dir, 'data'),
    port: 0,
    logger: silentLogger(),
    watch: false,
    scanOnStart: false,
    torrent: { dht: false, lsd: false, utp: false },
    ...options,
  });
  const base = (await engine.start()).url.replace(/\/$/, '');
  return { engine, base, token: await engine.issueSessionToken() };
}

export interface ApiCaller {
  /** `as`: whose bearer token (default the admin's; null: none) */
  call(method: string, url: string, body?: unknown, as?: string | null, headers?: Record<string, string>): Promise<Response>;
  json<T>(res: Response | Promise<Response>): Promise<T>;
}

/** Calls on the engine at `base()` (read at each call: the engine starts in beforeAll and may restart). */
export function apiCaller(base: () => string, adminToken: () => string): ApiCaller {
  return {
    call: (method, url, body, as = adminToken(), headers = {}) =>
      fetch(base() + url, {
        method,
        headers: {
          ...headers,
          ...(as ? { authorization: `Bearer ${as}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    json: async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T,
  };
}

/** Creates a non-admin user "viewer" and returns their session token, signed in through the API. */
export async function signInViewer(engine: Engine, api: ApiCaller): Promise<string> {
  await engine.users.create('viewer', 'viewer password', false);
  const res = await api.call('POST', '/api/v1/auth/login', { username: 'viewer', password: 'viewer password' }, null);
  expect(res.status, 'POST /api/v1/auth/login as viewer').toBe(200);
  return (await api.json<LoginResponse>(res)).token;
}
