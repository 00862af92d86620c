// Starts Debian's real `transmission-daemon` (3.00) for tests: its own config dir (settings.json written before the
// start), RPC on 127.0.0.1 without auth, DHT/LPD/PEX/uTP/port mapping off, peers on a given port. Talks JSON-RPC with
// the X-Transmission-Session-Id dance. makeTorrent() runs `transmission-create`. stop() kills the daemon.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, sleep } from './opentracker.js';

const execFileAsync = promisify(execFile);

export interface TransmissionTorrent {
  id: number;
  hashString: string;
  name: string;
  percentDone: number;
  /** 0 stopped, 1 check-wait, 2 checking, 3 download-wait, 4 downloading, 5 seed-wait, 6 seeding */
  status: number;
  error: number;
  errorString: string;
  peersConnected: number;
  rateDownload: number;
  rateUpload: number;
  uploadedEver: number;
  downloadedEver: number;
}

export interface Transmission {
  rpcPort: number;
  peerPort: number;
  downloadDir: string;
  rpc<T = unknown>(method: string, args?: Record<string, unknown>): Promise<T>;
  /** adds a .torrent whose data lives (or will live) in `downloadDir` */
  add(torrentFile: Buffer, downloadDir?: string): Promise<{ id: number; hashString: string }>;
  get(hash: string): Promise<TransmissionTorrent>;
  waitFor(
    hash: string,
    predicate: (t: TransmissionTorrent) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<TransmissionTorrent>;
  output(): string;
  stop(): Promise<void>;
}

const FIELDS = [
  'id',
  'hashString',
  'name',
  'percentDone',
  'status',
  'error',
  'errorString',
  'peersConnected',
  'rateDownload',
  'rateUpload',
  'uploadedEver',
  'downloadedEver',
];

/** `transmission-create -t ANNOUNCE -s PIECE_KIB -o OUT SOURCE`; returns the .torrent bytes. */
export async function makeTorrent(source: string, out: string, announceUrl: string, pieceKiB = 64): Promise<Buffer> {
  await execFileAsync('transmission-create', ['-t', announceUrl, '-s', String(pieceKiB), '-o', out, source], {
    timeout: 30_000,
  });
  return fs.readFileSync(out);
}

export async function startTransmission(options: { downloadDir?: string } = {}): Promise<Transmission> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-transmission-'));
  const configDir = path.join(home, 'config');
  const downloadDir = options.downloadDir ?? path.join(home, 'downloads');
  fs.mkdirSync(configDir, { recursive: true });
  fs.mkdirSync(downloadDir, { recursive: true });
  const rpcPort = await freePort();
  const peerPort = await freePort();
  const settings = {
    'bind-address-ipv4': '127.0.0.1',
    'bind-address-ipv6': '::1',
    'dht-enabled': false,
    'lpd-enabled': false,
    'pex-enabled': false,
    'utp-enabled': false,
    'port-forwarding-enabled': false,
    'peer-port': peerPort,
    'peer-port-random-on-start': false,
    'rpc-enabled': true,
    'rpc-bind-address': '127.0.0.1',
    'rpc-port': rpcPort,
    'rpc-authentication-required': false,
    'rpc-whitelist-enabled': true,
    'rpc-whitelist': '127.0.0.1',
    'rpc-host-whitelist-enabled': false,
    'download-dir': downloadDir,
    'incomplete-dir-enabled': false,
    'watch-dir-enabled': false,
    'speed-limit-down-enabled': false,
    'speed-limit-up-enabled': false,
    'alt-speed-enabled': false,
    'ratio-limit-enabled': false,
    'idle-seeding-limit-enabled': false,
    'blocklist-enabled': false,
    encryption: 0,
    'message-level': 1,
  };
  fs.writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify(settings, null, 2));
  let out = '';
  const child: ChildProcess = spawn('transmission-daemon', ['-f', '-g', configDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-64 * 1024)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-64 * 1024)));
  child.once('error', (err) => (out += `\nspawn error: ${err.message}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let sessionId = '';
  const url = `http://127.0.0.1:${rpcPort}/transmission/rpc`;
  async function rpc<T>(method: string, args: Record<string, unknown> = {}): Promise<T> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Transmission-Session-Id': sessionId },
        body: JSON.stringify({ method, arguments: args }),
        signal: AbortSignal.timeout(5000),
      });
      if (res.status === 409) {
        sessionId = res.headers.get('x-transmission-session-id') ?? '';
        continue;
      }
      const body = (await res.json()) as { result: string; arguments: T };
      if (body.result !== 'success') throw new Error(`transmission ${method}: ${body.result}`);
      return body.arguments;
    }
    throw new Error(`transmission ${method}: no session id after 3 tries`);
  }

  const get = async (hash: string): Promise<TransmissionTorrent> => {
    const answer = await rpc<{ torrents: TransmissionTorrent[] }>('torrent-get', { ids: [hash], fields: FIELDS });
    const t = answer.torrents[0];
    if (!t) throw new Error(`transmission has no torrent ${hash}`);
    return t;
  };

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(home, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`transmission-daemon exited with ${child.exitCode}: ${out}`);
    try {
      await rpc('session-get');
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`transmission-daemon RPC did not answer within 15 s: ${(err as Error).message}\n${out}`);
      }
      await sleep(150);
    }
  }

  return {
    rpcPort,
    peerPort,
    downloadDir,
    rpc,
    async add(torrentFile, dir = downloadDir) {
      const answer = await rpc<Record<string, { id: number; hashString: string }>>('torrent-add', {
        metainfo: torrentFile.toString('base64'),
        'download-dir': dir,
        paused: false,
      });
      const added = answer['torrent-added'] ?? answer['torrent-duplicate'];
      if (!added) throw new Error(`transmission torrent-add: unexpected answer ${JSON.stringify(answer)}`);
      return added;
    },
    get,
    async waitFor(hash, predicate, what, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      let last: TransmissionTorrent | undefined;
      while (Date.now() < until) {
        last = await get(hash);
        if (last.error !== 0) throw new Error(`transmission: torrent ${hash} error ${last.error}: ${last.errorString}`);
        if (predicate(last)) return last;
        await sleep(200);
      }
      throw new Error(`transmission: ${what} not reached within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    },
    output: () => out,
    stop,
  };
}
