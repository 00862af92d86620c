// Starts Debian's real `opentracker` on 127.0.0.1 for tests. Debian's build serves only whitelisted info-hashes: the
// hex hashes go into DIR/whitelist before the start (or call reload() after writing more). It chroots into DIR and drops
// to `nobody`, so DIR must be world-readable. scrape() asks /scrape over HTTP and decodes the bencoded answer.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import bencode from 'bencode';

export interface ScrapeResult {
  complete: number;
  incomplete: number;
  downloaded: number;
}

export interface Opentracker {
  port: number;
  /** http://127.0.0.1:PORT/announce */
  announceUrl: string;
  scrape(infoHash: string): Promise<ScrapeResult>;
  /** polls scrape until `predicate` holds; throws with the last answer after `timeoutMs` */
  waitFor(infoHash: string, predicate: (s: ScrapeResult) => boolean, what: string, timeoutMs?: number): Promise<ScrapeResult>;
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago (bind to 0, read it, close). */
/**
 * A port free on every interface for a test server. Picked at random below Linux's ephemeral range (32768-60999):
 * a port from bind(0) is one the kernel hands out again at once, to another test's bind(0) or to an outgoing
 * connection, and in a full parallel run that stole a camera's port now and then.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
    if (attempt > 200) throw new Error('no free port between 20000 and 32000');
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `port`: pick one with freePort() first when the .torrent files must name the announce URL before the hashes are known. */
export async function startOpentracker(infoHashes: readonly string[], wantedPort?: number): Promise<Opentracker> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-opentracker-'));
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, 'whitelist'), infoHashes.map((h) => h.toLowerCase()).join('\n') + '\n', { mode: 0o644 });
  const port = wantedPort ?? (await freePort());
  let out = '';
  const child: ChildProcess = spawn(
    'opentracker',
    [
      '-i',
      '127.0.0.1',
      '-p',
      String(port),
      '-P',
      String(port),
      '-d',
      dir,
      '-w',
      'whitelist',
    ] /* relative: it is read after the chroot into DIR */,
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-64 * 1024)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-64 * 1024)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (err) => (out += `\nspawn error: ${err.message}`));
  const base = `http://127.0.0.1:${port}`;

  const scrape = async (infoHash: string): Promise<ScrapeResult> => {
    const escaped = Buffer.from(infoHash, 'hex')
      .toString('binary')
      .split('')
      .map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'))
      .join('');
    const res = await fetch(`${base}/scrape?info_hash=${escaped}`, { signal: AbortSignal.timeout(2000) });
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) throw new Error(`scrape answered ${res.status}: ${body.toString('latin1').slice(0, 200)}`);
    const decoded = bencode.decode(body) as { files?: Record<string, Record<string, number>> };
    const entry = Object.values(decoded.files ?? {})[0];
    return { complete: entry?.complete ?? 0, incomplete: entry?.incomplete ?? 0, downloaded: entry?.downloaded ?? 0 };
  };

  const tracker: Opentracker = {
    port,
    announceUrl: `${base}/announce`,
    scrape,
    async waitFor(infoHash, predicate, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last: ScrapeResult | string = 'no answer yet';
      while (Date.now() < deadline) {
        try {
          const s = await scrape(infoHash);
          last = s;
          if (predicate(s)) return s;
        } catch (err) {
          last = (err as Error).message;
        }
        await sleep(200);
      }
      throw new Error(`tracker: ${what} not seen for ${infoHash} within ${timeoutMs} ms (last scrape: ${JSON.stringify(last)})`);
    },
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  // ready when /scrape answers
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`opentracker exited with ${child.exitCode}: ${out}`);
    try {
      await scrape(infoHashes[0] ?? '0'.repeat(40));
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        await tracker.stop();
        throw new Error(`opentracker did not answer on ${base} within 10 s: ${(err as Error).message}\n${out}`);
      }
      await sleep(100);
    }
  }
  return tracker;
}
