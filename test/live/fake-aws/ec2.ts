// EC2 DescribeVpcEndpoints as the query API answers it (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpoints.html):
// Filter.N.Name / Filter.N.Value.M select, NextToken pages, and an interface endpoint created without a policy
// reports the default full-access policy (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
import type { FakeAccount } from './fixture.js';

const DEFAULT_POLICY = { Statement: [{ Action: '*', Effect: 'Allow', Principal: '*', Resource: '*' }] };

export function vpcEndpointsPage(account: FakeAccount, params: Readonly<Record<string, string>>, pageSize: number) {
  const filters = filtersOf(params);
  const matching = (account.vpcEndpoints ?? []).filter((endpoint) =>
    filters.every((filter) => filter.name !== 'service-name' || filter.values.includes(endpoint.serviceName)),
  );
  const start = Number(params.NextToken ?? 0);
  const size = Math.min(pageSize, Number(params.MaxResults ?? pageSize));
  const page = matching.slice(start, start + size);
  return {
    vpcEndpointSet: page.map((endpoint) => ({
      vpcEndpointId: endpoint.id,
      vpcEndpointType: endpoint.type ?? 'Interface',
      vpcId: endpoint.vpcId,
      serviceName: endpoint.serviceName,
      state: 'available',
      policyDocument: JSON.stringify(endpoint.policy ?? DEFAULT_POLICY),
      privateDnsEnabled: String(endpoint.privateDns ?? true),
      ownerId: account.accountId,
    })),
    ...(start + size < matching.length ? { nextToken: String(start + size) } : {}),
  };
}

function filtersOf(params: Readonly<Record<string, string>>): { name: string; values: string[] }[] {
  const filters: { name: string; values: string[] }[] = [];
  for (let index = 1; params[`Filter.${index}.Name`] !== undefined; index++) {
    const values: string[] = [];
    for (let value = 1; params[`Filter.${index}.Value.${value}`] !== undefined; value++)
      values.push(params[`Filter.${index}.Value.${value}`] ?? '');
    filters.push({ name: params[`Filter.${index}.Name`] ?? '', values });
  }
  return filters;
}
