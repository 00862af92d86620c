/**
 * DLNA Browse benchmark (a report, not a test: `npm run bench:dlna [-- --items 10000 --pages 200]`).
 *
 * One folder of --items video files (hard links of one tiny H.264 MP4 made by ffmpeg, so both servers see real
 * videos) is served, in one run, by OUR media server (the real engine, DLNA on loopback) and by Debian's minidlna
 * (its own database and port, `network_interface=lo`). The same SOAP client (e2e/support/upnp-client.ts) finds the
 * 10,000-item container on each and times --pages Browse requests of 200 items each (BrowseDirectChildren at every
 * StartingIndex 0, 200, 400, … in turn, ours and minidlna's interleaved), after a warm-up pass. Timed from the request
 * to the last byte of the answer (the client's XML parsing is left out for both).
 * Prints p50 / p95 latency for each, and ours / minidlna. Goal (issue 6): p95 ≤ 20 ms and no slower than minidlna.
 * Needs: apt-get install -y --no-install-recommends minidlna. Exits 0 whatever the result; 1 when the setup failed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../app/core/logger.js';
import { Engine } from '../app/engine.js';
import { freePort } from '../e2e/support/opentracker.js';
import { browse, browseArgs, cdsRequest, contentDirectoryControlUrl, parseDidl } from '../e2e/support/upnp-client.js';
import { intOption } from './bench-options.js';

const GOAL_P95_MS = 20;
const PAGE = 200;

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** The container holding `count` children, found by walking down from `from` (at most 3 levels). */
async function findContainer(controlUrl: string, count: number, from: string): Promise<string> {
  const queue: Array<[string, number]> = [[from, 0]];
  while (queue.length) {
    const [id, depth] = queue.shift()!;
    const page = await browse(controlUrl, id, { count: 100 });
    if (page.totalMatches === count) return id;
    if (depth < 3) for (const child of parseDidl(page.result)) if (child.container) queue.push([child.id, depth + 1]);
  }
  throw new Error(`no container with ${count} children under ${controlUrl}`);
}

async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  const items = intOption('items', 10_000);
  const pages = intOption('pages', 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-dlna-bench-'));
  // not "Clips": that is an extras folder by Jellyfin's rules, and the scanner skips it
  const media = path.join(dir, 'media', 'Collection');
  fs.mkdirSync(media, { recursive: true });
  const sample = path.join(dir, 'sample.mp4');
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=10', '-t', '1'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', sample],
  ]);
  for (let i = 0; i < items; i++) fs.linkSync(sample, path.join(media, `Title ${String(i).padStart(5, '0')} (2001).mp4`));
  console.log(`${items} video files in ${media}`);

  let minidlna: ChildProcess | null = null;
  const engine = await Engine.create({
    dataDir: path.join(dir, 'data'),
    mediaDirs: [path.join(dir, 'media')],
    port: 0,
    adminPassword: 'bench password',
    logger: silentLogger(),
    watch: false,
    scanOnStart: false,
    dlna: { enabled: true, interfaces: ['lo'], port: 0 },
  });
  try {
    await engine.start();
    await engine.library.scan();
    // the benchmark is about browsing: ffprobe reading 10,000 files meanwhile would only add noise
    engine.pause();
    const ours = await contentDirectoryControlUrl(engine.dlnaLocation()!);

    const port = await freePort();
    const dbDir = path.join(dir, 'minidlna');
    fs.mkdirSync(dbDir);
    const conf = path.join(dbDir, 'minidlna.conf');
    fs.writeFileSync(
      conf,
      [`media_dir=V,${path.join(dir, 'media')}`, `db_dir=${dbDir}`, `log_dir=${dbDir}`, `port=${port}`]
        .concat(['network_interface=lo', 'inotify=no', 'friendly_name=minidlna-bench', 'notify_interval=900'])
        .join('\n'),
    );
    minidlna = spawn('minidlnad', ['-f', conf, '-d', '-P', path.join(dbDir, 'pid')], { stdio: 'ignore' });
    const theirs = await waitFor('minidlna to answer', 30_000, async () =>
      contentDirectoryControlUrl(`http://127.0.0.1:${port}/rootDesc.xml`),
    );
    console.log('waiting for minidlna to scan the folder …');
    // the same view on both: the folder as it is on disk (minidlna's "Browse Folders" is object 64)
    const theirContainer = await waitFor('minidlna to list every file', 600_000, () =>
      findContainer(theirs, items, '64').catch(() => null),
    );
    const ourContainer = await findContainer(ours, items, 'folders');
    console.log(`container: ours "${ourContainer}", minidlna "${theirContainer}"`);

    const times = { ours: [] as number[], minidlna: [] as number[] };
    // timed: the request until the last byte of the answer; the answer is checked after, outside the timing, so
    // the client's XML parsing is not counted for either server
    const one = async (url: string, id: string, start: number) => {
      const began = performance.now();
      const { status, text } = await cdsRequest(url, 'Browse', browseArgs(id, start, PAGE));
      const ms = performance.now() - began;
      const returned = Number(/<NumberReturned>(\d+)<\/NumberReturned>/.exec(text)?.[1]);
      if (status !== 200 || returned !== Math.min(PAGE, items - start))
        throw new Error(`${url}: HTTP ${status}, ${returned} at ${start}`);
      return ms;
    };
    const starts = Array.from({ length: pages }, (_, i) => (i % Math.ceil(items / PAGE)) * PAGE);
    for (const start of starts.slice(0, 20)) {
      await one(ours, ourContainer, start);
      await one(theirs, theirContainer, start);
    }
    for (const start of starts) {
      times.ours.push(await one(ours, ourContainer, start));
      times.minidlna.push(await one(theirs, theirContainer, start));
    }

    const row = (name: string, xs: number[]) =>
      `${name.padEnd(10)} p50 ${percentile(xs, 50).toFixed(2)} ms   p95 ${percentile(xs, 95).toFixed(2)} ms   max ${Math.max(...xs).toFixed(2)} ms`;
    console.log(
      `\nBrowse of ${PAGE} items from a ${items}-item container, ${pages} requests each (2 × ${os.cpus()[0]?.model ?? 'cpu'})`,
    );
    console.log(row('ours', times.ours));
    console.log(row('minidlna', times.minidlna));
    const p95 = percentile(times.ours, 95);
    const ratio = p95 / percentile(times.minidlna, 95);
    const pass = p95 <= GOAL_P95_MS && ratio <= 1;
    console.log(`p95 ours / minidlna ${ratio.toFixed(2)}   goal p95 ≤ ${GOAL_P95_MS} ms and ≤ 1.0×: ${pass ? 'PASS' : 'FAIL'}`);
  } finally {
    minidlna?.kill('SIGTERM');
    await engine.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
