import type { Arn } from '../model/index.js';
import type { CallSite, ExpansionProblem } from './expansion.js';

/** An ARN given as --model must belong to the call's partition and Region. */
export function arnLocationProblems(arn: Arn, site: CallSite): ExpansionProblem[] {
  const problems: ExpansionProblem[] = [];
  if (arn.partition !== site.partition) {
    problems.push({
      code: 'partition-mismatch',
      message: `the ARN is in partition ${arn.partition}, but Region ${site.region} is in partition ${site.partition}`,
    });
  }
  if (arn.region !== site.region) {
    problems.push({
      code: 'region-mismatch',
      message:
        arn.region === ''
          ? `the ARN names no Region, but the call goes to ${site.region}`
          : `the ARN names Region ${arn.region}, but the call goes to ${site.region}`,
    });
  }
  return problems;
}
