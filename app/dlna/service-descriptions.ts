/**
 * The three services as data: their actions (arguments and the state variable each one is typed by) and state
 * variables. One table gives both the SCPD documents control points read and the argument checks the SOAP control layer
 * applies, so what we describe and what we accept can't drift apart. Pure.
 */
import { CONNECTION_MANAGER_TYPE, CONTENT_DIRECTORY_TYPE, DLNA_PATHS, MEDIA_RECEIVER_REGISTRAR_TYPE } from './dlna-types.js';
import { escapeXml } from './xml-escape.js';

export type ServiceKey = 'cds' | 'cms' | 'mrr';

export type UpnpDataType = 'string' | 'ui4' | 'i4' | 'boolean' | 'bin.base64';

export interface StateVariable {
  name: string;
  type: UpnpDataType;
  evented: boolean;
  allowed?: readonly string[];
}

export interface ActionArgument {
  name: string;
  direction: 'in' | 'out';
  related: string;
  /** used when a control point leaves this in-argument out (as minidlna and Gerbera tolerate); absent = required */
  fallback?: string;
}

export interface ServiceAction {
  name: string;
  args: readonly ActionArgument[];
}

export interface ServiceSpec {
  key: ServiceKey;
  type: string;
  /** serviceId in the device description */
  id: string;
  actions: readonly ServiceAction[];
  variables: readonly StateVariable[];
}

const arg = (name: string, related: string, fallback?: string): ActionArgument =>
  fallback === undefined ? { name, direction: 'in', related } : { name, direction: 'in', related, fallback };
const out = (name: string, related: string): ActionArgument => ({ name, direction: 'out', related });
const v = (name: string, type: UpnpDataType, evented = false, allowed?: readonly string[]): StateVariable =>
  allowed ? { name, type, evented, allowed } : { name, type, evented };

const BROWSE_OUT = [
  out('Result', 'A_ARG_TYPE_Result'),
  out('NumberReturned', 'A_ARG_TYPE_Count'),
  out('TotalMatches', 'A_ARG_TYPE_Count'),
  out('UpdateID', 'A_ARG_TYPE_UpdateID'),
];

export const CONTENT_DIRECTORY: ServiceSpec = {
  key: 'cds',
  type: CONTENT_DIRECTORY_TYPE,
  id: 'urn:upnp-org:serviceId:ContentDirectory',
  actions: [
    { name: 'GetSearchCapabilities', args: [out('SearchCaps', 'SearchCapabilities')] },
    { name: 'GetSortCapabilities', args: [out('SortCaps', 'SortCapabilities')] },
    { name: 'GetSystemUpdateID', args: [out('Id', 'SystemUpdateID')] },
    {
      name: 'Browse',
      args: [
        arg('ObjectID', 'A_ARG_TYPE_ObjectID'),
        arg('BrowseFlag', 'A_ARG_TYPE_BrowseFlag'),
        arg('Filter', 'A_ARG_TYPE_Filter', '*'),
        arg('StartingIndex', 'A_ARG_TYPE_Index', '0'),
        arg('RequestedCount', 'A_ARG_TYPE_Count', '0'),
        arg('SortCriteria', 'A_ARG_TYPE_SortCriteria', ''),
        ...BROWSE_OUT,
      ],
    },
    {
      name: 'Search',
      args: [
        arg('ContainerID', 'A_ARG_TYPE_ObjectID'),
        arg('SearchCriteria', 'A_ARG_TYPE_SearchCriteria'),
        arg('Filter', 'A_ARG_TYPE_Filter', '*'),
        arg('StartingIndex', 'A_ARG_TYPE_Index', '0'),
        arg('RequestedCount', 'A_ARG_TYPE_Count', '0'),
        arg('SortCriteria', 'A_ARG_TYPE_SortCriteria', ''),
        ...BROWSE_OUT,
      ],
    },
    // Samsung TVs ask which containers hold what before they browse (minidlna answers it too)
    { name: 'X_GetFeatureList', args: [out('FeatureList', 'A_ARG_TYPE_Featurelist')] },
  ],
  variables: [
    v('A_ARG_TYPE_ObjectID', 'string'),
    v('A_ARG_TYPE_Result', 'string'),
    v('A_ARG_TYPE_SearchCriteria', 'string'),
    v('A_ARG_TYPE_BrowseFlag', 'string', false, ['BrowseMetadata', 'BrowseDirectChildren']),
    v('A_ARG_TYPE_Filter', 'string'),
    v('A_ARG_TYPE_SortCriteria', 'string'),
    v('A_ARG_TYPE_Index', 'ui4'),
    v('A_ARG_TYPE_Count', 'ui4'),
    v('A_ARG_TYPE_UpdateID', 'ui4'),
    v('A_ARG_TYPE_Featurelist', 'string'),
    v('SearchCapabilities', 'string'),
    v('SortCapabilities', 'string'),
    v('SystemUpdateID', 'ui4', true),
    v('ContainerUpdateIDs', 'string', true),
  ],
};

export const CONNECTION_MANAGER: ServiceSpec = {
  key: 'cms',
  type: CONNECTION_MANAGER_TYPE,
  id: 'urn:upnp-org:serviceId:ConnectionManager',
  actions: [
    { name: 'GetProtocolInfo', args: [out('Source', 'SourceProtocolInfo'), out('Sink', 'SinkProtocolInfo')] },
    { name: 'GetCurrentConnectionIDs', args: [out('ConnectionIDs', 'CurrentConnectionIDs')] },
    {
      name: 'GetCurrentConnectionInfo',
      args: [
        arg('ConnectionID', 'A_ARG_TYPE_ConnectionID'),
        out('RcsID', 'A_ARG_TYPE_RcsID'),
        out('AVTransportID', 'A_ARG_TYPE_AVTransportID'),
        out('ProtocolInfo', 'A_ARG_TYPE_ProtocolInfo'),
        out('PeerConnectionManager', 'A_ARG_TYPE_ConnectionManager'),
        out('PeerConnectionID', 'A_ARG_TYPE_ConnectionID'),
        out('Direction', 'A_ARG_TYPE_Direction'),
        out('Status', 'A_ARG_TYPE_ConnectionStatus'),
      ],
    },
  ],
  variables: [
    v('SourceProtocolInfo', 'string', true),
    v('SinkProtocolInfo', 'string', true),
    v('CurrentConnectionIDs', 'string', true),
    v('A_ARG_TYPE_ConnectionStatus', 'string', false, [
      'OK',
      'ContentFormatMismatch',
      'InsufficientBandwidth',
      'UnreliableChannel',
      'Unknown',
    ]),
    v('A_ARG_TYPE_ConnectionManager', 'string'),
    v('A_ARG_TYPE_Direction', 'string', false, ['Input', 'Output']),
    v('A_ARG_TYPE_ProtocolInfo', 'string'),
    v('A_ARG_TYPE_ConnectionID', 'i4'),
    v('A_ARG_TYPE_AVTransportID', 'i4'),
    v('A_ARG_TYPE_RcsID', 'i4'),
  ],
};

export const MEDIA_RECEIVER_REGISTRAR: ServiceSpec = {
  key: 'mrr',
  type: MEDIA_RECEIVER_REGISTRAR_TYPE,
  id: 'urn:microsoft.com:serviceId:X_MS_MediaReceiverRegistrar',
  actions: [
    { name: 'IsAuthorized', args: [arg('DeviceID', 'A_ARG_TYPE_DeviceID', ''), out('Result', 'A_ARG_TYPE_Result')] },
    { name: 'IsValidated', args: [arg('DeviceID', 'A_ARG_TYPE_DeviceID', ''), out('Result', 'A_ARG_TYPE_Result')] },
    {
      name: 'RegisterDevice',
      args: [
        arg('RegistrationReqMsg', 'A_ARG_TYPE_RegistrationReqMsg'),
        out('RegistrationRespMsg', 'A_ARG_TYPE_RegistrationRespMsg'),
      ],
    },
  ],
  variables: [
    v('A_ARG_TYPE_DeviceID', 'string'),
    v('A_ARG_TYPE_Result', 'i4'),
    v('A_ARG_TYPE_RegistrationReqMsg', 'bin.base64'),
    v('A_ARG_TYPE_RegistrationRespMsg', 'bin.base64'),
    v('AuthorizationGrantedUpdateID', 'ui4', true),
    v('AuthorizationDeniedUpdateID', 'ui4', true),
    v('ValidationSucceededUpdateID', 'ui4', true),
    v('ValidationRevokedUpdateID', 'ui4', true),
  ],
};

export const SERVICES: Record<ServiceKey, ServiceSpec> = {
  cds: CONTENT_DIRECTORY,
  cms: CONNECTION_MANAGER,
  mrr: MEDIA_RECEIVER_REGISTRAR,
};

/** The SCPD document of a service (UPnP 1.0 service template). */
export function scpdXml(spec: ServiceSpec): string {
  const actions = spec.actions
    .map((action) => {
      const args = action.args
        .map(
          (a) =>
            `<argument><name>${escapeXml(a.name)}</name><direction>${a.direction}</direction>` +
            `<relatedStateVariable>${escapeXml(a.related)}</relatedStateVariable></argument>`,
        )
        .join('');
      return `<action><name>${escapeXml(action.name)}</name>${args ? `<argumentList>${args}</argumentList>` : ''}</action>`;
    })
    .join('');
  const variables = spec.variables
    .map((variable) => {
      const allowed = variable.allowed
        ? `<allowedValueList>${variable.allowed.map((value) => `<allowedValue>${escapeXml(value)}</allowedValue>`).join('')}</allowedValueList>`
        : '';
      return (
        `<stateVariable sendEvents="${variable.evented ? 'yes' : 'no'}"><name>${escapeXml(variable.name)}</name>` +
        `<dataType>${variable.type}</dataType>${allowed}</stateVariable>`
      );
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<scpd xmlns="urn:schemas-upnp-org:service-1-0"><specVersion><major>1</major><minor>0</minor></specVersion>' +
    `<actionList>${actions}</actionList><serviceStateTable>${variables}</serviceStateTable></scpd>\n`
  );
}

/** The <service> entry of the device description. */
export function serviceEntryXml(spec: ServiceSpec): string {
  return (
    `<service><serviceType>${escapeXml(spec.type)}</serviceType><serviceId>${escapeXml(spec.id)}</serviceId>` +
    `<SCPDURL>${DLNA_PATHS.scpd[spec.key]}</SCPDURL><controlURL>${DLNA_PATHS.control[spec.key]}</controlURL>` +
    `<eventSubURL>${DLNA_PATHS.event[spec.key]}</eventSubURL></service>`
  );
}
