/**
 * Per-download speed caps. webtorrent 2.8.5 only throttles the whole client (one ThrottleGroup on every socket, before a
 * socket is known to belong to a torrent), so a download's own cap is applied on its peer wires once they are attached
 * to it (the torrent's 'wire' event): received data is acknowledged to the wire's stream only when the download's bucket
 * holds tokens for it (TCP back-pressure then slows the peer, as a socket throttle would), and a block we upload is
 * sent only when the upload bucket allows. The global caps still apply underneath.
 */
import limiter from 'limiter';

const { TokenBucket } = limiter;

/** A token bucket of bytes per second shared by every wire of one download; null rate = no cap. */
export class RateCap {
  private bucket: InstanceType<typeof TokenBucket> | null = null;

  constructor(bytesPerSecond: number | null = null) {
    this.set(bytesPerSecond);
  }

  get rate(): number | null {
    return this.bucket?.tokensPerInterval ?? null;
  }

  set(bytesPerSecond: number | null): void {
    if (bytesPerSecond === null || !Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) {
      this.bucket = null;
      return;
    }
    const rate = Math.max(1, Math.floor(bytesPerSecond));
    if (this.bucket) {
      // one second of burst at most, like a socket throttle
      this.bucket.bucketSize = rate;
      this.bucket.tokensPerInterval = rate;
      this.bucket.content = Math.min(this.bucket.content, rate);
    } else this.bucket = new TokenBucket(rate, rate, 'second', null);
  }

  /** Calls `done` once `bytes` may pass (at once without a cap). Larger amounts than one second's worth pass in parts. */
  take(bytes: number, done: () => void): void {
    const bucket = this.bucket;
    if (!bucket || bytes <= 0) return done();
    const part = Math.min(bytes, bucket.bucketSize);
    bucket.removeTokens(part, () => (bytes > part ? this.take(bytes - part, done) : done()));
  }
}

/** What of bittorrent-protocol's Wire the caps hook into (its stream write and its 'piece' message). */
export interface ThrottlableWire {
  destroyed?: boolean;
  destroy(err?: Error): void;
  _write(data: Uint8Array, cb: (err?: Error | null) => void): void;
  piece(index: number, offset: number, buffer: Uint8Array): void;
}

const capsOfWire = new WeakMap<object, { down: RateCap; up: RateCap }>();

/** Whether a wire's download has a download cap now. */
export function downloadCapped(wire: object): boolean {
  return (capsOfWire.get(wire)?.down.rate ?? null) !== null;
}

/**
 * Puts one download's caps on a wire of it. A wire being destroyed is let go at once: its stream (streamx) waits for a
 * write in flight before it closes, and webtorrent 2.8.5 throws when a wire closes after its torrent is gone.
 */
export function throttleWire(wire: ThrottlableWire, caps: { down: RateCap; up: RateCap }): void {
  capsOfWire.set(wire, caps);
  const waiting = new Set<() => void>();
  let closing = false;
  const write = wire._write.bind(wire);
  wire._write = (data, cb) =>
    write(data, (err) => {
      if (err || closing) return cb(err);
      let called = false;
      const release = () => {
        if (called) return;
        called = true;
        waiting.delete(release);
        cb(null);
      };
      waiting.add(release);
      caps.down.take(data.length, release);
    });
  const destroy = wire.destroy.bind(wire);
  wire.destroy = (err) => {
    closing = true;
    for (const release of [...waiting]) release();
    destroy(err);
  };
  const piece = wire.piece.bind(wire);
  wire.piece = (index, offset, buffer) =>
    caps.up.take(buffer.length, () => {
      if (!wire.destroyed) piece(index, offset, buffer);
    });
}
