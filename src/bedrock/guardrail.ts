import type { AuthorizationRequest } from './expansion.js';
import { REQUESTED_REGION } from './expansion.js';

export const APPLY_GUARDRAIL = 'bedrock:ApplyGuardrail';
export const GUARDRAIL_IDENTIFIER = 'bedrock:GuardrailIdentifier';

/**
 * The guardrail a call names (InvokeModel's guardrailIdentifier/guardrailVersion, Converse's guardrailConfig):
 * an id or a guardrail ARN, and the version when given.
 */
export interface GuardrailRef {
  /** As given: a guardrail id, or its ARN. */
  readonly identifier: string;
  /** A numeric version ("1") or "DRAFT"; undefined when not given. */
  readonly version?: string;
}

// Bedrock API Reference, InvokeModel / GuardrailConfiguration: guardrailIdentifier
// `(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))`,
// guardrailVersion `(([1-9][0-9]{0,7})|(DRAFT))`.
const GUARDRAIL_ARN = /^arn:(aws(?:-[^:]+)?):bedrock:([a-z0-9-]{1,20}):([0-9]{12}):guardrail\/([a-z0-9]+)$/;
const GUARDRAIL_ID = /^[a-z0-9]{1,64}$/;
const VERSION = /^(?:[1-9][0-9]{0,7}|DRAFT)$/;

export type GuardrailParse =
  | { readonly ok: true; readonly guardrail: GuardrailRef }
  | { readonly ok: false; readonly reason: string };

/** `ID[:VERSION]` or `ARN[:VERSION]` as the API takes them; a reason when the text is neither. */
export function parseGuardrail(text: string): GuardrailParse {
  const arnHead = text.match(/^(arn:[^:]*:[^:]*:[^:]*:[^:]*:guardrail\/[^:]*)(?::(.*))?$/);
  const [identifier, version] = arnHead
    ? [arnHead[1]!, arnHead[2]]
    : text.startsWith('arn:')
      ? [text, undefined]
      : splitOnce(text);
  if (identifier.startsWith('arn:') ? !GUARDRAIL_ARN.test(identifier) : !GUARDRAIL_ID.test(identifier)) {
    return {
      ok: false,
      reason: `${JSON.stringify(identifier)} is neither a guardrail id ([a-z0-9]+) nor a guardrail ARN (arn:aws:bedrock:REGION:ACCOUNT:guardrail/ID)`,
    };
  }
  if (version !== undefined && !VERSION.test(version)) {
    return { ok: false, reason: `version ${JSON.stringify(version)} is neither a version number (1, 2, …) nor DRAFT` };
  }
  return { ok: true, guardrail: { identifier, ...(version !== undefined ? { version } : {}) } };
}

function splitOnce(text: string): [string, string | undefined] {
  const colon = text.indexOf(':');
  return colon < 0 ? [text, undefined] : [text.slice(0, colon), text.slice(colon + 1)];
}

/** Where the guardrail is, and how the call's requests carry it. */
export interface GuardrailTarget {
  /** The guardrail ARN, the resource bedrock:ApplyGuardrail is authorized on (versions have no ARN of their own). */
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /**
   * The value of bedrock:GuardrailIdentifier on the invoke requests: `ARN:VERSION` for a numeric version, as AWS's
   * policy examples and the Service Authorization Reference give it ("the GuardrailArn or the
   * GuardrailArn:NumericVersion"); undefined (unknown) for DRAFT or no version, which no page spells out.
   */
  readonly identifierValue?: string;
}

/** The guardrail's ARN: an id names a guardrail of the caller's account in the call's Region. */
export function guardrailTarget(
  guardrail: GuardrailRef,
  call: { readonly partition: string; readonly region: string; readonly account: string },
): GuardrailTarget {
  const parsed = guardrail.identifier.match(GUARDRAIL_ARN);
  const [partition, region, account, id] = parsed
    ? [parsed[1]!, parsed[2]!, parsed[3]!, parsed[4]!]
    : [call.partition, call.region, call.account, guardrail.identifier];
  const arn = `arn:${partition}:bedrock:${region}:${account}:guardrail/${id}`;
  const numeric = guardrail.version !== undefined && guardrail.version !== 'DRAFT';
  return { arn, partition, region, account, ...(numeric ? { identifierValue: `${arn}:${guardrail.version}` } : {}) };
}

/**
 * The invoke requests of a call that names `target` (or none, `undefined`): each carries bedrock:GuardrailIdentifier
 * (unknown when its value is), and without a guardrail the key is absent, which is what a Deny with
 * StringNotEquals on it relies on (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html).
 */
export function withGuardrailKey(
  requests: readonly AuthorizationRequest[],
  target: GuardrailTarget | undefined,
): AuthorizationRequest[] {
  return requests.map((request) => {
    if (target === undefined) return { ...request, absentKeys: [...request.absentKeys, GUARDRAIL_IDENTIFIER] };
    if (target.identifierValue === undefined)
      return { ...request, unknownKeys: [...(request.unknownKeys ?? []), GUARDRAIL_IDENTIFIER] };
    return { ...request, context: { ...request.context, [GUARDRAIL_IDENTIFIER]: [target.identifierValue] } };
  });
}

/**
 * The request AWS authorizes to apply the guardrail during the call: bedrock:ApplyGuardrail on the guardrail ARN
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions.html). No condition key is documented
 * for it, so the call's keys other than the Region stay as the caller's context leaves them.
 */
export function applyGuardrailRequest(target: GuardrailTarget): AuthorizationRequest {
  return {
    action: APPLY_GUARDRAIL,
    resource: target.arn,
    context: { [REQUESTED_REGION]: [target.region] },
    absentKeys: [],
    why: 'the call applies the guardrail it names, which needs bedrock:ApplyGuardrail on the guardrail',
  };
}
