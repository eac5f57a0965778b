import { classifyModel, isRegionName } from '../../bedrock/index.js';
import { cliHint, parseArn, type PolicyType, type RuleId } from '../../model/index.js';
import { RULES } from '../rules/index.js';
import { type KnownSignature, knownSignatures } from './signatures/index.js';
import { BEDROCK_ERRORS_URL } from './signatures/signature.js';
import { unwrap, type WrapperKind } from './unwrap.js';

/** What the error text names, as printed (redactions included); null when the text does not show it. */
export interface ExplainedFields {
  readonly principal: string | null;
  readonly action: string | null;
  readonly resource: string | null;
  readonly policyType: PolicyType | null;
  readonly denial: 'explicit' | 'implicit' | null;
  readonly policyArn: string | null;
  /** The model or inference-profile id, from the text or from the resource ARN. */
  readonly modelId: string | null;
  /** The Region of the resource ARN; null for the Region-less ARN of a global profile's destination. */
  readonly region: string | null;
  /** Extra detail the text carries (e.g. the Marketplace failure code, the policy type policy-check does not evaluate). */
  readonly detail: string | null;
}

export interface Explanation {
  /**
   * `recognised`: a signature matched (`rule` null means a known text no rule of policy-check owns, such
   * as expired credentials); `unrecognised`: no signature matched, and cause/steps say what to do instead.
   */
  readonly status: 'recognised' | 'unrecognised';
  readonly rule: RuleId | null;
  readonly signature: string | null;
  readonly title: string;
  /** The error code the text names (lower-case event-stream names capitalised); null when it names none. */
  readonly exception: string | null;
  /** The code AWS documents for this text (it can differ: some texts come as AccessDenied or Validation). */
  readonly documentedException: string | null;
  readonly operation: string | null;
  readonly httpStatus: number | null;
  readonly requestId: string | null;
  /** The SDK or tool that printed the text, when it shows. */
  readonly client: string | null;
  readonly wrappers: readonly WrapperKind[];
  /** The service's message with the wrappers removed and whitespace collapsed. */
  readonly message: string;
  /** The text is cut off (an unterminated JSON string, a trailing "…", an AccessDenied text without its end). */
  readonly truncated: boolean;
  readonly fields: ExplainedFields;
  readonly cause: string;
  readonly steps: readonly string[];
  readonly helpUri: string | null;
  /** Where the signature's wording was observed or documented. */
  readonly source: string | null;
}

const NO_FIELDS: ExplainedFields = {
  principal: null,
  action: null,
  resource: null,
  policyType: null,
  denial: null,
  policyArn: null,
  modelId: null,
  region: null,
  detail: null,
};

/**
 * Reads an error text as any client printed it and says which documented Bedrock failure it is, with the
 * fields it names, the cause and the fix. Pure: no I/O, same text → same explanation.
 */
export function explainError(text: string): Explanation {
  const unwrapped = unwrap(text);
  const collapsed = unwrapped.message;
  // The message first; the whole text (collapsed) as a fallback when a wrapper was not recognised.
  const whole = text
    .slice(0, 64 * 1024)
    .replace(/\s+/g, ' ')
    .trim();
  for (const known of knownSignatures()) {
    const inMessage = known.pattern.exec(collapsed);
    const match = inMessage ?? (whole !== collapsed ? known.pattern.exec(whole) : null);
    if (!match) continue;
    // An application's own "Something failed: " before the service's text is not part of the message.
    const message =
      inMessage && inMessage.index > 0 && collapsed.slice(0, inMessage.index).endsWith(': ')
        ? collapsed.slice(inMessage.index)
        : collapsed;
    const fields = fieldsOf(match, known);
    const info = ruleInfo(known.rule);
    return {
      status: 'recognised',
      rule: known.rule,
      signature: known.id,
      title: known.title,
      exception: unwrapped.exception,
      documentedException: known.exception,
      operation: unwrapped.operation,
      httpStatus: unwrapped.httpStatus,
      requestId: unwrapped.requestId,
      client: unwrapped.client,
      wrappers: unwrapped.wrappers,
      message,
      truncated: unwrapped.cutOff || looksCutOff(message, known.id, fields),
      fields,
      cause: known.cause,
      steps: known.steps,
      helpUri: info?.helpUri ?? known.source,
      source: known.source,
    };
  }
  return {
    status: 'unrecognised',
    rule: null,
    signature: null,
    title: 'not a Bedrock error policy-check knows',
    exception: unwrapped.exception,
    documentedException: null,
    operation: unwrapped.operation,
    httpStatus: unwrapped.httpStatus,
    requestId: unwrapped.requestId,
    client: unwrapped.client,
    wrappers: unwrapped.wrappers,
    message: collapsed,
    truncated: unwrapped.cutOff,
    fields: NO_FIELDS,
    cause:
      collapsed === ''
        ? 'The text is empty.'
        : 'policy-check has no signature for this text: it is not one of the Amazon Bedrock authorization, model-access, client or account errors policy-check documents, or it was reworded by the application that printed it.',
    steps: [
      'Check that the text is the error Amazon Bedrock returned (the exception name and its message), not an application message built around it.',
      `Run ${cliHint('check-command')} with the caller's policies for a verdict that does not need the error text.`,
      `See the Amazon Bedrock API error codes: ${BEDROCK_ERRORS_URL}`,
    ],
    helpUri: BEDROCK_ERRORS_URL,
    source: null,
  };
}

function ruleInfo(id: RuleId | null): { title: string; helpUri: string } | undefined {
  return id === null ? undefined : RULES.find((rule) => rule.id === id);
}

function fieldsOf(match: RegExpExecArray, known: KnownSignature): ExplainedFields {
  const group = (name: string): string | null => {
    const value = match.groups?.[name];
    return value === undefined || value === '' ? null : trimToken(value);
  };
  const resource = group('resource');
  return {
    principal: group('principal'),
    action: group('action'),
    resource,
    policyType: known.policyType ?? null,
    denial: known.denial ?? null,
    policyArn: group('policyArn'),
    modelId: group('modelId') ?? (resource ? modelIdOf(resource) : null),
    region: resource ? regionOf(resource) : null,
    detail: match.groups?.detail ?? null,
  };
}

/** Sentence punctuation a token picked up (ARNs and model ids never end with these); a reporter's "..." redaction stays. */
function trimToken(value: string): string {
  return value.endsWith('...') ? value : value.replace(/[.,;)]+$/, '');
}

function modelIdOf(resource: string): string | null {
  const model = classifyModel(resource);
  if (model.kind === 'foundation-model') return model.modelId;
  if (model.kind === 'inference-profile') return model.profileId;
  return null;
}

function regionOf(resource: string): string | null {
  const arn = parseArn(resource);
  return arn && isRegionName(arn.region) ? arn.region : null;
}

function looksCutOff(message: string, id: string, fields: ExplainedFields): boolean {
  if (/(?:\.\.\.|\u2026)$/.test(message)) return true;
  // Fragments keep only part of an AccessDenied text: what they lack (principal, resource) was cut off.
  if (id === 'other/access-denied-cut-off' || id.endsWith('-fragment')) return true;
  if (fields.denial === 'implicit' && fields.action !== null) {
    // "… because no <type> allows the <action> action" is complete only with its last word.
    return !message.includes(`allows the ${fields.action} action`);
  }
  return false;
}
