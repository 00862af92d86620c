/**
 * Child process of bench/torrent-bench.ts: runs OUR TorrentClient alone in its own process, so the parent measures its
 * CPU time from /proc/<pid>/stat exactly like it does for aria2c, qbittorrent-nox and transmission-daemon. Like the
 * engine, it is one long-lived process that downloads one torrent after another: the parent starts it once and sends it
 * every run of ours, so its first download alone pays V8's compilation of the hot code (the parent says which one).
 *
 *   node --import tsx bench/torrent-bench-ours.ts FILE.torrent DOWNLOAD_ROOT
 *
 * Protocol (one JSON object per line on stdout): {"type":"ready"} once the client exists. Then, for each line on stdin:
 * "go ID" adds the torrent as download ID (into DOWNLOAD_ROOT/ID; the parent took its CPU baseline just before), then
 * {"type":"progress","bytes":N} every 250 ms (N: bytes of pieces verified and written to disk) and
 * {"type":"done","bytes":N,"reads":{"fed":F,"copied":C}} when every piece is verified (F bytes were read straight into
 * a wire, C copied into a socket's stream: app/torrent/socket-reads.ts); it seeds until "remove ID" takes it out and
 * leaves its files to the parent ({"type":"removed"}: from then on no other client of the bench can find it at the
 * tracker). "exit" or the end of stdin ends it. {"type":"error","message":...} on any failure.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { sharedReads } from '../app/torrent/socket-reads.js';
import { TorrentClient } from '../app/torrent/torrent-client.js';

const [torrentPath, downloadRoot] = process.argv.slice(2);
if (!torrentPath || !downloadRoot) {
  process.stderr.write('usage: torrent-bench-ours.ts FILE.torrent DOWNLOAD_ROOT\n');
  process.exit(2);
}
const send = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

/** the download being measured: its id, whether its "done" was sent, and the shared reads before it started */
let current: { id: string; doneSent: boolean; readsBefore: typeof sharedReads } | null = null;
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
    if (e.type === 'done' && current && e.id === current.id && !current.doneSent) {
      current.doneSent = true;
      const { fed, copied } = current.readsBefore;
      send({
        type: 'done',
        bytes: e.info.files.reduce((n, f) => n + f.length, 0),
        reads: { fed: sharedReads.fed - fed, copied: sharedReads.copied - copied },
      });
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

function go(id: string): void {
  current = { id, doneSent: false, readsBefore: { ...sharedReads } };
  client
    .add({ torrentFile: fs.readFileSync(torrentPath!) }, { id, sequential: process.env.BENCH_RAREST !== '1' })
    .then(() => {
      timer = setInterval(() => {
        try {
          const info = client.snapshot(id);
          // bytes on disk: pieces verified AND written (info.downloaded, webtorrent's own count, also includes pieces
          // received but still being written, so it reaches 100 % before the file is complete)
          const onDisk = info.files.reduce((n, f) => n + Math.min(f.downloaded, f.length), 0);
          send({ type: 'progress', bytes: onDisk, peers: info.peers });
        } catch (err) {
          send({ type: 'error', message: (err as Error).message });
        }
      }, 250);
    })
    .catch((err: Error) => send({ type: 'error', message: err.message }));
}

async function remove(id: string): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  current = null;
  // the parent removes the files just before the next client starts, as it does every client's (releasePreviousDownload)
  await client.remove(id, { deleteData: false });
  send({ type: 'removed' });
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const [cmd, id] = line.trim().split(/\s+/);
  if (cmd === 'go' && id) go(id);
  else if (cmd === 'remove' && id) remove(id).catch((err: Error) => send({ type: 'error', message: err.message }));
  else if (cmd === 'exit') void exit(0);
});
rl.on('close', () => void exit(0));
process.on('SIGTERM', () => void exit(0));
process.on('SIGINT', () => void exit(0));
send({ type: 'ready' });
