import type { UserService } from '../auth/user-service.js';
import { readEngineAddress } from '../core/engine-address.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Talks to the engine running on this data directory (downloads live in its process), signed in with a
 * short-lived session made straight in the database, which the command can read like the engine does.
 */
export class EngineLink {
  private constructor(
    readonly url: string,
    private readonly token: string,
    private readonly users: UserService,
  ) {}

  static connect(dataDir: string, users: UserService): EngineLink {
    const address = readEngineAddress(dataDir);
    if (!address || !alive(address.pid)) {
      throw new Error(`Racoon is not running on ${dataDir}: start it with \`racoon serve --data ${dataDir}\` (or npm start)`);
    }
    const admin = users.getUser('admin');
    if (!admin) throw new Error('No admin user in this data directory');
    return new EngineLink(address.url.replace(/\/$/, ''), users.createSession(admin.id, 'cli'), users);
  }

  async request<T>(method: string, route: string, body?: { json?: unknown; form?: FormData }): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    let payload: string | FormData | undefined;
    if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body?.form) {
      payload = body.form;
    }
    let res: Response;
    try {
      res = await fetch(`${this.url}/api/v1${route}`, { method, headers, body: payload, signal: AbortSignal.timeout(60_000) });
    } catch (err) {
      throw new Error(`Racoon at ${this.url} did not answer: ${(err as Error).message}`);
    }
    const text = await res.text();
    const data = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) throw new Error((data as { message?: string } | null)?.message ?? `HTTP ${res.status}`);
    return data as T;
  }

  close(): void {
    this.users.deleteSession(this.token);
  }
}
