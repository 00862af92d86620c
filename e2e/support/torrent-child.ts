// A TorrentClient in its own process, for tests that SIGKILL the engine mid-download. Run with
// `node --import tsx e2e/support/torrent-child.ts '<json>'` where json = { downloadRoot, id, torrentFile, downloadBps }.
// Prints one JSON line per snapshot (every 100 ms) to stdout: { type: 'snapshot', info } or { type: 'error', message }.
import fs from 'node:fs';
import { TorrentClient } from '../../app/torrent/torrent-client.js';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  downloadRoot: string;
  id: string;
  torrentFile: string;
  downloadBps: number | null;
};
const print = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
const client = new TorrentClient({
  downloadRoot: args.downloadRoot,
  dht: false,
  lsd: false,
  pex: false,
  utp: false,
  log: { info: () => {}, warn: (msg, data) => process.stderr.write(`${msg} ${JSON.stringify(data ?? {})}\n`) },
  onEvent: (e) => e.type === 'error' && print({ type: 'error', message: e.message }),
});
client.setLimits({ downloadBps: args.downloadBps, uploadBps: null });
await client.add({ torrentFile: fs.readFileSync(args.torrentFile) }, { id: args.id });
setInterval(() => print({ type: 'snapshot', info: client.snapshot(args.id) }), 100);
