import { permissionsBoundarySignatures } from './signatures.js';
import type { Rule } from '../rule.js';
import { policyGateFindings } from '../policy-gate-findings.js';

export const permissionsBoundaryRule: Rule = {
  id: 'permissions-boundary',
  recognises:
    'the same for permissions boundaries (`… because no permissions boundary allows …` / `… with an explicit deny in a permissions boundary`), naming who must make the change',
  policyType: 'permissions-boundary',
  title: 'Permissions boundary denies the invocation',
  help:
    'A permissions boundary caps what identity policies can grant: the call needs an Allow in the boundary as well ' +
    '(`… because no permissions boundary allows the bedrock:InvokeModel action`), and a Deny there wins ' +
    '(`… with an explicit deny in a permissions boundary`). The boundary’s owner must make the change.',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  get signatures() {
    return permissionsBoundarySignatures();
  },
  diagnose: (evaluation) => policyGateFindings('permissions-boundary', 'permissions-boundary', evaluation),
};
