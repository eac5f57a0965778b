import { POLICY_TYPE_WORDING, type PolicyType, type RuleId } from '../../../model/index.js';
import type { ErrorSignature } from '../../rules/rule.js';

/**
 * An ErrorSignature with what `policy-check explain` reports about it: a rule carries its own (rules/<id>/signatures.ts),
 * the texts no rule owns are in this folder.
 *
 * Patterns are fixed expressions of ours: unanchored (they are searched for inside whatever wrappers the
 * client printed around the message), without nested quantifiers, and with their named groups limited to
 * `principal`, `action`, `resource`, `policyArn`, `modelId` (Rule contract) plus `detail` (free text worth
 * showing, e.g. the Marketplace agreement failure code).
 */
export interface KnownSignature extends ErrorSignature {
  /** Stable id, `<rule id>/<name>` or `other/<name>` for texts no rule owns. */
  readonly id: string;
  /** The rule that explains the text; null for known texts that are not a policy-check rule's (see other.ts). */
  readonly rule: RuleId | null;
  /** One line, for people. */
  readonly title: string;
  /** For IAM AccessDenied texts: the policy type the text names and whether it is an explicit deny. */
  readonly policyType?: PolicyType;
  readonly denial?: 'explicit' | 'implicit';
  /**
   * The text is not an authorization failure (throttling, quotas, the model's own failures, a malformed
   * request): no identity policy, SCP, boundary or session policy can cause it, so explain does not
   * re-evaluate policies for it.
   */
  readonly policyIndependent?: true;
  /** Where this wording was observed or documented (issue, PR or AWS page). */
  readonly source: string;
}

// Characters an ARN or id token can hold in a printed message: stops at whitespace, quotes and the
// backslash of an escaped JSON quote, so that `{"Message":"… arn:…"}` does not swallow the `"}`.
export const TOKEN = String.raw`[^\s"'\\]+`;

/** `User: <principal> is not authorized to perform: <action>[ on resource: <resource>]`, the head of every IAM AccessDenied text. */
const ACCESS_DENIED_HEAD =
  `(?:User: (?<principal>${TOKEN}) )?is not authorized to perform: (?<action>[A-Za-z0-9-]+:[A-Za-z0-9*?-]+)` +
  `(?: on resource: (?<resource>${TOKEN}))?` +
  // Reporters elide the middle with "..." or "…" (e.g. "bedrock:InvokeAgent ... because no service control policy").
  String.raw`(?: (?:\.\.\.|\u2026))?`;

/** `… because no <policy type> allows the <action>` (the tail may be cut off after "allows the"). */
export function implicitDenyPattern(policyType: PolicyType): RegExp {
  return new RegExp(`${ACCESS_DENIED_HEAD} because no ${POLICY_TYPE_WORDING[policyType].name} allows the`);
}

/** `… with an explicit deny in a(n) <policy type>[: <policy ARN>]` (AWS appends the ARN when it can name the policy). */
export function explicitDenyPattern(policyType: PolicyType): RegExp {
  const { name, article } = POLICY_TYPE_WORDING[policyType];
  return new RegExp(
    `${ACCESS_DENIED_HEAD} with an explicit deny in ${article} ${name}(?:: (?<policyArn>arn:${TOKEN}))?`,
  );
}

const ACTION = `[A-Za-z0-9-]+:[A-Za-z0-9*?-]+`;

/**
 * The tail of an implicit-deny text without its head (`because no <policy type> allows the <action> action`),
 * as log lines keep it. The action is taken only with the word "action" after it: a text cut inside the
 * action name (bedrock:InvokeModel… of bedrock:InvokeModelWithResponseStream) must not name the wrong one.
 */
export function implicitDenyFragmentPattern(policyType: PolicyType): RegExp {
  return new RegExp(
    String.raw`\bbecause no ${POLICY_TYPE_WORDING[policyType].name} allows the(?: (?<action>${ACTION}) action\b)?`,
  );
}

/** `with an explicit deny in a(n) <policy type>[: <policy ARN>]` without the head that names principal, action and resource. */
export function explicitDenyFragmentPattern(policyType: PolicyType): RegExp {
  const { name, article } = POLICY_TYPE_WORDING[policyType];
  return new RegExp(String.raw`\bwith an explicit deny in ${article} ${name}(?:: (?<policyArn>arn:${TOKEN}))?`);
}

/** `is not authorized to perform: <action>[ on resource: <resource>]` without "User: <principal>" and without the policy type. */
export const ACCESS_DENIED_MIDDLE = new RegExp(
  String.raw`\bis not authorized to perform: (?<action>${ACTION})(?: on resource: (?<resource>${TOKEN}))?`,
);

export const IAM_TROUBLESHOOT_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html';
export const BEDROCK_ERRORS_URL =
  'https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html';

/**
 * A list built on its first call and kept: the signatures are read by `explain` only, and building their
 * regular expressions when their module loads cost every one-shot check its start-up.
 */
export function onFirstCall<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}
