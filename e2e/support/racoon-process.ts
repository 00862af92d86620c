// Starts the real `racoon serve` CLI (bin/racoon.js → dist/) in its own process group, as a user would,
// and waits for the "Racoon X is running: URL" line. stop() ends the whole group (SIGTERM, then SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(REPO_ROOT, 'bin', 'racoon.js');
const RUNNING_LINE = /^Racoon (\S+) is running: (https?:\/\/\S+)\s*$/m;
/** keep only the tail of a chatty process's output */
const OUTPUT_LIMIT = 256 * 1024;

export interface StartRacoonOptions {
  dataDir: string;
  /** --media folders (each passed as its own flag) */
  mediaDirs?: string[];
  /** RACOON_ADMIN_PASSWORD for the first start; omitted: the variable is removed from the environment */
  adminPassword?: string;
  /** default 0: a free port */
  port?: number;
  extraArgs?: string[];
  env?: Record<string, string>;
  /** how long to wait for the "is running" line (default 30 s) */
  startTimeoutMs?: number;
}

export interface RacoonProcess {
  /** "http://127.0.0.1:PORT/" as printed */
  url: string;
  version: string;
  pid: number;
  /** stdout + stderr so far, interleaved as they arrived */
  output(): string;
  /** resolves with the exit code (null when killed by a signal) once the process has exited */
  exited: Promise<number | null>;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; idempotent */
  stop(graceMs?: number): Promise<number | null>;
}

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // negative pid: the whole process group (spawned detached)
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

// Whatever happens to the test worker, leave no server behind.
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

/** Stops every server this module started and that is still running (for afterAll / failure cleanup). */
export async function stopAllRacoons(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          killGroup(child, 'SIGTERM');
          setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
        }),
    ),
  );
}

export async function startRacoon(options: StartRacoonOptions): Promise<RacoonProcess> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'app', 'cli.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the e2e tests (`npm test` does it for you)');
  }
  const args = [BIN, 'serve', '--data', options.dataDir, '--port', String(options.port ?? 0)];
  for (const dir of options.mediaDirs ?? []) args.push('--media', dir);
  args.push(...(options.extraArgs ?? []));

  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.RACOON_ADMIN_PASSWORD;
  delete env.RACOON_DATA;
  if (options.adminPassword !== undefined) env.RACOON_ADMIN_PASSWORD = options.adminPassword;

  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    });
  });
  child.once('error', (err) => append(Buffer.from(`\n[spawn error] ${err.message}\n`)));

  const stop = async (graceMs = 5000): Promise<number | null> => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const started = await new Promise<{ url: string; version: string } | { failure: string }>((resolve) => {
    const check = () => {
      const m = RUNNING_LINE.exec(output);
      if (m) finish({ version: m[1], url: m[2] });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish({ failure: `racoon serve exited (${signal ?? `code ${code}`}) before printing its URL` });
    const timer = setTimeout(
      () => finish({ failure: `racoon serve printed no "is running" line within ${timeoutMs} ms` }),
      timeoutMs,
    );
    function finish(result: { url: string; version: string } | { failure: string }) {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.off('exit', onExit);
      resolve(result);
    }
    child.stdout!.on('data', check);
    child.once('exit', onExit);
    check();
  });

  if ('failure' in started) {
    await stop(1000);
    throw new Error(`${started.failure}\n$ ${process.execPath} ${args.join(' ')}\n--- output ---\n${output}`);
  }
  return { ...started, pid: child.pid!, output: () => output, exited, stop };
}
