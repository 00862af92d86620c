// A small UPnP client for tests and benchmarks: the ContentDirectory's control URL from a device description, and
// Browse / Search over SOAP. The same code talks to our server and to minidlna, so their figures compare.
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, processEntities: true, parseTagValue: false });

export interface BrowseAnswer {
  result: string;
  numberReturned: number;
  totalMatches: number;
  updateId: number;
}

/** The ContentDirectory control URL a device description (at `location`) names, made absolute. */
export async function contentDirectoryControlUrl(location: string): Promise<string> {
  const xml = await (await fetch(location)).text();
  const doc = parser.parse(xml) as { root: { URLBase?: string; device: { serviceList: { service: unknown } } } };
  const services = ([] as Array<{ serviceType: string; controlURL: string }>).concat(
    doc.root.device.serviceList.service as never,
  );
  const cds = services.find((s) => s.serviceType.startsWith('urn:schemas-upnp-org:service:ContentDirectory:'));
  if (!cds) throw new Error(`no ContentDirectory in ${location}`);
  return new URL(cds.controlURL, doc.root.URLBase ?? location).href;
}

function envelope(action: string, args: Record<string, string | number>): string {
  const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = Object.entries(args)
    .map(([k, v]) => `<${k}>${escape(String(v))}</${k}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
    `<s:Body><u:${action} xmlns:u="urn:schemas-upnp-org:service:ContentDirectory:1">${body}</u:${action}></s:Body></s:Envelope>`
  );
}

/** Sends a ContentDirectory action and reads the whole answer, unparsed (what a latency measurement should time). */
export async function cdsRequest(
  controlUrl: string,
  action: string,
  args: Record<string, string | number>,
): Promise<{ status: number; text: string }> {
  const res = await fetch(controlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset="utf-8"',
      soapaction: `"urn:schemas-upnp-org:service:ContentDirectory:1#${action}"`,
    },
    body: envelope(action, args),
  });
  return { status: res.status, text: await res.text() };
}

/** The Browse arguments of a page of a container's children. */
export const browseArgs = (objectId: string, start: number, count: number, sort = '', flag = 'BrowseDirectChildren') => ({
  ObjectID: objectId,
  BrowseFlag: flag,
  Filter: '*',
  StartingIndex: start,
  RequestedCount: count,
  SortCriteria: sort,
});

/** Calls a ContentDirectory action; a SOAP fault rejects with its UPnP error code in the message. */
export async function cdsAction(
  controlUrl: string,
  action: string,
  args: Record<string, string | number>,
): Promise<Record<string, string>> {
  const { status, text } = await cdsRequest(controlUrl, action, args);
  const doc = parser.parse(text) as { Envelope?: { Body?: Record<string, unknown> } };
  const body = doc.Envelope?.Body ?? {};
  if (status !== 200 || 'Fault' in body) {
    const detail = JSON.stringify(body.Fault ?? text).slice(0, 300);
    throw new Error(`${action} failed (HTTP ${status}): ${detail}`);
  }
  return (body[`${action}Response`] ?? {}) as Record<string, string>;
}

export async function browse(
  controlUrl: string,
  objectId: string,
  options: {
    flag?: 'BrowseDirectChildren' | 'BrowseMetadata';
    start?: number;
    count?: number;
    sort?: string;
  } = {},
): Promise<BrowseAnswer> {
  const args = browseArgs(objectId, options.start ?? 0, options.count ?? 0, options.sort, options.flag);
  const out = await cdsAction(controlUrl, 'Browse', args);
  return {
    result: String(out.Result ?? ''),
    numberReturned: Number(out.NumberReturned),
    totalMatches: Number(out.TotalMatches),
    updateId: Number(out.UpdateID),
  };
}

export interface DidlObject {
  id: string;
  parentID: string;
  title: string;
  upnpClass: string;
  childCount: number | null;
  container: boolean;
  res: Array<{ url: string; protocolInfo: string }>;
}

/** The objects of a DIDL-Lite document, in order. */
export function parseDidl(didl: string): DidlObject[] {
  const doc = parser.parse(didl) as { 'DIDL-Lite'?: Record<string, unknown> };
  const root = doc['DIDL-Lite'] ?? {};
  const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as Array<Record<string, unknown>>;
  const objects: DidlObject[] = [];
  const text = (v: unknown) =>
    typeof v === 'object' && v !== null ? String((v as Record<string, unknown>)['#text'] ?? '') : String(v ?? '');
  for (const [kind, entries] of [
    ['container', root.container],
    ['item', root.item],
  ] as const) {
    for (const e of list(entries)) {
      objects.push({
        id: String(e['@_id']),
        parentID: String(e['@_parentID']),
        title: text(e.title),
        upnpClass: text(e.class),
        childCount: e['@_childCount'] !== undefined ? Number(e['@_childCount']) : null,
        container: kind === 'container',
        res: list(e.res).map((r) => ({ url: text(r), protocolInfo: String(r['@_protocolInfo'] ?? '') })),
      });
    }
  }
  return objects;
}
