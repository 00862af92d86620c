// The SOAP documents of the test ONVIF camera (e2e/support/onvif-camera.ts), shaped as the ONVIF WSDLs and real cameras
// (Hikvision, Axis, Dahua) write them: device (tds), media (trt), events (tev), WS-BaseNotification (wsnt), schema (tt).

export interface SimProfile {
  token: string;
  name: string;
  uri: string;
  width: number;
  height: number;
  fps: number;
}

export interface SimIdentity {
  name: string;
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
}

export interface SimMessage {
  topic: string;
  operation: 'Initialized' | 'Changed' | 'Deleted';
  utcTime: Date;
  source: Array<[string, string]>;
  data: Array<[string, string]>;
}

const NS = {
  env: 'http://www.w3.org/2003/05/soap-envelope',
  ter: 'http://www.onvif.org/ver10/error',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  wstop: 'http://docs.oasis-open.org/wsn/t-1',
  wsa: 'http://www.w3.org/2005/08/addressing',
  tns1: 'http://www.onvif.org/ver10/topics',
};
const xmlns = Object.entries(NS)
  .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
  .join(' ');

export const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><env:Envelope ${xmlns}><env:Header/><env:Body>${body}</env:Body></env:Envelope>`;

export const faultEnvelope = (code: string, subcode: string, reason: string) =>
  envelope(
    `<env:Fault><env:Code><env:Value>${code}</env:Value><env:Subcode><env:Value>${subcode}</env:Value></env:Subcode></env:Code>` +
      `<env:Reason><env:Text xml:lang="en">${esc(reason)}</env:Text></env:Reason></env:Fault>`,
  );

/** xs:duration (PT1M, PT60S, PT1M30S) or an absolute xs:dateTime, as milliseconds from now; `fallback` when absent. */
export function xsdDurationMs(value: string, fallback: number): number {
  const text = value.trim();
  if (!text) return fallback;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (m) return ((+(m[1] ?? 0) * 24 + +(m[2] ?? 0)) * 3600 + +(m[3] ?? 0) * 60 + +(m[4] ?? 0)) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : fallback;
}

export const systemDateAndTimeXml = (now: Date) =>
  '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>' +
  '<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone><tt:UTCDateTime>' +
  `<tt:Time><tt:Hour>${now.getUTCHours()}</tt:Hour><tt:Minute>${now.getUTCMinutes()}</tt:Minute><tt:Second>${now.getUTCSeconds()}</tt:Second></tt:Time>` +
  `<tt:Date><tt:Year>${now.getUTCFullYear()}</tt:Year><tt:Month>${now.getUTCMonth() + 1}</tt:Month><tt:Day>${now.getUTCDate()}</tt:Day></tt:Date>` +
  '</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>';

export const capabilitiesXml = (base: string) =>
  '<tds:GetCapabilitiesResponse><tds:Capabilities>' +
  `<tt:Device><tt:XAddr>${base}/onvif/device_service</tt:XAddr></tt:Device>` +
  `<tt:Events><tt:XAddr>${base}/onvif/event_service</tt:XAddr><tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport>` +
  '<tt:WSPullPointSupport>true</tt:WSPullPointSupport>' +
  '<tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>' +
  `<tt:Media><tt:XAddr>${base}/onvif/media_service</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast>` +
  '<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>' +
  '</tds:Capabilities></tds:GetCapabilitiesResponse>';

export const servicesXml = (base: string) =>
  '<tds:GetServicesResponse>' +
  [
    [NS.tds, 'device_service'],
    [NS.trt, 'media_service'],
    [NS.tev, 'event_service'],
  ]
    .map(
      ([ns, path]) =>
        `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${base}/onvif/${path}</tds:XAddr>` +
        '<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>',
    )
    .join('') +
  '</tds:GetServicesResponse>';

export const deviceInformationXml = (id: SimIdentity) =>
  `<tds:GetDeviceInformationResponse><tds:Manufacturer>${esc(id.manufacturer)}</tds:Manufacturer>` +
  `<tds:Model>${esc(id.model)}</tds:Model><tds:FirmwareVersion>${esc(id.firmware)}</tds:FirmwareVersion>` +
  `<tds:SerialNumber>${esc(id.serial)}</tds:SerialNumber><tds:HardwareId>${esc(id.model)}</tds:HardwareId>` +
  '</tds:GetDeviceInformationResponse>';

export const scopesXml = (scopes: string[]) =>
  '<tds:GetScopesResponse>' +
  scopes.map((s) => `<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>${esc(s)}</tt:ScopeItem></tds:Scopes>`).join('') +
  '</tds:GetScopesResponse>';

export const videoSourcesXml = () =>
  '<trt:GetVideoSourcesResponse><trt:VideoSources token="VideoSource_1"><tt:Framerate>10</tt:Framerate>' +
  '<tt:Resolution><tt:Width>320</tt:Width><tt:Height>240</tt:Height></tt:Resolution></trt:VideoSources></trt:GetVideoSourcesResponse>';

export const profilesXml = (profiles: SimProfile[]) =>
  '<trt:GetProfilesResponse>' +
  profiles
    .map(
      (p, i) =>
        `<trt:Profiles token="${p.token}" fixed="true"><tt:Name>${esc(p.name)}</tt:Name>` +
        '<tt:VideoSourceConfiguration token="VideoSourceConfig_1"><tt:Name>VideoSourceConfig</tt:Name>' +
        `<tt:UseCount>${profiles.length}</tt:UseCount><tt:SourceToken>VideoSource_1</tt:SourceToken>` +
        '<tt:Bounds x="0" y="0" width="320" height="240"/></tt:VideoSourceConfiguration>' +
        `<tt:VideoEncoderConfiguration token="VideoEncoder_${i + 1}"><tt:Name>VideoEncoder_${i + 1}</tt:Name>` +
        '<tt:UseCount>1</tt:UseCount><tt:Encoding>H264</tt:Encoding>' +
        `<tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution><tt:Quality>5</tt:Quality>` +
        `<tt:RateControl><tt:FrameRateLimit>${p.fps}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>` +
        '<tt:BitrateLimit>1024</tt:BitrateLimit></tt:RateControl><tt:H264><tt:GovLength>20</tt:GovLength>' +
        '<tt:H264Profile>Main</tt:H264Profile></tt:H264><tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>' +
        '</trt:Profiles>',
    )
    .join('') +
  '</trt:GetProfilesResponse>';

export const uriXml = (op: 'GetStreamUri' | 'GetSnapshotUri', uri: string) =>
  `<trt:${op}Response><trt:MediaUri><tt:Uri>${esc(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
  `<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:${op}Response>`;

const simpleItems = (items: Array<[string, string]>) =>
  items.map(([name, value]) => `<tt:SimpleItem Name="${esc(name)}" Value="${esc(value)}"/>`).join('');

export const eventPropertiesXml = () =>
  '<tev:GetEventPropertiesResponse>' +
  '<tev:TopicNamespaceLocation>http://www.onvif.org/onvif/ver10/topics/topicns.xml</tev:TopicNamespaceLocation>' +
  '<wsnt:FixedTopicSet>true</wsnt:FixedTopicSet><wstop:TopicSet>' +
  '<tns1:RuleEngine><CellMotionDetector><Motion wstop:topic="true"><tt:MessageDescription IsProperty="true">' +
  '<tt:Source><tt:SimpleItemDescription Name="VideoSourceConfigurationToken" Type="tt:ReferenceToken"/>' +
  '<tt:SimpleItemDescription Name="VideoAnalyticsConfigurationToken" Type="tt:ReferenceToken"/>' +
  '<tt:SimpleItemDescription Name="Rule" Type="xs:string"/></tt:Source>' +
  '<tt:Data><tt:SimpleItemDescription Name="IsMotion" Type="xs:boolean"/></tt:Data></tt:MessageDescription>' +
  '</Motion></CellMotionDetector></tns1:RuleEngine>' +
  '<tns1:VideoSource><GlobalSceneChange><ImagingService wstop:topic="true"><tt:MessageDescription IsProperty="true">' +
  '<tt:Source><tt:SimpleItemDescription Name="Source" Type="tt:ReferenceToken"/></tt:Source>' +
  '<tt:Data><tt:SimpleItemDescription Name="State" Type="xs:boolean"/></tt:Data></tt:MessageDescription>' +
  '</ImagingService></GlobalSceneChange></tns1:VideoSource>' +
  '</wstop:TopicSet>' +
  '<wsnt:TopicExpressionDialect>http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet</wsnt:TopicExpressionDialect>' +
  '<wsnt:TopicExpressionDialect>http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete</wsnt:TopicExpressionDialect>' +
  '<tev:MessageContentFilterDialect>http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter</tev:MessageContentFilterDialect>' +
  '<tev:MessageContentSchemaLocation>http://www.onvif.org/onvif/ver10/schema/onvif.xsd</tev:MessageContentSchemaLocation>' +
  '</tev:GetEventPropertiesResponse>';

export const notificationXml = (m: SimMessage) =>
  '<wsnt:NotificationMessage>' +
  `<wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">${esc(m.topic)}</wsnt:Topic>` +
  `<wsnt:Message><tt:Message UtcTime="${m.utcTime.toISOString()}" PropertyOperation="${m.operation}">` +
  `<tt:Source>${simpleItems(m.source)}</tt:Source><tt:Data>${simpleItems(m.data)}</tt:Data>` +
  '</tt:Message></wsnt:Message></wsnt:NotificationMessage>';

export const probeMatchesXml = (p: { endpoint: string; relatesTo: string; scopes: string[]; xaddr: string }) =>
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" ' +
  'xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" ' +
  'xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">' +
  `<SOAP-ENV:Header><wsa:MessageID>urn:uuid:${crypto.randomUUID()}</wsa:MessageID>` +
  `<wsa:RelatesTo>${esc(p.relatesTo)}</wsa:RelatesTo>` +
  '<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>' +
  '<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></SOAP-ENV:Header>' +
  '<SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>' +
  `<wsa:EndpointReference><wsa:Address>${esc(p.endpoint)}</wsa:Address></wsa:EndpointReference>` +
  '<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>' +
  `<d:Scopes>${p.scopes.map(esc).join(' ')}</d:Scopes>` +
  `<d:XAddrs>${esc(p.xaddr)}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>` +
  '</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>';
