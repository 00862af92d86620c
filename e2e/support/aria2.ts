// Debian's real `aria2c` as a BitTorrent peer for tests and the bench: a seeder that is never the bottleneck on
// loopback (transmission 3.00 seeds in slow bursts there, ~3 MB/s at best) and a one-shot downloader. Peers are found
// through the tracker only: DHT, LPD and PEX are off.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './opentracker.js';

/** Flags every aria2c here gets: no DHT/LPD/PEX/IPv6, quiet, no metadata or control files beside the data. */
export const ARIA2_COMMON_FLAGS = [
  '--enable-dht=false',
  '--enable-dht6=false',
  '--bt-enable-lpd=false',
  '--enable-peer-exchange=false',
  '--disable-ipv6=true',
  '--console-log-level=warn',
  '--summary-interval=0',
  '--bt-save-metadata=false',
  '--auto-save-interval=0',
];

export interface Aria2Process {
  child: ChildProcess;
  /** the BitTorrent port it listens on */
  port: number;
  /** stdout + stderr so far (for failure messages) */
  output(): string;
  /** resolves when the process exits with 0 (a downloader is done), rejects on another exit */
  exited: Promise<void>;
  stop(): void;
}

function run(args: string[], port: number, label: string): Aria2Process {
  const child = spawn('aria2c', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${label} exited (${code ?? signal}): ${out.slice(-500)}`)),
    );
  });
  exited.catch(() => {}); // callers that only stop() it never await this
  return {
    child,
    port,
    output: () => out,
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Seeds `torrentPath` whose data sits in `seedDir` (hash-checked first), forever, with no peer limit. */
export async function aria2Seed(seedDir: string, torrentPath: string, opts: { port?: number; extra?: string[] } = {}) {
  const port = opts.port ?? (await freePort());
  const args = ['--seed-ratio=0.0', '--check-integrity=true', `--listen-port=${port}`, '--bt-max-peers=0'];
  return run([...args, ...ARIA2_COMMON_FLAGS, ...(opts.extra ?? []), '-d', seedDir, torrentPath], port, 'aria2c seeder');
}

/** Downloads `torrentPath` into `dir` and exits 0 once every piece is verified (it does not seed). */
export async function aria2Fetch(dir: string, torrentPath: string): Promise<Aria2Process> {
  const port = await freePort();
  const args = ['--seed-time=0', `--listen-port=${port}`, ...ARIA2_COMMON_FLAGS, '-d', dir, torrentPath];
  return run(args, port, 'aria2c downloader');
}
