import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifCamera, type OnvifCamera } from '../../../e2e/support/onvif-camera.js';
import { discoverOnvifDevices, parseProbeMatches, probeMessage } from './ws-discovery.js';
import { discoveryFromEnv } from './onvif-service.js';

describe('WS-Discovery against test ONVIF cameras on 127.0.0.1', () => {
  let porch: OnvifCamera;
  let garage: OnvifCamera;

  beforeAll(async () => {
    porch = await startOnvifCamera({
      streamUrl: 'rtsp://127.0.0.1:8554/porch',
      name: 'Porch cam',
      manufacturer: 'Acme',
      model: 'AC-1',
    });
    garage = await startOnvifCamera({ streamUrl: 'rtsp://127.0.0.1:8554/garage', name: 'Garage', model: 'GX 2' });
  });
  afterAll(async () => {
    await porch?.stop();
    await garage?.stop();
  });

  it('finds a camera by a unicast probe to its port, with its device service and what its scopes say', async () => {
    const devices = await discoverOnvifDevices({
      targets: [{ address: '127.0.0.1', port: porch.discoveryPort }],
      timeoutMs: 800,
    });
    expect(devices).toEqual([
      {
        address: '127.0.0.1',
        xaddr: porch.xaddr,
        xaddrs: [porch.xaddr],
        endpoint: porch.endpoint,
        name: 'Porch cam',
        manufacturer: 'Acme',
        model: 'AC-1',
        hardware: 'AC-1',
        scopes: expect.arrayContaining(['onvif://www.onvif.org/Profile/Streaming', 'onvif://www.onvif.org/name/Porch%20cam']),
      },
    ]);
  });

  it('sees two cameras as two devices, and one camera answering twice as one', async () => {
    const devices = await discoverOnvifDevices({
      targets: [
        { address: '127.0.0.1', port: porch.discoveryPort },
        { address: '127.0.0.1', port: garage.discoveryPort },
        { address: '127.0.0.1', port: garage.discoveryPort },
      ],
      timeoutMs: 800,
    });
    expect(devices.map((d) => d.endpoint).sort()).toEqual([porch.endpoint, garage.endpoint].sort());
    expect(devices.find((d) => d.endpoint === garage.endpoint)).toMatchObject({
      name: 'Garage',
      model: 'GX 2',
      xaddr: garage.xaddr,
    });
  });

  it('finds nothing, without failing, when nobody answers', async () => {
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', () => resolve()));
    try {
      const devices = await discoverOnvifDevices({
        targets: [{ address: '127.0.0.1', port: silent.address().port }],
        timeoutMs: 300,
      });
      expect(devices).toEqual([]);
    } finally {
      silent.close();
    }
  });

  it('multicast: one probe to the group reaches every camera that joined it (loopback, a private port)', async (ctx) => {
    const group = await startOnvifCamera({
      streamUrl: 'rtsp://127.0.0.1:8554/a',
      name: 'Group A',
      multicast: true,
      discoveryPort: 0,
    });
    const second = await startOnvifCamera({
      streamUrl: 'rtsp://127.0.0.1:8554/b',
      name: 'Group B',
      multicast: true,
      discoveryPort: group.discoveryPort,
    });
    try {
      if (!group.multicast || !second.multicast) ctx.skip(); // this machine has no multicast on loopback
      const devices = await discoverOnvifDevices({ interfaces: ['127.0.0.1'], port: group.discoveryPort, timeoutMs: 800 });
      expect(devices.map((d) => d.name).sort()).toEqual(['Group A', 'Group B']);
    } finally {
      await group.stop();
      await second.stop();
    }
  });
});

describe('parseProbeMatches', () => {
  // as a Hikvision camera answers (two XAddrs, IPv6 too; scopes percent-encoded)
  const hikvision =
    '<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" ' +
    'xmlns:wsadis="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
    '<env:Header><wsadis:MessageID>urn:uuid:1</wsadis:MessageID><wsadis:RelatesTo>urn:uuid:2</wsadis:RelatesTo></env:Header>' +
    '<env:Body><d:ProbeMatches><d:ProbeMatch><wsadis:EndpointReference><wsadis:Address>urn:uuid:4a8f-hik</wsadis:Address>' +
    '</wsadis:EndpointReference><d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>' +
    '<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/HIKVISION%20DS-2CD2042WD-I ' +
    'onvif://www.onvif.org/hardware/DS-2CD2042WD-I onvif://www.onvif.org/location/city/hangzhou</d:Scopes>' +
    '<d:XAddrs>http://[fe80::1]/onvif/device_service http://192.168.1.64/onvif/device_service</d:XAddrs>' +
    '<d:MetadataVersion>10</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></env:Body></env:Envelope>';

  it('reads the endpoint, picks the XAddr on the address that answered, and decodes the scopes', () => {
    expect(parseProbeMatches(hikvision, '192.168.1.64')).toEqual([
      {
        address: '192.168.1.64',
        xaddr: 'http://192.168.1.64/onvif/device_service',
        xaddrs: ['http://[fe80::1]/onvif/device_service', 'http://192.168.1.64/onvif/device_service'],
        endpoint: 'urn:uuid:4a8f-hik',
        name: 'HIKVISION DS-2CD2042WD-I',
        manufacturer: null,
        model: 'DS-2CD2042WD-I',
        hardware: 'DS-2CD2042WD-I',
        scopes: expect.arrayContaining(['onvif://www.onvif.org/location/city/hangzhou']),
      },
    ]);
    // answering from elsewhere (NAT): the IPv4 XAddr rather than the link-local one
    expect(parseProbeMatches(hikvision, '10.0.0.9')[0].xaddr).toBe('http://192.168.1.64/onvif/device_service');
  });

  it('ignores what is not a ProbeMatch: a probe, garbage, a match without an address', () => {
    expect(parseProbeMatches(probeMessage('urn:uuid:x'), '127.0.0.1')).toEqual([]);
    expect(parseProbeMatches('<<<not xml', '127.0.0.1')).toEqual([]);
    expect(parseProbeMatches(hikvision.replace(/<d:XAddrs>.*<\/d:XAddrs>/, ''), '192.168.1.64')).toEqual([]);
  });
});

describe('discoveryFromEnv (RACOON_ONVIF_DISCOVERY for an engine in another process)', () => {
  it('reads host:port pairs, skips bad ones, and means multicast when unset', () => {
    expect(discoveryFromEnv({ RACOON_ONVIF_DISCOVERY: '127.0.0.1:3702, localhost:40001,nonsense,1.2.3.4:99999' })).toEqual({
      targets: [
        { address: '127.0.0.1', port: 3702 },
        { address: 'localhost', port: 40001 },
      ],
    });
    expect(discoveryFromEnv({})).toEqual({});
  });
});
