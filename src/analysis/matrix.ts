import type { ApiKeyAuth, GuardrailRef, IndexedCatalog } from '../bedrock/index.js';
import {
  message,
  messageKey,
  uniqueMessages,
  type AccessMatrix,
  type AccountModel,
  type AccountVpcEndpoint,
  type CheckReport,
  type MatrixResult,
  type Note,
  type PrincipalPolicies,
  type ScpLevel,
  type UnresolvedPolicy,
} from '../model/index.js';
import { releaseCompiledPolicies } from '../engine/compiled-policy.js';
import { check } from './check.js';
import { checkInputFrom } from './check-input-from.js';
import type { CellEntry } from './matrix-causes.js';
import { accountEntry, matrixAssembly, sameAccountGroups, type MatrixChunk } from './matrix-builder.js';
import { concernsBedrock, fingerprint, principalKeyValues, principalReadsOf } from './matrix-fingerprint.js';
import { defaultMatrixModels } from './matrix-models.js';
import { selectPrincipals, type AccountPrincipal, type PoliciesOf } from './matrix-principals.js';
import { principalPoliciesOf } from './principal-policies-of.js';
import { endpointCall, endpointNote, gatingEndpoints, withEndpointWarnings } from './vpc-endpoints.js';

export interface MatrixOptions {
  /** Model or inference profile ids; default: the accounts' models in use, else `defaultMatrixModels`. */
  readonly models?: readonly string[];
  /** Globs on principal ARN or name (`*`, `?`); default: every user and role. */
  readonly principals?: readonly string[];
  readonly region: string;
  /** IAM actions (already normalized). */
  readonly actions: readonly string[];
  readonly catalog: IndexedCatalog;
  readonly now: Date;
  readonly toolVersion: string;
  /** Replaces every account's SCP chain (--scp / --scp-levels). */
  readonly scpLevels?: readonly ScpLevel[];
  readonly context?: Readonly<Record<string, readonly string[]>>;
  readonly assumeAbsent?: boolean;
  readonly trustModel?: boolean;
  /** The service tier every call asks for (bedrock:ServiceTier on the invoke requests); undefined: unknown. */
  readonly serviceTier?: string;
  /** A principal's effective policies; default: `principalPoliciesOf` (identity + groups + boundary + SCPs + tags). */
  readonly policiesOf?: PoliciesOf;
  /** Every call is made with an Amazon Bedrock API key (--auth api-key). */
  readonly apiKey?: ApiKeyAuth;
  /** Every call names this guardrail (--guardrail); an id is a guardrail of each principal's own account. */
  readonly guardrail?: GuardrailRef;
  /** The API operations named (--action), for how they are authorized (InvokeModelWithBidirectionalStream). */
  readonly operations?: readonly string[];
  /**
   * Every call goes through this bedrock-runtime interface endpoint (--vpc-endpoint, found by `findVpcEndpoint`).
   * Undefined: each allowed cell is also checked through each endpoint of its account that has a policy, a
   * warning when that endpoint would not allow it.
   */
  readonly vpcEndpoint?: AccountVpcEndpoint;
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
  const policiesOf = options.policiesOf ?? principalPoliciesOf;
  const selected = selectPrincipals(list, options.principals);
  const notes: Note[] = [...endpointNote(list, options.region, options.vpcEndpoint)];

  const groups = new Map<string, Group>();
  const tagsOf = new Map<string, Readonly<Record<string, string>> | undefined>();
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
    tagsOf.set(entry.entry.arn, loaded.principalTags);
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

  const results: MatrixResult[] = [];
  const cells: CellEntry[] = [];
  let evaluations = 0;
  // A group's representative is evaluated once per model: what its tags put in the context is worked out once.
  const callers = new Map<PrincipalPolicies, CallerContext>();
  const evaluate = (entry: AccountPrincipal, policies: PrincipalPolicies, model: string): MatrixResult => {
    evaluations++;
    let caller = callers.get(policies);
    if (!caller) {
      caller = callerContext(policies, tagsOf.get(entry.entry.arn), options);
      callers.set(policies, caller);
    }
    const input = checkInput(policies, caller, model, options);
    const checked = withEndpointWarnings(
      check(input),
      options.vpcEndpoint ? [] : gatingEndpoints(entry.account, options.region),
      (endpoint) => {
        evaluations++;
        return check({ ...input, ...endpointCall(endpoint, input.context) });
      },
    );
    const report = withUnresolved(checked, [...(policies.unresolvedPolicies ?? [])]);
    return { report, displayArn: entry.principal.displayArn };
  };
  for (const group of groups.values()) {
    for (const model of models) {
      const shared = evaluate(group.representative, group.policies, model);
      results.push(shared);
      const sharedIndex = results.length - 1;
      const readsGiven = principalKeysInFindings(shared.report);
      // Members whose shown values equal an evaluated member's share its result (keyed by those values).
      const byShownValues = new Map<string, number>();
      if (readsGiven.size > 0) byShownValues.set(shownValues(group.representative, readsGiven, tagsOf), sharedIndex);
      for (const member of group.members) {
        let index = sharedIndex;
        let result = shared;
        // A finding that shows a principal key's value (a failing condition) is the member's own.
        if (member !== group.representative && readsGiven.size > 0) {
          const shown = shownValues(member, readsGiven, tagsOf);
          const known = byShownValues.get(shown);
          if (known !== undefined) {
            index = known;
            result = results[known]!;
          } else {
            result = evaluate(member, { ...group.policies, principal: member.principal }, model);
            results.push(result);
            index = results.length - 1;
            byShownValues.set(shown, index);
          }
        }
        const report = result.report;
        cells.push({
          cell: {
            principal: member.entry.arn,
            principalType: member.type,
            model,
            region: options.region,
            verdict: report.verdict,
            fails: report.verdict === 'allowed' && report.findings.some((finding) => finding.severity === 'error'),
            result: index,
          },
          report: result.report,
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
  return { selected, cells, results, notes, groups: groups.size, evaluations };
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

const TAG_PREFIX = 'aws:principaltag/';

interface CallerContext {
  /** The principal's tags, then the user's --context. */
  readonly context: Readonly<Record<string, readonly string[]>>;
  readonly absentKeys: readonly string[];
  readonly tagContext: Readonly<Record<string, readonly string[]>>;
}

function callerContext(
  policies: PrincipalPolicies,
  tags: Readonly<Record<string, string>> | undefined,
  options: MatrixOptions,
): CallerContext {
  const tagContext: Record<string, readonly string[]> = {};
  for (const [key, value] of Object.entries(tags ?? {})) tagContext[`aws:PrincipalTag/${key}`] = [value];
  // The source knows every tag of the principal: a tag a policy reads that the principal lacks is absent.
  const known = new Set(Object.keys(tags ?? {}).map((key) => `${TAG_PREFIX}${key.toLowerCase()}`));
  const absentKeys = tags === undefined ? [] : principalReadsOf(policies).tagKeys.filter((key) => !known.has(key));
  return { context: { ...tagContext, ...(options.context ?? {}) }, absentKeys, tagContext };
}

function checkInput(
  policies: PrincipalPolicies,
  { context, absentKeys, tagContext }: CallerContext,
  model: string,
  options: MatrixOptions,
) {
  return {
    ...checkInputFrom(policies, {
      model,
      region: options.region,
      actions: options.actions,
      now: options.now,
      toolVersion: options.toolVersion,
      catalog: options.catalog,
      context,
      ...(options.assumeAbsent !== undefined ? { assumeAbsent: options.assumeAbsent } : {}),
      ...(options.trustModel !== undefined ? { trustModel: options.trustModel } : {}),
      ...(options.serviceTier !== undefined ? { serviceTier: options.serviceTier } : {}),
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.guardrail ? { guardrail: options.guardrail } : {}),
      ...(options.operations?.length ? { operations: options.operations } : {}),
      ...(options.vpcEndpoint ? endpointCall(options.vpcEndpoint, { ...tagContext, ...(options.context ?? {}) }) : {}),
    }),
    ...(absentKeys.length > 0 ? { absentKeys } : {}),
  };
}

/** The endpoints whose policy a principal's cells are evaluated against: the one every call goes through, else the account's. */
function endpointsFor(account: AccountModel, options: MatrixOptions): readonly AccountVpcEndpoint[] {
  if (options.vpcEndpoint) return options.vpcEndpoint.policy ? [options.vpcEndpoint] : [];
  return gatingEndpoints(account, options.region);
}

/**
 * A principal's checks cannot be complete while a policy it refers to is unknown: the unknown policy
 * may allow what the others deny, or deny what they allow. Only an explicit Deny stands whatever it holds.
 */
function withUnresolved(report: CheckReport, unresolved: readonly UnresolvedPolicy[]): CheckReport {
  // check() names the policies it was given as unresolved itself; a line here is for any other.
  const missing = unresolved.filter(
    (entry) => !report.unresolved.some((item) => item.code === 'unresolved-policy' && item.params.arn === entry.arn),
  );
  if (unresolved.length === 0) return report;
  const lines = missing.map((entry) =>
    message('principal-unresolved-policy', { arn: entry.arn, reason: entry.reason }),
  );
  const explicitDeny = report.checks.some((entry) => entry.decision === 'explicit-deny');
  return {
    ...report,
    verdict: explicitDeny ? 'denied' : 'incomplete',
    unresolved: uniqueMessages([...report.unresolved, ...lines]),
  };
}

/** The principal keys whose values a report's findings show (failing conditions give the request's values). */
function principalKeysInFindings(report: CheckReport): Set<string> {
  const keys = new Set<string>();
  for (const finding of report.findings)
    for (const failing of finding.failingConditions ?? []) {
      const key = failing.key.toLowerCase();
      if (key.startsWith('aws:principal') || key === 'aws:username') keys.add(key);
    }
  return keys;
}

/** The member's values of the keys a finding shows, as a key: equal values give equal findings. */
function shownValues(
  member: AccountPrincipal,
  keys: ReadonlySet<string>,
  tagsOf: ReadonlyMap<string, Readonly<Record<string, string>> | undefined>,
): string {
  const values = principalKeyValues(member.principal, tagsOf.get(member.entry.arn));
  return JSON.stringify([...keys].sort().map((key) => values.get(key) ?? null));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compare);
}
