/**
 * Where a streaming ffmpeg writes when its bytes go to an HTTP response: a one-connection socket ffmpeg connects to
 * (`unix:` in a private temporary folder; loopback `tcp://` on Windows, which has no unix sockets in ffmpeg).
 * FfmpegProcess keeps stdout for its progress reports, and this keeps the stream apart from them. The socket gives
 * back-pressure like a pipe: ffmpeg waits while the TV reads slowly.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export class FfmpegOutputSocket {
  private connected: net.Socket | null = null;
  private closed = false;
  private readonly firstConnection: Promise<net.Socket>;

  private constructor(
    private readonly server: net.Server,
    /** the URL ffmpeg is given as its output */
    readonly url: string,
    private readonly dir: string | null,
  ) {
    this.firstConnection = new Promise((resolve) => {
      server.once('connection', (socket) => {
        this.connected = socket;
        // one writer only: nobody else may join the stream
        server.close();
        resolve(socket);
      });
    });
    server.on('connection', (socket) => {
      if (socket !== this.connected) socket.destroy();
    });
  }

  static async open(): Promise<FfmpegOutputSocket> {
    const server = net.createServer({ pauseOnConnect: true });
    if (process.platform === 'win32') {
      await listen(server, { host: '127.0.0.1', port: 0 });
      const { port } = server.address() as net.AddressInfo;
      return new FfmpegOutputSocket(server, `tcp://127.0.0.1:${port}`, null);
    }
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'racoon-ts-'));
    const socketPath = path.join(dir, 'out.sock');
    try {
      await listen(server, { path: socketPath });
    } catch (err) {
      await fs.promises.rm(dir, { recursive: true, force: true });
      throw err;
    }
    return new FfmpegOutputSocket(server, `unix:${socketPath}`, dir);
  }

  /** The connection ffmpeg opened (paused: pipe it); rejects after `timeoutMs` or when `giveUp` settles first. */
  connection(timeoutMs: number, giveUp: Promise<unknown>): Promise<net.Socket> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`ffmpeg did not start writing within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const ended = giveUp.then(() => {
      throw new Error('ffmpeg ended before it wrote anything');
    });
    return Promise.race([this.firstConnection, timeout, ended]).finally(() => clearTimeout(timer));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connected?.destroy();
    this.server.close();
    if (this.dir) fs.rm(this.dir, { recursive: true, force: true }, () => undefined);
  }
}

function listen(server: net.Server, options: net.ListenOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
