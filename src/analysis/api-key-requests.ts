import {
  BEARER_TOKEN_TYPE,
  bearerTokenRequest,
  CALL_WITH_BEARER_TOKEN,
  type ApiKeyKind,
  type AuthorizationRequest,
} from '../bedrock/index.js';
import { wildcardMatch } from '../engine/wildcard.js';
import { message, type Assumption, type Note, type Policy, type Principal, type Unresolved } from '../model/index.js';
import type { CheckInput } from '../diagnose/check-input.js';

const MANTLE_ACTION = 'bedrock-mantle:CallWithBearerToken';

/**
 * The kind of key the call uses: the one given, else short-term for a caller that is no IAM user (long-term
 * keys are IAM users' service-specific credentials, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_bedrock.html),
 * else unknown (an IAM user, or the placeholder, may hold either).
 */
function keyKind(input: CheckInput, principal: Principal): { kind?: ApiKeyKind; inferred: boolean } {
  const given = input.apiKey?.kind;
  if (given) return { kind: given, inferred: false };
  if (principal.kind === 'user' || principal.kind === 'placeholder') return { inferred: false };
  return { kind: 'short-term', inferred: true };
}

/** The request an API key adds to the call (bedrock:CallWithBearerToken on "*"), or none for a signed call. */
export function apiKeyRequests(input: CheckInput, principal: Principal): AuthorizationRequest[] {
  if (!input.apiKey) return [];
  return [bearerTokenRequest(keyKind(input, principal).kind, input.region)];
}

/**
 * The call's invoke requests as they are authorized for an API-key call: the Service Authorization Reference
 * documents bedrock:BearerTokenType for bedrock:CallWithBearerToken only, so whether the invoke requests carry it
 * is not known, and a condition on it there stays undecided (never taken as absent).
 */
export function invokeRequestsWithApiKey(
  requests: readonly AuthorizationRequest[],
  input: CheckInput,
): readonly AuthorizationRequest[] {
  if (!input.apiKey) return requests;
  return requests.map((request) => ({
    ...request,
    unknownKeys: [...(request.unknownKeys ?? []), BEARER_TOKEN_TYPE],
  }));
}

/** What the report says about a call made with an API key. */
export function apiKeyMessages(
  input: CheckInput,
  principal: Principal,
): { assumptions: Assumption[]; notes: Note[]; unresolved: Unresolved[] } {
  if (!input.apiKey) return { assumptions: [], notes: [], unresolved: [] };
  const { kind, inferred } = keyKind(input, principal);
  const unresolved: Unresolved[] =
    kind === 'long-term' && principal.kind !== 'user' && principal.kind !== 'placeholder'
      ? [message('api-key-long-term-not-user', { kind: principal.kind })]
      : [];
  return {
    assumptions: [
      message('api-key-auth', {
        kind: kind ?? 'unknown',
        inferred,
        ...(inferred ? { principalKind: principal.kind } : {}),
      }),
    ],
    notes: mantleOnlyDenies(input).map((statement) => message('api-key-mantle-only', statement)),
    unresolved,
  };
}

/**
 * Deny statements that name bedrock-mantle:CallWithBearerToken but do not cover bedrock:CallWithBearerToken: they
 * block API keys on the bedrock-mantle endpoint, not the bedrock-runtime calls checked here
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html). The engine decides the
 * checks; this only tells why such a Deny does not apply.
 */
function mantleOnlyDenies(input: CheckInput): { file: string; line: number }[] {
  const policies: Policy[] = [
    ...input.identity,
    ...(input.scpLevels ?? []).flatMap((level) => level.policies),
    ...(input.permissionsBoundary ? [input.permissionsBoundary] : []),
    ...(input.sessionPolicies ?? []),
  ];
  const found = new Map<string, { file: string; line: number }>();
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (statement.effect !== 'Deny' || !statement.action) continue;
      const covers = (action: string) => statement.action!.some((pattern) => wildcardMatch(pattern, action, true));
      if (covers(MANTLE_ACTION) && !covers(CALL_WITH_BEARER_TOKEN)) {
        const { file, line } = statement.span;
        found.set(`${file}:${line}`, { file, line });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
