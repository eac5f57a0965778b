import {
  DescribeOrganizationCommand,
  type DescribeOrganizationCommandOutput,
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { errorText, type LiveFailure } from './failure.js';

export interface OrganizationState {
  readonly organization?: { readonly id: string; readonly managementAccountId?: string };
  readonly scpLevels?: readonly {
    name: string;
    id: string;
    policies: { name: string; arn?: string; document: unknown }[];
  }[];
  readonly notes: readonly string[];
}

/**
 * The organization and the SCP chain root → OUs → account. An account outside an organization has no
 * chain; the management account has none either, because SCPs do not apply to it
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
 */
export async function readOrganization(
  client: OrganizationsClient,
  accountId: string,
  failures: LiveFailure[],
): Promise<OrganizationState> {
  let described: DescribeOrganizationCommandOutput;
  try {
    described = await client.send(new DescribeOrganizationCommand({}));
  } catch (error) {
    if ((error as Error).name === 'AWSOrganizationsNotInUseException')
      return { notes: [`account ${accountId} is not in an organization: no SCPs apply`] };
    failures.push({ api: 'organizations:DescribeOrganization', error: errorText(error), part: 'scp-chain' });
    return { notes: [] };
  }
  const id = described.Organization?.Id ?? '';
  const managementAccountId = described.Organization?.MasterAccountId;
  const organization = { id, ...(managementAccountId ? { managementAccountId } : {}) };
  if (managementAccountId === accountId)
    return {
      organization,
      notes: [
        `account ${accountId} is the organization's management account: SCPs do not apply to it, so none were read`,
      ],
    };
  let api = 'organizations:ListParents';
  try {
    const chain = [accountId];
    for (;;) {
      const child = chain[0] ?? '';
      const parents = await client.send(new ListParentsCommand({ ChildId: child }));
      const parent = parents.Parents?.[0];
      if (!parent?.Id) throw new Error(`no parent of ${child}`);
      chain.unshift(parent.Id);
      if (parent.Type === 'ROOT') break;
    }
    const scpLevels = [];
    for (const target of chain) {
      api = 'organizations:ListPoliciesForTarget';
      const summaries = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListPoliciesForTargetCommand({
            TargetId: target,
            Filter: 'SERVICE_CONTROL_POLICY',
            ...(token ? { NextToken: token } : {}),
          }),
        );
        summaries.push(...(page.Policies ?? []));
        token = page.NextToken;
      } while (token);
      api = 'organizations:DescribePolicy';
      const policies = [];
      for (const summary of summaries) {
        const policy = await client.send(new DescribePolicyCommand({ PolicyId: summary.Id ?? '' }));
        const arn = policy.Policy?.PolicySummary?.Arn;
        policies.push({
          name: policy.Policy?.PolicySummary?.Name ?? summary.Id ?? '',
          ...(arn ? { arn } : {}),
          document: JSON.parse(policy.Policy?.Content ?? 'null'),
        });
      }
      policies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      scpLevels.push({ name: target, id: target, policies });
    }
    return { organization, scpLevels, notes: [] };
  } catch (error) {
    failures.push({ api, error: errorText(error), part: 'scp-chain' });
    return { organization, notes: [] };
  }
}
