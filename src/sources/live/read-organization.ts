import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { message } from '../../model/message.js';
import type { Note } from '../../model/notes.js';
import { errorText, type LiveFailure } from './failure.js';

export interface OrganizationIdentity {
  readonly id: string;
  readonly managementAccountId?: string;
}

interface ScpEntry {
  readonly name: string;
  readonly arn?: string;
  readonly document: unknown;
}

interface ScpLevelEntry {
  readonly name: string;
  readonly id: string;
  readonly policies: readonly ScpEntry[];
}

export interface OrganizationState {
  readonly organization?: OrganizationIdentity;
  readonly scpLevels?: readonly ScpLevelEntry[];
  readonly notes: readonly Note[];
}

/** A read that failed, with the API it called: the reader caches it, so every account that needs it says so. */
class OrganizationsReadError extends Error {
  constructor(
    readonly api: string,
    error: unknown,
  ) {
    super(errorText(error));
  }
}

async function call<T>(api: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new OrganizationsReadError(api, error);
  }
}

/**
 * The organization's structure and SCPs, each read once however many accounts need it: the parent of every
 * account and OU, the SCPs attached to every target and each SCP's document. Calls are cached as promises,
 * so accounts scanned at the same time share one call, and a failed read fails every chain that needs it.
 */
export class OrganizationReader {
  private readonly parents = new Map<string, Promise<{ readonly id: string; readonly root: boolean }>>();
  private readonly targets = new Map<string, Promise<readonly ScpEntry[]>>();
  private readonly policies = new Map<string, Promise<ScpEntry>>();

  constructor(private readonly client: OrganizationsClient) {}

  /** The SCP chain root → OUs → account. */
  async chainOf(accountId: string): Promise<ScpLevelEntry[]> {
    const chain = [accountId];
    for (;;) {
      const parent = await this.parentOf(chain[0] ?? '');
      chain.unshift(parent.id);
      if (parent.root) break;
    }
    return Promise.all(
      chain.map(async (target) => ({ name: target, id: target, policies: await this.scpsOf(target) })),
    );
  }

  private parentOf(child: string) {
    return cached(this.parents, child, () =>
      call('organizations:ListParents', async () => {
        const parents = await this.client.send(new ListParentsCommand({ ChildId: child }));
        const parent = parents.Parents?.[0];
        if (!parent?.Id) throw new Error(`no parent of ${child}`);
        return { id: parent.Id, root: parent.Type === 'ROOT' };
      }),
    );
  }

  private scpsOf(target: string) {
    return cached(this.targets, target, async () => {
      const ids = await call('organizations:ListPoliciesForTarget', async () => {
        const found: string[] = [];
        let token: string | undefined;
        do {
          const page = await this.client.send(
            new ListPoliciesForTargetCommand({
              TargetId: target,
              Filter: 'SERVICE_CONTROL_POLICY',
              ...(token ? { NextToken: token } : {}),
            }),
          );
          found.push(...(page.Policies ?? []).map((summary) => summary.Id ?? ''));
          token = page.NextToken;
        } while (token);
        return found;
      });
      const policies = await Promise.all(ids.map((id) => this.policy(id)));
      return policies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    });
  }

  private policy(id: string) {
    return cached(this.policies, id, () =>
      call('organizations:DescribePolicy', async () => {
        const policy = await this.client.send(new DescribePolicyCommand({ PolicyId: id }));
        const arn = policy.Policy?.PolicySummary?.Arn;
        return {
          name: policy.Policy?.PolicySummary?.Name ?? id,
          ...(arn ? { arn } : {}),
          document: JSON.parse(policy.Policy?.Content ?? 'null'),
        };
      }),
    );
  }
}

function cached<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let found = cache.get(key);
  if (!found) {
    found = read();
    // The rejection is handled by whoever awaits it; an unawaited copy must not count as unhandled.
    found.catch(() => undefined);
    cache.set(key, found);
  }
  return found;
}

/**
 * The organization of the credentials' account; undefined when it is in none (a note says so) or when
 * DescribeOrganization fails (a failure says so).
 */
export async function describeOrganization(
  client: OrganizationsClient,
  accountId: string,
  failures: LiveFailure[],
  notes: Note[],
): Promise<OrganizationIdentity | undefined> {
  try {
    const described = await client.send(new DescribeOrganizationCommand({}));
    const managementAccountId = described.Organization?.MasterAccountId;
    return { id: described.Organization?.Id ?? '', ...(managementAccountId ? { managementAccountId } : {}) };
  } catch (error) {
    if ((error as Error).name === 'AWSOrganizationsNotInUseException')
      notes.push(message('live-no-organization', { account: accountId }));
    else failures.push({ api: 'organizations:DescribeOrganization', error: errorText(error), part: 'scp-chain' });
    return undefined;
  }
}

/**
 * The account's place in the organization and its SCP chain root → OUs → account. The management account
 * has no chain, because SCPs do not apply to it
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
 */
export async function accountOrganizationState(
  reader: OrganizationReader,
  organization: OrganizationIdentity,
  accountId: string,
  failures: LiveFailure[],
): Promise<OrganizationState> {
  if (organization.managementAccountId === accountId)
    return {
      organization,
      notes: [message('live-management-account', { account: accountId })],
    };
  try {
    return { organization, scpLevels: await reader.chainOf(accountId), notes: [] };
  } catch (error) {
    const api = error instanceof OrganizationsReadError ? error.api : 'organizations:ListParents';
    failures.push({
      api,
      error: error instanceof OrganizationsReadError ? error.message : errorText(error),
      part: 'scp-chain',
    });
    return { organization, notes: [] };
  }
}

/** The organization and SCP chain of the credentials' own account (a single-account scan). */
export async function readOrganization(
  client: OrganizationsClient,
  accountId: string,
  failures: LiveFailure[],
): Promise<OrganizationState> {
  const notes: Note[] = [];
  const organization = await describeOrganization(client, accountId, failures, notes);
  if (!organization) return { notes };
  return accountOrganizationState(new OrganizationReader(client), organization, accountId, failures);
}
