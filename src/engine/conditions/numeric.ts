import { compareDecimals, parseDecimal } from '../../model/decimal.js';
import { joinParts } from '../variables.js';
import type { ValueFamily } from './value-test.js';

function numericFamily(holds: (comparison: number) => boolean): ValueFamily {
  return {
    substitutesVariables: false,
    compile(parts) {
      const policy = parseDecimal(joinParts(parts));
      if (policy === undefined) return undefined;
      return {
        test(value) {
          const request = parseDecimal(value);
          return request !== undefined && holds(compareDecimals(request, policy));
        },
        constant: null,
      };
    },
  };
}

// Each test reads "request value <op> policy value", e.g. s3:max-keys NumericLessThanEquals 10.
export const numericEquals = numericFamily((c) => c === 0);
export const numericLessThan = numericFamily((c) => c < 0);
export const numericLessThanEquals = numericFamily((c) => c <= 0);
export const numericGreaterThan = numericFamily((c) => c > 0);
export const numericGreaterThanEquals = numericFamily((c) => c >= 0);
