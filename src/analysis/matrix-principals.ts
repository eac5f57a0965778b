import { wildcardMatch } from '../engine/wildcard.js';
import {
  parsePrincipal,
  type AccountModel,
  type AccountRole,
  type AccountUser,
  type Principal,
  type PrincipalPolicies,
} from '../model/index.js';

/** What the matrix asks of a source for one principal: its effective policies (default: `principalPoliciesOf`). */
export type PoliciesOf = (account: AccountModel, principalArn: string) => PrincipalPolicies | undefined;

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
