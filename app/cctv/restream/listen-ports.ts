// Ports for the restream server's listeners, and waiting for them to listen without node-media-server's process.exit.
import net from 'node:net';

/** Resolves once `server` listens; rejects (instead of node-media-server's process.exit) when it cannot. */
export function listening(server: net.Server | undefined, what: string): Promise<void> {
  if (!server) return Promise.reject(new Error(`${what}: no listener was created`));
  server.removeAllListeners('error');
  return new Promise((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', () => {
      server.removeAllListeners('error');
      server.on('error', () => undefined);
      resolve();
    });
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'EADDRINUSE' ? `${what} is already in use` : `${what}: ${err.message}`)),
    );
  });
}

/** The port to listen on: as asked (0 = free), or the default unless it is taken (then a free one). */
export async function choosePort(host: string, wanted: number | undefined, preferred: number, what: string): Promise<number> {
  if (wanted !== undefined && wanted !== 0) {
    if (!(await portFree(host, wanted))) throw new Error(`${what} port ${wanted} on ${host} is already in use`);
    return wanted;
  }
  if (wanted === undefined && (await portFree(host, preferred))) return preferred;
  return freePort(host);
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
