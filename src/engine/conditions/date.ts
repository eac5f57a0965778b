import { parseDate } from '../../model/date-value.js';
import { joinParts } from '../variables.js';
import type { ValueFamily } from './value-test.js';

function dateFamily(holds: (comparison: number) => boolean): ValueFamily {
  return {
    substitutesVariables: false,
    compile(parts) {
      const policy = parseDate(joinParts(parts));
      if (policy === undefined) return undefined;
      return {
        test(value) {
          const request = parseDate(value);
          return request !== undefined && holds(Math.sign(request - policy));
        },
        constant: null,
      };
    },
  };
}

// Each test reads "request time <op> policy time", e.g. aws:CurrentTime DateLessThan 2030-01-01.
export const dateEquals = dateFamily((c) => c === 0);
export const dateLessThan = dateFamily((c) => c < 0);
export const dateLessThanEquals = dateFamily((c) => c <= 0);
export const dateGreaterThan = dateFamily((c) => c > 0);
export const dateGreaterThanEquals = dateFamily((c) => c >= 0);
