import {
  message,
  uniqueMessages,
  type AccountModel,
  type AccountVpcEndpoint,
  type CheckReport,
  type Note,
} from '../model/index.js';
import type { CheckInput } from '../diagnose/check-input.js';
import { check } from './check.js';
import { endpointWarnings } from '../diagnose/rules/vpc-endpoint-policy/through-endpoint.js';

/** What a check through an interface endpoint adds: the endpoint's policy as a gate, and the keys the call carries. */
export interface EndpointCall {
  readonly vpcEndpointPolicy?: AccountVpcEndpoint['policy'];
  readonly context: Readonly<Record<string, readonly string[]>>;
}

/**
 * A call through the endpoint: its policy is the last gate (none: the default policy, which allows full access),
 * and the request carries aws:SourceVpce and aws:SourceVpc (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
 * unless the caller's context gives them.
 */
export function endpointCall(
  endpoint: AccountVpcEndpoint,
  given: Readonly<Record<string, readonly string[]>> = {},
): EndpointCall {
  const keys = new Set(Object.keys(given).map((key) => key.toLowerCase()));
  const context: Record<string, readonly string[]> = {};
  // An endpoint IaC declares may have its id or VPC known only after deployment: those keys stay unknown.
  if (!keys.has('aws:sourcevpce') && /^vpce-[0-9a-f]+$/.test(endpoint.id)) context['aws:SourceVpce'] = [endpoint.id];
  if (!keys.has('aws:sourcevpc') && endpoint.vpcId) context['aws:SourceVpc'] = [endpoint.vpcId];
  return { ...(endpoint.policy ? { vpcEndpointPolicy: endpoint.policy } : {}), context: { ...given, ...context } };
}

export type EndpointLookup =
  | { readonly endpoint: AccountVpcEndpoint }
  | { readonly problem: 'not-found'; readonly known: readonly string[]; readonly unread: readonly string[] }
  | { readonly problem: 'other-region'; readonly region: string };

/**
 * The endpoint `--vpc-endpoint ID` names, among the accounts' bedrock-runtime endpoints in the scan's Region. An id
 * no account lists is a problem, also when some account's endpoints were not read: the gate would be unknown.
 */
export function findVpcEndpoint(accounts: readonly AccountModel[], id: string, region: string): EndpointLookup {
  const all = accounts.flatMap((account) => account.vpcEndpoints ?? []);
  const found = all.find((endpoint) => endpoint.id === id);
  if (found && found.region !== region && found.region !== '') return { problem: 'other-region', region: found.region };
  if (found) return { endpoint: found };
  return {
    problem: 'not-found',
    known: [...new Set(all.map((endpoint) => endpoint.id))].sort(),
    unread: accounts.filter((account) => account.vpcEndpoints === undefined).map((account) => account.accountId),
  };
}

/** The endpoints of the account in the Region whose policy may deny a call (the default policy never does). */
export function gatingEndpoints(account: AccountModel, region: string): AccountVpcEndpoint[] {
  return (account.vpcEndpoints ?? []).filter(
    (endpoint) => (endpoint.region === region || endpoint.region === '') && endpoint.policy,
  );
}

/**
 * An allowed cell's report with a warning per endpoint of its account whose policy would not allow the same call
 * through it (`through` re-runs the check through one endpoint): nobody knows which caller's traffic takes which
 * endpoint, so the verdict stays; the warning carries the predicted error and the endpoint policy's verified fix.
 */
export function withEndpointWarnings(
  report: CheckReport,
  endpoints: readonly AccountVpcEndpoint[],
  through: (endpoint: AccountVpcEndpoint) => CheckReport,
): CheckReport {
  if (report.verdict !== 'allowed' || endpoints.length === 0) return report;
  const warnings = endpoints.flatMap((endpoint) => {
    const result = through(endpoint);
    return result.verdict === 'allowed' ? [] : endpointWarnings(endpoint.id, result);
  });
  return warnings.length === 0 ? report : { ...report, findings: [...report.findings, ...warnings] };
}

/** The `vpc-endpoints-checked` notes of several accounts as one, with their counts added. */
export function mergeEndpointCounts(notes: readonly Note[]): Note[] {
  const counted = notes.filter((note) => note.code === 'vpc-endpoints-checked');
  if (counted.length < 2) return [...notes];
  const count = counted.reduce((sum, note) => sum + Number(note.params.count ?? 0), 0);
  return [
    ...notes.filter((note) => note.code !== 'vpc-endpoints-checked'),
    message('vpc-endpoints-checked', { count }),
  ];
}

/** The matrix's note of how endpoints were used: every call through one, or each allowed cell checked against each. */
export function endpointNote(
  accounts: readonly AccountModel[],
  region: string,
  route: AccountVpcEndpoint | undefined,
): Note[] {
  if (route)
    return [
      message('vpc-endpoint-route', {
        endpoint: route.id,
        vpc: route.vpcId ?? null,
        defaultPolicy: route.policy === undefined,
      }),
    ];
  const count = accounts.reduce((sum, account) => sum + gatingEndpoints(account, region).length, 0);
  return count > 0 ? [message('vpc-endpoints-checked', { count })] : [];
}

/**
 * `check --snapshot`: the call, and the same call through each endpoint of the principal's account that has a
 * policy (`gatingEndpoints`), as a scan checks a cell: a denial there is a warning, and a note says how many.
 */
export function checkWithEndpoints(input: CheckInput, endpoints: readonly AccountVpcEndpoint[]): CheckReport {
  const report = withEndpointWarnings(check(input), endpoints, (endpoint) =>
    check({ ...input, ...endpointCall(endpoint, input.context) }),
  );
  if (endpoints.length === 0) return report;
  const note = message('vpc-endpoints-checked-call', { count: endpoints.length });
  return { ...report, notes: uniqueMessages([...report.notes, note]) };
}
