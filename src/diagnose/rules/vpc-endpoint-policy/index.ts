import { vpcEndpointPolicySignatures } from './signatures.js';
import type { Rule } from '../rule.js';
import { policyGateFindings } from '../policy-gate-findings.js';

export const vpcEndpointPolicyRule: Rule = {
  id: 'vpc-endpoint-policy',
  recognises:
    'the policy of the interface VPC endpoint the call goes through (`… because no VPC endpoint policy allows …`, `… with an explicit deny in a VPC endpoint policy`)',
  policyType: 'vpc-endpoint',
  title: 'VPC endpoint policy denies the invocation',
  help:
    'A call through an interface VPC endpoint for `bedrock-runtime` is also authorized against the endpoint’s policy, a ' +
    'resource-style policy whose statements name a Principal: it must allow the caller, action and resource, and its ' +
    'explicit Deny denies (`… because no VPC endpoint policy allows …`). Whoever manages the endpoint changes its policy ' +
    '(`ec2:ModifyVpcEndpoint`); without a policy the endpoint has the default one, which allows everything.',
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
  get signatures() {
    return vpcEndpointPolicySignatures();
  },
  diagnose: (evaluation) => policyGateFindings('vpc-endpoint-policy', 'vpc-endpoint', evaluation),
};
