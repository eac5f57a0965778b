import { sessionPolicySignatures } from './signatures.js';
import type { Rule } from '../rule.js';
import { policyGateFindings } from '../policy-gate-findings.js';

export const sessionPolicyRule: Rule = {
  id: 'session-policy',
  recognises: 'the same for session policies (`… because no session policy allows …`), naming who must make the change',
  policyType: 'session-policy',
  title: 'Session policy denies the invocation',
  help:
    'Session policies passed when the role session was created (AssumeRole `Policy` / `PolicyArns`) limit it to the ' +
    'intersection with the role’s policies: the call needs an Allow there too (`… because no session policy allows …`). ' +
    'Whoever creates the session must pass a session policy that allows the call.',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session',
  get signatures() {
    return sessionPolicySignatures();
  },
  diagnose: (evaluation) => policyGateFindings('session-policy', 'session-policy', evaluation),
};
