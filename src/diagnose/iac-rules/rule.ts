import type { ApiKeyAuth, GuardrailRef } from '../../bedrock/index.js';
import type {
  AccessMatrix,
  Finding,
  IacAccounts,
  IacCell,
  IacConfig,
  IacFinding,
  IacFragment,
  IacRuleDescriptor,
  InferenceCall,
  ModelIdUse,
  Severity,
} from '../../model/index.js';

/** What the IaC rules look at: the repository as read, the cells of its principals, and the matrices behind them. */
export interface IacRuleInput {
  readonly config: IacConfig;
  readonly accounts: IacAccounts;
  readonly fragments: readonly IacFragment[];
  /** Every principal × model × Region, the variants the repository leaves open merged. */
  readonly cells: readonly IacCell[];
  /** One matrix per Region, of the first variant: each cell's checks and the statements that decided them. */
  readonly matrices: readonly AccessMatrix[];
  /**
   * When the config names the guardrail the calls carry: the same matrices of calls made without one (what
   * `requireGuardrail` is about); absent, `matrices` are such calls.
   */
  readonly unguardedMatrices?: readonly AccessMatrix[];
  readonly now: Date;
  /** What the code check found in the repository's manifests, locks and code (sdk-too-old, wrong-api findings). */
  readonly code: {
    readonly findings: readonly Finding[];
    readonly modelIds: readonly ModelIdUse[];
    readonly inferenceCalls?: readonly InferenceCall[];
  };
  /** How the pipeline's code makes its calls (`.policy-check.yml`'s `auth`, `guardrail`, `serviceTier`). */
  readonly call?: { readonly apiKey?: ApiKeyAuth; readonly guardrail?: GuardrailRef; readonly serviceTier?: string };
  /** Whether a repository-relative path matches a config glob (as `include`, `exclude` and `suppress` match). */
  matchesPath(path: string, glob: string): boolean;
}

/** A finding as a rule makes it; the analysis adds the rule, its severity and title, and the fingerprint. */
export type IacRuleFinding = Omit<IacFinding, 'rule' | 'title' | 'severity' | 'fingerprint'> & {
  readonly severity?: Severity;
};

/**
 * One check of `policy-check iac`, all in its folder `iac-rules/<id>/`. The registry (iac-rules/index.ts)
 * lists every rule; the rule ids in schemas/iac.schema.json and src/model/iac-rule-id.ts are generated from it.
 */
export interface IacRule extends IacRuleDescriptor {
  findings(input: IacRuleInput): IacRuleFinding[];
}
