import { UsageError } from './usage-error.js';

interface ListedAccount {
  readonly id: string;
  readonly state: string;
}

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** --shard I/N, 1 ≤ I ≤ N. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard ${text}: give I/N with 1 ≤ I ≤ N, e.g. --shard 1/4`);
  return { index, count };
}

/** --concurrency N, 1–64. */
export function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return 4;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > 64)
    throw new UsageError(`--concurrency ${text}: give a whole number from 1 to 64`);
  return value;
}

/** --accounts a,b --accounts c → the 12-digit ids, sorted, or a usage error. */
export function parseAccountIds(entries: readonly string[] | undefined): string[] | undefined {
  if (!entries || entries.length === 0) return undefined;
  const ids = entries
    .flatMap((entry) => entry.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const bad = ids.find((id) => !/^\d{12}$/.test(id));
  if (bad !== undefined) throw new UsageError(`--accounts: ${JSON.stringify(bad)} is not a 12-digit account id`);
  return [...new Set(ids)].sort();
}

export interface AccountSelection {
  /** The accounts to scan, sorted by id. */
  readonly ids: readonly string[];
  /** Accounts left out because Organizations reports them other than ACTIVE (id and state). */
  readonly inactive: readonly ListedAccount[];
}

/**
 * The accounts a scan reads: the organization's ACTIVE accounts (a suspended or closing account cannot be
 * signed in to: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_account_state.html),
 * narrowed to --accounts, then to the shard: positions I, I+N, … of the sorted ids, so that the N shards
 * together read every account once and the same listing always gives the same shards.
 */
export function selectAccounts(
  listed: readonly ListedAccount[],
  wanted: readonly string[] | undefined,
  shard: Shard | undefined,
): AccountSelection {
  const known = new Set(listed.map((account) => account.id));
  const unknown = (wanted ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new UsageError(
      `--accounts: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the organization`,
    );
  const chosen = listed
    .filter((account) => !wanted || wanted.includes(account.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const active = chosen.filter((account) => account.state === 'ACTIVE');
  const ids = active
    .map((account) => account.id)
    .filter((_, position) => !shard || position % shard.count === shard.index - 1);
  return { ids, inactive: chosen.filter((account) => account.state !== 'ACTIVE') };
}
