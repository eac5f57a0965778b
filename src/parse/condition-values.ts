import type { OperatorFamily } from './condition-operators.js';
import { isDateConditionValue } from './date-value.js';
import { isIpAddressOrCidr } from './ip-address.js';
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
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? undefined : 'expected an integer or decimal number';
    case 'date':
      return isDateConditionValue(value)
        ? undefined
        : 'expected a W3C ISO 8601 date (e.g. 2026-01-31 or 2026-01-31T12:00:00Z) or epoch seconds';
    case 'bool':
      return variablesApply || /^(true|false)$/i.test(value) ? undefined : 'expected "true" or "false"';
    case 'null':
      return /^(true|false)$/i.test(value) ? undefined : 'expected "true" (the key is absent) or "false" (the key is present)';
    case 'binary':
      return isBase64(value) ? undefined : 'expected base64-encoded bytes';
    case 'ip-address':
      return isIpAddressOrCidr(value) ? undefined : 'expected an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.0/24)';
    case 'arn':
      if (variablesApply || value === '*') return undefined;
      return arnProblem(value);
  }
}

function isBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}
