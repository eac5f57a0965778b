import { isBidirectionalStream } from '../../../bedrock/index.js';
import type { Finding, MatchedStatement, PolicyType } from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';
import type { Rule } from '../rule.js';
import { INVOKE_ELSEWHERE, policyGateFindings } from '../policy-gate-findings.js';
import { API_KEY_SIGNATURES } from './signatures.js';

const GATES: readonly PolicyType[] = ['scp', 'identity', 'permissions-boundary', 'session-policy', 'vpc-endpoint'];
const USE_URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html';

/** A Deny that blocks API keys is deliberate: the way through is a signed call, or its owner's exemption. */
function describeApiKeyDeny(statement: MatchedStatement) {
  return {
    alternatives: [
      'sign the call with AWS credentials (SigV4) instead of the API key: a Deny on bedrock:CallWithBearerToken does not apply to signed calls',
      statement.policyType === 'scp'
        ? "only the organization's administrators can exempt this caller from the SCP; no identity-based policy change helps"
        : `ask the owner of ${statement.policyName} to exempt this caller if it is meant to use API keys`,
    ],
  };
}

/** The gates' findings about the API-key request, worded as such. */
function apiKeyGateFindings(evaluation: Evaluation): Finding[] {
  const kind = evaluation.checks
    .find((check) => check.authorization.action === 'bedrock:CallWithBearerToken')
    ?.request.context.values.get('bedrock:bearertokentype')?.[0];
  const key =
    kind === 'SHORT_TERM' ? 'a short-term API key' : kind === 'LONG_TERM' ? 'a long-term API key' : 'an API key';
  return GATES.flatMap((policyType) =>
    policyGateFindings('api-key', policyType, evaluation, describeApiKeyDeny, 'api-key').map((finding) => ({
      ...finding,
      // The gates' findings are still words (policyGateFindings); none is a message yet.
      title: `Calls with ${key} are denied: ${(finding.title ?? '').charAt(0).toLowerCase()}${(finding.title ?? '').slice(1)}`,
      cause: `A call made with an Amazon Bedrock API key is also authorized as bedrock:CallWithBearerToken on "*". ${finding.cause}`,
      ...(finding.alternatives
        ? { alternatives: finding.alternatives.filter((alternative) => alternative !== INVOKE_ELSEWHERE) }
        : {}),
    })),
  );
}

/** API keys cannot call InvokeModelWithBidirectionalStream, whatever the policies say. */
function bidirectionalFindings(evaluation: Evaluation): Finding[] {
  if (!evaluation.input.apiKey) return [];
  // The operation as the caller named it: the actions hold it as bedrock:InvokeModel, which it is authorized as.
  const named = [...(evaluation.input.operations ?? []), ...evaluation.input.actions];
  const actions = named.filter(isBidirectionalStream);
  if (actions.length === 0) return [];
  return [
    {
      rule: 'api-key',
      severity: 'error',
      title: 'InvokeModelWithBidirectionalStream cannot be called with an Amazon Bedrock API key',
      cause:
        'Amazon Bedrock API keys cannot be used with InvokeModelWithBidirectionalStream (nor with the Agents and Data Automation APIs): the call fails whatever the policies allow.',
      locations: [],
      checks: [],
      fixes: [],
      alternatives: [`sign the bidirectional stream with AWS credentials (SigV4) instead of the API key (${USE_URL})`],
    },
  ];
}

/**
 * Calls made with an Amazon Bedrock API key (bearer token): the API-key request bedrock:CallWithBearerToken each
 * gate must allow (SCPs and identity Denies that block API keys, a missing Allow), and what API keys cannot call.
 * The expired and rejected keys are recognised by `explain` only: a static check cannot see a key.
 */
export const apiKeyRule: Rule = {
  id: 'api-key',
  recognises:
    '`… not authorized to perform: bedrock:CallWithBearerToken …` (an SCP, identity Deny or missing Allow for API keys), `Bearer Token has expired`, `Authentication failed: Please make sure your API Key is valid.`',
  title: 'Amazon Bedrock API key (bearer token) denied or not accepted',
  helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html',
  help: [
    'A call made with an Amazon Bedrock API key (`AWS_BEARER_TOKEN_BEDROCK`, `Authorization: Bearer …`) is authorized as',
    'the usual invoke requests **and** as `bedrock:CallWithBearerToken` on `*`, whose condition key',
    '`bedrock:BearerTokenType` is `SHORT_TERM` or `LONG_TERM`. Short-term keys act with the permissions of the principal that',
    'generated them; long-term keys are service-specific credentials of an IAM user. Organizations block API keys with an',
    'SCP denying `bedrock:CallWithBearerToken` (and `bedrock-mantle:CallWithBearerToken` for the bedrock-mantle endpoint):',
    '`… is not authorized to perform: bedrock:CallWithBearerToken on resource: * with an explicit deny in a service control',
    'policy`. Only the organization can lift that; the caller can sign the call with AWS credentials (SigV4) instead.',
    'A missing Allow (`… because no identity-based policy allows …`) is fixed by allowing `bedrock:CallWithBearerToken` on `*`.',
    '',
    '`Bearer Token has expired` and `Authentication failed: Please make sure your API Key is valid.` are about the key',
    'itself (expired, malformed, revoked, or a short-term key used outside its Region), not about policies.',
    'API keys cannot be used with InvokeModelWithBidirectionalStream.',
  ].join('\n'),
  signatures: API_KEY_SIGNATURES,
  diagnose: (evaluation) => [...apiKeyGateFindings(evaluation), ...bidirectionalFindings(evaluation)],
};
