import type { InputIssue, Policy } from '../model/index.js';
import { InputError } from './input-error.js';
import { isStdin, loadPolicyFile, STDIN_LABEL } from './policy-files.js';
import { stdinArguments, type PolicyFiles } from './policy-set.js';

/**
 * The policy of the VPC endpoint a call goes through (`--vpce-policy`): parsed as a VPC endpoint policy, whose
 * statements name a Principal; the first error throws an InputError (file:line). `others` are the command's
 * other policy files, which may already read standard input.
 */
export function loadVpcEndpointPolicy(
  file: string,
  others: PolicyFiles,
): { readonly policy: Policy; readonly warnings: readonly InputIssue[] } {
  if (isStdin(file) && stdinArguments(others) > 0) {
    throw new InputError(
      STDIN_LABEL,
      null,
      null,
      'standard input ("-") can be read only once: give "-" for one policy file at most',
    );
  }
  const loaded = loadPolicyFile(file, 'vpc-endpoint');
  return { policy: loaded.policy, warnings: loaded.warnings };
}
