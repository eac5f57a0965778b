import { ListAccountsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';

export interface MemberAccount {
  readonly id: string;
  readonly name: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE, … as Organizations reports it (State, else the older Status). */
  readonly state: string;
}

/** Every account of the organization (every page of ListAccounts), sorted by id. */
export async function listAccounts(client: OrganizationsClient): Promise<MemberAccount[]> {
  const accounts: MemberAccount[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListAccountsCommand(token ? { NextToken: token } : {}));
    for (const account of page.Accounts ?? [])
      accounts.push({ id: account.Id ?? '', name: account.Name ?? '', state: account.State ?? account.Status ?? '' });
    token = page.NextToken;
  } while (token);
  return accounts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
