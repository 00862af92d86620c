/**
 * UPnP SOAP control messages, both ways. Parsing is defensive: a bounded body, no DOCTYPE or entity declarations
 * (checked before any parser sees them, so a "billion laughs" is never expanded), fast-xml-parser with entity processing
 * off, and only the five predefined XML entities and character references decoded, by hand, in one pass. Faults carry
 * UPnP error codes: 401 Invalid Action, 402 Invalid Args, 7xx from the ContentDirectory, 501 Action Failed. Pure.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UpnpError } from './dlna-types.js';
import { escapeXml } from './xml-escape.js';

/** Largest control request we read: a Browse is a few hundred bytes. */
export const SOAP_BODY_LIMIT = 64 * 1024;

/** A request that is not a SOAP call at all (too big, hostile): answered with a plain HTTP status, not a fault. */
export class SoapHttpError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SoapCall {
  action: string;
  /** argument name → text (entities decoded) */
  args: Record<string, string>;
}

const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the predefined entities and numeric character references; anything else is left as written. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

/** `"urn:schemas-upnp-org:service:ContentDirectory:1#Browse"` → service type and action (quotes optional). */
export function parseSoapActionHeader(header: string | undefined): { serviceType: string; action: string } | null {
  if (!header) return null;
  const value = header.trim().replace(/^"(.*)"$/s, '$1');
  const hash = value.lastIndexOf('#');
  if (hash <= 0 || hash === value.length - 1) return null;
  return { serviceType: value.slice(0, hash), action: value.slice(hash + 1) };
}

/** "urn:…:ContentDirectory:1" and "urn:…:ContentDirectory:2" are the same service, asked at another version. */
function sameServiceType(asked: string, ours: string): boolean {
  const strip = (type: string) => type.replace(/:\d+$/, '');
  return strip(asked) === strip(ours);
}

type XmlNode = Record<string, unknown>;

const isElementKey = (key: string) => !key.startsWith('@_') && key !== '#text';

function argumentText(name: string, value: unknown): string {
  if (typeof value === 'string') return decodeXmlText(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const node = value as XmlNode;
    // typed arguments (dt:dt="ui4") come with attributes; nested elements are not a UPnP argument value
    if (Object.keys(node).some(isElementKey)) throw new UpnpError(402, `Invalid Args: ${name} holds elements`);
    return decodeXmlText(typeof node['#text'] === 'string' ? node['#text'] : '');
  }
  throw new UpnpError(402, `Invalid Args: ${name} is given more than once`);
}

/**
 * The action and arguments of a control request for `serviceType`. Throws SoapHttpError for what isn't a SOAP call
 * (too large, a DOCTYPE) and UpnpError 401/402 for a call we can't take.
 */
export function parseSoapRequest(body: string, soapAction: string | undefined, serviceType: string): SoapCall {
  if (Buffer.byteLength(body) > SOAP_BODY_LIMIT) throw new SoapHttpError(413, 'Request body too large');
  if (/<!(DOCTYPE|ENTITY)/i.test(body)) throw new SoapHttpError(400, 'DOCTYPE and entity declarations are not accepted');
  const header = parseSoapActionHeader(soapAction);
  if (soapAction !== undefined && !header) throw new UpnpError(401, 'Invalid Action: malformed SOAPACTION header');
  if (header && !sameServiceType(header.serviceType, serviceType)) {
    throw new UpnpError(401, `Invalid Action: ${header.serviceType} is not served here`);
  }
  if (XMLValidator.validate(body) !== true) throw new UpnpError(402, 'Invalid Args: the request is not well-formed XML');
  let document: XmlNode;
  try {
    document = parser.parse(body) as XmlNode;
  } catch {
    throw new UpnpError(402, 'Invalid Args: the request could not be read');
  }
  const envelope = document.Envelope as XmlNode | undefined;
  const soapBody = envelope && typeof envelope === 'object' ? (envelope.Body as XmlNode | '' | undefined) : undefined;
  // an empty Body is there but names no action
  if (soapBody === '') throw new UpnpError(401, 'Invalid Action: the Body must hold exactly one action');
  if (!soapBody || typeof soapBody !== 'object') throw new UpnpError(402, 'Invalid Args: no SOAP Envelope/Body');
  const actions = Object.keys(soapBody).filter(isElementKey);
  if (actions.length !== 1) throw new UpnpError(401, 'Invalid Action: the Body must hold exactly one action');
  const action = actions[0];
  if (header && header.action !== action) {
    throw new UpnpError(401, `Invalid Action: SOAPACTION names ${header.action} but the body holds ${action}`);
  }
  const element = soapBody[action];
  // no prototype: an argument named __proto__ or constructor is just a name
  const args: Record<string, string> = Object.create(null) as Record<string, string>;
  if (element && typeof element === 'object') {
    if (Array.isArray(element)) throw new UpnpError(401, 'Invalid Action: the Body must hold exactly one action');
    for (const [name, value] of Object.entries(element as XmlNode)) {
      if (isElementKey(name)) args[name] = argumentText(name, value);
    }
  }
  return { action, args };
}

/** `<u:BrowseResponse>` with each output argument escaped. */
export function soapResponseXml(
  serviceType: string,
  action: string,
  values: ReadonlyArray<readonly [string, string | number]>,
): string {
  const args = values.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
    `<s:Body><u:${action}Response xmlns:u="${escapeXml(serviceType)}">${args}</u:${action}Response></s:Body></s:Envelope>\n`
  );
}

/** Descriptions from the UPnP Device Architecture and ContentDirectory specs. */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  401: 'Invalid Action',
  402: 'Invalid Args',
  501: 'Action Failed',
  600: 'Argument Value Invalid',
  701: 'No such object',
  706: 'No such connection',
  708: 'Unsupported or invalid search criteria',
  709: 'Unsupported or invalid sort criteria',
  710: 'No such container',
  720: 'Cannot process the request',
};

export function upnpErrorDescription(code: number): string {
  return ERROR_DESCRIPTIONS[code] ?? 'Action Failed';
}

/** A UPnP fault body (sent with HTTP 500). */
export function soapFaultXml(code: number, description = upnpErrorDescription(code)): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
    '<s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>' +
    `<UPnPError xmlns="urn:schemas-upnp-org:control-1-0"><errorCode>${code}</errorCode>` +
    `<errorDescription>${escapeXml(description)}</errorDescription></UPnPError>` +
    '</detail></s:Fault></s:Body></s:Envelope>\n'
  );
}
