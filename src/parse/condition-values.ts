import type { OperatorFamily } from './condition-operators.js';
import { parseCidr, parseDate, parseDecimal } from '../model/index.js';
import { arnProblem, containsPolicyVariable } from './policy-strings.js';

/**
 * Why a condition value cannot be compared by its operator, or undefined when it can.
 * Policy variables are documented for String, Bool and ARN operators only, and only in
 * Version 2012-10-17; elsewhere `${…}` is an ordinary string and must have the operator's form.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export function conditionValueProblem(family: OperatorFamily, value: string, version: string): string | undefined {
  const variablesApply = version === '2012-10-17' && containsPolicyVariable(value);
  switch (family) {
    case 'string':
      return undefined;
    case 'numeric':
      return parseDecimal(value) !== undefined ? undefined : 'expected an integer or decimal number';
    case 'date':
      // The engine reads a time without a zone as UTC, but the W3C profile AWS names requires the zone.
      return parseDate(value) !== undefined && !/T[^Z+-]*$/.test(value)
        ? undefined
        : 'expected a W3C ISO 8601 date (e.g. 2026-01-31 or 2026-01-31T12:00:00Z) or epoch seconds';
    case 'bool':
      return variablesApply || /^(true|false)$/i.test(value) ? undefined : 'expected "true" or "false"';
    case 'null':
      return /^(true|false)$/i.test(value)
        ? undefined
        : 'expected "true" (the key is absent) or "false" (the key is present)';
    case 'binary':
      return isBase64(value) ? undefined : 'expected base64-encoded bytes';
    case 'ip-address':
      return parseCidr(value) !== undefined
        ? undefined
        : 'expected an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.0/24)';
    case 'arn':
      if (variablesApply || value === '*') return undefined;
      return arnProblem(value);
  }
}

function isBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}
