/**
 * Which network interfaces the media server announces and answers on. By default every LAN interface: IPv4, not
 * loopback, not a virtual one (Docker, VPNs, VM host-only networks) — a TV never sits behind those, and announcing there
 * leaks the library into containers. Named interfaces (`--dlna-interface lo`) are taken exactly, loopback included.
 */
import os from 'node:os';
import { UserError } from '../core/user-error.js';
import type { DlnaInterface } from './dlna-types.js';

/** An interface address with its netmask, so an M-SEARCH sender can be matched to the subnet it came from. */
export interface ServingInterface extends DlnaInterface {
  netmask: string;
}

/** What `os.networkInterfaces()` returns (node < 18.4 gave `family` as a number). */
export type InterfaceTable = NodeJS.Dict<Array<Omit<os.NetworkInterfaceInfo, 'family'> & { family: string | number }>>;

export interface InterfaceChoice {
  interfaces: ServingInterface[];
  /** every address left out, with why (for the log: "docker0 172.17.0.1: virtual (Docker)") */
  skipped: Array<{ name: string; address?: string; reason: string }>;
}

/** Name prefixes of virtual interfaces (compared lower-case), with what they are. `br-` only: `br0` is a LAN bridge. */
const VIRTUAL_PREFIXES: Array<[prefix: string, kind: string]> = [
  ['docker', 'Docker'],
  ['br-', 'Docker network bridge'],
  ['veth', 'container veth pair / Hyper-V'],
  ['virbr', 'libvirt'],
  ['vmnet', 'VMware'],
  ['vmware', 'VMware'],
  ['vboxnet', 'VirtualBox'],
  ['virtualbox', 'VirtualBox'],
  ['tun', 'VPN tunnel'],
  ['utun', 'VPN tunnel'],
  ['tap', 'VPN tap'],
  ['wg', 'WireGuard'],
  ['zt', 'ZeroTier'],
  ['tailscale', 'Tailscale'],
  ['lxc', 'LXC'],
  ['lxdbr', 'LXD'],
  ['cni', 'Kubernetes CNI'],
  ['flannel', 'Kubernetes flannel'],
  ['podman', 'Podman'],
];

/** The kind of virtual interface a name denotes, or null for a real one. */
export function virtualInterfaceKind(name: string): string | null {
  const lower = name.toLowerCase();
  return VIRTUAL_PREFIXES.find(([prefix]) => lower.startsWith(prefix))?.[1] ?? null;
}

/**
 * The IPv4 addresses to serve on. `chosen` empty = every LAN interface; otherwise exactly the named ones (an unknown
 * name, or one without an IPv4 address, is a UserError that lists the names there are).
 */
export function chooseDlnaInterfaces(chosen: readonly string[], table: InterfaceTable = os.networkInterfaces()): InterfaceChoice {
  const names = Object.keys(table);
  const wanted = [...new Set(chosen.map((name) => name.trim()).filter(Boolean))];
  const interfaces: ServingInterface[] = [];
  const skipped: InterfaceChoice['skipped'] = [];

  if (wanted.length > 0) {
    const available = names.filter((name) => ipv4Addresses(table[name]).length > 0);
    for (const name of wanted) {
      if (!names.includes(name)) {
        throw new UserError(`No network interface named "${name}" for the media server; available: ${describe(available)}`);
      }
      const addresses = ipv4Addresses(table[name]);
      if (addresses.length === 0) {
        throw new UserError(`Network interface "${name}" has no IPv4 address; interfaces with one: ${describe(available)}`);
      }
      for (const entry of addresses) interfaces.push(serving(name, entry));
    }
    for (const name of names) if (!wanted.includes(name)) skipped.push({ name, reason: 'not chosen' });
    return { interfaces, skipped };
  }

  for (const name of names) {
    const entries = table[name] ?? [];
    const virtualKind = virtualInterfaceKind(name);
    for (const entry of entries) {
      if (!isIpv4(entry)) continue;
      if (entry.internal) skipped.push({ name, address: entry.address, reason: 'loopback (name it to serve on it)' });
      else if (virtualKind) skipped.push({ name, address: entry.address, reason: `virtual (${virtualKind})` });
      else interfaces.push(serving(name, entry));
    }
    if (entries.length > 0 && !entries.some(isIpv4)) skipped.push({ name, reason: 'no IPv4 address' });
  }
  return { interfaces, skipped };
}

/**
 * The served interface an address belongs to: the one whose subnet holds it (loopback for 127.x). Null when it is on
 * none of them — an M-SEARCH that arrived through an interface we don't serve gets no answer.
 */
export function interfaceForPeer<T extends DlnaInterface & { netmask?: string }>(
  address: string,
  interfaces: readonly T[],
): T | null {
  const peer = ipv4ToNumber(address);
  if (peer === null) return null;
  const exact = interfaces.find((candidate) => candidate.address === address);
  if (exact) return exact;
  for (const candidate of interfaces) {
    const own = ipv4ToNumber(candidate.address);
    // a missing netmask: loopback's /8, else the LAN's usual /24
    const mask = ipv4ToNumber(candidate.netmask ?? (candidate.internal ? '255.0.0.0' : '255.255.255.0'));
    if (own === null || mask === null) continue;
    if ((own & mask) >>> 0 === (peer & mask) >>> 0) return candidate;
  }
  return null;
}

/** A dotted quad as an unsigned 32-bit number, null if it is not one. */
export function ipv4ToNumber(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return null;
  return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

type TableEntry = NonNullable<InterfaceTable[string]>[number];

function isIpv4(entry: TableEntry): boolean {
  return entry.family === 'IPv4' || entry.family === 4;
}

function ipv4Addresses(entries: InterfaceTable[string]): TableEntry[] {
  return (entries ?? []).filter(isIpv4);
}

function serving(name: string, entry: TableEntry): ServingInterface {
  return { name, address: entry.address, family: 'IPv4', internal: entry.internal, netmask: entry.netmask };
}

function describe(names: string[]): string {
  return names.length > 0 ? names.join(', ') : '(none)';
}
