// A real RTSP camera for tests: e2e/support/rtsp-camera.py (GStreamer's RTSP server) on 127.0.0.1, run with Debian's
// /usr/bin/python3. start() waits for its READY line; stop() ends it; a camera can be started again on the same port
// (a camera that went away and came back). Whatever happens to the test worker, no camera is left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './opentracker.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rtsp-camera.py');
const PYTHON = '/usr/bin/python3';

export interface RtspCameraOptions {
  /** default: a free port */
  port?: number;
  /** default '/cam' */
  mount?: string;
  /** Basic auth the camera demands */
  user?: string;
  password?: string;
  /** 'ball' moves; 'black' and 'smpte' are static (default 'ball') */
  pattern?: 'black' | 'smpte' | 'ball';
  /** default '320x240' */
  size?: string;
  /** default 10 */
  fps?: number;
  /** serve audio and no video (a stream with no video track) */
  audioOnly?: boolean;
  /** serve this H.264 MP4 as it is, in real time, instead of encoding a test picture (benchmarks) */
  file?: string;
  /** how long to wait for READY (default 20 s) */
  startTimeoutMs?: number;
}

export interface RtspCamera {
  port: number;
  /** rtsp://127.0.0.1:PORT/MOUNT, without credentials */
  url: string;
  /** the URL with the camera's credentials in it (the plain URL when it has none) */
  urlWithCredentials: string;
  running(): boolean;
  stop(): Promise<void>;
  /** the same camera again (same port, mount and credentials) after stop() */
  restart(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function launch(args: string[], timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(PYTHON, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`no READY within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/^READY /m.test(output)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(child);
      }
    };
    const onExit = (code: number | null) => fail(`it exited (code ${code})`);
    function fail(why: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`RTSP test camera did not start: ${why}; it said: ${output.trim().slice(-2000)}`));
    }
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startRtspCamera(options: RtspCameraOptions = {}): Promise<RtspCamera> {
  const port = options.port ?? (await freePort());
  const mount = options.mount ?? '/cam';
  const args = ['--port', String(port), '--mount', mount];
  args.push('--pattern', options.pattern ?? 'ball', '--size', options.size ?? '320x240');
  args.push('--fps', String(options.fps ?? 10));
  if (options.audioOnly) args.push('--audio-only');
  if (options.file) args.push('--file', options.file);
  if (options.user !== undefined) args.push('--auth', `${options.user}:${options.password ?? ''}`);
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  let child: ChildProcess | null = await launch(args, timeoutMs);
  const url = `rtsp://127.0.0.1:${port}${mount}`;
  const credentials =
    options.user !== undefined ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.password ?? '')}@` : '';
  return {
    port,
    url,
    urlWithCredentials: `rtsp://${credentials}127.0.0.1:${port}${mount}`,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child) await stopChild(child);
      child = null;
    },
    restart: async () => {
      if (child) await stopChild(child);
      child = await launch(args, timeoutMs);
    },
  };
}
