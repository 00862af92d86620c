/**
 * What each control action does, for the three services. The arguments are checked against the service tables first
 * (required ones present, numbers that are numbers, values from the allowed list): a bad argument is UPnP 402 before any
 * handler runs. Handlers return their output arguments by name; the SOAP layer writes them in the SCPD's order.
 */
import { UpnpError, type ContentDirectoryService, type RendererQuirks } from './dlna-types.js';
import { SOURCE_PROTOCOL_INFO } from './dlna-protocol-info.js';
import { SERVICES, type ServiceAction, type ServiceKey, type ServiceSpec, type StateVariable } from './service-descriptions.js';

export interface ControlContext {
  /** "http://<the address the client reached>:<port>" */
  baseUrl: string;
  client: RendererQuirks;
}

type Values = Record<string, string | number>;
type Handler = (args: Record<string, string>, context: ControlContext) => Values;

const UI4_MAX = 4_294_967_295;
const I4_MIN = -2_147_483_648;
const I4_MAX = 2_147_483_647;

function checkValue(name: string, value: string, variable: StateVariable): string {
  const invalid = (why: string) => new UpnpError(402, `Invalid Args: ${name} ${why}`);
  switch (variable.type) {
    case 'ui4':
      if (!/^\+?\d{1,10}$/.test(value) || Number(value) > UI4_MAX) throw invalid(`must be a whole number from 0 to ${UI4_MAX}`);
      return String(Number(value));
    case 'i4':
      if (!/^[-+]?\d{1,10}$/.test(value) || Number(value) < I4_MIN || Number(value) > I4_MAX) {
        throw invalid('must be a whole number');
      }
      return String(Number(value));
    case 'boolean':
      if (!/^(0|1|true|false|yes|no)$/i.test(value)) throw invalid('must be 0 or 1');
      return /^(1|true|yes)$/i.test(value) ? '1' : '0';
    default:
      if (variable.allowed && !variable.allowed.includes(value)) throw invalid(`must be one of ${variable.allowed.join(', ')}`);
      return value;
  }
}

/** The action's in-arguments, checked and normalised (fallbacks for the ones clients commonly leave out). */
export function checkArguments(spec: ServiceSpec, action: ServiceAction, given: Record<string, string>): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const argument of action.args) {
    if (argument.direction !== 'in') continue;
    const value = given[argument.name] ?? argument.fallback;
    if (value === undefined) throw new UpnpError(402, `Invalid Args: ${argument.name} is missing`);
    const variable = spec.variables.find((v) => v.name === argument.related);
    if (!variable) throw new Error(`${spec.key}.${action.name}: no state variable ${argument.related}`);
    checked[argument.name] = checkValue(argument.name, value, variable);
  }
  return checked;
}

/** Samsung's X_GetFeatureList: where its "basic view" finds videos (our root: every tree starts there). */
const SAMSUNG_FEATURE_LIST =
  '<?xml version="1.0" encoding="UTF-8"?><Features xmlns="urn:schemas-upnp-org:av:avs" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xsi:schemaLocation="urn:schemas-upnp-org:av:avs http://www.upnp.org/schemas/av/avs.xsd">' +
  '<Feature name="samsung.com_BASICVIEW" version="1"><container id="0" type="object.item.videoItem"/></Feature></Features>';

function contentDirectoryHandlers(cds: ContentDirectoryService): Record<string, Handler> {
  const paging = (args: Record<string, string>, context: ControlContext) => ({
    filter: args.Filter,
    startingIndex: Number(args.StartingIndex),
    requestedCount: Number(args.RequestedCount),
    sortCriteria: args.SortCriteria,
    baseUrl: context.baseUrl,
    client: context.client,
  });
  const result = (r: { didl: string; numberReturned: number; totalMatches: number; updateId: number }) => ({
    Result: r.didl,
    NumberReturned: r.numberReturned,
    TotalMatches: r.totalMatches,
    UpdateID: r.updateId,
  });
  return {
    GetSearchCapabilities: () => ({ SearchCaps: cds.searchCapabilities() }),
    GetSortCapabilities: () => ({ SortCaps: cds.sortCapabilities() }),
    GetSystemUpdateID: () => ({ Id: cds.systemUpdateId() }),
    Browse: (args, context) =>
      result(
        cds.browse({
          objectId: args.ObjectID,
          flag: args.BrowseFlag as 'BrowseMetadata' | 'BrowseDirectChildren',
          ...paging(args, context),
        }),
      ),
    Search: (args, context) =>
      result(cds.search({ containerId: args.ContainerID, searchCriteria: args.SearchCriteria, ...paging(args, context) })),
    X_GetFeatureList: () => ({ FeatureList: SAMSUNG_FEATURE_LIST }),
  };
}

/** We keep no connections (HTTP GET needs no PrepareForConnection): the one implicit connection 0. */
const CONNECTION_MANAGER_HANDLERS: Record<string, Handler> = {
  GetProtocolInfo: () => ({ Source: SOURCE_PROTOCOL_INFO, Sink: '' }),
  GetCurrentConnectionIDs: () => ({ ConnectionIDs: '0' }),
  GetCurrentConnectionInfo: (args) => {
    if (args.ConnectionID !== '0') throw new UpnpError(706, 'No such connection');
    return {
      RcsID: -1,
      AVTransportID: -1,
      ProtocolInfo: '',
      PeerConnectionManager: '',
      PeerConnectionID: -1,
      Direction: 'Output',
      Status: 'OK',
    };
  },
};

/** Xbox 360 and some Samsung TVs ask before they browse; everyone is welcome (as in minidlna). */
const REGISTRAR_HANDLERS: Record<string, Handler> = {
  IsAuthorized: () => ({ Result: 1 }),
  IsValidated: () => ({ Result: 1 }),
  RegisterDevice: () => ({ RegistrationRespMsg: '' }),
};

export interface ActionOutcome {
  /** output arguments in the SCPD's order */
  values: Array<[string, string | number]>;
}

/** Runs control actions of one service. */
export class ControlActions {
  private readonly handlers: Record<ServiceKey, Record<string, Handler>>;

  constructor(contentDirectory: ContentDirectoryService) {
    this.handlers = {
      cds: contentDirectoryHandlers(contentDirectory),
      cms: CONNECTION_MANAGER_HANDLERS,
      mrr: REGISTRAR_HANDLERS,
    };
  }

  /** Throws UpnpError for what the client got wrong (and whatever the ContentDirectory throws). */
  run(service: ServiceKey, actionName: string, given: Record<string, string>, context: ControlContext): ActionOutcome {
    const spec = SERVICES[service];
    const action = spec.actions.find((a) => a.name === actionName);
    const handler = this.handlers[service][actionName];
    if (!action || !handler) throw new UpnpError(401, `Invalid Action: no ${actionName} in ${spec.type}`);
    const output = handler(checkArguments(spec, action, given), context);
    const values: Array<[string, string | number]> = [];
    for (const argument of action.args) {
      if (argument.direction !== 'out') continue;
      const value = output[argument.name];
      if (value === undefined) throw new Error(`${service}.${actionName} gave no ${argument.name}`);
      values.push([argument.name, value]);
    }
    return { values };
  }
}
