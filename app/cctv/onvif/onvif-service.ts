// What the API asks of ONVIF: find cameras on the LAN (WS-Discovery) and read one camera's profiles (device and media
// services). Built with the discovery defaults the engine was given; a separate engine process (e2e tests) can be
// pointed at test cameras with RACOON_ONVIF_DISCOVERY=127.0.0.1:PORT,… instead of the LAN's multicast group.
import type { OnvifDiscoveredDevice, OnvifProbeResult } from '../../api/api-types.js';
import { probeOnvifCamera, type OnvifTarget } from './onvif-client.js';
import { discoverOnvifDevices, type WsDiscoveryOptions } from './ws-discovery.js';

export type OnvifDiscoveryDefaults = Omit<WsDiscoveryOptions, 'log'>;

export interface OnvifServiceOptions {
  /** where probes go and how long to listen (default: $RACOON_ONVIF_DISCOVERY, else multicast on every LAN interface, 3 s) */
  discovery?: OnvifDiscoveryDefaults;
  log?: WsDiscoveryOptions['log'];
}

export class OnvifService {
  private readonly discovery: OnvifDiscoveryDefaults;

  constructor(private readonly options: OnvifServiceOptions = {}) {
    this.discovery = options.discovery ?? discoveryFromEnv(process.env);
  }

  discover(request: { timeoutMs?: number } = {}): Promise<OnvifDiscoveredDevice[]> {
    return discoverOnvifDevices({
      ...this.discovery,
      timeoutMs: request.timeoutMs ?? this.discovery.timeoutMs,
      log: this.options.log,
    });
  }

  probe(target: OnvifTarget): Promise<OnvifProbeResult> {
    return probeOnvifCamera(target);
  }
}

/** RACOON_ONVIF_DISCOVERY="host:port,host:port": unicast probes to those instead of multicast; bad entries are skipped. */
export function discoveryFromEnv(env: NodeJS.ProcessEnv): OnvifDiscoveryDefaults {
  const targets = (env.RACOON_ONVIF_DISCOVERY ?? '')
    .split(',')
    .map((entry) => /^\s*([\w.-]+):(\d{1,5})\s*$/.exec(entry))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) > 0 && Number(m[2]) < 65536)
    .map((m) => ({ address: m[1], port: Number(m[2]) }));
  return targets.length ? { targets } : {};
}
