import { describe, expect, it } from 'vitest';
import { compileClause } from '../../../src/engine/conditions/index.js';
import { parseCidr, parseIpAddress } from '../../../src/model/ip-address.js';
import { absent, check, clause, withValue } from './helpers.js';

describe('IP parsing', () => {
  it('reads IPv4 and IPv6 addresses as 16-bit groups', () => {
    expect(parseIpAddress('203.0.113.7')).toEqual({ version: 4, groups: [0xcb00, 0x7107] });
    expect(parseIpAddress('2001:DB8::1')).toEqual({ version: 6, groups: [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1] });
    expect(parseIpAddress('::')).toEqual({ version: 6, groups: [0, 0, 0, 0, 0, 0, 0, 0] });
    expect(parseIpAddress('1::')).toEqual({ version: 6, groups: [1, 0, 0, 0, 0, 0, 0, 0] });
    expect(parseIpAddress('1:2:3:4:5:6:7:8')?.groups).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIpAddress('::ffff:192.0.2.1')?.groups).toEqual([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
    expect(parseIpAddress('64:ff9b::192.0.2.1')?.groups).toEqual([0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x0201]);
  });

  it('rejects what is not an address', () => {
    for (const text of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '1.2.3.-4',
      '1..3.4',
      '1.2.3.4 ',
      'a.b.c.d',
      '1.2.3.0x4',
      ':::',
      '1:::2',
      '1::2::3',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7::8',
      '12345::',
      'g::',
      ':1::',
      '1::2:',
      'fe80::1%eth0',
      '1.2.3.4::',
      '::1.2.3.4:5',
      '::1.2.3',
    ]) {
      expect(parseIpAddress(text), text).toBeUndefined();
    }
  });

  it('reads CIDR ranges, defaulting to a single address', () => {
    expect(parseCidr('203.0.113.0/24')).toEqual({ version: 4, groups: [0xcb00, 0x7100], prefix: 24 });
    expect(parseCidr('203.0.113.9')?.prefix).toBe(32);
    expect(parseCidr('2001:DB8:1234:5678::/64')?.prefix).toBe(64);
    expect(parseCidr('2001:DB8::1')?.prefix).toBe(128);
    // Host bits are cleared.
    expect(parseCidr('203.0.113.77/24')?.groups).toEqual([0xcb00, 0x7100]);
    for (const text of [
      '1.2.3.4/33',
      '1.2.3.4/',
      '1.2.3.4/-1',
      '1.2.3.4/8/8',
      '1.2.3.4/ 8',
      '::/129',
      '::/1000',
      '/8',
      '1.2.3.4/a',
    ]) {
      expect(parseCidr(text), text).toBeUndefined();
    }
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
describe('IP address operators', () => {
  it('IpAddress matches addresses in an IPv4 range', () => {
    expect(withValue('IpAddress', '203.0.113.0/24', '203.0.113.0')).toBe(true);
    expect(withValue('IpAddress', '203.0.113.0/24', '203.0.113.255')).toBe(true);
    expect(withValue('IpAddress', '203.0.113.0/24', '203.0.114.0')).toBe(false);
    expect(withValue('IpAddress', '203.0.113.0/23', '203.0.112.9')).toBe(true);
    expect(withValue('IpAddress', '10.0.0.0/9', '10.127.255.255')).toBe(true);
    expect(withValue('IpAddress', '10.0.0.0/9', '10.128.0.0')).toBe(false);
  });

  it('/32 and a bare address match one address; /0 matches every address of its family', () => {
    expect(withValue('IpAddress', '203.0.113.9/32', '203.0.113.9')).toBe(true);
    expect(withValue('IpAddress', '203.0.113.9/32', '203.0.113.8')).toBe(false);
    expect(withValue('IpAddress', '203.0.113.9', '203.0.113.9')).toBe(true);
    expect(withValue('IpAddress', '203.0.113.9', '203.0.113.10')).toBe(false);
    expect(withValue('IpAddress', '0.0.0.0/0', '255.255.255.255')).toBe(true);
    expect(withValue('IpAddress', '0.0.0.0/0', '2001:db8::1')).toBe(false);
    expect(withValue('IpAddress', '::/0', '2001:db8::1')).toBe(true);
    expect(withValue('IpAddress', '::/0', '1.2.3.4')).toBe(false);
  });

  it('IpAddress matches IPv6 ranges, /64 to /128, case-insensitively in hex', () => {
    expect(withValue('IpAddress', '2001:DB8:1234:5678::/64', '2001:db8:1234:5678:ffff::1')).toBe(true);
    expect(withValue('IpAddress', '2001:DB8:1234:5678::/64', '2001:db8:1234:5679::1')).toBe(false);
    expect(withValue('IpAddress', '2001:db8::/33', '2001:db8:7fff::')).toBe(true);
    expect(withValue('IpAddress', '2001:db8::/33', '2001:db8:8000::')).toBe(false);
    expect(withValue('IpAddress', '2001:db8::1/128', '2001:0db8:0000::0001')).toBe(true);
    expect(withValue('IpAddress', '2001:db8::1/128', '2001:db8::2')).toBe(false);
    expect(withValue('IpAddress', '2001:db8::1', '2001:db8::1')).toBe(true);
  });

  it('keeps the families apart: an IPv4-mapped IPv6 address is IPv6 (the docs do not map it)', () => {
    expect(withValue('IpAddress', '192.0.2.0/24', '::ffff:192.0.2.1')).toBe(false);
    expect(withValue('IpAddress', '::ffff:0:0/96', '::ffff:192.0.2.1')).toBe(true);
    expect(withValue('IpAddress', '::ffff:0:0/96', '192.0.2.1')).toBe(false);
  });

  it('mixes IPv4 and IPv6 ranges in one list (ORed)', () => {
    const ranges = ['203.0.113.0/24', '2001:DB8:1234:5678::/64'];
    expect(withValue('IpAddress', ranges, '203.0.113.5')).toBe(true);
    expect(withValue('IpAddress', ranges, '2001:db8:1234:5678::5')).toBe(true);
    expect(withValue('IpAddress', ranges, '198.51.100.1')).toBe(false);
    expect(withValue('NotIpAddress', ranges, '198.51.100.1')).toBe(true);
    expect(withValue('NotIpAddress', ranges, '203.0.113.5')).toBe(false);
  });

  it('a request value that is not an address matches no range', () => {
    expect(withValue('IpAddress', '0.0.0.0/0', 'localhost')).toBe(false);
    expect(withValue('IpAddress', '0.0.0.0/0', '10.0.0.0/8')).toBe(false);
    expect(withValue('NotIpAddress', '0.0.0.0/0', 'localhost')).toBe(true);
  });

  it('an invalid range disables the clause; variables are not substituted', () => {
    for (const value of ['1.2.3.4/33', '300.1.1.1', '${aws:SourceIp}', 'any']) {
      const compiled = compileClause(clause('NotIpAddress', 'aws:SourceIp', value), { substituteVariables: true });
      expect(compiled.invalid, value).not.toBeNull();
      expect(compiled.evaluate(absent)).toBe('unknown');
    }
  });

  it('on an absent key (a request through a VPC endpoint): IpAddress false, NotIpAddress true', () => {
    expect(check('IpAddress', 'aws:SourceIp', '0.0.0.0/0', absent)).toBe(false);
    expect(check('NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', absent)).toBe(true);
  });
});
