import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIRECTORY_TYPE, UpnpError } from './dlna-types.js';
import {
  decodeXmlText,
  parseSoapActionHeader,
  parseSoapRequest,
  SOAP_BODY_LIMIT,
  soapFaultXml,
  SoapHttpError,
  soapResponseXml,
} from './soap.js';

const CDS = CONTENT_DIRECTORY_TYPE;
const BROWSE_HEADER = `"${CDS}#Browse"`;

function envelope(inner: string, prolog = '<?xml version="1.0" encoding="utf-8"?>'): string {
  return (
    `${prolog}<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ` +
    `s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>${inner}</s:Body></s:Envelope>`
  );
}

const browse = (args: string) => envelope(`<u:Browse xmlns:u="${CDS}">${args}</u:Browse>`);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

const upnpCode = (fn: () => unknown) => {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(UpnpError);
  return (err as UpnpError).code;
};

describe('parseSoapActionHeader', () => {
  it.each([
    [BROWSE_HEADER, { serviceType: CDS, action: 'Browse' }],
    [`${CDS}#Search`, { serviceType: CDS, action: 'Search' }],
    [`  "${CDS}#GetSystemUpdateID"  `, { serviceType: CDS, action: 'GetSystemUpdateID' }],
    ['"no-hash"', null],
    [`"${CDS}#"`, null],
    ['"#Browse"', null],
    [undefined, null],
  ])('%s', (header, expected) => {
    expect(parseSoapActionHeader(header)).toEqual(expected);
  });
});

describe('decodeXmlText', () => {
  it('decodes the predefined entities and character references once, nothing else', () => {
    expect(decodeXmlText('dc:title contains &quot;Tom &amp; Jerry&quot;')).toBe('dc:title contains "Tom & Jerry"');
    expect(decodeXmlText('&lt;&gt;&apos;&#65;&#x42;')).toBe(`<>'AB`);
    // one pass: an escaped entity stays an entity's text
    expect(decodeXmlText('&amp;lt;')).toBe('&lt;');
    expect(decodeXmlText('&lol9; &#0; &#x110000;')).toBe('&lol9; &#0; &#x110000;');
  });
});

describe('parseSoapRequest', () => {
  it('reads the action and its arguments (prefixes, typed arguments, empty elements, entities)', () => {
    const call = parseSoapRequest(
      browse(
        '<ObjectID>movies/12</ObjectID><BrowseFlag>BrowseDirectChildren</BrowseFlag><Filter/>' +
          '<StartingIndex xmlns:dt="urn:schemas-microsoft-com:datatypes" dt:dt="ui4">5</StartingIndex>' +
          '<RequestedCount> 10 </RequestedCount><SortCriteria>+dc:title,-dc:date</SortCriteria>' +
          '<X>a &amp; b &lt;c&gt;</X>',
      ),
      BROWSE_HEADER,
      CDS,
    );
    expect(call.action).toBe('Browse');
    expect({ ...call.args }).toEqual({
      ObjectID: 'movies/12',
      BrowseFlag: 'BrowseDirectChildren',
      Filter: '',
      StartingIndex: '5',
      RequestedCount: '10',
      SortCriteria: '+dc:title,-dc:date',
      X: 'a & b <c>',
    });
  });

  it('takes a call without SOAPACTION from its body, and a call to a lower version of the service', () => {
    expect(parseSoapRequest(browse('<ObjectID>0</ObjectID>'), undefined, CDS).action).toBe('Browse');
    const v2 = `"urn:schemas-upnp-org:service:ContentDirectory:2#Browse"`;
    expect(parseSoapRequest(browse('<ObjectID>0</ObjectID>'), v2, CDS).action).toBe('Browse');
  });

  it('refuses prototype-polluting names (402) and keeps arguments in a prototype-free object', () => {
    expect(upnpCode(() => parseSoapRequest(browse('<__proto__>y</__proto__>'), BROWSE_HEADER, CDS))).toBe(402);
    expect(upnpCode(() => parseSoapRequest(browse('<constructor>y</constructor>'), BROWSE_HEADER, CDS))).toBe(402);
    const call = parseSoapRequest(browse('<ObjectID>0</ObjectID>'), BROWSE_HEADER, CDS);
    expect(Object.getPrototypeOf(call.args)).toBeNull();
  });

  it('refuses a SOAPACTION for another service or another action (401)', () => {
    expect(upnpCode(() => parseSoapRequest(browse(''), '"urn:schemas-upnp-org:service:AVTransport:1#Browse"', CDS))).toBe(401);
    expect(upnpCode(() => parseSoapRequest(browse(''), `"${CDS}#Search"`, CDS))).toBe(401);
    expect(upnpCode(() => parseSoapRequest(browse(''), '"garbage"', CDS))).toBe(401);
  });

  it('refuses a body without exactly one action (401)', () => {
    expect(upnpCode(() => parseSoapRequest(envelope(''), undefined, CDS))).toBe(401);
    const two = envelope(`<u:Browse xmlns:u="${CDS}"/><u:Search xmlns:u="${CDS}"/>`);
    expect(upnpCode(() => parseSoapRequest(two, undefined, CDS))).toBe(401);
  });

  it.each([
    ['not XML at all', 'hello'],
    ['unclosed tags', browse('<ObjectID>0</BrowseFlag>')],
    ['truncated', browse('<ObjectID>0</ObjectID>').slice(0, 120)],
    ['no Envelope', `<u:Browse xmlns:u="${CDS}"><ObjectID>0</ObjectID></u:Browse>`],
    ['a repeated argument', browse('<ObjectID>0</ObjectID><ObjectID>1</ObjectID>')],
    ['an argument holding elements', browse('<ObjectID><a>0</a></ObjectID>')],
    ['an empty body', ''],
  ])('malformed: %s → 402', (_name, body) => {
    expect(upnpCode(() => parseSoapRequest(body, BROWSE_HEADER, CDS))).toBe(402);
  });

  it('refuses DOCTYPE and entity declarations before parsing: a "billion laughs" is never expanded', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
      ']>' +
      browse('<ObjectID>&lol9;</ObjectID>').replace(/^<\?xml[^>]*\?>/, '');
    const started = Date.now();
    const err = thrown(() => parseSoapRequest(laughs, BROWSE_HEADER, CDS));
    expect(err).toBeInstanceOf(SoapHttpError);
    expect((err as SoapHttpError).httpStatus).toBe(400);
    expect(Date.now() - started).toBeLessThan(100);
    // any case, any place
    expect(thrown(() => parseSoapRequest(`<!doctype x>${browse('')}`, BROWSE_HEADER, CDS))).toBeInstanceOf(SoapHttpError);
    expect(thrown(() => parseSoapRequest(browse('<!ENTITY x "y">'), BROWSE_HEADER, CDS))).toBeInstanceOf(SoapHttpError);
  });

  it('refuses a body over the limit (413) without parsing it', () => {
    const big = browse(`<ObjectID>${'a'.repeat(SOAP_BODY_LIMIT)}</ObjectID>`);
    const err = thrown(() => parseSoapRequest(big, BROWSE_HEADER, CDS));
    expect((err as SoapHttpError).httpStatus).toBe(413);
  });

  it('survives deep nesting within the limit', () => {
    const deep = browse(`<ObjectID>${'<a>'.repeat(6000)}${'</a>'.repeat(6000)}</ObjectID>`);
    expect(deep.length).toBeLessThan(SOAP_BODY_LIMIT);
    expect(upnpCode(() => parseSoapRequest(deep, BROWSE_HEADER, CDS))).toBe(402);
  });
});

const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, processEntities: false });

describe('soapResponseXml / soapFaultXml', () => {
  it('writes the response element in the service namespace with escaped values', () => {
    const xml = soapResponseXml(CDS, 'Browse', [
      ['Result', '<DIDL-Lite xmlns="urn:schemas-upnp-org:metadata-1-0/DIDL-Lite/"><item id="a&amp;b"/></DIDL-Lite>'],
      ['NumberReturned', 1],
      ['TotalMatches', 1],
      ['UpdateID', 7],
    ]);
    expect(xml).toContain(`<u:BrowseResponse xmlns:u="${CDS}">`);
    const parsed = parser.parse(xml);
    const response = parsed.Envelope.Body.BrowseResponse;
    // the DIDL comes back as text (escaped once), so a control point parses it as a second document
    expect(response.Result).toContain('&lt;DIDL-Lite');
    expect(decodeXmlText(response.Result)).toBe(
      '<DIDL-Lite xmlns="urn:schemas-upnp-org:metadata-1-0/DIDL-Lite/"><item id="a&amp;b"/></DIDL-Lite>',
    );
    expect(response.NumberReturned).toBe('1');
    expect(response.UpdateID).toBe('7');
  });

  it('writes a UPnP fault with code and description', () => {
    const parsed = parser.parse(soapFaultXml(701, 'No such object: <x>'));
    const fault = parsed.Envelope.Body.Fault;
    expect(fault.faultcode).toBe('s:Client');
    expect(fault.faultstring).toBe('UPnPError');
    expect(fault.detail.UPnPError.errorCode).toBe('701');
    expect(decodeXmlText(fault.detail.UPnPError.errorDescription)).toBe('No such object: <x>');
    expect(parser.parse(soapFaultXml(401)).Envelope.Body.Fault.detail.UPnPError.errorDescription).toBe('Invalid Action');
  });
});
