import type { AccessDiff, DiffFailOn } from './access-diff.js';
import type { CallOptions, Verdict } from './check-report.js';
import type { Severity } from './finding.js';
import type { IacRuleId } from './iac-rule-id.js';
import type { InputIssue } from './input-issue.js';
import type { Message } from './message.js';
import type { Assumption, DependsOn, Note } from './notes.js';

export type { IacRuleId } from './iac-rule-id.js';

/** `--fail-on` of `policy-check iac`: the least severe finding that makes the run exit 1. */
export type IacFailOn = 'error' | 'warning' | 'none';

export const IAC_FAIL_ON: readonly IacFailOn[] = ['error', 'warning', 'none'];

/** One principal × model × Region of the repository. */
export interface IacCell {
  /** `role/<name>` or `user/<name>`. */
  readonly principal: string;
  readonly address: string;
  readonly model: string;
  readonly region: string;
  readonly verdict: Verdict;
  /** Why the verdict is conditional beyond the policies' conditions: what the repository does not say. */
  readonly dependsOn?: readonly DependsOn[];
  /** The error AWS returns when the call is denied (or fails). */
  readonly predictedError?: { readonly exception: string; readonly message: string };
}

/**
 * What an IaC finding says (report/words/iac-finding-words.ts words each; schemas/iac.schema.json lists them).
 * Distinct from the codes of findings and fixes, so that a message is worded the same wherever it stands.
 */
export type IacFindingCode =
  | 'expectation-not-met'
  | 'principal-unmatched'
  | 'streaming-action-missing'
  | 'profile-model-not-granted'
  | 'profile-not-granted'
  | 'region-deny-routes'
  | 'deny-overrides-allow'
  | 'broad-grant-on-all'
  | 'value-unknown'
  | 'code-model-refused'
  | 'code-check-finding'
  | 'allow-without-guardrail'
  | 'api-key-bidirectional-call'
  | 'endpoint-denies'
  | 'suppression-expired';

/** A finding at a line of the repository. */
export interface IacFinding {
  readonly rule: IacRuleId;
  readonly severity: Severity;
  readonly title: string;
  /** Worded by report/ (the JSON keeps the words as `message` and adds `code` and `params`). */
  readonly message: Message<IacFindingCode>;
  /** Repository-relative. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  /** The principal's or policy's address (Terraform address, CloudFormation logical id, name). */
  readonly address?: string;
  /** The statement the finding is about (its Sid, else its policy and index), when it is about one. */
  readonly statement?: string;
  /** Stable across edits elsewhere in the file: rule, file, address and statement, digested. */
  readonly fingerprint: string;
}

export interface IacSuppressedFinding {
  readonly finding: IacFinding;
  readonly suppression: {
    readonly rule: string;
    readonly path: string;
    readonly reason: string;
    readonly expires: string;
    readonly line: number;
  };
}

/**
 * The JSON report of `policy-check iac` (schemas/iac.schema.json). `CallOptions`: how every call is made, from
 * `.policy-check.yml` (`auth`, `guardrail`, `serviceTier`), each field present only when given.
 */
export interface IacReport extends CallOptions {
  readonly schemaVersion: 1;
  readonly kind: 'iac';
  readonly tool: { readonly name: 'policy-check'; readonly version: string };
  readonly catalogDate: string;
  readonly root: string;
  /** The config file read, or null when the repository has none (built-in rules only). */
  readonly config: string | null;
  /** The account the repository deploys to; null when the config does not say (a placeholder is used). */
  readonly account: string | null;
  readonly region: string;
  readonly regions: readonly string[];
  readonly models: readonly string[];
  readonly modelsFrom: 'config' | 'policies' | 'default';
  /** The repository files the readers read. */
  readonly files: readonly string[];
  readonly principals: readonly {
    readonly key: string;
    readonly type: 'user' | 'role';
    readonly name: string;
    readonly address: string;
    readonly file: string;
    readonly line: number;
  }[];
  readonly cells: readonly IacCell[];
  /** Sorted by file, line, rule; suppressed findings are not here. */
  readonly findings: readonly IacFinding[];
  readonly suppressed: readonly IacSuppressedFinding[];
  /** With `--base`: access gained and lost between the base revision and the working tree. */
  readonly diff?: AccessDiff & {
    readonly base: string;
    /** The changes that fail the run (`--fail-on` lost, gained, any; default lost), as `policy-check diff` takes them. */
    readonly failOn: readonly DiffFailOn[];
    /** True when a change of a `failOn` kind is present: the exit code is then 1. */
    readonly fails: boolean;
  };
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly notes: number;
    readonly suppressed: number;
    readonly cells: Readonly<Record<Verdict, number>>;
  };
  readonly warnings: readonly InputIssue[];
  readonly assumptions: readonly Assumption[];
  readonly notes: readonly Note[];
  readonly failOn: IacFailOn;
  /** True when a finding at or above `failOn` is present, or the diff fails: the exit code is then 1. */
  readonly fails: boolean;
}

/** What describes an IaC rule to readers of its findings (SARIF's rule entries, the docs). */
export interface IacRuleDescriptor {
  readonly id: IacRuleId;
  readonly title: string;
  /** Markdown, one line: what the rule finds (the README's IaC rule table, generated from the registry). */
  readonly finds: string;
  /** The severity of its findings unless a finding says otherwise. */
  readonly severity: Severity;
  /** GitHub code scanning's `security-severity` (0.0–10.0). */
  readonly securitySeverity: string;
  readonly tags: readonly string[];
  /** Markdown: what the rule finds and how to fix it (SARIF rule help). */
  readonly help: string;
  readonly helpUri: string;
}
