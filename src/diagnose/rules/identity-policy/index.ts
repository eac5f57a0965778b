import { identityPolicySignatures } from './signatures.js';
import type { Rule } from '../rule.js';
import { policyGateFindings } from '../policy-gate-findings.js';

export const identityPolicyRule: Rule = {
  id: 'identity-policy',
  recognises:
    '`… because no identity-based policy allows the bedrock:InvokeModel action` / `… with an explicit deny in an identity-based policy`',
  policyType: 'identity',
  title: 'Identity-based policy denies the invocation',
  help:
    'AWS returns `AccessDeniedException: User: … is not authorized to perform: bedrock:InvokeModel on resource: … ' +
    'because no identity-based policy allows the bedrock:InvokeModel action` when no policy attached to the caller allows ' +
    'the model ARN (for an inference profile: the profile ARN and the model in every destination Region), and `… with an ' +
    'explicit deny in an identity-based policy` when a Deny statement matches. Add the least-privilege Allow shown, or edit the Deny.',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html',
  get signatures() {
    return identityPolicySignatures();
  },
  diagnose: (evaluation) => policyGateFindings('identity-policy', 'identity', evaluation),
};
