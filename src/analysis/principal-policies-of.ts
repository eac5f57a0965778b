import {
  isUnresolvedPolicy,
  message,
  parsePrincipal,
  type AccountModel,
  type Assumption,
  type AccountRole,
  type AccountUser,
  type ActionCorrection,
  type Policy,
  type PrincipalPolicies,
  type UnresolvedPolicy,
} from '../model/index.js';

/** What a check assumes of SCPs when the account model holds no chain. */
export const NO_SCP_CHAIN: Assumption = message('snapshot-no-scp-chain');

// An account model is immutable once read: index its callers once, not one scan per principal (a
// matrix asks for every principal, which made the scans quadratic in the account's size).
const callersByArn = new WeakMap<AccountModel, ReadonlyMap<string, AccountUser | AccountRole>>();

/** The users and roles of an account (the principals that call), by ARN; the first of an ARN wins, users first. */
function accountPrincipal(account: AccountModel, arn: string): AccountUser | AccountRole | undefined {
  let index = callersByArn.get(account);
  if (!index) {
    const byArn = new Map<string, AccountUser | AccountRole>();
    for (const caller of [...account.users, ...account.roles])
      if (!byArn.has(caller.arn)) byArn.set(caller.arn, caller);
    index = byArn;
    callersByArn.set(account, index);
  }
  return index.get(arn);
}

/** Every caller ARN of the account, users then roles, each sorted: for listings and did-you-mean. */
export function accountPrincipalArns(account: AccountModel): string[] {
  return [...account.users.map((user) => user.arn), ...account.roles.map((role) => role.arn)];
}

/**
 * Everything that governs one user or role of the account, as one check takes it: a user's own inline
 * and attached policies plus those of its groups; a role's; the permissions boundary; the SCP chain
 * unless SCPs do not apply (a service-linked role, the management account); the principal's tags for
 * aws:PrincipalTag/*; and whatever could not be resolved, which makes every check of it incomplete.
 * Undefined when the account has no user or role of that ARN.
 */
export function principalPoliciesOf(account: AccountModel, principalArn: string): PrincipalPolicies | undefined {
  const found = accountPrincipal(account, principalArn);
  const parsed = parsePrincipal(principalArn);
  if (!found || !parsed) return undefined;
  const isRole = 'serviceLinked' in found;
  const serviceLinked = isRole && found.serviceLinked;
  const identity: Policy[] = [...found.policies];
  const unresolvedPolicies: UnresolvedPolicy[] = [...found.unresolvedPolicies];
  if (!isRole) {
    for (const name of found.groups) {
      const group = account.groups.find((candidate) => candidate.name === name);
      if (!group) {
        // A group the snapshot does not describe may grant or deny: the check cannot be complete.
        unresolvedPolicies.push({
          arn: `arn:${parsed.partition}:iam::${account.accountId}:group/${name}`,
          reason: 'missing-group',
        });
        continue;
      }
      identity.push(...group.policies);
      unresolvedPolicies.push(...group.unresolvedPolicies);
    }
  }
  const boundary = found.permissionsBoundary;
  if (boundary && isUnresolvedPolicy(boundary)) unresolvedPolicies.push(boundary);
  const assumptions: Assumption[] = [];
  let scpLevels = account.scpLevels;
  if (!scpLevels) {
    // A chain a live scan could not read is unresolved below, not assumed away.
    if (!account.unreadable?.some((entry) => entry.part === 'scp-chain')) assumptions.push(NO_SCP_CHAIN);
  } else if (account.managementAccount) {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
    assumptions.push(message('management-account'));
    scpLevels = undefined;
  } else if (serviceLinked) {
    assumptions.push(message('service-linked-role-no-scps'));
    scpLevels = undefined;
  }
  if (isRole && Object.keys(found.tags).length > 0) {
    assumptions.push(message('role-tags'));
  }
  unresolvedPolicies.push(
    ...unreadableParts(account, parsed.partition, serviceLinked || account.managementAccount === true),
  );
  const permissionsBoundary = boundary && !isUnresolvedPolicy(boundary) ? boundary : undefined;
  const extractUsed = extractArnsUsed(account, [...identity, ...(permissionsBoundary ? [permissionsBoundary] : [])]);
  if (extractUsed.length > 0 && account.managedPolicyExtract) {
    assumptions.push(
      message('managed-policy-extract', {
        source: account.managedPolicyExtract.source,
        date: account.managedPolicyExtract.date,
        arns: extractUsed,
      }),
    );
  }
  const ownIdentity = uniqueById(identity);
  const actionCorrections = correctionsOf(account, [
    ...ownIdentity,
    ...(permissionsBoundary ? [permissionsBoundary] : []),
  ]);
  return {
    principal: { ...parsed, serviceLinkedRole: serviceLinked },
    identity: ownIdentity,
    ...(actionCorrections.length > 0 ? { actionCorrections } : {}),
    ...(scpLevels ? { scpLevels } : {}),
    ...(permissionsBoundary ? { permissionsBoundary } : {}),
    assumptions,
    ...(unresolvedPolicies.length > 0 ? { unresolvedPolicies: uniqueByArn(unresolvedPolicies) } : {}),
    principalTags: found.tags,
    ...(readInRegion(account) ? { accountBedrock: account.bedrock } : {}),
  };
}

/** True when the account's Bedrock state says what a check uses (profiles or model access) and where it was read. */
function readInRegion(account: AccountModel): boolean {
  const bedrock = account.bedrock;
  return (
    bedrock?.region !== undefined &&
    (bedrock.inferenceProfiles !== undefined || bedrock.modelAvailability !== undefined)
  );
}

/**
 * What a live scan could not read, as unresolved parts of every check of the account: the SCP chain
 * (unless SCPs do not apply to the principal), the model access and the bedrock-runtime VPC endpoints (a call
 * may go through one whose policy is unknown).
 */
function unreadableParts(account: AccountModel, partition: string, scpsExempt: boolean): UnresolvedPolicy[] {
  const parts = new Set((account.unreadable ?? []).map((entry) => entry.part));
  return [
    ...(parts.has('scp-chain') && !scpsExempt
      ? [
          {
            arn: `arn:${partition}:organizations::${account.accountId}:scp-chain`,
            reason: 'unreadable-scp-chain' as const,
          },
        ]
      : []),
    ...(parts.has('model-availability')
      ? [
          {
            arn: `arn:${partition}:bedrock::${account.accountId}:model-access`,
            reason: 'unreadable-model-access' as const,
          },
        ]
      : []),
    ...(parts.has('vpc-endpoints')
      ? [
          {
            arn: `arn:${partition}:ec2::${account.accountId}:vpc-endpoints`,
            reason: 'unreadable-vpc-endpoints' as const,
          },
        ]
      : []),
  ];
}

function extractArnsUsed(account: AccountModel, policies: readonly Policy[]): string[] {
  const fromExtract = new Set(account.managedPolicyExtract?.arns ?? []);
  return [
    ...new Set(policies.flatMap((policy) => (policy.arn && fromExtract.has(policy.arn) ? [policy.arn] : []))),
  ].sort();
}

/** The account's corrections of misspelt actions that lie in the principal's policies. */
function correctionsOf(account: AccountModel, policies: readonly Policy[]): ActionCorrection[] {
  if (!account.actionCorrections?.length) return [];
  const ids = new Set(policies.map((policy) => policy.id));
  return account.actionCorrections.filter(
    (correction) => correction.policyId !== undefined && ids.has(correction.policyId),
  );
}

/** A managed policy attached to the user and to one of its groups applies once. */
function uniqueById(policies: readonly Policy[]): Policy[] {
  const seen = new Set<string>();
  return policies.filter((policy) => !seen.has(policy.id) && seen.add(policy.id) !== undefined);
}

function uniqueByArn(policies: readonly UnresolvedPolicy[]): UnresolvedPolicy[] {
  const byArn = new Map(policies.map((policy) => [policy.arn, policy]));
  return [...byArn.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}
