import type { Finding } from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';
import { accountRestrictionSignatures } from './signatures.js';
import type { Rule } from '../rule.js';

/**
 * An account-level block of Bedrock that no policy lifts. A static check cannot observe it, so diagnose()
 * finds nothing; `policy-check explain` recognises the error text.
 */
export const accountRestrictionRule: Rule = {
  id: 'account-restriction',
  recognises: '`ValidationException: Operation not allowed` (needs AWS Support)',
  notInPolicies: 'an account-level block, not a policy decision',
  title: 'Bedrock blocked at the account level (AWS Support case needed)',
  helpUri: 'https://docs.aws.amazon.com/awssupport/latest/user/case-management.html',
  help: [
    "`ValidationException: Operation not allowed` on InvokeModel or Converse is not about the request or the caller's",
    'policies: AWS has blocked the operation for the whole account (reports: a new account pending verification, every',
    'model blocked despite full permissions and a valid payment method). The variant',
    '`Your account is not authorized to perform this action. Please create a support case` says so explicitly (seen for',
    'batch inference, CreateModelInvocationJob).',
    '',
    '**Fix**: open an AWS Support case (an *Account and billing* case is available on every support plan) naming Amazon',
    'Bedrock, the Region, the operation and the request ID. No IAM, SCP or model-access change lifts the block.',
    '',
    'Reports: [aws/aws-cli#8717](https://github.com/aws/aws-cli/issues/8717) ("it was an issue with the account"),',
    '[kirodotdev/Kiro#11191](https://github.com/kirodotdev/Kiro/issues/11191),',
    '[langgenius/dify#7488](https://github.com/langgenius/dify/issues/7488),',
    '[prowler-cloud/prowler#12801](https://github.com/prowler-cloud/prowler/pull/12801).',
  ].join('\n'),
  get signatures() {
    return accountRestrictionSignatures();
  },
  diagnose(_evaluation: Evaluation): Finding[] {
    return [];
  },
};
