import { isBidirectionalStream } from '../../../bedrock/index.js';
import { message, type Finding, type MatchedStatement, type PolicyType } from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';
import type { Rule } from '../rule.js';
import { type DenyDescriber, policyGateFindings } from '../policy-gate-findings.js';
import { apiKeySignatures } from './signatures.js';

const GATES: readonly PolicyType[] = ['scp', 'identity', 'permissions-boundary', 'session-policy', 'vpc-endpoint'];
const USE_URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html';

/** A Deny that blocks API keys is deliberate: the way through is a signed call, or its owner's exemption. */
function describeApiKeyDeny(statement: MatchedStatement): ReturnType<DenyDescriber> {
  return {
    alternatives: [
      message('sign-instead-of-api-key'),
      statement.policyType === 'scp'
        ? message('scp-exempts-api-key-caller')
        : message('owner-exempts-api-key-caller', { policyName: statement.policyName }),
    ],
  };
}

/** The gates' findings about the API-key request, each saying which kind of key the call uses. */
function apiKeyGateFindings(evaluation: Evaluation): Finding[] {
  const kind = evaluation.checks
    .find((check) => check.authorization.action === 'bedrock:CallWithBearerToken')
    ?.request.context.values.get('bedrock:bearertokentype')?.[0];
  const apiKey = kind === 'SHORT_TERM' || kind === 'LONG_TERM' ? kind : 'unknown';
  return GATES.flatMap((policyType) =>
    policyGateFindings('api-key', policyType, evaluation, describeApiKeyDeny, 'api-key').map((finding) => ({
      ...finding,
      ...(finding.message ? { message: message(finding.message.code, { ...finding.message.params, apiKey }) } : {}),
      // No way around a Deny of API keys by calling another model.
      ...(finding.alternatives
        ? {
            alternatives: finding.alternatives.filter(
              (alternative) => typeof alternative === 'string' || alternative.code !== 'invoke-elsewhere',
            ),
          }
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
      message: message('api-key-bidirectional-stream'),
      locations: [],
      checks: [],
      fixes: [],
      alternatives: [message('sign-bidirectional-stream', { docs: USE_URL })],
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
  get signatures() {
    return apiKeySignatures();
  },
  diagnose: (evaluation) => [...apiKeyGateFindings(evaluation), ...bidirectionalFindings(evaluation)],
};
