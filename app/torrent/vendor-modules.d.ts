// Minimal typings for the untyped BitTorrent packages (webtorrent 2.8.5 and its dependencies bencode 4, parse-torrent 11,
// magnet-uri 7). Only what torrent-client.ts and the tests use; everything else stays `unknown`.
declare module 'webtorrent' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';

  export interface WebTorrentFile extends EventEmitter {
    name: string;
    path: string;
    length: number;
    offset: number;
    downloaded: number;
    progress: number;
    done: boolean;
    _startPiece: number;
    _endPiece: number;
    select(priority?: number): void;
    deselect(): void;
    createReadStream(opts?: { start?: number; end?: number }): Readable;
  }

  export interface WebTorrentWire {
    destroy(): void;
  }

  export interface WebTorrentTorrent extends EventEmitter {
    infoHash: string;
    name: string;
    path: string;
    info?: Record<string, unknown>;
    files: WebTorrentFile[];
    pieces: unknown[];
    length: number;
    pieceLength: number;
    bitfield?: { get(index: number): boolean };
    progress: number;
    downloaded: number;
    uploaded: number;
    received: number;
    downloadSpeed: number;
    uploadSpeed: number;
    numPeers: number;
    wires: WebTorrentWire[];
    ready: boolean;
    done: boolean;
    paused: boolean;
    /** piece picking; read each time webtorrent picks a piece, so it can change live */
    strategy: 'sequential' | 'rarest';
    destroyed: boolean;
    metadata: unknown;
    discovery?: { tracker?: { update?: () => void } } | null;
    select(start: number, end: number, priority?: number): void;
    deselect(start: number, end: number): void;
    pause(): void;
    resume(): void;
  }

  export interface WebTorrentOptions {
    dht?: boolean | object;
    lsd?: boolean;
    utPex?: boolean;
    utp?: boolean;
    natUpnp?: boolean;
    natPmp?: boolean;
    webSeeds?: boolean;
    torrentPort?: number;
    tracker?: boolean | object;
    downloadLimit?: number;
    uploadLimit?: number;
  }

  export interface AddOptions {
    path?: string;
    announce?: string[];
    paused?: boolean;
    deselect?: boolean;
    destroyStoreOnDestroy?: boolean;
    strategy?: 'sequential' | 'rarest';
    /** pieces kept in memory after they are written (default 20; 0 = none) */
    storeCacheSlots?: number;
    /** an abstract-chunk-store constructor, called as `new store(pieceLength, { path, files, length, ... })` */
    store?: new (chunkLength: number, opts: { path?: string; files?: WebTorrentFile[]; length?: number }) => unknown;
    /** passed to the store's constructor along with path, files and length */
    storeOpts?: object;
  }

  export default class WebTorrent extends EventEmitter {
    constructor(opts?: WebTorrentOptions);
    torrents: WebTorrentTorrent[];
    torrentPort: number;
    listening: boolean;
    add(torrentId: string | Uint8Array | object, opts?: AddOptions): WebTorrentTorrent;
    remove(torrent: WebTorrentTorrent | string, opts: { destroyStore?: boolean }, cb: (err?: Error | null) => void): void;
    throttleDownload(rate: number): void;
    throttleUpload(rate: number): void;
    destroy(cb?: (err?: Error | null) => void): void;
  }
}

declare module 'bencode' {
  const bencode: {
    encode(value: unknown): Uint8Array;
    decode(data: Uint8Array, encoding?: string): unknown;
  };
  export default bencode;
}

declare module 'parse-torrent' {
  export interface ParsedTorrent {
    infoHash: string;
    name?: string;
    announce?: string[];
    info?: Record<string, unknown>;
    files?: { path: string; name: string; length: number; offset: number }[];
    length?: number;
    pieceLength?: number;
    pieces?: string[];
  }
  export default function parseTorrent(input: string | Uint8Array | object): Promise<ParsedTorrent>;
  export function toMagnetURI(parsed: object): string;
  export function toTorrentFile(parsed: object): Uint8Array;
}

declare module 'magnet-uri' {
  export interface MagnetData {
    infoHash?: string;
    name?: string | string[];
    announce?: string[];
    xt?: string | string[];
  }
  export default function magnet(uri: string): MagnetData;
  export function encode(data: object): string;
}

declare module 'limiter' {
  /** limiter 1.x (what speed-limiter, webtorrent's throttle, uses): a token bucket with a callback API. */
  class TokenBucket {
    constructor(bucketSize: number, tokensPerInterval: number, interval: 'second' | number, parentBucket: TokenBucket | null);
    bucketSize: number;
    tokensPerInterval: number;
    content: number;
    removeTokens(count: number, callback: (err: string | null, remaining: number) => void): boolean;
    tryRemoveTokens(count: number): boolean;
  }
  const limiter: { TokenBucket: typeof TokenBucket };
  export default limiter;
}

declare module 'bittorrent-protocol' {
  /** webtorrent's peer-wire protocol stream (used directly only by wire-io.test.ts) */
  const Wire: new () => unknown;
  export default Wire;
}

declare module 'torrent-piece' {
  /** one piece assembled from 16 KiB blocks (webtorrent's; used directly only by piece-buffers.test.ts) */
  export default class Piece {
    constructor(length: number);
    static BLOCK_LENGTH: number;
    missing: number;
    reserve(): number;
    set(index: number, data: Uint8Array, source: unknown): boolean;
    flush(): Uint8Array | null;
  }
}

declare module 'immediate-chunk-store' {
  /** webtorrent's store wrapper: serves pieces being written from memory (used directly only by piece-buffers.test.ts) */
  export default class ImmediateChunkStore {
    constructor(store: unknown);
    mem: (Uint8Array | null)[];
  }
}
