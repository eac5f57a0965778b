import type { IndexedCatalog } from '../../bedrock/index.js';
import { IAC_RULES } from '../../diagnose/iac-rules/index.js';
import type { IacRuleInput } from '../../diagnose/iac-rules/rule.js';
import { isExpired } from '../../diagnose/iac-rules/expired-suppression/index.js';
import { principalKey } from '../../diagnose/iac-rules/cells.js';
import { modelsCalledByMappedCode } from '../../diagnose/iac-rules/code-model-access/index.js';
import {
  cellReport,
  message,
  uniqueMessages,
  type AccessMatrix,
  type AccountModel,
  type Assumption,
  type DependsOn,
  type DiffableCell,
  type DiffableMatrix,
  type Finding,
  type IacAccounts,
  type IacCell,
  type IacConfig,
  type IacFailOn,
  type IacFinding,
  type IacFragment,
  type IacReport,
  type IacSuppressedFinding,
  type InputIssue,
  type Note,
  type Verdict,
} from '../../model/index.js';
import { sha256Hex } from '../../model/sha256.js';
import { callOptionsOf } from '../call-options.js';
import { matrix, type MatrixOptions } from '../matrix.js';
import { defaultMatrixModels } from '../matrix-models.js';
import { modelsInPolicies } from './models-in-policies.js';
import { findVpcEndpoint } from '../vpc-endpoints.js';

export interface IacAnalysisOptions {
  readonly root: string;
  readonly config: IacConfig;
  readonly accounts: IacAccounts;
  readonly fragments: readonly IacFragment[];
  readonly files: readonly string[];
  readonly warnings: readonly InputIssue[];
  /** The callers' Region (the config's, else the CLI's). */
  readonly region: string;
  /** Models given on the command line; otherwise the config's, the policies', or the default set. */
  readonly models?: readonly string[];
  readonly actions: readonly string[];
  readonly catalog: IndexedCatalog;
  readonly now: Date;
  readonly toolVersion: string;
  readonly failOn: IacFailOn;
  /** How the pipeline's code makes every call (`.policy-check.yml`'s `auth`, `guardrail`, `serviceTier`). */
  readonly call?: Pick<MatrixOptions, 'apiKey' | 'guardrail' | 'serviceTier'>;
  /**
   * What the code check found (sdk-too-old and wrong-api findings, model ids in code); the ids in code that
   * `code:` maps to a principal are checked against every principal besides the models.
   */
  readonly code?: IacRuleInput['code'];
  /** Whether a repository-relative path matches a suppression's glob (the CLI's glob matcher). */
  matchesPath(path: string, glob: string): boolean;
}

const NO_CODE: IacRuleInput['code'] = { findings: [], modelIds: [] };

const ACCOUNT_GUESS: DependsOn = message('account-guess');

/**
 * The check of a repository: every principal × model × Region through the access matrix, once per variant
 * of what the repository leaves open (a cell the variants decide differently is conditional), then the IaC
 * rules over the cells and the repository, suppressions applied. Also returns the cells as the access diff
 * reads them, for `--base`.
 */
export function iacReport(options: IacAnalysisOptions): {
  report: IacReport;
  diffable: DiffableMatrix<Assumption, Note, Finding>;
} {
  const { models, modelsFrom } = modelsOf(options);
  const regions = [...new Set([options.region, ...options.config.expect.flatMap((entry) => entry.regions ?? [])])];
  const matrices: AccessMatrix[] = [];
  const cells: IacCell[] = [];
  const diffable: DiffableCell<Finding>[] = [];
  const addresses = new Map(options.accounts.principals.map((principal) => [principal.key, principal.address]));
  const principalCount = options.accounts.principals.length;
  const unguardedMatrices: AccessMatrix[] = [];
  const call = options.call ?? {};
  for (const region of regions) {
    if (principalCount === 0 || models.length === 0) break;
    const matrixOptions: MatrixOptions = {
      models,
      region,
      actions: options.actions,
      catalog: options.catalog,
      now: options.now,
      toolVersion: options.toolVersion,
    };
    const runs = options.accounts.variants.map((variant) =>
      matrix(variant.account, {
        ...matrixOptions,
        ...call,
        ...configuredEndpoint(variant.account, options.config.vpcEndpoint?.address, region),
      }),
    );
    // requireGuardrail is about the calls made without one, whatever guardrail the pipeline's own calls name.
    if (call.guardrail && options.config.requireGuardrail === true) {
      const { guardrail: _named, ...unguarded } = call;
      const first = options.accounts.variants[0]!.account;
      unguardedMatrices.push(
        matrix(first, {
          ...matrixOptions,
          ...unguarded,
          ...configuredEndpoint(first, options.config.vpcEndpoint?.address, region),
        }),
      );
    }
    const primary = runs[0]!;
    matrices.push(primary);
    const verdictsOf = runs.map(
      (run) =>
        new Map(
          run.cells.map((cell) => [`${principalKey(cell.principalType, cell.principal)}\u0000${cell.model}`, cell]),
        ),
    );
    for (const cell of primary.cells) {
      const key = principalKey(cell.principalType, cell.principal);
      const report = cellReport(primary, cell);
      const others = verdictsOf.map((byKey) => byKey.get(`${key}\u0000${cell.model}`));
      const dependsOn: DependsOn[] = [];
      options.accounts.variants.forEach((variant, index) => {
        const other = others[index];
        if (!other || (other.verdict === cell.verdict && other.fails === cell.fails)) return;
        const first = options.accounts.variants[0]!;
        if (variant.withConditionalScps !== first.withConditionalScps)
          dependsOn.push(message('scps-placement', { scps: options.accounts.conditionalScps }));
        if (variant.account.accountId !== first.account.accountId) dependsOn.push(ACCOUNT_GUESS);
      });
      // Sorted by code: the account first, then the SCPs' placement.
      const guesses = uniqueMessages(dependsOn).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      const verdict: Verdict = guesses.length > 0 && cell.verdict !== 'incomplete' ? 'conditional' : cell.verdict;
      const error = report.findings.find((finding) => finding.severity === 'error' && finding.predictedError);
      cells.push({
        principal: key,
        address: addresses.get(key) ?? key,
        model: cell.model,
        region,
        verdict,
        ...(guesses.length > 0 ? { dependsOn: guesses } : {}),
        ...(error?.predictedError && (verdict !== 'allowed' || cell.fails)
          ? { predictedError: error.predictedError }
          : {}),
      });
      diffable.push({
        principal: key,
        principalType: cell.principalType,
        model: cell.model,
        region,
        verdict,
        checks: report.checks,
        findings: report.findings,
      });
    }
  }
  const input: IacRuleInput = {
    config: options.config,
    accounts: options.accounts,
    fragments: options.fragments,
    cells,
    matrices,
    ...(unguardedMatrices.length > 0 ? { unguardedMatrices } : {}),
    now: options.now,
    code: options.code ?? NO_CODE,
    call,
    matchesPath: options.matchesPath,
  };
  const all: IacFinding[] = IAC_RULES.flatMap((rule) =>
    rule.findings(input).map((finding) => {
      const { severity, ...rest } = finding;
      return {
        rule: rule.id,
        severity: severity ?? rule.severity,
        title: rule.title,
        ...rest,
        fingerprint: sha256Hex(
          [rule.id, finding.file, finding.address ?? '', finding.statement ?? ''].join('\u0000'),
        ).slice(0, 32),
      };
    }),
  );
  const { findings, suppressed } = applySuppressions(uniqueFindings(all), options);
  const count = (severity: string) => findings.filter((finding) => finding.severity === severity).length;
  const byVerdict = (verdict: Verdict) => cells.filter((cell) => cell.verdict === verdict).length;
  const fails =
    options.failOn === 'error'
      ? count('error') > 0
      : options.failOn === 'warning'
        ? count('error') + count('warning') > 0
        : false;
  const notes: Note[] = matrices.flatMap((entry) => entry.notes);
  if (principalCount === 0) notes.push(message('iac-no-principals'));
  const report: IacReport = {
    schemaVersion: 1,
    kind: 'iac',
    tool: { name: 'policy-check', version: options.toolVersion },
    catalogDate: options.catalog.compiledOn,
    root: options.root,
    config: options.config.file ?? null,
    account: options.config.account ?? null,
    region: options.region,
    regions,
    ...callOptionsOf(call),
    models,
    modelsFrom,
    files: options.files,
    principals: options.accounts.principals.map((principal) => ({
      key: principal.key,
      type: principal.type,
      name: principal.name,
      address: principal.address,
      file: principal.declaredAt.file,
      line: principal.declaredAt.line,
    })),
    cells,
    findings,
    suppressed,
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      notes: count('note'),
      suppressed: suppressed.length,
      cells: {
        allowed: byVerdict('allowed'),
        denied: byVerdict('denied'),
        conditional: byVerdict('conditional'),
        incomplete: byVerdict('incomplete'),
      },
    },
    warnings: options.warnings,
    // Each once; report/ words them and sorts them by their words.
    assumptions: uniqueMessages([...options.accounts.assumptions, ...matrices.flatMap((entry) => entry.assumptions)]),
    notes: uniqueMessages(notes),
    failOn: options.failOn,
    fails,
  };
  const first = matrices[0];
  return {
    report,
    diffable: {
      matrix: diffable,
      assumptions: report.assumptions,
      notes: report.notes,
      catalogDate: report.catalogDate,
      toolVersion: options.toolVersion,
      ...(Object.keys(callOptionsOf(call)).length > 0 ? { callOptions: callOptionsOf(call) } : {}),
      ...(first?.accounts[0]?.managedPolicyExtract
        ? { managedPolicyExtractDates: [first.accounts[0].managedPolicyExtract.date] }
        : {}),
    },
  };
}

/** The models every principal is checked against: those of modelsFrom, then those mapped code calls. */
function modelsOf(options: IacAnalysisOptions): { models: string[]; modelsFrom: IacReport['modelsFrom'] } {
  const { models, modelsFrom } = baseModelsOf(options);
  const inCode = modelsCalledByMappedCode(options.config, options.code?.modelIds ?? [], options.matchesPath);
  return { models: [...new Set([...models, ...inCode])], modelsFrom };
}

function baseModelsOf(options: IacAnalysisOptions): { models: string[]; modelsFrom: IacReport['modelsFrom'] } {
  if (options.models && options.models.length > 0)
    return { models: [...new Set(options.models)], modelsFrom: 'config' };
  const expected = [...new Set(options.config.expect.flatMap((entry) => entry.models))];
  if (expected.length > 0) return { models: expected, modelsFrom: 'config' };
  const inPolicies = modelsInPolicies(options.fragments, options.catalog);
  if (inPolicies.length > 0) return { models: inPolicies, modelsFrom: 'policies' };
  return { models: defaultMatrixModels(options.catalog, options.region), modelsFrom: 'default' };
}

/**
 * One finding per rule, place and message; sorted by file, line, rule, message (as data: report/ sorts the
 * findings of one file, line and rule by their words).
 */
function uniqueFindings(findings: readonly IacFinding[]): IacFinding[] {
  const seen = new Map<string, { finding: IacFinding; message: string }>();
  for (const finding of findings) {
    const message = JSON.stringify(finding.message);
    const key = [finding.rule, finding.file, finding.line, finding.column, message].join('\u0000');
    if (!seen.has(key)) seen.set(key, { finding, message });
  }
  return [...seen.values()]
    .sort(
      (a, b) =>
        compare(a.finding.file, b.finding.file) ||
        a.finding.line - b.finding.line ||
        compare(a.finding.rule, b.finding.rule) ||
        compare(a.message, b.message),
    )
    .map((entry) => entry.finding);
}

/** Findings a live (not expired) suppression of their rule and file hides; an expired one hides nothing. */
function applySuppressions(
  findings: readonly IacFinding[],
  options: IacAnalysisOptions,
): { findings: IacFinding[]; suppressed: IacSuppressedFinding[] } {
  const today = options.now.toISOString().slice(0, 10);
  const live = options.config.suppress.filter((entry) => !isExpired(entry.expires, today));
  const kept: IacFinding[] = [];
  const suppressed: IacSuppressedFinding[] = [];
  for (const finding of findings) {
    const by =
      finding.rule === 'expired-suppression'
        ? undefined
        : live.find((entry) => entry.rule === finding.rule && options.matchesPath(finding.file, entry.path));
    if (!by) kept.push(finding);
    else
      suppressed.push({
        finding,
        suppression: { rule: by.rule, path: by.path, reason: by.reason, expires: by.expires, line: by.span.line },
      });
  }
  return { findings: kept, suppressed };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `vpcEndpoint:` of the config: the declared endpoint every call in its Region goes through (calls in another Region
 * cannot use it). The CLI has already refused an address the repository does not declare.
 */
function configuredEndpoint(account: AccountModel, id: string | undefined, region: string) {
  if (id === undefined) return {};
  const found = findVpcEndpoint([account], id, region);
  return 'endpoint' in found ? { vpcEndpoint: found.endpoint } : {};
}
