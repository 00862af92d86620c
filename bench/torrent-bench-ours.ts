/**
 * Child process of bench/torrent-bench.ts: runs OUR TorrentClient alone in its own process, so the parent measures its
 * CPU time from /proc/<pid>/stat exactly like it does for aria2c, qbittorrent-nox and transmission-daemon.
 *
 *   node --import tsx bench/torrent-bench-ours.ts FILE.torrent DOWNLOAD_ROOT ID
 *
 * Protocol (one JSON object per line on stdout): {"type":"ready"} once the client exists (the parent takes its CPU
 * baseline then and writes "go" on stdin); then {"type":"progress","bytes":N} every 250 ms (N: bytes of pieces verified
 * and written to disk); {"type":"done","bytes":N}
 * when every piece is verified; {"type":"error","message":...} on failure. It keeps running (seeding) until the parent
 * writes "exit" or closes stdin.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { TorrentClient } from '../app/torrent/torrent-client.js';

const [torrentPath, downloadRoot, id = 'bench'] = process.argv.slice(2);
if (!torrentPath || !downloadRoot) {
  process.stderr.write('usage: torrent-bench-ours.ts FILE.torrent DOWNLOAD_ROOT [ID]\n');
  process.exit(2);
}
const send = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

let doneSent = false;
const client = new TorrentClient({
  downloadRoot,
  dht: false,
  lsd: false,
  pex: false,
  utp: false,
  progressIntervalMs: 250,
  log: {
    info: () => {},
    warn: (msg, data) => process.stderr.write(`warn: ${msg} ${JSON.stringify(data ?? {})}\n`),
  },
  onEvent: (e) => {
    if (e.type === 'done' && !doneSent) {
      doneSent = true;
      send({ type: 'done', bytes: e.info.files.reduce((n, f) => n + f.length, 0) });
    } else if (e.type === 'error') send({ type: 'error', message: e.message });
  },
});

let timer: NodeJS.Timeout | undefined;
let exiting = false;
async function exit(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  if (timer) clearInterval(timer);
  const force = setTimeout(() => process.exit(code), 5000);
  force.unref();
  await client.destroy().catch(() => {});
  process.exit(code);
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const cmd = line.trim();
  if (cmd === 'go') {
    client
      .add({ torrentFile: fs.readFileSync(torrentPath) }, { id, sequential: process.env.BENCH_RAREST !== '1' })
      .then(() => {
        timer = setInterval(() => {
          try {
            const info = client.snapshot(id);
            // bytes on disk: pieces verified AND written (info.downloaded, webtorrent's count, also includes pieces
            // received but still being written, so it reaches 100 % before the file is complete)
            const onDisk = info.files.reduce((n, f) => n + Math.min(f.downloaded, f.length), 0);
            send({ type: 'progress', bytes: onDisk, peers: info.peers });
          } catch (err) {
            send({ type: 'error', message: (err as Error).message });
          }
        }, 250);
      })
      .catch((err: Error) => send({ type: 'error', message: err.message }));
  } else if (cmd === 'exit') void exit(0);
});
rl.on('close', () => void exit(0));
process.on('SIGTERM', () => void exit(0));
process.on('SIGINT', () => void exit(0));
send({ type: 'ready' });
