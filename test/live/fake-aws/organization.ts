// An organization behind the loopback endpoint: the management account's credentials list the accounts,
// read the organization's structure and SCPs and assume a role in each member; a member's assumed
// credentials (access key ASIAFAKE<account id>) read that member's IAM and Bedrock state.
import type { FakeAccount } from './fixture.js';
import { type Answer, type Call, type FakeAws, type Faults, startFakeAws } from './server.js';

export interface FakeOrganization {
  readonly id: string;
  readonly managementAccountId: string;
  readonly root: string;
  /** Child id (account or OU) → parent id, up to the root. */
  readonly parents: Readonly<Record<string, string>>;
  /** Target id → SCP ids attached to it. */
  readonly attached: Readonly<Record<string, readonly string[]>>;
  readonly policies: Readonly<Record<string, { readonly name: string; readonly document: object }>>;
  /** Every account (the management account too), with its state and what its credentials read. */
  readonly accounts: readonly { readonly name: string; readonly state: string; readonly account: FakeAccount }[];
}

export interface OrganizationFaults extends Faults {
  /** Accounts whose role cannot be assumed (AccessDenied). */
  readonly assumeRoleDenied?: readonly string[];
  /** Account id → operations its credentials are refused (AccessDenied). */
  readonly deniedIn?: Readonly<Record<string, readonly string[]>>;
  /** Accounts per page of ListAccounts (AWS: at most 20). */
  readonly accountsPageSize?: number;
}

export interface FakeOrganizationAws extends FakeAws {
  /** Each AssumeRole call's role ARN and session policy. */
  readonly assumed: { readonly roleArn: string; readonly policy: string | undefined }[];
}

const MEMBER_KEY = /^ASIAFAKE(\d{12})$/;

export async function startFakeOrganization(
  organization: FakeOrganization,
  faults: OrganizationFaults = {},
): Promise<FakeOrganizationAws> {
  const byId = new Map(organization.accounts.map((entry) => [entry.account.accountId, entry]));
  const management = byId.get(organization.managementAccountId)?.account;
  if (!management) throw new Error('the fake organization lacks its management account');
  const structure = {
    id: organization.id,
    managementAccountId: organization.managementAccountId,
    parents: organization.parents,
    attached: organization.attached,
    policies: organization.policies,
  };
  const assumed: { roleArn: string; policy: string | undefined }[] = [];
  const server = await startFakeAws({ ...management, organization: structure }, faults, {
    accountOf: (keyId) => byId.get(MEMBER_KEY.exec(keyId)?.[1] ?? '')?.account,
    answer: (call: Call, caller: FakeAccount): Answer | undefined => {
      if (faults.deniedIn?.[caller.accountId]?.includes(call.operation)) return denied(call, caller.accountId);
      if (call.operation === 'sts:AssumeRole') return assumeRole(call, faults, byId, assumed);
      if (call.operation === 'organizations:ListAccounts') {
        if (caller.accountId !== organization.managementAccountId) return denied(call, caller.accountId);
        return listAccounts(organization, call, faults.accountsPageSize ?? 20);
      }
      return undefined;
    },
  });
  return { ...server, assumed };
}

function denied(call: Call, accountId: string): Answer {
  return {
    status: 403,
    error: call.protocol === 'query' ? 'AccessDenied' : 'AccessDeniedException',
    message: `account ${accountId} is not authorized to perform ${call.operation}`,
  };
}

function assumeRole(
  call: Call,
  faults: OrganizationFaults,
  byId: ReadonlyMap<string, unknown>,
  assumed: { roleArn: string; policy: string | undefined }[],
): Answer {
  const roleArn = call.params.RoleArn ?? '';
  assumed.push({ roleArn, policy: call.params.Policy });
  const accountId = /^arn:aws:iam::(\d{12}):role\//.exec(roleArn)?.[1] ?? '';
  if (!byId.has(accountId) || faults.assumeRoleDenied?.includes(accountId))
    return {
      status: 403,
      error: 'AccessDenied',
      message: `User: arn:aws:iam::999988887777:user/scanner is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    };
  return {
    value: {
      Credentials: {
        AccessKeyId: `ASIAFAKE${accountId}`,
        SecretAccessKey: 'fake-member-secret',
        SessionToken: `fake-session-${accountId}`,
        Expiration: '2099-01-01T00:00:00Z',
      },
      AssumedRoleUser: {
        Arn: `arn:aws:sts::${accountId}:assumed-role/${roleArn.split('/').pop()}/${call.params.RoleSessionName}`,
        AssumedRoleId: `AROAFAKE:${call.params.RoleSessionName}`,
      },
    },
  };
}

function listAccounts(organization: FakeOrganization, call: Call, pageSize: number): Answer {
  const start = Number(call.json.NextToken ?? 0);
  const size = Math.min(pageSize, Number(call.json.MaxResults ?? pageSize));
  const page = organization.accounts.slice(start, start + size);
  return {
    value: {
      Accounts: page.map((entry) => ({
        Id: entry.account.accountId,
        Arn: `arn:aws:organizations::${organization.managementAccountId}:account/${organization.id}/${entry.account.accountId}`,
        Email: `${entry.name}@example.com`,
        Name: entry.name,
        State: entry.state,
        Status: entry.state === 'ACTIVE' ? 'ACTIVE' : 'SUSPENDED',
      })),
      ...(start + size < organization.accounts.length ? { NextToken: String(start + size) } : {}),
    },
  };
}

/** The fixture account under another id: every ARN and reference moved with it. */
export function renumbered(account: FakeAccount, accountId: string): FakeAccount {
  return JSON.parse(JSON.stringify(account).replaceAll(account.accountId, accountId));
}
