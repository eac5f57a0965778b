import { classifyModel, isRegionName } from '../../bedrock/index.js';
import { parseArn, type PolicyType, type RuleId } from '../../model/index.js';
import { RULES } from '../rules/index.js';
import { KNOWN_SIGNATURES, type KnownSignature } from './signatures/index.js';
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

/** The AWS page each rule follows, for rules not (yet) registered in RULES. */
const DEFAULT_HELP: Readonly<Record<RuleId, { readonly title: string; readonly helpUri: string }>> = {
  'model-access': { title: 'Model access', helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html' },
  'identity-policy': { title: 'Identity-based policy', helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html' },
  'service-control-policy': { title: 'Service control policy', helpUri: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
  'permissions-boundary': { title: 'Permissions boundary', helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html' },
  'session-policy': { title: 'Session policy', helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session' },
  'wrong-api': { title: 'Wrong Bedrock API', helpUri: 'https://docs.aws.amazon.com/general/latest/gr/bedrock.html' },
  'sdk-too-old': { title: 'SDK too old', helpUri: 'https://github.com/boto/boto3/blob/develop/CHANGELOG.rst' },
  'account-restriction': { title: 'Account restriction', helpUri: 'https://docs.aws.amazon.com/awssupport/latest/user/case-management.html' },
};

/**
 * Reads an error text as any client printed it and says which documented Bedrock failure it is, with the
 * fields it names, the cause and the fix. Pure: no I/O, same text → same explanation.
 */
export function explainError(text: string): Explanation {
  const unwrapped = unwrap(text);
  const collapsed = unwrapped.message;
  // The message first; the whole text (collapsed) as a fallback when a wrapper was not recognised.
  const whole = text.slice(0, 64 * 1024).replace(/\s+/g, ' ').trim();
  for (const entry of signatures()) {
    const inMessage = execOnce(entry.signature.pattern, collapsed);
    const match = inMessage ?? (whole !== collapsed ? execOnce(entry.signature.pattern, whole) : null);
    if (!match) continue;
    // An application's own "Something failed: " before the service's text is not part of the message.
    const message = inMessage && inMessage.index > 0 && collapsed.slice(0, inMessage.index).endsWith(': ') ? collapsed.slice(inMessage.index) : collapsed;
    const fields = fieldsOf(match, entry.signature);
    const known = entry.signature;
    const info = ruleInfo(entry.rule);
    return {
      status: 'recognised',
      rule: entry.rule,
      signature: entry.id,
      title: entry.title,
      exception: unwrapped.exception,
      documentedException: known.exception,
      operation: unwrapped.operation,
      httpStatus: unwrapped.httpStatus,
      requestId: unwrapped.requestId,
      client: unwrapped.client,
      wrappers: unwrapped.wrappers,
      message,
      truncated: unwrapped.cutOff || looksCutOff(message, entry.id, fields),
      fields,
      cause: known.cause,
      steps: known.steps,
      helpUri: info?.helpUri ?? entry.source ?? null,
      source: entry.source ?? null,
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
      'Run `policy-check check FILES --model ID` with the caller\'s policies for a verdict that does not need the error text.',
      `See the Amazon Bedrock API error codes: ${BEDROCK_ERRORS_URL}`,
    ],
    helpUri: BEDROCK_ERRORS_URL,
    source: null,
  };
}

interface SignatureEntry {
  readonly id: string;
  readonly rule: RuleId | null;
  readonly title: string;
  readonly source?: string;
  readonly signature: KnownSignature | RuleSignature;
}

type RuleSignature = (typeof RULES)[number]['signatures'][number];

/**
 * Ours first (they are ordered so that exact texts win over the AccessDenied family and the catch-alls),
 * then any signature a registered rule carries that is not one of ours, placed before the catch-alls.
 */
function signatures(): SignatureEntry[] {
  const ours = new Set<RuleSignature>(KNOWN_SIGNATURES);
  const extra: SignatureEntry[] = [];
  // Read at call time: rules may import these signatures, so RULES must not be read while modules load.
  for (const rule of RULES) {
    rule.signatures.forEach((signature, index) => {
      if (!ours.has(signature)) extra.push({ id: `${rule.id}/signature-${index + 1}`, rule: rule.id, title: rule.title, signature });
    });
  }
  const entries = KNOWN_SIGNATURES.map((signature) => ({
    id: signature.id,
    rule: signature.rule,
    title: signature.title,
    source: signature.source,
    signature,
  }));
  const firstCatchAll = entries.findIndex((entry) => entry.id.startsWith('other/access-denied'));
  return [...entries.slice(0, firstCatchAll), ...extra, ...entries.slice(firstCatchAll)];
}

function ruleInfo(id: RuleId | null): { title: string; helpUri: string } | undefined {
  if (id === null) return undefined;
  const registered = RULES.find((rule) => rule.id === id);
  return registered ? { title: registered.title, helpUri: registered.helpUri } : DEFAULT_HELP[id];
}

/** exec without the state a global or sticky flag would carry between calls (patterns may come from other rules). */
function execOnce(pattern: RegExp, text: string): RegExpExecArray | null {
  const safe = pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
  return safe.exec(text);
}

function fieldsOf(match: RegExpExecArray, signature: KnownSignature | RuleSignature): ExplainedFields {
  const group = (name: string): string | null => {
    const value = match.groups?.[name];
    return value === undefined || value === '' ? null : trimToken(value);
  };
  const resource = group('resource');
  const known = 'id' in signature ? (signature as KnownSignature) : undefined;
  return {
    principal: group('principal'),
    action: group('action'),
    resource,
    policyType: known?.policyType ?? null,
    denial: known?.denial ?? null,
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
  if (/(?:\.\.\.|…)$/.test(message)) return true;
  // Fragments keep only part of an AccessDenied text: what they lack (principal, resource) was cut off.
  if (id === 'other/access-denied-cut-off' || id.endsWith('-fragment')) return true;
  if (fields.denial === 'implicit' && fields.action !== null) {
    // "… because no <type> allows the <action> action" is complete only with its last word.
    return !message.includes(`allows the ${fields.action} action`);
  }
  return false;
}
