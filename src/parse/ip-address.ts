/**
 * IpAddress / NotIpAddress values: an IPv4 or IPv6 address, optionally with a CIDR prefix length
 * (without one, IAM uses /32).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */
export function isIpAddressOrCidr(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const prefix = slash === -1 ? undefined : value.slice(slash + 1);
  if (isIpv4(address)) return prefix === undefined || isPrefixLength(prefix, 32);
  if (isIpv6(address)) return prefix === undefined || isPrefixLength(prefix, 128);
  return false;
}

function isPrefixLength(text: string, max: number): boolean {
  return /^\d{1,3}$/.test(text) && Number(text) <= max;
}

export function isIpv4(text: string): boolean {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

export function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = groups.flat();
  const last = all.at(-1);
  // An embedded IPv4 address (::ffff:192.0.2.1) stands for the last two groups.
  const embeddedIpv4 = last !== undefined && last.includes('.');
  if (embeddedIpv4 && !isIpv4(last)) return false;
  const hexGroups = embeddedIpv4 ? all.slice(0, -1) : all;
  if (!hexGroups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  const groupCount = hexGroups.length + (embeddedIpv4 ? 2 : 0);
  return halves.length === 2 ? groupCount <= 7 : groupCount === 8;
}
