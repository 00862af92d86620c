/**
 * The DLNA / UPnP AV media server's shared contracts: what the SSDP announcer, the HTTP/SOAP server and the
 * ContentDirectory agree on. Each part is built from these, so each is tested on its own with real sockets.
 */

export const MEDIA_SERVER_TYPE = 'urn:schemas-upnp-org:device:MediaServer:1';
export const CONTENT_DIRECTORY_TYPE = 'urn:schemas-upnp-org:service:ContentDirectory:1';
export const CONNECTION_MANAGER_TYPE = 'urn:schemas-upnp-org:service:ConnectionManager:1';
export const MEDIA_RECEIVER_REGISTRAR_TYPE = 'urn:microsoft.com:service:X_MS_MediaReceiverRegistrar:1';

/** Paths on the DLNA HTTP server (one server per chosen interface address, same port). */
export const DLNA_PATHS = {
  description: '/dlna/description.xml',
  icon: (size: 48 | 120) => `/dlna/icon-${size}.png`,
  scpd: { cds: '/dlna/cds.xml', cms: '/dlna/cms.xml', mrr: '/dlna/mrr.xml' },
  control: { cds: '/dlna/control/cds', cms: '/dlna/control/cms', mrr: '/dlna/control/mrr' },
  event: { cds: '/dlna/event/cds', cms: '/dlna/event/cms', mrr: '/dlna/event/mrr' },
  /** a library file as it is (GET/HEAD, Range) */
  media: (fileId: number) => `/dlna/media/${fileId}`,
  /** a library file transcoded for a renderer that can't play it (progressive MPEG-TS) */
  transcoded: (fileId: number, profile: string) => `/dlna/transcode/${fileId}?profile=${encodeURIComponent(profile)}`,
  subtitle: (fileId: number, stream: number) => `/dlna/subtitle/${fileId}/${stream}.srt`,
  /** a video's thumbnail (JPEG_TN), made on first request */
  thumbnail: (fileId: number) => `/dlna/thumb/${fileId}.jpg`,
} as const;

/** The identity the SSDP messages and the device description share. */
export interface DlnaIdentity {
  /** persisted "uuid:…" without the prefix */
  uuid: string;
  friendlyName: string;
  /** "Racoon/0.1.0" for SERVER headers: "<os>/<ver> UPnP/1.0 Racoon/0.1.0" */
  serverHeader: string;
  /** the HTTP port every interface's server listens on */
  httpPort: number;
}

/** An interface address the server announces and answers on. */
export interface DlnaInterface {
  name: string;
  address: string;
  family: 'IPv4';
  internal: boolean;
}

/** A UPnP error for a SOAP fault: 401 Invalid Action, 402 Invalid Args, 701 No such object, 709 Unsupported sort… */
export class UpnpError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a renderer is known to need (Gerbera's client flags, in spirit). */
export interface RendererQuirks {
  /** kebab-case id: samsung, lg, sony, xbox, vlc, kodi, generic, or a user's */
  name: string;
  label: string;
  /** the playback decision's device profile for this renderer (app/stream/builtin-device-profiles.ts) */
  deviceProfile: string;
  /** Samsung: sec:CaptionInfoEx + CaptionInfo.sec header for external subtitles */
  samsungCaptions: boolean;
  /** some renderers break on DLNA.ORG_PN values they don't know: leave PN out */
  omitDlnaProfileName: boolean;
  /** Xbox 360: browse by its fixed container ids and needs X_MS_MediaReceiverRegistrar */
  xboxContainerIds: boolean;
  /** largest page the renderer copes with (0 = whatever it asks) */
  maxPageSize: number;
}

/** What the ContentDirectory answers a Browse or a Search with. */
export interface BrowseResult {
  /** DIDL-Lite XML (not escaped: the SOAP layer escapes it into <Result>) */
  didl: string;
  numberReturned: number;
  totalMatches: number;
  updateId: number;
}

export interface BrowseRequest {
  objectId: string;
  flag: 'BrowseMetadata' | 'BrowseDirectChildren';
  /** "*" or a comma list of properties (dc:title, res, res@size, upnp:albumArtURI, …) */
  filter: string;
  startingIndex: number;
  /** 0 = all */
  requestedCount: number;
  /** "+dc:title,-dc:date" or "" */
  sortCriteria: string;
  /** "http://<interface address>:<port>": res URLs point at the address the renderer reached us on */
  baseUrl: string;
  client: RendererQuirks;
}

export interface SearchRequest extends Omit<BrowseRequest, 'objectId' | 'flag'> {
  containerId: string;
  /** UPnP search criteria: `upnp:class derivedfrom "object.item.videoItem" and dc:title contains "alien"`, or "*" */
  searchCriteria: string;
}

/** The ContentDirectory as the SOAP layer uses it. */
export interface ContentDirectoryService {
  browse(request: BrowseRequest): BrowseResult;
  search(request: SearchRequest): BrowseResult;
  searchCapabilities(): string;
  sortCapabilities(): string;
  /** changes whenever the library does */
  systemUpdateId(): number;
  /** called with the new SystemUpdateID after each change (GENA notifies subscribers) */
  onUpdate(listener: (systemUpdateId: number) => void): () => void;
}
