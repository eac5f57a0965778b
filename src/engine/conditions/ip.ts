import { cidrContains, parseCidr, parseIpAddress } from '../../model/ip-address.js';
import { joinParts } from '../variables.js';
import type { ValueFamily } from './value-test.js';

export const ipAddress: ValueFamily = {
  substitutesVariables: false,
  compile(parts) {
    const range = parseCidr(joinParts(parts));
    if (range === undefined) return undefined;
    return {
      test(value) {
        const address = parseIpAddress(value);
        return address !== undefined && cidrContains(range, address);
      },
      constant: null,
    };
  },
};
