import type { Span } from './span.js';

export type Effect = 'Allow' | 'Deny';

/** The kinds of policy the engine evaluates, named as in the JSON report's `deniedBy`. */
export type PolicyType = 'identity' | 'scp' | 'permissions-boundary' | 'session-policy' | 'vpc-endpoint';

/**
 * Each policy type as AWS names it in AccessDenied texts ("… in an identity-based policy", "… no
 * service control policy allows …"), with the article the explicit-deny form uses.
 */
export const POLICY_TYPE_WORDING: Readonly<
  Record<PolicyType, { readonly name: string; readonly article: 'a' | 'an' }>
> = {
  identity: { name: 'identity-based policy', article: 'an' },
  scp: { name: 'service control policy', article: 'a' },
  'permissions-boundary': { name: 'permissions boundary', article: 'a' },
  'session-policy': { name: 'session policy', article: 'a' },
  'vpc-endpoint': { name: 'VPC endpoint policy', article: 'a' },
};

export function policyTypeName(type: PolicyType): string {
  return POLICY_TYPE_WORDING[type].name;
}

/**
 * One `"Operator": { "key": values }` pair of a Condition block, one key per clause.
 * `operator` is the full operator as written, e.g. "ForAnyValue:StringLikeIfExists".
 */
export interface ConditionClause {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  readonly span: Span;
}

export interface Statement {
  readonly sid?: string;
  readonly effect: Effect;
  /** Exactly one of action / notAction is set (validation guarantees it). */
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  /** Exactly one of resource / notResource is set. */
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  /**
   * The Principal element of a resource-style policy (a VPC endpoint policy, where it is required): `'*'`, or
   * principal type ("AWS", "Service", …) → values. Absent in identity policies, boundaries, session policies and SCPs.
   */
  readonly principal?: StatementPrincipal;
  /** All clauses must hold (AND across operators and keys). */
  readonly conditions: readonly ConditionClause[];
  /** Position of the statement object. */
  readonly span: Span;
  /** 0-based index of the statement in its policy. */
  readonly index: number;
  /**
   * Values the source cannot know before deployment (an IaC reference to a computed attribute, a variable
   * without a default): each stands in an action, resource or condition value as its `placeholder`.
   */
  readonly unknowns?: readonly UnknownValue[];
}

/** `"Principal": "*"`, or `{"AWS": [...], "Service": [...]}` with every value as a list. */
export type StatementPrincipal = '*' | Readonly<Record<string, readonly string[]>>;

/**
 * A value of a statement that is known only after deployment. The reader writes `placeholder` where the
 * value goes; the engine treats an action, resource or condition value that contains it as undecided
 * (naming `expression` at `span`), so the statement neither surely applies nor surely does not: the checks
 * it decides are conditional or incomplete, never allowed on a guess.
 */
export interface UnknownValue {
  /** Unique within the statement; made by `unknownPlaceholder()`. */
  readonly placeholder: string;
  /** The expression as written, e.g. `aws_s3_bucket.data.arn` or `!ImportValue SharedKey`. */
  readonly expression: string;
  readonly reason: UnknownReason;
  readonly span: Span;
}

export type UnknownReason =
  | 'computed-attribute'
  | 'variable-without-default'
  | 'remote-module'
  | 'unsupported-expression'
  | 'import-value'
  | 'plan-after-unknown';

/**
 * A placeholder for the `index`-th unknown of a statement. The engine looks for placeholders only in a
 * statement that lists them in `unknowns`, so a policy document that happens to contain U+FFFF is plain text.
 */
export function unknownPlaceholder(index: number): string {
  return `\uffff${index}\uffff`;
}

/**
 * A policy read from a source has its `file` (the file, snapshot or IaC file it was read from). One policy-check
 * supplies rather than reads (`builtIn`: the root user's implicit full access, an assumed FullAWSAccess) comes from
 * no file, snapshot or account: it has no `file`, the engine gives its matches no `location`, reports say `builtIn`,
 * and it is never the target of an edit. (Its statements' spans name the policy: a `Span` requires a file.)
 */
export type Policy = WrittenPolicy | BuiltInPolicy;

/** A policy read from a file, snapshot, account or IaC file: one a fix can edit. */
export type WrittenPolicy = PolicyBody & { readonly file: string; readonly builtIn?: never };

/** A policy policy-check supplies: in no file. */
export type BuiltInPolicy = PolicyBody & { readonly builtIn: true; readonly file?: never };

interface PolicyBody {
  /**
   * Stable id (model/policy-id.ts): the ARN when known, else the file, with a digest of the policy. The
   * engine caches compiled policies by it; whoever builds or edits a Policy computes it (withPolicyId).
   */
  readonly id: string;
  readonly type: PolicyType;
  /** A human name: the file name, or the name given in an SCP-levels file. */
  readonly name: string;
  /** The policy ARN when known (appended to explicit-deny messages, as AWS does). */
  readonly arn?: string;
  /** Where the document sits in `file` when the file holds many (a snapshot): a JSON Pointer (RFC 6901). */
  readonly pointer?: string;
  /** "2012-10-17" or "2008-10-17"; policy variables are only substituted in 2012-10-17. */
  readonly version: string;
  readonly statements: readonly Statement[];
}

/** One level of the SCP chain (root, an OU, the account): every level must allow. */
export interface ScpLevel {
  readonly name: string;
  readonly policies: readonly Policy[];
}
