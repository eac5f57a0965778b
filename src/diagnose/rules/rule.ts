import type { Finding, PolicyType, RuleId } from '../../model/index.js';
import type { Evaluation } from '../evaluation.js';
import type { KnownSignature } from '../explain/signatures/signature.js';

/**
 * A documented error text as clients print it, recognised by `policy-check explain`.
 * `pattern` is a fixed expression of ours (never built from user text); named groups
 * `principal`, `action`, `resource`, `policyArn`, `modelId` are extracted when present.
 */
export interface ErrorSignature {
  readonly exception: string;
  readonly pattern: RegExp;
  readonly cause: string;
  readonly steps: readonly string[];
}

/**
 * One documented failure, all in its folder `rules/<id>/`: how a static check detects it, how its error
 * text is recognised, its help. The registry (rules/index.ts) lists every rule; schemas, SARIF and the
 * README's rule table are generated from it.
 */
export interface Rule {
  readonly id: RuleId;
  readonly title: string;
  /** Markdown: what the error means and how to fix it (SARIF rule help). */
  readonly help: string;
  /** Link to the AWS page the rule follows. */
  readonly helpUri: string;
  /** Markdown, one line: the error texts the rule recognises (the README's rule table). */
  readonly recognises: string;
  /** The policy type whose AccessDenied texts the rule owns, for the rules about a policy gate. */
  readonly policyType?: PolicyType;
  /** Why `explain --reproduce` cannot reproduce the error from policies, for rules whose cause is not in them. */
  readonly notInPolicies?: string;
  /**
   * The error texts `explain` recognises as this rule's. A getter in the rules, made on first read: a check never
   * reads them, and building their regular expressions cost its start-up.
   */
  readonly signatures: readonly KnownSignature[];
  /** Findings for the checks of a static analysis; rules about client-side errors return none. */
  diagnose(evaluation: Evaluation): Finding[];
}
