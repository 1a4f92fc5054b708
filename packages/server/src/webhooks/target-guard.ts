import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Which addresses an outbound webhook may connect to. Checked on the address the connection is
 * really made to (inside the socket's DNS lookup, so a name that resolves differently later —
 * DNS rebinding — is checked again), for every hop of a redirect. Link-local and cloud-metadata
 * addresses are never allowed; private ranges only with WEBHOOK_ALLOW_PRIVATE (self-hosting);
 * loopback only with WEBHOOK_ALLOW_LOOPBACK (tests and one-machine setups).
 */
export interface TargetPolicy {
  allowPrivate: boolean;
  allowLoopback: boolean;
}

const never = new BlockList();
never.addSubnet('0.0.0.0', 8, 'ipv4');
never.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, including 169.254.169.254 (metadata)
never.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata, inside 100.64/10
never.addSubnet('192.0.0.0', 24, 'ipv4');
never.addSubnet('224.0.0.0', 3, 'ipv4'); // multicast, reserved, broadcast
never.addAddress('::', 'ipv6');
never.addSubnet('fe80::', 10, 'ipv6');
never.addSubnet('ff00::', 8, 'ipv6');
never.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6, inside fc00::/7

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const privateRanges = new BlockList();
privateRanges.addSubnet('10.0.0.0', 8, 'ipv4');
privateRanges.addSubnet('172.16.0.0', 12, 'ipv4');
privateRanges.addSubnet('192.168.0.0', 16, 'ipv4');
privateRanges.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT
privateRanges.addSubnet('198.18.0.0', 15, 'ipv4');
privateRanges.addSubnet('fc00::', 7, 'ipv6');

/** IPv4 carried in IPv6 (`::ffff:a.b.c.d`, `::ffff:7f00:1`, NAT64 `64:ff9b::…`) is judged as IPv4. */
function embeddedIpv4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(ip);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = Number.parseInt(m[2]!, 16);
  const lo = Number.parseInt(m[3]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Why this address is refused under the policy, or null when it may be reached. */
export function refusedAddress(ip: string, policy: TargetPolicy): string | null {
  const v4 = embeddedIpv4(ip);
  const addr = v4 ?? ip;
  const family = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(addr) === 0) return `${ip} is not an IP address`;
  if (never.check(addr, family)) return `${ip} is a link-local, metadata or reserved address`;
  if (loopback.check(addr, family))
    return policy.allowLoopback ? null : `${ip} is a loopback address (WEBHOOK_ALLOW_LOOPBACK is off)`;
  if (privateRanges.check(addr, family))
    return policy.allowPrivate ? null : `${ip} is a private address (WEBHOOK_ALLOW_PRIVATE is off)`;
  return null;
}

export class RefusedTarget extends Error {
  readonly code = 'WEBHOOK_TARGET_REFUSED';
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request: resolves the name and refuses the connection when any answer is
 * a refused address (a name answering both a public and a private address is refused whole).
 */
export function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
      if (err) return callback(err, []);
      for (const a of addresses) {
        const why = refusedAddress(a.address, policy);
        if (why) return callback(new RefusedTarget(`${hostname} resolves to ${why}`), []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** A URL host that is an IP literal is connected to without a lookup, so it is checked here. */
export function refusedLiteralHost(hostname: string, policy: TargetPolicy): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isIP(bare) ? refusedAddress(bare, policy) : null;
}

/** Resolves a host now, as a check when an endpoint is saved (delivery checks again at connect time). */
export function checkTargetNow(hostname: string, policy: TargetPolicy): Promise<string | null> {
  const literal = refusedLiteralHost(hostname, policy);
  if (literal || isIP(hostname.replace(/^\[|\]$/g, ''))) return Promise.resolve(literal);
  return new Promise((resolve) => {
    guardedLookup(policy)(hostname, { all: true }, (err) =>
      resolve(err instanceof RefusedTarget ? err.message : null),
    );
  });
}
