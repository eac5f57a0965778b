import { findVpcEndpoint } from '../analysis/vpc-endpoints.js';
import type { AccountModel, AccountVpcEndpoint } from '../model/index.js';
import { UsageError } from './usage-error.js';

/**
 * `--vpc-endpoint ID`: the endpoint of the scanned accounts every call goes through. An id no account lists (also
 * when some account's endpoints were not read) or one of another Region is a usage error: its gate would be unknown.
 */
export function vpcEndpointOption(
  accounts: readonly AccountModel[],
  id: string | undefined,
  region: string,
): { vpcEndpoint?: AccountVpcEndpoint } {
  if (id === undefined) return {};
  if (!/^vpce-[0-9a-f]+$/.test(id))
    throw new UsageError(
      `--vpc-endpoint ${JSON.stringify(id)}: expected an interface endpoint id, vpce- and hex digits`,
    );
  const found = findVpcEndpoint(accounts, id, region);
  if ('endpoint' in found) return { vpcEndpoint: found.endpoint };
  if (found.problem === 'other-region')
    throw new UsageError(`--vpc-endpoint ${id} is an endpoint of ${found.region}, and the scan is of ${region}`);
  const known = found.known.length > 0 ? `the snapshots list ${found.known.join(', ')}` : 'the snapshots list none';
  const unread =
    found.unread.length > 0 ? `; the endpoints of account(s) ${found.unread.join(', ')} were not read` : '';
  throw new UsageError(
    `--vpc-endpoint ${id}: no bedrock-runtime endpoint of the scanned accounts has this id (${known}${unread})`,
  );
}
