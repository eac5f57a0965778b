/**
 * IpAddress / NotIpAddress: "standard CIDR format (for example, 203.0.113.0/24 or
 * 2001:DB8:1234:5678::/64). If you specify an IP address without the associated routing prefix, IAM
 * uses the default prefix value of /32"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress);
 * a bare IPv6 address is taken as /128. IPv4 ranges match only IPv4 addresses and IPv6 ranges only
 * IPv6 addresses: the docs say nothing of IPv4-mapped IPv6 (::ffff:a.b.c.d), so such an address is
 * an IPv6 address like any other. Hand-written parsers, no regular expression from policy text.
 */

/** An address as 16-bit groups: 2 for IPv4, 8 for IPv6. */
export interface IpAddressValue {
  readonly version: 4 | 6;
  readonly groups: readonly number[];
}

export interface CidrRange {
  readonly version: 4 | 6;
  /** The network address, host bits cleared. */
  readonly groups: readonly number[];
  readonly prefix: number;
}

export function parseIpAddress(text: string): IpAddressValue | undefined {
  if (text.includes(':')) {
    const groups = parseIpv6(text);
    return groups === undefined ? undefined : { version: 6, groups };
  }
  const groups = parseIpv4(text);
  return groups === undefined ? undefined : { version: 4, groups };
}

export function parseCidr(text: string): CidrRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIpAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const bits = address.version === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const digits = text.slice(slash + 1);
    if (digits.length === 0 || digits.length > 3 || !isDigits(digits)) return undefined;
    prefix = Number(digits);
    if (prefix > bits) return undefined;
  }
  return { version: address.version, groups: maskGroups(address.groups, prefix), prefix };
}

export function cidrContains(range: CidrRange, address: IpAddressValue): boolean {
  if (range.version !== address.version) return false;
  const masked = maskGroups(address.groups, range.prefix);
  for (let i = 0; i < masked.length; i++) if (masked[i] !== range.groups[i]) return false;
  return true;
}

function maskGroups(groups: readonly number[], prefix: number): number[] {
  return groups.map((group, i) => {
    const keep = Math.min(16, Math.max(0, prefix - i * 16));
    const mask = keep === 0 ? 0 : (0xffff << (16 - keep)) & 0xffff;
    return group & mask;
  });
}

function isDigits(text: string): boolean {
  for (const ch of text) if (ch < '0' || ch > '9') return false;
  return true;
}

/** Dotted quad to two 16-bit groups; each octet is 1–3 decimal digits, at most 255. */
function parseIpv4(text: string): number[] | undefined {
  const octets = text.split('.');
  if (octets.length !== 4) return undefined;
  const values: number[] = [];
  for (const octet of octets) {
    if (octet.length === 0 || octet.length > 3 || !isDigits(octet)) return undefined;
    const value = Number(octet);
    if (value > 255) return undefined;
    values.push(value);
  }
  return [(values[0]! << 8) | values[1]!, (values[2]! << 8) | values[3]!];
}

function parseHexGroup(text: string): number | undefined {
  if (text.length === 0 || text.length > 4) return undefined;
  let value = 0;
  for (const ch of text) {
    const digit = parseInt(ch, 16);
    if (Number.isNaN(digit)) return undefined;
    value = value * 16 + digit;
  }
  return value;
}

/** Groups on each side of an optional `::`; the last group may be an embedded dotted quad. */
function parseIpv6(text: string): number[] | undefined {
  const gap = text.indexOf('::');
  if (gap >= 0 && text.indexOf('::', gap + 1) >= 0) return undefined;
  const head = gap < 0 ? text : text.slice(0, gap);
  const tail = gap < 0 ? '' : text.slice(gap + 2);
  // An embedded IPv4 address may only end the address.
  const headGroups = parseGroupList(head, gap < 0);
  const tailGroups = parseGroupList(tail, true);
  if (headGroups === undefined || tailGroups === undefined) return undefined;
  const count = headGroups.length + tailGroups.length;
  if (gap < 0) return count === 8 ? headGroups : undefined;
  if (count > 7) return undefined;
  return [...headGroups, ...new Array<number>(8 - count).fill(0), ...tailGroups];
}

function parseGroupList(text: string, mayEndWithIpv4: boolean): number[] | undefined {
  if (text === '') return [];
  const pieces = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece.includes('.')) {
      if (!mayEndWithIpv4 || i !== pieces.length - 1) return undefined;
      const ipv4 = parseIpv4(piece);
      if (ipv4 === undefined) return undefined;
      groups.push(...ipv4);
    } else {
      const group = parseHexGroup(piece);
      if (group === undefined) return undefined;
      groups.push(group);
    }
  }
  return groups;
}
