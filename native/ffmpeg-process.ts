/**
 * One running ffmpeg: progress from `-progress pipe:1`, the tail of stderr for a clear error, and a stop that always
 * ends it (SIGTERM to its process group, SIGKILL after a grace). ffmpeg gets its own process group so a stop reaches
 * anything it started. ffmpeg ignores a closed pipe, so on Linux it runs under `setpriv --pdeathsig KILL` (util-linux,
 * always there on Debian): the kernel ends it when the engine dies outright (SIGKILL, a crash), and it never writes on
 * next to the job that a restart queues again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findOnPath } from './ffmpeg-paths.js';
import { exitDescription, ffmpegErrorText } from './ffmpeg-messages.js';
import { FfmpegProgressParser, type FfmpegProgress } from './ffmpeg-progress.js';

export interface FfmpegResult {
  ok: boolean;
  /** stopped by stop() */
  stopped: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** what went wrong in words (null when ok) */
  error: string | null;
}

export interface FfmpegRunOptions {
  onProgress?: (progress: FfmpegProgress) => void;
  /** raw output on stdout (`-f rawvideo pipe:1`): given, stdout is handed over as it comes instead of parsed as progress */
  onStdout?: (chunk: Buffer) => void;
  /** how long stop() waits after SIGTERM before SIGKILL */
  graceMs?: number;
}

const STDERR_KEEP = 16 * 1024;

let setprivPath: string | null | undefined;

/** The executable a command name or path stands for, or null when there is none. */
function resolveExecutable(command: string): string | null {
  if (!command.includes(path.sep) && !command.includes('/')) return findOnPath(command);
  try {
    fs.accessSync(command, fs.constants.X_OK);
    return fs.statSync(command).isFile() ? command : null;
  } catch {
    return null;
  }
}

/** The command line that runs `command` so that it dies with this process (Linux), else the command itself. */
function tiedToParent(command: string, args: string[]): [string, string[]] {
  if (process.platform !== 'linux') return [command, args];
  if (setprivPath === undefined) setprivPath = findOnPath('setpriv');
  return setprivPath ? [setprivPath, ['--pdeathsig', 'KILL', '--', command, ...args]] : [command, args];
}

export class FfmpegProcess {
  readonly done: Promise<FfmpegResult>;
  private readonly child: ChildProcess | null;
  private stopping = false;
  private exited = false;
  private suspended = false;

  constructor(
    readonly ffmpegPath: string,
    readonly args: string[],
    private readonly options: FfmpegRunOptions = {},
  ) {
    const executable = resolveExecutable(ffmpegPath);
    if (!executable) {
      // said here: under setpriv a missing ffmpeg would only be setpriv's exit code
      this.child = null;
      this.exited = true;
      const error = `ffmpeg not found (${ffmpegPath}); install ffmpeg or set FFMPEG_PATH`;
      this.done = Promise.resolve({ ok: false, stopped: false, code: null, signal: null, error });
      return;
    }
    const [command, commandArgs] = tiedToParent(executable, args);
    this.child = spawn(command, commandArgs, {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.done = this.watch(this.child);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !this.exited;
  }

  private watch(child: ChildProcess): Promise<FfmpegResult> {
    const parser = new FfmpegProgressParser();
    let stderr = '';
    const onStdout = this.options.onStdout;
    if (onStdout) child.stdout?.on('data', (chunk: Buffer) => onStdout(chunk));
    else {
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        for (const progress of parser.push(chunk)) this.options.onProgress?.(progress);
      });
    }
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    return new Promise<FfmpegResult>((resolve) => {
      child.once('error', (err: NodeJS.ErrnoException) => {
        this.exited = true;
        const error =
          err.code === 'ENOENT'
            ? `ffmpeg not found (${this.ffmpegPath}); install ffmpeg or set FFMPEG_PATH`
            : `ffmpeg could not start: ${err.message}`;
        resolve({ ok: false, stopped: this.stopping, code: null, signal: null, error });
      });
      child.once('close', (code, signal) => {
        this.exited = true;
        const ok = code === 0 && !this.stopping;
        const error = ok ? null : this.stopping ? 'stopped' : ffmpegErrorText(stderr, exitDescription(code, signal));
        resolve({ ok, stopped: this.stopping, code, signal, error });
      });
    });
  }

  /** Sends a signal to ffmpeg's whole process group (or to ffmpeg alone where groups don't exist). */
  private signal(sig: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (this.exited || !this.child || pid === undefined) return;
    try {
      if (process.platform === 'win32') this.child.kill(sig);
      else process.kill(-pid, sig);
    } catch {
      // already gone
    }
  }

  /** Pause / carry on (the engine's "pause all work"); a no-op on Windows, which has no SIGSTOP. */
  suspend(): void {
    if (process.platform === 'win32' || this.suspended) return;
    this.suspended = true;
    this.signal('SIGSTOP');
  }

  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    this.signal('SIGCONT');
  }

  /** Ends ffmpeg at once (a seek restarts it: nothing it would still write is wanted). Resolves once it has exited. */
  async kill(): Promise<FfmpegResult> {
    if (!this.exited) {
      this.stopping = true;
      this.signal('SIGKILL');
    }
    return this.done;
  }

  /** Ends ffmpeg: SIGTERM, then SIGKILL after the grace. Resolves once it has exited. */
  async stop(): Promise<FfmpegResult> {
    if (!this.exited) {
      this.stopping = true;
      this.signal('SIGTERM');
      // a suspended process only acts on SIGTERM once it runs again
      this.signal('SIGCONT');
      this.suspended = false;
      const timer = setTimeout(() => this.signal('SIGKILL'), this.options.graceMs ?? 5000);
      try {
        return await this.done;
      } finally {
        clearTimeout(timer);
      }
    }
    return this.done;
  }
}
