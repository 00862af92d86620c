// fetchTorrent against a real HTTP server on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTorrent, TorrentFetchError } from './torrent-fetch.js';

const TORRENT = Buffer.from('d8:announce29:http://127.0.0.1:1/announce4:infod6:lengthi1e4:name1:xee');
const MAGNET = 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=x';
let server: http.Server;
let base = '';
const pending = new Set<http.ServerResponse>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    switch (req.url) {
      case '/file.torrent':
        res.writeHead(200, { 'content-type': 'application/x-bittorrent' }).end(TORRENT);
        return;
      case '/to-magnet':
        res.writeHead(302, { location: MAGNET }).end();
        return;
      case '/hop1':
        res.writeHead(301, { location: '/hop2' }).end();
        return;
      case '/hop2':
        res.writeHead(302, { location: `${base}/file.torrent` }).end();
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Please log in</p>');
        return;
      case '/big':
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.alloc(2048, 1));
        return;
      case '/slow':
        pending.add(res);
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain' }).end('nope');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of pending) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetchTorrent', () => {
  it('returns a .torrent body', async () => {
    expect(await fetchTorrent(`${base}/file.torrent`)).toEqual({ torrentFile: TORRENT });
  });

  it('accepts a redirect to a magnet link and follows http redirects', async () => {
    expect(await fetchTorrent(`${base}/to-magnet`)).toEqual({ magnet: MAGNET });
    expect(await fetchTorrent(`${base}/hop1`)).toEqual({ torrentFile: TORRENT });
    await expect(fetchTorrent(`${base}/loop`)).rejects.toThrow(/redirected more than 5 times/);
  });

  it('refuses a web page, an error status, a body over the cap and a slow server', async () => {
    await expect(fetchTorrent(`${base}/page`)).rejects.toThrow(/answered a web page, not a \.torrent/);
    await expect(fetchTorrent(`${base}/missing`)).rejects.toThrow(/answered 404/);
    await expect(fetchTorrent(`${base}/big`, { maxBytes: 1024 })).rejects.toThrow(/1024-byte limit/);
    const started = Date.now();
    const slow = fetchTorrent(`${base}/slow`, { timeoutMs: 300 });
    await expect(slow).rejects.toThrow(TorrentFetchError);
    await expect(slow).rejects.toThrow(/timeout/);
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(fetchTorrent('file:///etc/passwd')).rejects.toThrow(/Only http\(s\)/);
  });
});
