import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Reading Torznab answers (torznab-client.ts fetches them): the caps and RSS documents into plain data. Pure: a body in,
 * data out, or a TorznabFormatError saying what is wrong with the document.
 */

export type TorznabMode = 'search' | 'tv-search' | 'movie-search';

export interface TorznabCategory {
  id: number;
  name: string;
  subcats: { id: number; name: string }[];
}

export interface TorznabCaps {
  serverTitle: string | null;
  limits: { max: number | null; default: number | null };
  /** supportedParams lower-cased, e.g. ['q', 'season', 'ep', 'imdbid'] */
  modes: Record<TorznabMode, { available: boolean; supportedParams: string[] }>;
  categories: TorznabCategory[];
}

export interface TorznabRelease {
  indexerId: string;
  indexer: string;
  title: string;
  guid: string;
  /** the .torrent download URL (enclosure, else <link>); a magnet when the indexer has nothing else */
  link: string | null;
  magnetUrl: string | null;
  /** lower-case 40-hex */
  infoHash: string | null;
  /** bytes; 0 when the indexer did not say */
  size: number;
  seeders: number | null;
  /** seeders + leechers, as Torznab defines it */
  peers: number | null;
  leechers: number | null;
  publishDate: string | null;
  categories: number[];
  downloadVolumeFactor: number | null;
  uploadVolumeFactor: number | null;
  /** 'tt' + at least 7 digits */
  imdbId: string | null;
  tmdbId: number | null;
  /** the release's page on the tracker */
  infoUrl: string | null;
}

/** What a document says is wrong with it; the client turns it into an IndexerError. */
export class TorznabFormatError extends Error {
  constructor(
    readonly kind: 'api' | 'invalid-response',
    message: string,
    readonly code: number | null = null,
  ) {
    super(message);
  }
}

// ---- XML ----------------------------------------------------------------------------------------------------------

// Only the five XML entities and character references are decoded, by us: the parser's own entity processing is off,
// so a DOCTYPE can declare entities but none is ever expanded (no billion-laughs).
const ENTITY_RE = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/giu;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name.toLowerCase()];
    const code = dec ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  tagValueProcessor: (_name, value) => decodeXmlEntities(value),
  attributeValueProcessor: (_name, value) => decodeXmlEntities(value),
  isArray: (name, _path, _leaf, isAttribute) =>
    !isAttribute && (name === 'item' || name === 'category' || name === 'subcat' || /(^|:)attr$/u.test(name)),
});

type Node = Record<string, unknown>;
const node = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const text = (v: unknown): string | null => {
  const raw = typeof v === 'object' && v !== null ? node(v)['#text'] : v;
  const s = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
  return s === '' ? null : s;
};
const num = (v: unknown): number | null => {
  const s = text(v);
  const n = s === null ? NaN : Number(s);
  return Number.isFinite(n) ? n : null;
};
const int = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : Math.trunc(n);
};

/** A short, quoted excerpt of a body for an error message. */
export function excerpt(body: string, max = 120): string {
  const flat = body
    .slice(0, 4096)
    .replace(/<[^>]*>/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return JSON.stringify(flat.length > max ? flat.slice(0, max) + '…' : flat);
}

/** Checks that `body` is a well-formed XML document whose root is `root` and returns that root element. */
export function readTorznabDocument(body: string, root: 'caps' | 'rss'): Node {
  const doc = body.replace(/^\uFEFF/u, '').trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body)[\s>]/iu.test(doc)) {
    const title = /<title[^>]*>([^<]*)<\/title>/iu.exec(doc)?.[1];
    throw new TorznabFormatError('invalid-response', `answered an HTML page instead of Torznab XML: ${excerpt(title ?? doc)}`);
  }
  if (!doc.startsWith('<'))
    throw new TorznabFormatError('invalid-response', `answered something that is not XML: ${excerpt(doc)}`);
  if (/<!ENTITY/iu.test(doc)) {
    throw new TorznabFormatError('invalid-response', 'answered XML that declares entities (refused: Torznab never needs them)');
  }
  const valid = XMLValidator.validate(doc);
  if (valid !== true) {
    throw new TorznabFormatError('invalid-response', `answered malformed XML (line ${valid.err.line}: ${valid.err.msg})`);
  }
  let parsed: Node;
  try {
    parsed = node(parser.parse(doc));
  } catch (err) {
    throw new TorznabFormatError('invalid-response', `answered unreadable XML (${(err as Error).message})`);
  }
  const rootName = Object.keys(parsed).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (rootName === 'error') {
    const error = node(parsed.error);
    const code = int(error['@code']);
    const description = text(error['@description']) ?? 'no description';
    throw new TorznabFormatError('api', `${description} (Torznab error ${code ?? '?'})`, code);
  }
  if (rootName !== root) throw new TorznabFormatError('invalid-response', `answered <${rootName}> where <${root}> was expected`);
  return node(parsed[root]);
}

export function parseCaps(body: string): TorznabCaps {
  const caps = readTorznabDocument(body, 'caps');
  const searching = node(caps.searching);
  const mode = (name: TorznabMode) => {
    const el = searching[name];
    const params = text(node(el)['@supportedParams']) ?? 'q';
    return {
      available: el !== undefined && /^(yes|true)$/iu.test(text(node(el)['@available']) ?? ''),
      supportedParams: params
        .split(',')
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean),
    };
  };
  const limits = node(caps.limits);
  return {
    serverTitle: text(node(caps.server)['@title']),
    limits: { max: int(limits['@max']), default: int(limits['@default']) },
    modes: { search: mode('search'), 'tv-search': mode('tv-search'), 'movie-search': mode('movie-search') },
    categories: list(node(caps.categories).category).flatMap((c) => {
      const id = int(node(c)['@id']);
      if (id === null) return [];
      const subcats = list(node(c).subcat).flatMap((s) => {
        const subId = int(node(s)['@id']);
        return subId === null ? [] : [{ id: subId, name: text(node(s)['@name']) ?? String(subId) }];
      });
      return [{ id, name: text(node(c)['@name']) ?? String(id), subcats }];
    }),
  };
}

// ---- releases -----------------------------------------------------------------------------------------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A BitTorrent v1 info-hash as lower-case hex, from hex (40) or base32 (32, as some magnets carry it); else null. */
export function normaliseInfoHash(value: string | null | undefined): string | null {
  const v = value?.trim() ?? '';
  if (/^[0-9a-f]{40}$/iu.test(v)) return v.toLowerCase();
  if (!/^[A-Z2-7]{32}$/iu.test(v)) return null;
  let bits = '';
  for (const ch of v.toUpperCase()) bits += BASE32.indexOf(ch).toString(2).padStart(5, '0');
  return bits
    .match(/.{4}/gu)!
    .map((nibble) => parseInt(nibble, 2).toString(16))
    .join('');
}

export function infoHashFromMagnet(magnet: string | null | undefined): string | null {
  const m = /[?&]xt=urn:btih:([0-9a-z]+)/iu.exec(magnet ?? '');
  return m ? normaliseInfoHash(m[1]) : null;
}

/** An IMDb id as 'tt' + at least 7 digits (the planner sends it too); else null. */
export function normaliseImdb(value: string | null): string | null {
  const digits = /^(?:tt)?(\d{1,10})$/iu.exec(value?.trim() ?? '')?.[1];
  return digits && Number(digits) > 0 ? 'tt' + digits.padStart(7, '0') : null;
}

const isMagnet = (s: string | null): s is string => s !== null && /^magnet:\?/iu.test(s);

export function parseResults(body: string, indexer: { id: string; name: string }): TorznabRelease[] {
  const channel = node(readTorznabDocument(body, 'rss').channel);
  return list(channel.item).flatMap((raw) => {
    const item = node(raw);
    const title = text(item.title);
    if (!title) return [];
    const attrs = new Map<string, string[]>();
    for (const [key, value] of Object.entries(item)) {
      if (!/(^|:)attr$/u.test(key)) continue;
      for (const a of list(value)) {
        const name = text(node(a)['@name'])?.toLowerCase();
        const v = text(node(a)['@value']);
        if (name && v !== null) attrs.set(name, [...(attrs.get(name) ?? []), v]);
      }
    }
    const attr = (name: string) => attrs.get(name)?.[0] ?? null;
    const enclosure = node(list(item.enclosure)[0]);
    const link = text(enclosure['@url']) ?? text(item.link);
    const guid = text(item.guid);
    const magnetUrl = [attr('magneturl'), link, text(item.link), guid].find(isMagnet) ?? null;
    const seeders = int(attr('seeders'));
    const peers = int(attr('peers'));
    const leechers = int(attr('leechers')) ?? (peers !== null && seeders !== null ? Math.max(0, peers - seeders) : null);
    const published = Date.parse(text(item.pubDate) ?? '');
    const categories = [...list(item.category), ...(attrs.get('category') ?? [])].map(int).filter((c) => c !== null);
    return [
      {
        indexerId: indexer.id,
        indexer: indexer.name,
        title,
        guid: guid ?? link ?? title,
        link,
        magnetUrl,
        infoHash: normaliseInfoHash(attr('infohash')) ?? infoHashFromMagnet(magnetUrl),
        size: num(item.size) ?? num(attr('size')) ?? num(enclosure['@length']) ?? 0,
        seeders,
        peers,
        leechers,
        publishDate: Number.isFinite(published) ? new Date(published).toISOString() : null,
        categories: [...new Set(categories)],
        downloadVolumeFactor: num(attr('downloadvolumefactor')),
        uploadVolumeFactor: num(attr('uploadvolumefactor')),
        imdbId: normaliseImdb(attr('imdbid') ?? attr('imdb')),
        tmdbId: int(attr('tmdbid')),
        infoUrl: text(item.comments),
      },
    ];
  });
}
