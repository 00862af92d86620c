/**
 * The root device description a control point reads from the SSDP LOCATION: a UPnP 1.0 MediaServer:1 with DLNA's
 * DMS-1.50 tag, Samsung's capability tags (they turn on subtitles and duration headers on its TVs), icons and the three
 * services. Pure. URLs are absolute paths, resolved against the address the description was fetched from, as minidlna
 * does, so one document serves every interface.
 */
import { VERSION } from '../core/version.js';
import { DLNA_PATHS, MEDIA_SERVER_TYPE, type DlnaIdentity } from './dlna-types.js';
import { SERVICES, serviceEntryXml } from './service-descriptions.js';
import { escapeXml } from './xml-escape.js';

export interface DeviceDescriptionOptions {
  /** the web UI, shown by some control points as "open the device's page" */
  presentationUrl?: string;
  /**
   * Xbox 360 only lists a server whose model name says "Windows Media Connect" (minidlna's trick); other clients get
   * our own name.
   */
  xboxCompatible?: boolean;
}

/** What Samsung's AllShare asks for: subtitles by header, the duration by header, the DCM10 feature list. */
const SAMSUNG_CAPABILITIES = 'smi,DCM10,getMediaInfo.sec,getCaptionInfo.sec';

export const DEVICE_ICONS = [48, 120] as const;

export function deviceDescriptionXml(
  identity: Pick<DlnaIdentity, 'uuid' | 'friendlyName'>,
  options: DeviceDescriptionOptions = {},
): string {
  const modelName = options.xboxCompatible ? 'Windows Media Connect compatible (Racoon)' : 'Racoon';
  const friendlyName = options.xboxCompatible ? `${identity.friendlyName} : 1 : Windows Media Connect` : identity.friendlyName;
  const icons = DEVICE_ICONS.map(
    (size) =>
      `<icon><mimetype>image/png</mimetype><width>${size}</width><height>${size}</height><depth>24</depth>` +
      `<url>${DLNA_PATHS.icon(size)}</url></icon>`,
  ).join('');
  const services = [SERVICES.cds, SERVICES.cms, SERVICES.mrr].map(serviceEntryXml).join('');
  const presentation = options.presentationUrl ? `<presentationURL>${escapeXml(options.presentationUrl)}</presentationURL>` : '';
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<root xmlns="urn:schemas-upnp-org:device-1-0" xmlns:dlna="urn:schemas-dlna-org:device-1-0" ' +
    'xmlns:sec="http://www.sec.co.kr/dlna">' +
    '<specVersion><major>1</major><minor>0</minor></specVersion>' +
    '<device>' +
    `<deviceType>${MEDIA_SERVER_TYPE}</deviceType>` +
    `<friendlyName>${escapeXml(friendlyName)}</friendlyName>` +
    '<manufacturer>Racoon</manufacturer>' +
    '<modelDescription>Racoon home media center</modelDescription>' +
    `<modelName>${escapeXml(modelName)}</modelName>` +
    `<modelNumber>${escapeXml(VERSION)}</modelNumber>` +
    `<serialNumber>${escapeXml(identity.uuid.replace(/-/g, '').slice(0, 12))}</serialNumber>` +
    `<UDN>uuid:${escapeXml(identity.uuid)}</UDN>` +
    '<dlna:X_DLNADOC>DMS-1.50</dlna:X_DLNADOC>' +
    `<sec:ProductCap>${SAMSUNG_CAPABILITIES}</sec:ProductCap>` +
    `<sec:X_ProductCap>${SAMSUNG_CAPABILITIES}</sec:X_ProductCap>` +
    `<iconList>${icons}</iconList>` +
    `<serviceList>${services}</serviceList>` +
    presentation +
    '</device></root>\n'
  );
}
