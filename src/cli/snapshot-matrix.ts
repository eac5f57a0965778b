import { accountPrincipalArns, NO_SCP_CHAIN, principalPoliciesOf, type PoliciesOf } from '../analysis/index.js';
import { matrixBuilder, modelsFor } from '../analysis/matrix.js';
import { accountEntry, sameAccountGroups } from '../analysis/matrix-builder.js';
import { normalizeActions, shippedCatalog } from '../bedrock/index.js';
import {
  formatInputIssue,
  message,
  sortInputIssues,
  suggestNames,
  type AccessMatrix,
  type Assumption,
  type AccountModel,
  type InputIssue,
  type PrincipalPolicies,
} from '../model/index.js';
import { eachAccountFile, loadAccountFiles, modelsInUseOf } from '../sources/snapshot/load-snapshot.js';
import type { SnapshotInput } from '../sources/snapshot/snapshot-directory.js';
import { readScanSelections } from '../sources/snapshot/scan-selections.js';
import { renderScanHints } from '../report/cli-hints.js';
import { scanCompleteness } from '../analysis/scan-completeness.js';
import { loadPolicySet, type LoadedPolicySet } from '../sources/policy-set.js';
import { callOptions } from './call-options.js';
import { vpcEndpointOption } from './vpc-endpoint-option.js';
import { regionAssumption, resolveRegion } from './region.js';
import { requireModelId } from './shared-options.js';
import { accountWarnings, withGivenScpChain } from './snapshot-inputs.js';
import { writeStderr } from './standard-streams.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

/** The options that shape an access matrix, as yargs parsed them (`scan`; `diff` builds two). */
export interface MatrixArguments {
  /** Model ids, each entry possibly a comma-separated list. */
  readonly models?: readonly string[];
  /** Globs on principal ARN or name. */
  readonly principals?: readonly string[];
  readonly region?: string;
  readonly scp?: readonly string[];
  readonly scpLevels?: string;
  readonly context?: readonly string[];
  readonly assumeAbsent?: boolean;
  readonly trustModel?: boolean;
  readonly serviceTier?: string;
  readonly auth?: string;
  readonly guardrail?: string;
  /** --action: actions or API names (InvokeModelWithBidirectionalStream → bedrock:InvokeModel), as check takes them. */
  readonly action?: readonly string[];
  /** --vpc-endpoint: every call goes through this endpoint of the scanned accounts. */
  readonly vpcEndpoint?: string;
}

/**
 * The access matrix of the snapshots: every selected user and role × model, as `check` would answer
 * each. Validates the options (a usage error throws), reads the snapshots and the SCP files (an
 * invalid file throws an InputError naming file:line), and writes the snapshots' and SCP files'
 * warnings to stderr once. Knows nothing of output formats.
 */
export function snapshotMatrix(snapshots: readonly string[], args: MatrixArguments): AccessMatrix {
  return scanSnapshots(snapshots, args).matrix;
}

/**
 * `snapshotMatrix`, reading the accounts one at a time: each is parsed, its cells computed and the account
 * dropped before the next is read. With `keepReports: false` the matrix has no `results` (the formats that show
 * only the table and the causes do not read them); `policyFiles` are still the files its results read.
 */
export function scanSnapshots(
  snapshots: readonly string[],
  args: MatrixArguments,
  { keepReports = true }: { readonly keepReports?: boolean } = {},
): ScannedMatrix {
  if (snapshots.length === 0) throw new UsageError('give at least one --snapshot FILE');
  const options = matrixOptions(args);
  const accountIds: string[] = [];
  const inputs: SnapshotInput[] = [];
  const accounts = (function* () {
    for (const account of eachAccountFile(snapshots, undefined, inputs)) {
      accountIds.push(account.accountId);
      yield account;
    }
  })();
  const inUse = options.models.length > 0 ? [] : modelsInUseOf(snapshots);
  let built: ScannedMatrix;
  try {
    built = accountsMatrix(accounts, args, options, { modelsInUse: inUse, keepReports });
  } catch (error) {
    if (!(error instanceof RepeatedAccount)) throw error;
    // Several snapshots of one account (say, its principals split across files): read together, as one.
    const all = loadAccountFiles(snapshots);
    accountIds.splice(0, accountIds.length, ...all.map((account) => account.accountId));
    built = accountsMatrix(sameAccountGroups(all), args, options, { modelsInUse: inUse, keepReports, order: all });
  }
  const missing = scanCompleteness(readScanSelections(inputs), accountIds);
  for (const note of renderScanHints(missing)) writeStderr(`policy-check: ${note}\n`);
  return missing.length > 0
    ? { ...built, matrix: { ...built.matrix, notes: [...built.matrix.notes, ...missing] } }
    : built;
}

/** A matrix and the files of the policies its results read (where --output must not write). */
export interface ScannedMatrix {
  readonly matrix: AccessMatrix;
  readonly policyFiles: readonly string[];
}

/** Whether the matrix lacks accounts its organization scan was meant to cover (a shard or an account missing). */
export function missesScannedAccounts(matrix: AccessMatrix): boolean {
  return matrix.notes.some((note) => note.code === 'org-shards-missing' || note.code === 'org-accounts-missing');
}

/** The options of a matrix, validated before any account is read (a usage error throws). */
export function matrixOptions(args: MatrixArguments) {
  if (args.scp?.length && args.scpLevels) throw new UsageError('use either --scp or --scp-levels, not both');
  const catalog = shippedCatalog();
  const models = modelsOption(args.models);
  for (const model of models) requireModelId(model, '--models', catalog);
  const { region, source } = resolveRegion(args.region);
  // Every principal is checked: a long-term key with a role leaves that role's cells incomplete, not a usage error.
  const { context, call } = callOptions(args, undefined);
  const actions = normalizeActions(args.action ?? []);
  if (!actions.ok) throw new UsageError(`--action: ${actions.message}`);
  const operations = args.action?.length ? { operations: args.action } : {};
  return { catalog, models, region, source, context, actions: actions.actions, call: { ...call, ...operations } };
}

/**
 * The access matrix of accounts read one at a time (snapshot files, a live scan): each account's cells are
 * computed as it comes, and only what the output needs of them is kept (see `matrixBuilder`). `modelsInUse`:
 * the models the accounts name as in use, for a matrix without --models (read before, as the accounts come later).
 */
export function accountsMatrix(
  accounts: Iterable<AccountModel | readonly AccountModel[]>,
  args: MatrixArguments,
  { catalog, models, region, source, context, actions, call }: ReturnType<typeof matrixOptions>,
  {
    modelsInUse,
    keepReports = true,
    order,
  }: {
    readonly modelsInUse: readonly string[];
    readonly keepReports?: boolean;
    /** The accounts as given, when they come grouped (`sameAccountGroups`): the order the matrix lists them in. */
    readonly order?: readonly AccountModel[];
  },
): ScannedMatrix {
  const given = loadPolicySet({
    ...(args.scp ? { scp: args.scp } : {}),
    ...(args.scpLevels !== undefined ? { scpLevels: args.scpLevels } : {}),
  });
  // --vpc-endpoint names an endpoint of any of the accounts: they are all read before the first is analysed.
  let items: Iterable<AccountModel | readonly AccountModel[]> = accounts;
  let endpoint: ReturnType<typeof vpcEndpointOption> = {};
  if (args.vpcEndpoint !== undefined) {
    const all = [...accounts];
    items = all;
    endpoint = vpcEndpointOption(all.flat(), args.vpcEndpoint, region);
  }
  const chosen = modelsFor(modelsInUse, { models, catalog, region });
  if (chosen.models.length === 0)
    throw new UsageError(`no default model is offered in ${region}: name the models with --models ID,…`);
  const builder = matrixBuilder(
    {
      ...(models.length > 0 ? { models } : {}),
      ...(args.principals && args.principals.length > 0 ? { principals: args.principals } : {}),
      region,
      actions,
      catalog,
      now: new Date(),
      toolVersion: VERSION,
      context,
      assumeAbsent: args.assumeAbsent === true,
      trustModel: args.trustModel === true,
      ...call,
      ...endpoint,
      policiesOf: policiesWith(given, regionAssumption({ region, source })),
    },
    chosen,
    { keepReports },
  );
  const known: string[] = [];
  const seen = new Set<string>();
  const warnings: InputIssue[] = [];
  const ids = new Set<string>();
  for (const item of items) {
    const group: readonly AccountModel[] = Array.isArray(item) ? item : [item as AccountModel];
    for (const account of group) {
      for (const arn of accountPrincipalArns(account)) {
        // The same account given twice (or two snapshots of it) would put each principal in the matrix twice.
        if (seen.has(arn))
          throw new UsageError(`--snapshot: ${arn} is in more than one snapshot; give each account once`);
        seen.add(arn);
        known.push(arn);
      }
      warnings.push(...accountWarnings(account));
    }
    const id = group[0]?.accountId ?? '';
    if (ids.has(id)) throw new RepeatedAccount();
    ids.add(id);
    builder.add(group);
  }
  const built = builder.finish();
  const result = order ? { ...built, accounts: order.map(accountEntry) } : built;
  requireSelection(known, args.principals, result.principals.length);
  for (const warning of sortInputIssues(warnings)) writeStderr(`policy-check: ${formatInputIssue(warning)}\n`);
  for (const warning of given.warnings) writeStderr(`policy-check: ${formatInputIssue(warning)}\n`);
  return {
    matrix: { ...result, warnings: sortInputIssues([...warnings, ...given.warnings]) },
    policyFiles: builder.policyFiles(),
  };
}

/** An account came a second time, in another snapshot: its principals must be read with the first's. */
class RepeatedAccount extends Error {}

/** --models a,b --models c → [a, b, c]. */
function modelsOption(entries: readonly string[] | undefined): string[] {
  return (entries ?? [])
    .flatMap((entry) => entry.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/**
 * Each principal's policies as `check --snapshot` takes them, with the SCP chain given in place of the
 * snapshot's — except in the management account, which SCPs do not restrict (a service-linked role's
 * check leaves the SCPs out itself) — and where the Region came from among the assumptions.
 */
function policiesWith(given: LoadedPolicySet, regionText: Assumption | undefined): PoliciesOf {
  return (account, arn) => {
    const policies = principalPoliciesOf(account, arn);
    if (!policies) return undefined;
    const withChain = account.managementAccount
      ? managementAccountPolicies(policies, given)
      : withGivenScpChain(policies, given);
    return regionText ? { ...withChain, assumptions: [regionText, ...(withChain.assumptions ?? [])] } : withChain;
  };
}

// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
const MANAGEMENT_ACCOUNT = message('management-account');

function managementAccountPolicies(policies: PrincipalPolicies, given: LoadedPolicySet): PrincipalPolicies {
  if (!given.scpChain) return policies;
  const assumptions = (policies.assumptions ?? []).filter((assumption) => assumption.code !== NO_SCP_CHAIN.code);
  return {
    ...policies,
    assumptions: assumptions.some((assumption) => assumption.code === MANAGEMENT_ACCOUNT.code)
      ? assumptions
      : [...assumptions, MANAGEMENT_ACCOUNT],
  };
}

/** Principals to scan, or a usage error: an empty selection is a mistaken glob, not an account with no access. */
function requireSelection(known: readonly string[], globs: readonly string[] | undefined, selected: number): void {
  if (known.length === 0) throw new UsageError('the snapshots hold no user or role to scan');
  if (!globs || globs.length === 0) return;
  if (selected > 0) return;
  const nameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
  const names = [...new Set(known.map(nameOf))];
  // The same name under another path is likelier meant than a near spelling.
  const suggestions = [
    ...new Set(
      globs.flatMap((glob) => [
        ...known.filter((arn) => nameOf(arn) === nameOf(glob)),
        ...suggestNames(glob, names),
        ...suggestNames(glob, known),
      ]),
    ),
  ].slice(0, 3);
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
  throw new UsageError(
    `--principals ${globs.map((glob) => JSON.stringify(glob)).join(' ')}: no user or role of the snapshots matches (a glob matches the whole ARN or name: use * for a prefix)${hint}`,
  );
}
