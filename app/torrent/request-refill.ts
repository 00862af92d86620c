/**
 * Fewer, larger request top-ups for webtorrent 2.8.5 (a hot-path tuning, like wire-io.ts and piece-buffers.ts).
 *
 * webtorrent 2.8.5 tops a peer's request queue up after every block it receives: a scan of the selections and one
 * 17-byte request per block. Topping a long queue up only once it has drained by a fifth sends requests in batches
 * (see batchSmallMessages) and skips that work for most blocks. Short queues (slow peers, start-up) are left as they are.
 */
const REFILL_FRACTION = 0.8;
const REFILL_MIN_QUEUE = 20;

interface PipelinedWire {
  requests: unknown[];
  peerChoking: boolean;
  peerExtendedHandshake?: { reqq?: unknown };
  downloadSpeed(): number;
}

/**
 * Installs the batched top-up on one torrent. Returns false, changing nothing, when the torrent has no `_updateWire`
 * (another webtorrent version): it then keeps its own code.
 */
export function refillInBatches(torrent: object): boolean {
  const t = torrent as { _updateWire?: (wire: PipelinedWire) => unknown };
  if (typeof t._updateWire !== 'function') return false;
  const updateWire = t._updateWire.bind(torrent);
  t._updateWire = (wire) => {
    if (!wire.peerChoking && wire.requests.length > 0) {
      // webtorrent's minimum pipeline: half a second of this peer's speed in 16 KiB blocks, at most its reqq
      const reqq = wire.peerExtendedHandshake?.reqq;
      let min = 2 + Math.ceil((0.5 * wire.downloadSpeed()) / 16384);
      if (typeof reqq === 'number' && reqq > 0) min = Math.min(min, reqq);
      if (min >= REFILL_MIN_QUEUE && wire.requests.length >= Math.floor(min * REFILL_FRACTION)) return;
    }
    return updateWire(wire);
  };
  return true;
}
