import { describe, expect, it } from 'vitest';
import { UserError } from '../core/user-error.js';
import {
  chooseDlnaInterfaces,
  interfaceForPeer,
  ipv4ToNumber,
  virtualInterfaceKind,
  type InterfaceTable,
} from './network-interfaces.js';

function v4(address: string, netmask: string, internal = false) {
  return { address, netmask, family: 'IPv4', mac: '02:00:00:00:00:01', internal, cidr: null };
}
function v6(address: string, internal = false) {
  return {
    address,
    netmask: 'ffff:ffff:ffff:ffff::',
    family: 'IPv6',
    mac: '02:00:00:00:00:01',
    internal,
    cidr: null,
    scopeid: 0,
  };
}

/** A home server's table: LAN, Wi-Fi, Docker, a VPN, a libvirt bridge, a container pair, an IPv6-only link. */
const HOME_SERVER: InterfaceTable = {
  lo: [v4('127.0.0.1', '255.0.0.0', true), v6('::1', true)],
  eth0: [v4('192.168.1.20', '255.255.255.0'), v6('fe80::1')],
  wlan0: [v4('10.0.0.7', '255.255.0.0')],
  docker0: [v4('172.17.0.1', '255.255.0.0')],
  'br-4f2a9c': [v4('172.18.0.1', '255.255.0.0')],
  veth12ab: [v6('fe80::2')],
  wg0: [v4('10.8.0.2', '255.255.255.0')],
  tailscale0: [v4('100.64.0.5', '255.255.255.255')],
  virbr0: [v4('192.168.122.1', '255.255.255.0')],
  br0: [v4('192.168.50.1', '255.255.255.0')],
  ifb0: [],
};

describe('chooseDlnaInterfaces', () => {
  it('serves every LAN IPv4 interface by default, skipping loopback and virtual ones with reasons', () => {
    const choice = chooseDlnaInterfaces([], HOME_SERVER);
    expect(choice.interfaces.map((i) => `${i.name} ${i.address}`)).toEqual([
      'eth0 192.168.1.20',
      'wlan0 10.0.0.7',
      'br0 192.168.50.1',
    ]);
    expect(choice.interfaces[0]).toEqual({
      name: 'eth0',
      address: '192.168.1.20',
      family: 'IPv4',
      internal: false,
      netmask: '255.255.255.0',
    });
    const reasons = Object.fromEntries(choice.skipped.map((s) => [s.name, s.reason]));
    expect(reasons).toMatchObject({
      lo: expect.stringContaining('loopback'),
      docker0: 'virtual (Docker)',
      'br-4f2a9c': 'virtual (Docker network bridge)',
      wg0: 'virtual (WireGuard)',
      tailscale0: 'virtual (Tailscale)',
      virbr0: 'virtual (libvirt)',
      veth12ab: 'no IPv4 address',
    });
    expect(choice.skipped.find((s) => s.name === 'docker0')?.address).toBe('172.17.0.1');
  });

  it('takes exactly the named interfaces, loopback included, in the order named', () => {
    expect(chooseDlnaInterfaces(['lo'], HOME_SERVER).interfaces).toEqual([
      { name: 'lo', address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0' },
    ]);
    const named = chooseDlnaInterfaces(['docker0', 'eth0', 'docker0', ' '], HOME_SERVER);
    expect(named.interfaces.map((i) => i.name)).toEqual(['docker0', 'eth0']);
    expect(named.skipped.map((s) => s.name)).toContain('wlan0');
  });

  it('serves every IPv4 address of an interface that has several', () => {
    const table: InterfaceTable = { eth0: [v4('192.168.1.20', '255.255.255.0'), v4('192.168.2.20', '255.255.255.0')] };
    expect(chooseDlnaInterfaces([], table).interfaces.map((i) => i.address)).toEqual(['192.168.1.20', '192.168.2.20']);
  });

  it('accepts the numeric family older node versions report', () => {
    const table: InterfaceTable = { eth0: [{ ...v4('192.168.1.20', '255.255.255.0'), family: 4 }] };
    expect(chooseDlnaInterfaces([], table).interfaces).toHaveLength(1);
  });

  it('rejects an unknown name with a UserError listing the interfaces that have IPv4', () => {
    const attempt = () => chooseDlnaInterfaces(['eth9'], HOME_SERVER);
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow('No network interface named "eth9" for the media server; available: lo, eth0, wlan0, docker0');
  });

  it('rejects a named interface without an IPv4 address', () => {
    expect(() => chooseDlnaInterfaces(['veth12ab'], HOME_SERVER)).toThrow(
      /"veth12ab" has no IPv4 address; interfaces with one: lo, eth0/,
    );
    expect(() => chooseDlnaInterfaces(['ifb0'], HOME_SERVER)).toThrow(UserError);
  });

  it('returns nothing (not an error) on a machine without a LAN', () => {
    const choice = chooseDlnaInterfaces([], { lo: HOME_SERVER.lo, docker0: HOME_SERVER.docker0 });
    expect(choice.interfaces).toEqual([]);
    expect(choice.skipped).toHaveLength(2);
  });

  it('reads the real table of this machine without throwing, loopback only when named', () => {
    expect(chooseDlnaInterfaces([]).interfaces.every((i) => !i.internal)).toBe(true);
    expect(chooseDlnaInterfaces(['lo']).interfaces.map((i) => i.address)).toContain('127.0.0.1');
  });
});

describe('virtualInterfaceKind', () => {
  it.each([
    ['docker0', 'Docker'],
    ['br-0a1b2c', 'Docker network bridge'],
    ['veth9f8e', 'container veth pair / Hyper-V'],
    ['vEthernet (WSL)', 'container veth pair / Hyper-V'],
    ['virbr0', 'libvirt'],
    ['vmnet8', 'VMware'],
    ['VMware Network Adapter VMnet1', 'VMware'],
    ['vboxnet0', 'VirtualBox'],
    ['VirtualBox Host-Only Network', 'VirtualBox'],
    ['tun0', 'VPN tunnel'],
    ['utun3', 'VPN tunnel'],
    ['tap0', 'VPN tap'],
    ['wg0', 'WireGuard'],
    ['ztabcdef12', 'ZeroTier'],
    ['lxcbr0', 'LXC'],
    ['lxdbr0', 'LXD'],
    ['cni0', 'Kubernetes CNI'],
    ['flannel.1', 'Kubernetes flannel'],
    ['podman0', 'Podman'],
  ])('%s is virtual (%s)', (name, kind) => {
    expect(virtualInterfaceKind(name)).toBe(kind);
  });

  it.each(['eth0', 'enp3s0', 'wlan0', 'wlp2s0', 'br0', 'bond0', 'en0', 'Ethernet', 'Wi-Fi', 'lo'])(
    '%s is not virtual',
    (name) => {
      expect(virtualInterfaceKind(name)).toBeNull();
    },
  );
});

describe('interfaceForPeer', () => {
  const lan = { name: 'eth0', address: '192.168.1.20', family: 'IPv4' as const, internal: false, netmask: '255.255.255.0' };
  const wifi = { name: 'wlan0', address: '10.0.0.7', family: 'IPv4' as const, internal: false, netmask: '255.255.0.0' };
  const lo = { name: 'lo', address: '127.0.0.1', family: 'IPv4' as const, internal: true, netmask: '255.0.0.0' };
  const served = [lan, wifi, lo];

  it.each([
    ['192.168.1.33', 'eth0'],
    ['192.168.1.20', 'eth0'],
    ['10.0.200.9', 'wlan0'],
    ['127.0.0.1', 'lo'],
    ['127.4.5.6', 'lo'],
  ])('%s → %s', (peer, name) => {
    expect(interfaceForPeer(peer, served)?.name).toBe(name);
  });

  it.each(['192.168.2.5', '172.17.0.2', '10.1.0.1', 'not-an-ip', '::1', '300.1.1.1'])('%s is on none of them', (peer) => {
    expect(interfaceForPeer(peer, [lan, lo])).toBeNull();
  });

  it('assumes /24 for a LAN interface and /8 for loopback when the netmask is unknown', () => {
    const bare = [
      { name: 'eth0', address: '192.168.1.20', family: 'IPv4' as const, internal: false },
      { name: 'lo', address: '127.0.0.1', family: 'IPv4' as const, internal: true },
    ];
    expect(interfaceForPeer('192.168.1.99', bare)?.name).toBe('eth0');
    expect(interfaceForPeer('192.168.3.99', bare)).toBeNull();
    expect(interfaceForPeer('127.0.0.53', bare)?.name).toBe('lo');
  });

  it('converts dotted quads', () => {
    expect(ipv4ToNumber('255.255.255.255')).toBe(4294967295);
    expect(ipv4ToNumber('192.168.1.1')).toBe(3232235777);
    expect(ipv4ToNumber('1.2.3')).toBeNull();
    expect(ipv4ToNumber('1.2.3.256')).toBeNull();
  });
});
