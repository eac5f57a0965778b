import type { Finding, RuleId } from '../../model/index.js';
import type { Evaluation } from '../evaluation.js';

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

/** One documented failure: how a static check detects it, and how its error text is recognised. */
export interface Rule {
  readonly id: RuleId;
  readonly title: string;
  /** Markdown: what the error means and how to fix it (SARIF rule help). */
  readonly help: string;
  /** Link to the AWS page the rule follows. */
  readonly helpUri: string;
  readonly signatures: readonly ErrorSignature[];
  /** Findings for the checks of a static analysis; rules about client-side errors return none. */
  diagnose(evaluation: Evaluation): Finding[];
}
