import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choosePort, listening } from './listen-ports.js';

describe('restream ports', () => {
  let taken: net.Server;
  let port: number;

  beforeAll(async () => {
    taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('takes the default unless it is taken, then a free port; 0 is always a free port', async () => {
    const fallback = await choosePort('127.0.0.1', undefined, port, 'RTMP');
    expect(fallback).not.toBe(port);
    expect(fallback).toBeGreaterThan(0);
    expect(await choosePort('127.0.0.1', 0, port, 'RTMP')).not.toBe(port);
  });

  it('a port asked for by number is that port or a clear error', async () => {
    await expect(choosePort('127.0.0.1', port, 1935, 'RTMP')).rejects.toThrow(`RTMP port ${port} on 127.0.0.1 is already in use`);
  });

  it('a listener that cannot bind rejects instead of ending the process', async () => {
    const second = net.createServer();
    second.listen(port, '127.0.0.1');
    await expect(listening(second, `HTTP-FLV port 127.0.0.1:${port}`)).rejects.toThrow('is already in use');
  });
});
