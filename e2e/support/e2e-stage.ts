// One e2e file's stage, set up the same way by every browser e2e file: a temp dir, the real `racoon serve`, Debian's
// Chromium with one page, the chained steps' failure report, and a clean-up that stops everything even when the
// set-up failed half-way. useE2eStage() registers the describe block's hooks; the stage's fields are set in beforeAll.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { LoginResponse } from '../../app/api/api-types.js';
import { launchChromium, screenshot, watchPageProblems, type PageProblems } from './browser.js';
import { tempDir } from './media-fixtures.js';
import { REPO_ROOT, startRacoon, stopAllRacoons, type RacoonProcess, type StartRacoonOptions } from './racoon-process.js';
import { chainSteps, type StepChainOptions } from './steps.js';

export interface E2eStageOptions {
  /** names the artifacts folder (e2e/artifacts/NAME, emptied first: other e2e files keep theirs) and the temp dir */
  name: string;
  /** the admin's password: given to the first start and used by the sign-in helpers */
  password: string;
  /**
   * How `racoon serve` starts (dataDir defaults to DIR/data, adminPassword to `password`). It may first start the
   * peers the engine is pointed at: it runs while Chromium launches.
   */
  racoon?: (dir: string) => Partial<StartRacoonOptions> | Promise<Partial<StartRacoonOptions>>;
  /** other things to start at the same time as Chromium and the engine (cameras…) */
  alongside?: (dir: string) => Promise<unknown>;
  /** default 1280×900 */
  viewport?: { width: number; height: number };
  /** Playwright's default timeout for the page's actions (default 15 s) */
  actionTimeoutMs?: number;
  extraReport?: StepChainOptions['extraReport'];
  /** stopped in this order after Chromium and the engine, each on its own: one failing must not leave the rest running */
  cleanup?: Array<[what: string, stop: () => unknown]>;
}

export class E2eStage {
  readonly artifacts: string;
  dir!: string;
  /** assignable: a test may restart the engine on the same data directory */
  server!: RacoonProcess;
  browser!: Browser;
  context!: BrowserContext;
  page!: Page;
  problems!: PageProblems;

  constructor(
    private readonly password: string,
    name: string,
  ) {
    this.artifacts = path.join(REPO_ROOT, 'e2e', 'artifacts', name);
  }

  get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** An absolute URL on the engine: `url('#/cameras')`, `url('api/v1/…')`. */
  url(relative: string): string {
    return new URL(relative, this.server.url).href;
  }

  screenshot(name: string, fullPage = true): Promise<string> {
    return screenshot(this.page, this.artifacts, name, fullPage);
  }

  /**
   * The last `count` lines of the engine's own log (pino JSON lines in DATA/logs/racoon.log: `racoon serve` writes
   * there, not to its output), request lines left out, narrowed further by `keep`.
   */
  engineLog(count = 80, keep: (line: string) => boolean = () => true): string {
    try {
      return fs
        .readFileSync(path.join(this.dataDir, 'logs', 'racoon.log'), 'utf8')
        .split('\n')
        .filter((l) => l && !l.includes('"msg":"incoming request"') && !l.includes('"msg":"request completed"') && keep(l))
        .slice(-count)
        .join('\n');
    } catch (err) {
      return `(no log: ${(err as Error).message})`;
    }
  }

  /** Signs in through the API with the browser context's cookie jar: the page is signed in too. */
  async signIn(): Promise<void> {
    const res = await this.context.request.post(this.url('api/v1/auth/login'), {
      data: { username: 'admin', password: this.password },
    });
    expect(res.status(), 'POST /api/v1/auth/login').toBe(200);
  }

  /** Signs in as a user does: the sign-in form, then the library. */
  async signInThroughPage(): Promise<void> {
    const home = await this.page.goto(this.server.url);
    // a 404 here means dist/renderer is missing or being rebuilt (an `npm run build` running at the same time)
    expect(home?.status(), `GET ${this.server.url}: the built UI (dist/renderer)`).toBe(200);
    await this.hashIs('#/signin');
    await this.page.getByTestId('login-password').fill(this.password);
    await this.page.getByTestId('login-submit').click();
    await this.hashIs('#/library');
  }

  /** Waits until the page's location hash is `hash`, saying where the page is instead when it does not get there. */
  async hashIs(hash: string, timeout = 10_000): Promise<void> {
    try {
      await this.page.waitForFunction((h) => window.location.hash === h, hash, { timeout, polling: 50 });
    } catch (err) {
      const where = this.page.url();
      throw new Error(`the page did not reach ${hash} within ${timeout} ms (it is at ${where}): ${(err as Error).message}`);
    }
  }

  /** The API with the browser's session cookie (what the page itself would get): status and JSON body. */
  async api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', urlPath: string, data?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.context.request.fetch(this.url(`api/v1${urlPath}`), { method, data });
    return { status: res.status(), body: (await res.json().catch(() => null)) as T };
  }

  /** GET with the browser's session cookie; anything but 200 fails the step. */
  async get<T>(urlPath: string): Promise<T> {
    const { status, body } = await this.api<T>('GET', urlPath);
    expect(status, `GET /api/v1${urlPath}`).toBe(200);
    return body;
  }
}

export function useE2eStage(options: E2eStageOptions): E2eStage {
  const stage = new E2eStage(options.password, options.name);

  beforeAll(async () => {
    stage.dir = tempDir(`e2e-${options.name}`);
    fs.rmSync(stage.artifacts, { recursive: true, force: true });
    fs.mkdirSync(stage.artifacts, { recursive: true });
    // assigned as soon as it is up, so afterAll closes it even when a later set-up step throws
    const browserStarting = launchChromium().then((b) => (stage.browser = b));
    const serverStarting = (async () => {
      const racoon = (await options.racoon?.(stage.dir)) ?? {};
      stage.server = await startRacoon({ dataDir: stage.dataDir, adminPassword: options.password, ...racoon });
    })();
    await Promise.all([browserStarting, serverStarting, options.alongside?.(stage.dir)]);
    stage.context = await stage.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
    stage.context.setDefaultTimeout(options.actionTimeoutMs ?? 15_000);
    stage.page = await stage.context.newPage();
    stage.problems = watchPageProblems(stage.page);
  });

  chainSteps({
    artifacts: stage.artifacts,
    page: () => stage.page,
    serverOutput: () => stage.server?.output(),
    problems: () => stage.problems,
    extraReport: async () => [
      ['racoon.log (tail, without request lines)', stage.dir ? stage.engineLog() : '(not started)'],
      ...((await options.extraReport?.()) ?? []),
    ],
  });

  afterAll(async () => {
    const steps: Array<[string, () => unknown]> = [
      ['chromium', () => stage.browser?.close()],
      ['racoon', () => stopAllRacoons()],
      ...(options.cleanup ?? []),
    ];
    for (const [what, stop] of steps) {
      try {
        await stop();
      } catch (err) {
        console.error(`cleanup: stopping ${what} failed: ${(err as Error).message}`);
      }
    }
    if (stage.dir) fs.rmSync(stage.dir, { recursive: true, force: true });
  });

  return stage;
}

/** Signs in with the admin's password and returns the bearer token (for API calls outside the browser). */
export async function signInForToken(serverUrl: string, password: string): Promise<string> {
  const res = await fetch(new URL('api/v1/auth/login', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
    signal: AbortSignal.timeout(5000),
  });
  expect(res.status, 'POST /api/v1/auth/login').toBe(200);
  return ((await res.json()) as LoginResponse).token;
}

/** GET with a bearer token; anything but 200 fails the step. */
export async function getWithToken<T>(serverUrl: string, token: string, urlPath: string): Promise<T> {
  const res = await fetch(new URL(`api/v1${urlPath}`, serverUrl), {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5000),
  });
  expect(res.status, `GET /api/v1${urlPath}`).toBe(200);
  return (await res.json()) as T;
}
