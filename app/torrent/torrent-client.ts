/**
 * The embedded BitTorrent engine's adapter: one webtorrent client behind a small typed surface. The ONLY module that
 * imports 'webtorrent'. Knows nothing of the queue, the database or HTTP: it adds, pauses, removes and streams torrents
 * identified by our own download id, and reports plain data and events.
 *
 * Safety: a magnet or .torrent is validated before webtorrent sees it; every file path of a torrent goes through
 * safeTorrentPaths (for a magnet, on the 'metadata' event, which webtorrent emits before it verifies or writes anything);
 * every download lives in its own folder `downloadRoot/<id>/`, and data is deleted only inside it (assertInside).
 * Resume: adding a torrent whose data already sits in `downloadRoot/<id>/` hash-checks it and downloads only what is
 * missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ParsedTorrent } from 'parse-torrent';
import WebTorrent, { type WebTorrentFile, type WebTorrentTorrent } from 'webtorrent';
import { FileChunkStore, type ChunkStoreOptions } from './file-chunk-store.js';
import { assertInside } from './torrent-paths.js';
import { checkPaths, parseMagnet, parseTorrentFile, TorrentInputError } from './torrent-input.js';
import { installPieceBuffers, recycleWrittenPieces, type PieceStore } from './piece-buffers.js';
import { refillInBatches } from './request-refill.js';
import { readPeerSocketsShared } from './socket-reads.js';
import { RateCap, throttleWire, type ThrottlableWire } from './wire-throttle.js';
import { tuneWire, type ParsableWire } from './wire-io.js';

export { parseMagnet, parseTorrentFile, rawTorrentPaths, TorrentInputError } from './torrent-input.js';

export interface TorrentLog {
  info(msg: string, data?: object): void;
  warn(msg: string, data?: object): void;
}

export type TorrentEvent =
  | { type: 'ready'; id: string; info: TorrentInfo }
  | { type: 'done'; id: string; info: TorrentInfo }
  | { type: 'progress'; id: string; info: TorrentInfo }
  | { type: 'error'; id: string; message: string };

export interface TorrentClientOptions {
  downloadRoot: string;
  dht: boolean;
  lsd: boolean;
  pex?: boolean;
  utp?: boolean;
  /** 0 (default): a random free port */
  torrentPort?: number;
  /** write pieces past the OS page cache where the filesystem allows it (default true; file-chunk-store.ts) */
  directWrites?: boolean;
  log: TorrentLog;
  onEvent?: (event: TorrentEvent) => void;
  /** minimum interval between two 'progress' events of one torrent (default 1000 ms) */
  progressIntervalMs?: number;
}

export type TorrentSource = { magnet: string } | { torrentFile: Buffer };

export interface TorrentFileInfo {
  index: number;
  path: string;
  length: number;
  downloaded: number;
  selected: boolean;
}

export interface TorrentInfo {
  id: string;
  infoHash: string;
  name: string;
  files: TorrentFileInfo[];
  /** 0..1 over the selected files (0 until the metadata is known) */
  progress: number;
  /**
   * webtorrent's count: verified pieces plus the blocks of pieces in progress, including complete pieces still being
   * written. What is on disk is the sum of files[].downloaded.
   */
  downloaded: number;
  /** bytes received from peers by this client since the torrent was added (not counting data found on disk) */
  received: number;
  uploaded: number;
  downloadSpeed: number;
  uploadSpeed: number;
  peers: number;
  paused: boolean;
  /** every selected file is verified on disk */
  done: boolean;
  /** metadata known and existing data checked */
  ready: boolean;
  /** pieces in order rather than rarest first */
  sequential: boolean;
  /** this download's own speed caps */
  caps: SpeedCaps;
}

interface Entry {
  id: string;
  infoHash: string;
  torrent: WebTorrentTorrent;
  selected: boolean[] | null;
  initialSelection?: boolean[];
  ready: boolean;
  done: boolean;
  lastProgress: number;
  /** this download's own speed caps (the client-wide ones apply too) */
  caps: { down: RateCap; up: RateCap };
}

/** Bytes per second; null = no cap. */
export interface SpeedCaps {
  downloadBps: number | null;
  uploadBps: number | null;
}

/**
 * Cap on outstanding block requests per peer. webtorrent 2.8.5 rescans every requested piece for each block it
 * receives and leaves its queue uncapped unless the peer sends `reqq` (aria2c does not): on a fast peer the queue
 * reached ~7,800 blocks and block selection took a third of the CPU. Capped at 250, CPU per GiB halved and
 * throughput rose 2.3-2.7x in bench/torrent-bench.ts.
 */
const MAX_REQUEST_QUEUE = 250;

interface PeerWire {
  peerExtendedHandshake: { reqq?: unknown };
  on(event: 'extended', listener: (ext: string) => void): void;
}

function capRequestQueue(wire: PeerWire): void {
  wire.on('extended', (ext) => {
    if (ext !== 'handshake') return;
    const handshake = wire.peerExtendedHandshake;
    if (!(typeof handshake.reqq === 'number' && handshake.reqq > 0 && handshake.reqq <= MAX_REQUEST_QUEUE)) {
      handshake.reqq = MAX_REQUEST_QUEUE; // webtorrent's pipeline length is the only reader of reqq
    }
  });
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/u;
/**
 * Verified bytes of one file, from the piece bitfield. (webtorrent 2.8.5's File#downloaded drops the whole last piece
 * when a file ends exactly on a piece boundary, so a complete file reads as 31/32 done.)
 */
function verifiedBytes(t: WebTorrentTorrent, f: WebTorrentFile): number {
  if (f.length === 0 || !t.bitfield) return 0;
  let bytes = 0;
  for (let i = f._startPiece; i <= f._endPiece; i++) {
    if (!t.bitfield.get(i)) continue;
    const pieceStart = i * t.pieceLength;
    const pieceEnd = i === t.pieces.length - 1 ? t.length : pieceStart + t.pieceLength;
    bytes += Math.max(0, Math.min(pieceEnd, f.offset + f.length) - Math.max(pieceStart, f.offset));
  }
  return bytes;
}

export class TorrentClient {
  private readonly client: WebTorrent;
  private readonly entries = new Map<string, Entry>();
  private readonly root: string;
  private destroyed = false;

  constructor(private readonly options: TorrentClientOptions) {
    if (!path.isAbsolute(options.downloadRoot)) throw new Error('downloadRoot must be an absolute path');
    this.root = path.resolve(options.downloadRoot);
    fs.mkdirSync(this.root, { recursive: true });
    this.client = new WebTorrent({
      dht: options.dht,
      lsd: options.lsd,
      utPex: options.pex ?? true,
      utp: options.utp ?? true,
      natUpnp: false,
      natPmp: false,
      torrentPort: options.torrentPort ?? 0,
    });
    this.client.on('error', (err: Error) => options.log.warn('webtorrent client error', { error: err.message }));
  }

  /** The port peers connect to (0 until the client listens). */
  get port(): number {
    return this.client.torrentPort;
  }

  async add(
    source: TorrentSource,
    opts: { id: string; selectedFiles?: boolean[]; paused?: boolean; sequential?: boolean },
  ): Promise<TorrentInfo> {
    this.assertAlive();
    const id = opts.id;
    if (typeof id !== 'string' || !ID_RE.test(id)) {
      throw new TorrentInputError(`Invalid download id ${JSON.stringify(id)} (letters, digits, '.', '_', '-')`);
    }
    if (this.entries.has(id)) throw new TorrentInputError(`A download with id ${id} already exists`);
    let input: string | ParsedTorrent;
    let infoHash: string;
    if ('magnet' in source) {
      infoHash = parseMagnet(source.magnet).infoHash;
      input = source.magnet.trim();
    } else if ('torrentFile' in source) {
      input = await parseTorrentFile(source.torrentFile);
      infoHash = input.infoHash;
    } else {
      throw new TorrentInputError('Give a magnet link or a .torrent file');
    }
    const existing = [...this.entries.values()].find((e) => e.infoHash === infoHash);
    if (existing) throw new TorrentInputError(`This torrent (${infoHash}) is already added as download ${existing.id}`);
    if (this.entries.has(id)) throw new TorrentInputError(`A download with id ${id} already exists`);

    const dir = assertInside(this.root, id);
    fs.mkdirSync(dir, { recursive: true });
    // in order unless asked otherwise (webtorrent's default; see DownloadService.setSequential for the measurements)
    const torrent = this.client.add(input, {
      path: dir,
      paused: opts.paused ?? false,
      strategy: opts.sequential === false ? 'rarest' : 'sequential',
      // no copies of written pieces kept in memory (webtorrent keeps 20 by default: 40 MiB a torrent with 2 MiB
      // pieces); a stream reads them back from disk, where the OS caches them anyway
      storeCacheSlots: 0,
      // pieces go straight into their files inside `dir`, past the page cache where they can (file-chunk-store.ts)
      store: FileChunkStore,
      storeOpts: { directWrites: this.options.directWrites } satisfies ChunkStoreOptions,
    });
    const entry: Entry = {
      id,
      infoHash,
      torrent,
      selected: null,
      initialSelection: opts.selectedFiles,
      ready: false,
      done: false,
      lastProgress: 0,
      caps: { down: new RateCap(), up: new RateCap() },
    };
    this.entries.set(id, entry);
    if (!refillInBatches(torrent)) this.untuned('torrent _updateWire');
    if (!readPeerSocketsShared(torrent)) this.untuned('torrent _drain');
    this.wire(entry);
    return this.info(entry);
  }

  private wire(entry: Entry): void {
    const { torrent, id } = entry;
    const emit = (e: TorrentEvent) => {
      try {
        this.options.onEvent?.(e);
      } catch (err) {
        this.options.log.warn('torrent event handler threw', { id, error: (err as Error).message });
      }
    };
    torrent.on('metadata', () => {
      try {
        if (torrent.info) checkPaths(torrent.info);
      } catch (err) {
        // webtorrent emits 'metadata' before it verifies or writes anything: stopping here writes nothing
        this.fail(entry, (err as Error).message);
        return;
      }
      const internals = torrent as unknown as { pieces: (object | null)[]; store: PieceStore | null };
      const piece = internals.pieces.find((p) => p !== null);
      if (piece && !installPieceBuffers(piece)) this.untuned('torrent-piece');
      if (internals.store && !recycleWrittenPieces(internals.store, (under) => under instanceof FileChunkStore)) {
        this.untuned('immediate-chunk-store');
      }
      const wanted = torrent.files.map((_, i) => entry.initialSelection?.[i] ?? true);
      entry.selected = wanted;
      // webtorrent selected the whole torrent; narrow it only when some file is left out
      if (wanted.some((w) => !w) && torrent.pieces.length > 0) {
        torrent.deselect(0, torrent.pieces.length - 1);
        torrent.files.forEach((f, i) => wanted[i] && f.select());
      }
    });
    torrent.on('ready', () => {
      entry.ready = true;
      emit({ type: 'ready', id, info: this.info(entry) });
      this.checkDone(entry, emit);
    });
    torrent.on('verified', () => {
      if (!entry.ready) return;
      this.checkDone(entry, emit);
      const now = Date.now();
      if (now - entry.lastProgress >= (this.options.progressIntervalMs ?? 1000)) {
        entry.lastProgress = now;
        emit({ type: 'progress', id, info: this.info(entry) });
      }
    });
    torrent.on('wire', (wire: PeerWire & ThrottlableWire & ParsableWire) => {
      if (!tuneWire(wire)) this.untuned('bittorrent-protocol wire'); // before throttleWire, which wraps _write
      capRequestQueue(wire);
      throttleWire(wire, entry.caps);
    });
    torrent.on('error', (err: Error) => this.fail(entry, err.message));
    torrent.on('warning', (err: Error) => this.options.log.warn('torrent warning', { id, error: err.message }));
  }

  private checkDone(entry: Entry, emit: (e: TorrentEvent) => void): void {
    if (entry.done || !entry.ready) return;
    const info = this.info(entry);
    if (info.done) {
      entry.done = true;
      emit({ type: 'done', id: entry.id, info });
    }
  }

  private readonly untunedParts = new Set<string>();
  /** Says once per part that a hot-path tuning found webtorrent's internals not as it expects (they run untuned). */
  private untuned(part: string): void {
    if (this.untunedParts.has(part)) return;
    this.untunedParts.add(part);
    this.options.log.warn('webtorrent internals changed: running without the tuning of this part', { part });
  }

  private fail(entry: Entry, message: string): void {
    this.options.log.warn('torrent failed', { id: entry.id, error: message });
    this.entries.delete(entry.id);
    if (!entry.torrent.destroyed) this.client.remove(entry.torrent, { destroyStore: false }, () => {});
    try {
      this.options.onEvent?.({ type: 'error', id: entry.id, message });
    } catch {
      /* a broken listener must not break the engine */
    }
  }

  pause(id: string): void {
    const { torrent } = this.get(id);
    torrent.pause();
    for (const wire of [...torrent.wires]) wire.destroy();
  }

  resume(id: string): void {
    const { torrent } = this.get(id);
    torrent.resume();
    torrent.discovery?.tracker?.update?.();
  }

  /**
   * Announces to the trackers now (qBittorrent's "force reannounce"). Needed e.g. when a peer that never dials out (such as
   * transmission, which treats 127.0.0.0/8 peers from a tracker as martian) announced after us.
   */
  reannounce(id: string): void {
    this.get(id).torrent.discovery?.tracker?.update?.();
  }

  async remove(id: string, opts: { deleteData: boolean }): Promise<void> {
    const entry = this.get(id);
    this.entries.delete(id);
    await new Promise<void>((resolve) => this.client.remove(entry.torrent, { destroyStore: false }, () => resolve()));
    if (opts.deleteData) await fs.promises.rm(assertInside(this.root, id), { recursive: true, force: true });
  }

  select(id: string, fileIndex: number, selected: boolean): void {
    const entry = this.get(id);
    const file = entry.torrent.files[fileIndex];
    if (!entry.selected || !file) throw new TorrentInputError(`Download ${id} has no file ${fileIndex} (yet)`);
    if (entry.selected[fileIndex] === selected) return;
    entry.selected[fileIndex] = selected;
    if (selected) {
      file.select();
      entry.done = false;
    } else file.deselect();
  }

  /** Client-wide caps (the global pair or the alternative one). */
  setLimits(limits: SpeedCaps): void {
    const rate = (v: number | null) => (v === null || !Number.isFinite(v) || v < 0 ? -1 : Math.floor(v));
    this.client.throttleDownload(rate(limits.downloadBps));
    this.client.throttleUpload(rate(limits.uploadBps));
  }

  /** One download's own caps, on top of the client-wide ones; they apply to its connected peers at once. */
  setTorrentLimits(id: string, limits: SpeedCaps): void {
    const { caps } = this.get(id);
    caps.down.set(limits.downloadBps);
    caps.up.set(limits.uploadBps);
  }

  /** Where a download's data lives: `downloadRoot/<id>/` (file paths of its TorrentInfo are relative to it). */
  savePath(id: string): string {
    this.get(id);
    return assertInside(this.root, id);
  }

  /** The .torrent bytes once the metadata is known (for a magnet, after peers sent it), else null. */
  torrentFile(id: string): Buffer | null {
    const meta = this.get(id).torrent.metadata;
    return meta instanceof Uint8Array && meta.length > 0 ? Buffer.from(meta) : null;
  }

  snapshot(id: string): TorrentInfo {
    return this.info(this.get(id));
  }

  list(): TorrentInfo[] {
    return [...this.entries.values()].map((e) => this.info(e));
  }

  /** Switches piece order live: webtorrent reads `strategy` each time it picks the next piece. */
  setSequential(id: string, on: boolean): void {
    this.get(id).torrent.strategy = on ? 'sequential' : 'rarest';
  }

  /** Bytes [start, end] (inclusive) of one file; pieces under the range are fetched first. */
  createReadStream(id: string, fileIndex: number, range: { start?: number; end?: number } = {}): Readable {
    const entry = this.get(id);
    const file = entry.torrent.files[fileIndex];
    if (!file) throw new TorrentInputError(`Download ${id} has no file ${fileIndex} (yet)`);
    const start = range.start ?? 0;
    const end = range.end ?? file.length - 1;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end >= file.length) {
      throw new RangeError(`Range ${start}-${end} is outside file ${fileIndex} (${file.length} bytes)`);
    }
    return file.createReadStream({ start, end });
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.entries.clear();
    await new Promise<void>((resolve) => this.client.destroy(() => resolve()));
  }

  private get(id: string): Entry {
    this.assertAlive();
    const entry = this.entries.get(id);
    if (!entry) throw new TorrentInputError(`No download with id ${id}`);
    return entry;
  }

  private assertAlive(): void {
    if (this.destroyed) throw new Error('The torrent client is destroyed');
  }

  private info(entry: Entry): TorrentInfo {
    const t = entry.torrent;
    const hasMeta = Boolean(t.metadata) && Array.isArray(t.files);
    const files: TorrentFileInfo[] = hasMeta
      ? t.files.map((f, index) => ({
          index,
          path: f.path.split(path.sep).join('/'),
          length: f.length,
          downloaded: verifiedBytes(t, f),
          selected: entry.selected?.[index] ?? true,
        }))
      : [];
    const chosen = files.filter((f) => f.selected);
    const total = chosen.reduce((n, f) => n + f.length, 0);
    const have = chosen.reduce((n, f) => n + Math.min(f.downloaded, f.length), 0);
    const ready = entry.ready && hasMeta;
    return {
      id: entry.id,
      infoHash: entry.infoHash,
      name: t.name ?? '',
      files,
      progress: total > 0 ? have / total : ready ? 1 : 0,
      downloaded: hasMeta ? t.downloaded : 0,
      received: t.received ?? 0,
      uploaded: t.uploaded ?? 0,
      downloadSpeed: t.downloadSpeed ?? 0,
      uploadSpeed: t.uploadSpeed ?? 0,
      peers: t.numPeers ?? 0,
      paused: t.paused,
      done: ready && chosen.every((f) => f.downloaded >= f.length),
      ready,
      sequential: t.strategy === 'sequential',
      caps: { downloadBps: entry.caps.down.rate, uploadBps: entry.caps.up.rate },
    };
  }
}
