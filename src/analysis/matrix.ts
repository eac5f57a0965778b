import {
  message,
  messageKey,
  type AccessMatrix,
  type AccountModel,
  type AccountVpcEndpoint,
  type MatrixResult,
  type Note,
  type PrincipalPolicies,
  type ScpLevel,
} from '../model/index.js';
import { releaseCompiledPolicies } from '../engine/compiled-policy.js';
import type { CellEntry } from './matrix-causes.js';
import { accountEntry, matrixAssembly, sameAccountGroups, type MatrixChunk } from './matrix-builder.js';
import { concernsBedrock, fingerprint, principalKeyValues, principalReadsOf } from './matrix-fingerprint.js';
import { evaluateGroup, type GroupEvaluationOptions, type GroupTask } from './matrix-groups.js';
import { defaultMatrixModels } from './matrix-models.js';
import { selectPrincipals, type AccountPrincipal, type PoliciesOf } from './matrix-principals.js';
import { principalPoliciesOf } from './principal-policies-of.js';
import { endpointNote, gatingEndpoints } from './vpc-endpoints.js';

export interface MatrixOptions extends GroupEvaluationOptions {
  /** Model or inference profile ids; default: the accounts' models in use, else `defaultMatrixModels`. */
  readonly models?: readonly string[];
  /** Globs on principal ARN or name (`*`, `?`); default: every user and role. */
  readonly principals?: readonly string[];
  /** Replaces every account's SCP chain (--scp / --scp-levels). */
  readonly scpLevels?: readonly ScpLevel[];
  /** A principal's effective policies; default: `principalPoliciesOf` (identity + groups + boundary + SCPs + tags). */
  readonly policiesOf?: PoliciesOf;
}

interface Group {
  readonly representative: AccountPrincipal;
  readonly policies: PrincipalPolicies;
  readonly members: AccountPrincipal[];
}

/**
 * Every selected principal × model → the same result as `check()`, with findings and verified fixes,
 * computed once per group of principals whose effective policies (and what those read of the principal)
 * are the same; each cell's own report is `cellReport(matrix, cell)`. Account by account: groups never
 * span two accounts (a principal's account is part of its fingerprint), so `matrixBuilder` can take the
 * accounts one at a time and drop each once its cells are in.
 */
export function matrix(accounts: AccountModel | readonly AccountModel[], options: MatrixOptions): AccessMatrix {
  const list: readonly AccountModel[] = Array.isArray(accounts) ? accounts : [accounts as AccountModel];
  const builder = matrixBuilder(
    options,
    modelsFor(
      list.flatMap((account) => account.bedrock?.modelsInUse ?? []),
      options,
    ),
  );
  for (const models of sameAccountGroups(list)) builder.add(models);
  return { ...builder.finish(), accounts: list.map(accountEntry) };
}

/**
 * The matrix of accounts given one at a time: each account's cells are computed when it is added, and only
 * what the output needs of them is kept (with `keepReports: false`, not even the reports, for the formats
 * that show only the table and the causes), so the caller can drop the account.
 */
export function matrixBuilder(
  options: MatrixOptions,
  { models, modelsFrom }: { models: readonly string[]; modelsFrom: AccessMatrix['modelsFrom'] },
  { keepReports = true }: { readonly keepReports?: boolean } = {},
): {
  /** One account: a model, or every snapshot of it (never add an account twice: its principals would interleave). */
  add(account: AccountModel | readonly AccountModel[]): void;
  finish(): AccessMatrix;
  policyFiles(): string[];
} {
  const assembly = matrixAssembly(options, models, modelsFrom, keepReports);
  return {
    add: (account) => {
      const list: readonly AccountModel[] = Array.isArray(account) ? account : [account as AccountModel];
      assembly.add(list, matrixChunk(list, options, models));
      // The account's policies (and the copies the fix planner edited) are not evaluated again.
      releaseCompiledPolicies();
    },
    finish: () => assembly.finish(),
    policyFiles: () => assembly.policyFiles(),
  };
}

/** The cells of one account's selected principals × the models (the account's snapshots). */
function matrixChunk(list: readonly AccountModel[], options: MatrixOptions, models: readonly string[]): MatrixChunk {
  const { selected, groups, tagsOf, notes } = principalGroups(list, options);
  const tasks = groups.map(
    (group): GroupTask => ({
      policies: group.policies,
      endpoints: options.vpcEndpoint ? [] : gatingEndpoints(group.representative.account, options.region),
      members: group.members.map((member) => ({ principal: member.principal, tags: tagsOf.get(member) })),
    }),
  );
  const evaluated = tasks.map((task) => evaluateGroup(task, models, options));

  const results: MatrixResult[] = [];
  const cells: CellEntry[] = [];
  let evaluations = 0;
  for (const [groupIndex, group] of groups.entries()) {
    const outcome = evaluated[groupIndex]!;
    evaluations += outcome.evaluations;
    for (const [modelIndex, model] of models.entries()) {
      const { results: computed, memberResults } = outcome.models[modelIndex]!;
      const first = results.length;
      results.push(...computed);
      for (const [memberIndex, member] of group.members.entries()) {
        const result = computed[memberResults[memberIndex]!]!;
        const report = result.report;
        cells.push({
          cell: {
            principal: member.entry.arn,
            principalType: member.type,
            model,
            region: options.region,
            verdict: report.verdict,
            fails: report.verdict === 'allowed' && report.findings.some((finding) => finding.severity === 'error'),
            result: first + memberResults[memberIndex]!,
          },
          report,
          displayArn: result.displayArn,
          principalDisplayArn: member.principal.displayArn,
        });
      }
    }
  }

  const modelOrder = new Map(models.map((model, index) => [model, index]));
  cells.sort(
    (a, b) =>
      compare(a.cell.principal, b.cell.principal) || modelOrder.get(a.cell.model)! - modelOrder.get(b.cell.model)!,
  );
  return { selected, cells, results, notes, groups: groups.length, evaluations };
}

/**
 * The account's selected principals in groups whose effective policies, what those read of the principal and
 * what the source assumed of it are the same, each principal with the tags its source gave.
 */
function principalGroups(list: readonly AccountModel[], options: MatrixOptions) {
  const policiesOf = options.policiesOf ?? principalPoliciesOf;
  const selected = selectPrincipals(list, options.principals);
  const tagsOf = new Map<AccountPrincipal, Readonly<Record<string, string>> | undefined>();
  const notes: Note[] = [...endpointNote(list, options.region, options.vpcEndpoint)];
  const groups = new Map<string, Group>();
  for (const entry of selected) {
    const loaded = policiesOf(entry.account, entry.entry.arn);
    if (!loaded) throw new Error(`${entry.entry.arn}: no such user or role in account ${entry.account.accountId}`);
    const identity = loaded.identity.filter(concernsBedrock);
    const scpLevels = options.scpLevels && !entry.account.managementAccount ? options.scpLevels : loaded.scpLevels;
    const policies: PrincipalPolicies = {
      ...loaded,
      identity,
      ...(scpLevels ? { scpLevels } : {}),
      principal: entry.principal,
    };
    if (identity.length < loaded.identity.length) notes.push(message('identity-policies-left-out'));
    tagsOf.set(entry, loaded.principalTags);
    const reads = principalReadsOf(policies);
    // An endpoint policy names principals (Principal, aws:PrincipalArn): where one applies, each principal is its own group.
    const endpointKey = endpointsFor(entry.account, options).length > 0 ? `\u0000${entry.entry.arn}` : '';
    // What the source assumed of this principal (its tags, an extract, SCP exemption) is part of its report.
    const key = `${endpointKey}${fingerprint(
      entry.principal,
      policies,
      reads,
      principalKeyValues(entry.principal, loaded.principalTags),
      loaded.principalTags !== undefined,
    )}\u0000${(loaded.assumptions ?? []).map(messageKey).join('\u0000')}`;
    const group = groups.get(key);
    if (group) group.members.push(entry);
    else groups.set(key, { representative: entry, policies, members: [entry] });
  }
  return { selected, groups: [...groups.values()], tagsOf, notes };
}

/** The models of the matrix: as given, else those the accounts use (`bedrock.modelsInUse`), else the default ones offered in the Region. */
export function modelsFor(
  modelsInUse: readonly string[],
  options: Pick<MatrixOptions, 'models' | 'catalog' | 'region'>,
): { models: string[]; modelsFrom: AccessMatrix['modelsFrom'] } {
  if (options.models && options.models.length > 0)
    return { models: [...new Set(options.models)], modelsFrom: 'option' };
  const inUse = uniqueSorted(modelsInUse);
  if (inUse.length > 0) return { models: inUse, modelsFrom: 'snapshot' };
  return { models: defaultMatrixModels(options.catalog, options.region), modelsFrom: 'default' };
}

/** The endpoints whose policy a principal's cells are evaluated against: the one every call goes through, else the account's. */
function endpointsFor(account: AccountModel, options: MatrixOptions): readonly AccountVpcEndpoint[] {
  if (options.vpcEndpoint) return options.vpcEndpoint.policy ? [options.vpcEndpoint] : [];
  return gatingEndpoints(account, options.region);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compare);
}
