import type { AuthorizationRequest } from './expansion.js';
import { REQUESTED_REGION } from './expansion.js';

/**
 * Amazon Bedrock API keys (bearer tokens). A call made with one is authorized twice: the usual invoke
 * requests, and `bedrock:CallWithBearerToken`, an action without resource types (so on "*") whose
 * `bedrock:BearerTokenType` key says which kind of key was used
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
 * `bedrock-mantle:CallWithBearerToken` controls the bedrock-mantle endpoint only, which InvokeModel and
 * Converse do not use (https://docs.aws.amazon.com/bedrock/latest/userguide/endpoints.html).
 */
export const CALL_WITH_BEARER_TOKEN = 'bedrock:CallWithBearerToken';
export const BEARER_TOKEN_TYPE = 'bedrock:BearerTokenType';

/** Short-term keys act as the principal that generated them; long-term keys are an IAM user's service-specific credential. */
export type ApiKeyKind = 'short-term' | 'long-term';

/** The call is made with an API key; `kind` undefined: which kind is not known. */
export interface ApiKeyAuth {
  readonly kind?: ApiKeyKind;
}

const TOKEN_TYPE: Readonly<Record<ApiKeyKind, string>> = { 'short-term': 'SHORT_TERM', 'long-term': 'LONG_TERM' };

/** The value of bedrock:BearerTokenType for a kind of key. */
export function bearerTokenType(kind: ApiKeyKind): string {
  return TOKEN_TYPE[kind];
}

export function isBearerTokenAction(action: string): boolean {
  return action.toLowerCase() === CALL_WITH_BEARER_TOKEN.toLowerCase();
}

/**
 * The authorization request an API key adds to the call, sent to the bedrock-runtime endpoint of `region`.
 * Without a kind, bedrock:BearerTokenType is present but its value unknown (`unknownKeys`).
 */
export function bearerTokenRequest(kind: ApiKeyKind | undefined, region: string): AuthorizationRequest {
  return {
    action: CALL_WITH_BEARER_TOKEN,
    resource: '*',
    context: {
      [REQUESTED_REGION]: [region],
      ...(kind ? { [BEARER_TOKEN_TYPE]: [bearerTokenType(kind)] } : {}),
    },
    absentKeys: [],
    ...(kind ? {} : { unknownKeys: [BEARER_TOKEN_TYPE] }),
    why: `the call is authenticated with ${kind ? `a ${kind}` : 'an'} Amazon Bedrock API key (bearer token)`,
  };
}

const BIDIRECTIONAL = /^(?:bedrock:)?invokemodelwithbidirectionalstream$/i;

/** API keys cannot be used with InvokeModelWithBidirectionalStream (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html). */
export function isBidirectionalStream(action: string): boolean {
  return BIDIRECTIONAL.test(action.trim());
}
