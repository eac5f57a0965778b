import { SERVICE_TIER_KEY, SERVICE_TIERS, isServiceTier } from '../bedrock/index.js';
import { UsageError } from './usage-error.js';

/**
 * `--service-tier TIER`: one of the tiers the API takes, spelt as it spells them (its enum is case-sensitive,
 * so "Priority" is an error, not a guess). Giving bedrock:ServiceTier with --context as well would leave two
 * values for one key: a usage error.
 */
export function serviceTierOption(
  tier: string | undefined,
  context: Readonly<Record<string, readonly string[]>>,
): string | undefined {
  if (tier === undefined) return undefined;
  if (!isServiceTier(tier)) {
    const lower = tier.trim().toLowerCase();
    const hint = isServiceTier(lower) ? ` (did you mean "${lower}"? the API spells tiers in lower case)` : '';
    throw new UsageError(`--service-tier: unknown tier "${tier}"${hint}; expected one of ${SERVICE_TIERS.join(', ')}`);
  }
  if (Object.keys(context).some((key) => key.toLowerCase() === SERVICE_TIER_KEY.toLowerCase())) {
    throw new UsageError(`--service-tier and --context ${SERVICE_TIER_KEY} both set the tier: give one of them`);
  }
  return tier;
}
