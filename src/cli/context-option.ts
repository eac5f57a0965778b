import { parseBool } from '../engine/conditions/bool-binary.js';
import {
  globalConditionKeyType,
  isConditionKeyType,
  parseArn,
  parseCidr,
  parseDate,
  parseDecimal,
  parseIpAddress,
  type ConditionKeyType,
} from '../model/index.js';
import { iamData } from '../sources/iam-data.js';
import { UsageError } from './usage-error.js';

/** The type of a context key, or undefined when it is not known (then any string is accepted). */
export type ContextKeyTypes = (key: string) => ConditionKeyType | undefined;

/**
 * Global keys by the AWS global condition keys page; service keys (bedrock:…) by IAM's data, read only
 * when such a key is given.
 */
export const contextKeyType: ContextKeyTypes = (key) => {
  const global = globalConditionKeyType(key);
  if (global !== undefined || key.toLowerCase().startsWith('aws:')) return global;
  const type = iamData().conditionKeyType(key);
  return type !== undefined && isConditionKeyType(type) ? type : undefined;
};

/**
 * `--context KEY=VALUE` entries; a key given more than once becomes multi-valued, in the order given.
 * Each value must parse as its key's type: the engine would take a malformed date, address or boolean as
 * "matches nothing", and a Deny conditioned on it would silently stop applying.
 */
export function parseContextOption(
  entries: readonly string[],
  keyTypes: ContextKeyTypes = contextKeyType,
): Record<string, string[]> {
  const context: Record<string, string[]> = {};
  const canonical = new Map<string, string>();
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    const key = equals > 0 ? entry.slice(0, equals).trim() : '';
    if (!key || !/^[A-Za-z0-9_.:/-]+$/.test(key)) {
      throw new UsageError(`--context ${JSON.stringify(entry)}: expected KEY=VALUE, e.g. aws:SourceIp=10.0.0.1`);
    }
    const value = entry.slice(equals + 1);
    const type = keyTypes(key);
    const problem =
      key.toLowerCase() === 'aws:epochtime'
        ? epochProblem(value)
        : type === undefined
          ? undefined
          : valueProblem(type, value);
    if (problem !== undefined) {
      throw new UsageError(
        `--context ${key}: ${JSON.stringify(value)} is not ${problem}: the type of ${key} is ${key.toLowerCase() === 'aws:epochtime' ? 'Date, Numeric' : type}`,
      );
    }
    // Context keys are case-insensitive, so aws:sourceip and aws:SourceIp are the same key.
    const name = canonical.get(key.toLowerCase()) ?? key;
    canonical.set(key.toLowerCase(), name);
    context[name] = [...(context[name] ?? []), value];
  }
  return context;
}

// aws:EpochTime is "Date, Numeric": policies compare it with Date and with Numeric operators, so the
// value must read as both, which only whole epoch seconds do.
function epochProblem(value: string): string | undefined {
  return /^\d{1,15}$/.test(value) ? undefined : 'whole epoch seconds (such as 1767225600)';
}

/** What the value should have been, or undefined when it parses as the type (with the engine's own parsers). */
export function valueProblem(type: ConditionKeyType, value: string): string | undefined {
  switch (type) {
    case 'String':
    case 'ArrayOfString':
      return undefined;
    case 'ARN':
    case 'ArrayOfARN':
      return parseArn(value) ? undefined : 'an ARN (arn:partition:service:region:account:resource)';
    case 'Bool':
    case 'ArrayOfBool':
      return parseBool(value) === undefined ? 'a boolean (true or false)' : undefined;
    case 'Date':
      return parseDate(value) === undefined
        ? 'a date (ISO 8601 such as 2026-01-31T12:00:00Z, or epoch seconds)'
        : undefined;
    case 'Numeric':
      return parseDecimal(value) === undefined ? 'a number (such as 3600)' : undefined;
    case 'IPAddress':
      if (parseIpAddress(value)) return undefined;
      return parseCidr(value)
        ? 'a single IP address (the caller has one address, not a range)'
        : 'an IP address (such as 203.0.113.7 or 2001:db8::1)';
  }
}
