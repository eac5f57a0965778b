import { wildcardMatch } from '../engine/wildcard.js';
import {
  isUnresolvedPolicy,
  parsePrincipal,
  type AccountModel,
  type AccountRole,
  type AccountUser,
  type Principal,
  type PrincipalPolicies,
  type UnresolvedPolicy,
} from '../model/index.js';

/** What the matrix asks of a source for one principal: its effective policies (sources/snapshot wires the real one). */
export type PoliciesOf = (account: AccountModel, principalArn: string) => PrincipalPolicies;

export interface AccountPrincipal {
  readonly account: AccountModel;
  readonly entry: AccountUser | AccountRole;
  readonly type: 'user' | 'role';
  readonly principal: Principal;
}

/**
 * Every user and role of the accounts whose ARN or name matches one of the globs (`*` any run of
 * characters, `/` included; `?` one character; case-sensitive, as IAM names are), sorted by ARN.
 * Groups are not callers: their policies reach the matrix through their users.
 */
export function selectPrincipals(
  accounts: readonly AccountModel[],
  globs: readonly string[] | undefined,
): AccountPrincipal[] {
  const selected: AccountPrincipal[] = [];
  const matches = (entry: AccountUser | AccountRole) =>
    !globs ||
    globs.length === 0 ||
    globs.some((glob) => wildcardMatch(glob, entry.arn) || wildcardMatch(glob, entry.name));
  for (const account of accounts) {
    const add = (entry: AccountUser | AccountRole, type: 'user' | 'role') => {
      if (!matches(entry)) return;
      const parsed = parsePrincipal(entry.arn);
      if (!parsed) throw new Error(`${entry.arn}: not an IAM ${type} ARN`);
      const serviceLinked = type === 'role' && ((entry as AccountRole).serviceLinked || parsed.serviceLinkedRole);
      selected.push({ account, entry, type, principal: { ...parsed, serviceLinkedRole: serviceLinked } });
    };
    for (const user of account.users) add(user, 'user');
    for (const role of account.roles) add(role, 'role');
  }
  return selected.sort((a, b) => (a.entry.arn < b.entry.arn ? -1 : a.entry.arn > b.entry.arn ? 1 : 0));
}

/**
 * The policies that govern one principal of an account model, as the matrix needs them when no source
 * supplies its own reader: identity (a user's own and its groups'), the boundary, the account's SCP
 * chain (none for the management account, which SCPs do not restrict), the tags, and whatever could not
 * be resolved (which makes the principal's checks incomplete).
 */
export function accountPrincipalPolicies(account: AccountModel, principalArn: string): PrincipalPolicies {
  const user = account.users.find((candidate) => candidate.arn === principalArn);
  const role = user ? undefined : account.roles.find((candidate) => candidate.arn === principalArn);
  const entry = user ?? role;
  if (!entry) throw new Error(`${principalArn}: no such user or role in account ${account.accountId}`);
  const groups = user ? user.groups.map((name) => account.groups.find((group) => group.name === name)) : [];
  const unresolved: UnresolvedPolicy[] = [...entry.unresolvedPolicies];
  const assumptions: string[] = [];
  for (const [index, group] of groups.entries()) {
    if (group) unresolved.push(...group.unresolvedPolicies);
    else unresolved.push({ arn: `group ${user!.groups[index]}`, reason: 'missing-customer-managed-policy' });
  }
  const boundary = entry.permissionsBoundary;
  if (boundary && isUnresolvedPolicy(boundary)) unresolved.push(boundary);
  if (account.managementAccount && account.scpLevels)
    assumptions.push('the account is its organization’s management account: SCPs do not restrict it');
  const scpLevels = account.managementAccount ? undefined : account.scpLevels;
  return {
    identity: [...entry.policies, ...groups.flatMap((group) => group?.policies ?? [])],
    ...(scpLevels ? { scpLevels } : {}),
    ...(boundary && !isUnresolvedPolicy(boundary) ? { permissionsBoundary: boundary } : {}),
    principalTags: entry.tags,
    ...(unresolved.length > 0 ? { unresolvedPolicies: unresolved } : {}),
    ...(assumptions.length > 0 ? { assumptions } : {}),
  };
}
