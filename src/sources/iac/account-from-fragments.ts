import {
  isUnresolvedPolicy,
  message,
  PLACEHOLDER_ACCOUNT,
  withPolicyId,
  type AccountGroup,
  type Assumption,
  type AccountModel,
  type AccountRole,
  type AccountUser,
  type IacAccounts,
  type IacConfig,
  type IacFragment,
  type IacOrganizationNode,
  type IacPrincipal,
  type IacPrincipalRef,
  type IacScp,
  type IacScpTarget,
  type IacVariant,
  type InputIssue,
  type Policy,
  type ScpLevel,
  type UnresolvedPolicy,
} from '../../model/index.js';
import { parsePolicyDocument, type ManagedPolicyExtract } from '../../parse/index.js';

// A second account id, only to see whether a decision depends on the guessed one.
const OTHER_ACCOUNT = '210987654321';
/** Each account id is one more evaluation of the whole matrix. */
const MAX_NAMED_ACCOUNTS = 3;
const FULL_AWS_ACCESS_ARN = 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess';
const FULL_AWS_ACCESS_DOCUMENT =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
/** Characters IAM allows in a role or user name; an address used as a name keeps only these. */
const NOT_IN_IAM_NAMES = /[^\w+=,.@-]/g;

export interface MergeOptions {
  readonly config: IacConfig;
  readonly region: string;
  /** The repository root as reports name it. */
  readonly root: string;
  readonly extract?: ManagedPolicyExtract;
}

/**
 * Every reader's fragment merged into the accounts the matrix evaluates. Principals of the same kind and
 * name are one (plain policy files name the principal they belong to); ARNs are built from the name and
 * the account the config gives, else a placeholder account that is checked against another; AWS managed
 * policy ARNs resolve from the dated extract, customer managed ones from the repository's policies, and
 * whatever resolves from neither stays unresolved (the principal's checks are incomplete). The SCP chain is
 * built from the SCPs and their targets; one the repository cannot place applies conditionally.
 */
export function accountsFromFragments(
  fragments: readonly IacFragment[],
  options: MergeOptions,
): {
  accounts: IacAccounts;
  warnings: InputIssue[];
} {
  const warnings: InputIssue[] = [];
  const partition = partitionOf(options.region);
  const managed = fragments.flatMap((fragment) => fragment.managedPolicies);
  const roles = mergePrincipals(fragments, (fragment) => fragment.roles, 'role', warnings);
  const users = mergePrincipals(fragments, (fragment) => fragment.users, 'user', warnings);
  const groups = mergePrincipals(fragments, (fragment) => fragment.groups, 'group', warnings);
  // A plain policy file names a principal: a user of that name when the repository declares no role of it.
  for (const fragment of fragments.filter((entry) => entry.format === 'policy-json'))
    for (const role of fragment.roles) {
      const user = users.get(role.name);
      if (user && !roles.has(role.name) && !user.fromPolicyJson) {
        users.set(role.name, {
          ...user,
          principal: { ...user.principal, policies: [...user.principal.policies, ...role.policies] },
        });
      } else {
        const existing = roles.get(role.name);
        roles.set(
          role.name,
          existing && !existing.fromPolicyJson
            ? {
                ...existing,
                principal: {
                  ...existing.principal,
                  policies: [...existing.principal.policies, ...role.policies],
                  ...(role.permissionsBoundary ? { permissionsBoundary: role.permissionsBoundary } : {}),
                },
              }
            : (existing ?? { principal: role, fromPolicyJson: true }),
        );
      }
    }
  const accountKnown = options.config.account !== undefined;
  // Without the account, a placeholder, another id, and the ids the policies name: a decision that differs
  // between them depends on where the repository is deployed.
  const accountIds = accountKnown
    ? [options.config.account!]
    : [...new Set([PLACEHOLDER_ACCOUNT, OTHER_ACCOUNT, ...accountsNamed(fragments)])];
  const scps = fragments.flatMap((fragment) => fragment.scps);
  const nodes = fragments.flatMap((fragment) => fragment.organizationNodes);
  const placement = placeScps(scps, nodes, options.config);
  // Endpoints carry no account in their policies' ids: every variant has the same ones (their Principal ARNs are as written).
  const vpcEndpoints = fragments
    .flatMap((fragment) => fragment.vpcEndpoints ?? [])
    .map(({ address: _, declaredAt: __, ...endpoint }) => endpoint);
  const extractArns = new Set<string>();
  const variants: IacVariant[] = [];
  for (const [accountIndex, accountId] of accountIds.entries()) {
    for (const withConditionalScps of placement.conditional.length > 0 ? [true, false] : [false]) {
      const resolve = resolver(accountId, partition, managed, options.extract, extractArns);
      const build = <T extends AccountUser | AccountRole | AccountGroup>(
        principal: IacPrincipal<T>,
        kind: 'user' | 'role' | 'group',
      ): T => {
        const name = iamName(principal);
        const path = principal.path || '/';
        const { policies, unresolved } = resolve(principal.policies, principal.unresolvedPolicies);
        const boundary = 'permissionsBoundary' in principal ? principal.permissionsBoundary : undefined;
        return {
          ...principal,
          arn: `arn:${partition}:iam::${accountId}:${kind}${path}${name}`,
          name,
          path,
          policies,
          unresolvedPolicies: unresolved,
          ...(boundary ? { permissionsBoundary: resolve.boundary(boundary) } : {}),
        } as T;
      };
      const account: AccountModel = {
        accountId,
        partition,
        ...(options.config.organization?.id ? { organizationId: options.config.organization.id } : {}),
        ...(placement.levels(withConditionalScps) ? { scpLevels: placement.levels(withConditionalScps)! } : {}),
        users: [...users.values()].map((entry) => build(entry.principal, 'user')),
        groups: [...groups.values()].map((entry) => build(entry.principal, 'group')),
        roles: [...roles.values()].map((entry) => build(entry.principal, 'role')),
        regions: [options.region],
        ...(vpcEndpoints.length > 0 ? { vpcEndpoints } : {}),
        origin: { kind: 'iac', file: options.root },
        ...(options.extract && extractArns.size > 0
          ? {
              managedPolicyExtract: {
                date: options.extract.date,
                source: options.extract.source,
                arns: [...extractArns].sort(),
              },
            }
          : {}),
        warnings: [],
      };
      variants.push({ account, accountGuessed: !accountKnown && accountIndex === 0, withConditionalScps });
    }
  }
  const refs: IacPrincipalRef[] = [
    ...[...users.values()].map((entry) => ref(entry.principal, 'user')),
    ...[...roles.values()].map((entry) => ref(entry.principal, 'role')),
  ].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const assumptions: Assumption[] = [
    ...(accountKnown ? [] : [message('iac-account-unknown', { account: PLACEHOLDER_ACCOUNT })]),
    ...placement.assumptions,
  ];
  return { accounts: { variants, principals: refs, conditionalScps: placement.conditional, assumptions }, warnings };
}

/** The 12-digit account ids the repository's policies name (in ARNs or condition values), at most a few. */
function accountsNamed(fragments: readonly IacFragment[]): string[] {
  const ids = new Set<string>();
  const policies = fragments.flatMap((fragment) => [
    ...fragment.managedPolicies,
    ...fragment.scps.map((scp) => scp.policy),
    ...[...fragment.users, ...fragment.groups, ...fragment.roles].flatMap((principal) => principal.policies),
  ]);
  for (const policy of policies)
    for (const statement of policy.statements) {
      const values = [
        ...(statement.resource ?? []),
        ...(statement.notResource ?? []),
        ...statement.conditions.flatMap((clause) => clause.values),
      ];
      for (const value of values) for (const match of value.matchAll(/(?<!\d)\d{12}(?!\d)/g)) ids.add(match[0]);
    }
  return [...ids].sort().slice(0, MAX_NAMED_ACCOUNTS);
}

interface Merged<T> {
  readonly principal: IacPrincipal<T>;
  readonly fromPolicyJson?: boolean;
}

function mergePrincipals<T extends AccountUser | AccountRole | AccountGroup>(
  fragments: readonly IacFragment[],
  listOf: (fragment: IacFragment) => readonly IacPrincipal<T>[],
  kind: 'user' | 'role' | 'group',
  warnings: InputIssue[],
): Map<string, Merged<T>> {
  const merged = new Map<string, Merged<T>>();
  for (const fragment of fragments.filter((entry) => entry.format !== 'policy-json'))
    for (const principal of listOf(fragment)) {
      const existing = merged.get(principal.name);
      if (!existing) {
        merged.set(principal.name, { principal });
        continue;
      }
      warnings.push({
        severity: 'warning',
        file: principal.declaredAt.file,
        line: principal.declaredAt.line,
        column: principal.declaredAt.column,
        code: 'iac-duplicate-principal',
        message: `${kind} ${principal.name} (${principal.address}) is also declared at ${existing.principal.declaredAt.file}:${existing.principal.declaredAt.line}; their policies are taken together`,
      });
      merged.set(principal.name, {
        principal: {
          ...existing.principal,
          policies: [...existing.principal.policies, ...principal.policies],
          unresolvedPolicies: [...existing.principal.unresolvedPolicies, ...principal.unresolvedPolicies],
        } as unknown as IacPrincipal<T>,
      });
    }
  return merged;
}

function iamName(principal: IacPrincipal<{ readonly name: string }>): string {
  return principal.name.replace(NOT_IN_IAM_NAMES, '_');
}

function ref(principal: IacPrincipal<AccountUser | AccountRole>, type: 'user' | 'role'): IacPrincipalRef {
  return {
    key: `${type}/${iamName(principal)}`,
    type,
    name: principal.name,
    address: principal.address,
    declaredAt: principal.declaredAt,
  };
}

type Resolve = ((
  policies: readonly Policy[],
  unresolved: readonly UnresolvedPolicy[],
) => { policies: Policy[]; unresolved: UnresolvedPolicy[] }) & {
  boundary(value: Policy | UnresolvedPolicy): Policy | UnresolvedPolicy;
};

/** Resolves a principal's unresolved managed policy ARNs: AWS managed from the extract, customer managed from the repository. */
function resolver(
  accountId: string,
  partition: string,
  managed: readonly Policy[],
  extract: ManagedPolicyExtract | undefined,
  extractArns: Set<string>,
): Resolve {
  const one = (entry: UnresolvedPolicy, type: Policy['type']): Policy | UnresolvedPolicy => {
    if (/^arn:[^:]+:iam::aws:policy\//.test(entry.arn)) {
      const policy = extract?.policy(entry.arn, type);
      if (!policy) return entry;
      extractArns.add(entry.arn);
      return policy;
    }
    const customer = /^arn:[^:]+:iam::[^:]*:policy\/(?:.*\/)?([^/]+)$/.exec(entry.arn);
    const found = customer ? managed.find((policy) => policy.name === customer[1]) : undefined;
    if (!found) return entry;
    const arn = `arn:${partition}:iam::${accountId}:policy/${customer![1]}`;
    return withPolicyId({ ...found, type, arn });
  };
  const resolve = ((policies: readonly Policy[], unresolved: readonly UnresolvedPolicy[]) => {
    const resolved = unresolved.map((entry) => one(entry, 'identity'));
    return {
      policies: [...policies, ...resolved.filter((entry): entry is Policy => !isUnresolvedPolicy(entry))],
      unresolved: resolved.filter(isUnresolvedPolicy),
    };
  }) as Resolve;
  resolve.boundary = (value) => (isUnresolvedPolicy(value) ? one(value, 'permissions-boundary') : value);
  return resolve;
}

interface Placement {
  /** The chain root → OUs → account; undefined when the repository declares no SCP. */
  levels(withConditional: boolean): ScpLevel[] | undefined;
  readonly conditional: string[];
  readonly assumptions: Assumption[];
}

/**
 * Where each SCP applies: attached to the root, always; to an OU or account, only when the config's account
 * is (under) it; to a target the repository cannot place (no account in the config, an OU whose accounts
 * are not known, a target known only after deployment), conditionally.
 */
function placeScps(scps: readonly IacScp[], nodes: readonly IacOrganizationNode[], config: IacConfig): Placement {
  if (scps.length === 0) return { levels: () => undefined, conditional: [], assumptions: [] };
  const full = fullAwsAccess();
  const byAddress = new Map(nodes.map((node) => [node.address, node]));
  const accountNode = config.account
    ? nodes.find((node) => node.kind === 'account' && node.id === config.account)
    : undefined;
  // The OUs above the account, root first, when the config or the repository says.
  const path = ouPath(accountNode, byAddress, config);
  const root: Policy[] = [full];
  const ous = new Map<string, Policy[]>((path ?? []).map((ou) => [ou, [full]]));
  const account: Policy[] = [full];
  const conditional: { policy: Policy; text: string }[] = [];
  const isOurs = (target: IacScpTarget): boolean | undefined => {
    if (target.kind === 'root') return true;
    if (target.kind === 'unknown') return undefined;
    const node = target.address ? byAddress.get(target.address) : undefined;
    const id = target.id ?? node?.id;
    if (target.kind === 'account') {
      if (!target.id && !target.address) return true; // attached to "the account", as plain policy files say
      if (!config.account || !id) return undefined;
      return id === config.account;
    }
    if (!path) return undefined;
    return path.includes(id ?? '') || path.includes(target.address ?? '');
  };
  const describe = (target: IacScpTarget) =>
    target.kind === 'unknown'
      ? `attached to ${target.expression ?? 'a target known only after deployment'}`
      : `if deployed to ${target.kind === 'organizational-unit' ? 'OU' : 'account'} ${target.id ?? target.address ?? '?'}`;
  for (const scp of scps) {
    for (const target of scp.targets) {
      const ours = isOurs(target);
      if (ours === false) continue;
      if (ours === undefined) {
        conditional.push({
          policy: scp.policy,
          text: `${scp.address} (${scp.declaredAt.file}:${scp.declaredAt.line}) ${describe(target)}`,
        });
        continue;
      }
      if (target.kind === 'root') root.push(scp.policy);
      else if (target.kind === 'account') account.push(scp.policy);
      else {
        const id = target.id ?? (target.address ? byAddress.get(target.address)?.id : undefined);
        const key = (path ?? []).find((ou) => ou === id || ou === target.address);
        if (key) ous.get(key)!.push(scp.policy);
      }
    }
  }
  const levels = (withConditional: boolean): ScpLevel[] => [
    { name: 'Root', policies: root },
    ...[...ous].map(([name, policies]) => ({ name, policies })),
    {
      name: 'Account',
      policies: withConditional ? [...account, ...conditional.map((entry) => entry.policy)] : account,
    },
  ];
  return {
    levels,
    conditional: [...new Set(conditional.map((entry) => entry.text))].sort(),
    assumptions: [message('iac-scps-full-access')],
  };
}

function ouPath(
  accountNode: IacOrganizationNode | undefined,
  byAddress: ReadonlyMap<string, IacOrganizationNode>,
  config: IacConfig,
): string[] | undefined {
  if (config.organization?.path.length) return [...config.organization.path];
  if (!accountNode) return undefined;
  const path: string[] = [];
  let parent = accountNode.parent;
  for (let depth = 0; parent && depth < 10; depth++) {
    const node = parent.address ? byAddress.get(parent.address) : undefined;
    if (node?.kind === 'root' || parent.id?.startsWith('r-')) return path.reverse();
    if (!node) return parent.id?.startsWith('ou-') ? undefined : undefined;
    path.push(node.id ?? node.address);
    parent = node.parent;
  }
  return undefined;
}

function fullAwsAccess(): Policy {
  const parsed = parsePolicyDocument(FULL_AWS_ACCESS_DOCUMENT, 'FullAWSAccess', {
    type: 'scp',
    name: 'FullAWSAccess',
    arn: FULL_AWS_ACCESS_ARN,
  });
  if (!parsed.policy) throw new Error('the built-in FullAWSAccess document does not parse');
  // Read from no file: the name parsePolicyDocument needed for its spans and messages is no file of the policy's.
  const { file: _file, id: _id, ...document } = parsed.policy;
  return withPolicyId({ ...document, builtIn: true });
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
