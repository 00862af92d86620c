import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { deviceDescriptionXml } from './device-description.js';
import {
  CONNECTION_MANAGER_TYPE,
  CONTENT_DIRECTORY_TYPE,
  DLNA_PATHS,
  MEDIA_RECEIVER_REGISTRAR_TYPE,
  MEDIA_SERVER_TYPE,
} from './dlna-types.js';
import { scpdXml, SERVICES, type ServiceKey } from './service-descriptions.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: false,
  parseTagValue: false,
  isArray: (name) => ['icon', 'service', 'action', 'argument', 'stateVariable', 'allowedValue'].includes(name),
});

const IDENTITY = { uuid: '0f1e2d3c-4b5a-4678-9abc-def012345678', friendlyName: 'Racoon <living room> & "den"' };

describe('deviceDescriptionXml', () => {
  const xml = deviceDescriptionXml(IDENTITY, { presentationUrl: 'http://192.168.1.5:8080/' });
  const device = parser.parse(xml).root.device;

  it('is well-formed UPnP 1.0 with the DLNA and Samsung namespaces', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const root = parser.parse(xml).root;
    expect(root['@_xmlns']).toBe('urn:schemas-upnp-org:device-1-0');
    expect(root['@_xmlns:dlna']).toBe('urn:schemas-dlna-org:device-1-0');
    expect(root['@_xmlns:sec']).toBe('http://www.sec.co.kr/dlna');
    expect(root.specVersion).toEqual({ major: '1', minor: '0' });
  });

  it('names a MediaServer:1 with our identity (escaped), DMS-1.50 and Samsung capabilities', () => {
    expect(device.deviceType).toBe(MEDIA_SERVER_TYPE);
    // escaped in the document, the same text once parsed
    expect(xml).toContain('<friendlyName>Racoon &lt;living room&gt; &amp; &quot;den&quot;</friendlyName>');
    expect(device.friendlyName).toBe(IDENTITY.friendlyName);
    expect(device.manufacturer).toBe('Racoon');
    expect(device.modelName).toBe('Racoon');
    expect(device.modelNumber).toMatch(/^\d+\.\d+\.\d+/);
    expect(device.UDN).toBe(`uuid:${IDENTITY.uuid}`);
    expect(device['dlna:X_DLNADOC']).toBe('DMS-1.50');
    expect(device['sec:ProductCap']).toContain('getCaptionInfo.sec');
    expect(device['sec:X_ProductCap']).toContain('getCaptionInfo.sec');
    expect(device.presentationURL).toBe('http://192.168.1.5:8080/');
  });

  it('lists 48 and 120 px PNG icons at their paths', () => {
    expect(device.iconList.icon).toEqual([
      { mimetype: 'image/png', width: '48', height: '48', depth: '24', url: DLNA_PATHS.icon(48) },
      { mimetype: 'image/png', width: '120', height: '120', depth: '24', url: DLNA_PATHS.icon(120) },
    ]);
  });

  it('links the three services to their SCPD, control and event URLs', () => {
    const services = device.serviceList.service as Array<Record<string, string>>;
    expect(services.map((s) => s.serviceType)).toEqual([
      CONTENT_DIRECTORY_TYPE,
      CONNECTION_MANAGER_TYPE,
      MEDIA_RECEIVER_REGISTRAR_TYPE,
    ]);
    for (const [service, key] of services.map((s, i) => [s, (['cds', 'cms', 'mrr'] as const)[i]] as const)) {
      expect(service.SCPDURL).toBe(DLNA_PATHS.scpd[key]);
      expect(service.controlURL).toBe(DLNA_PATHS.control[key]);
      expect(service.eventSubURL).toBe(DLNA_PATHS.event[key]);
      expect(service.serviceId).toMatch(/^urn:[a-z-.]+:serviceId:/);
    }
  });

  it('tells an Xbox 360 it is Windows Media Connect compatible', () => {
    const xbox = parser.parse(deviceDescriptionXml(IDENTITY, { xboxCompatible: true })).root.device;
    expect(xbox.modelName).toContain('Windows Media Connect');
    expect(xbox.friendlyName).toContain(': 1 : Windows Media Connect');
    expect(parser.parse(deviceDescriptionXml(IDENTITY)).root.device.presentationURL).toBeUndefined();
  });
});

describe('SCPD documents', () => {
  const actionsOf = (key: ServiceKey) => {
    const scpd = parser.parse(scpdXml(SERVICES[key])).scpd;
    return {
      scpd,
      actions: new Map<string, Array<Record<string, string>>>(
        (scpd.actionList.action as Array<{ name: string; argumentList?: { argument: Array<Record<string, string>> } }>).map(
          (a) => [a.name, a.argumentList?.argument ?? []],
        ),
      ),
      variables: new Map<string, Record<string, unknown>>(
        (scpd.serviceStateTable.stateVariable as Array<Record<string, unknown>>).map((v) => [v.name as string, v]),
      ),
    };
  };

  it.each(['cds', 'cms', 'mrr'] as const)('%s: well-formed, every argument typed by a declared state variable', (key) => {
    const xml = scpdXml(SERVICES[key]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const { scpd, actions, variables } = actionsOf(key);
    expect(scpd['@_xmlns']).toBe('urn:schemas-upnp-org:service-1-0');
    for (const args of actions.values()) {
      for (const argument of args) {
        expect(['in', 'out']).toContain(argument.direction);
        expect(variables.has(argument.relatedStateVariable), argument.relatedStateVariable).toBe(true);
      }
    }
  });

  it('ContentDirectory has Browse, Search, the capabilities and an evented SystemUpdateID', () => {
    const { actions, variables } = actionsOf('cds');
    for (const name of ['Browse', 'Search', 'GetSearchCapabilities', 'GetSortCapabilities', 'GetSystemUpdateID']) {
      expect(actions.has(name), name).toBe(true);
    }
    expect(actions.get('Browse')!.map((a) => `${a.direction}:${a.name}`)).toEqual([
      'in:ObjectID',
      'in:BrowseFlag',
      'in:Filter',
      'in:StartingIndex',
      'in:RequestedCount',
      'in:SortCriteria',
      'out:Result',
      'out:NumberReturned',
      'out:TotalMatches',
      'out:UpdateID',
    ]);
    expect(variables.get('SystemUpdateID')).toMatchObject({ '@_sendEvents': 'yes', dataType: 'ui4' });
    expect(variables.get('A_ARG_TYPE_BrowseFlag')).toMatchObject({
      allowedValueList: { allowedValue: ['BrowseMetadata', 'BrowseDirectChildren'] },
    });
    expect(variables.get('A_ARG_TYPE_Result')).toMatchObject({ '@_sendEvents': 'no' });
  });

  it('ConnectionManager and the registrar have the actions control points call', () => {
    expect([...actionsOf('cms').actions.keys()]).toEqual([
      'GetProtocolInfo',
      'GetCurrentConnectionIDs',
      'GetCurrentConnectionInfo',
    ]);
    expect([...actionsOf('mrr').actions.keys()]).toEqual(['IsAuthorized', 'IsValidated', 'RegisterDevice']);
    expect(actionsOf('cms').variables.get('SourceProtocolInfo')).toMatchObject({ '@_sendEvents': 'yes' });
  });
});
