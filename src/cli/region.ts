import { unknownRegionMessage } from '../bedrock/index.js';
import { message, type Assumption } from '../model/index.js';
import { UsageError } from './usage-error.js';

/** Where the caller's Region came from, in the order it is looked for. */
type RegionSource = '--region' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'default';

export interface ResolvedRegion {
  readonly region: string;
  readonly source: RegionSource;
}

const DEFAULT_REGION = 'us-east-1';

/**
 * The caller's Region, resolved once per run: --region, then AWS_REGION, then AWS_DEFAULT_REGION, then
 * us-east-1. A name outside the shipped Region list is a usage error naming where it came from.
 */
export function resolveRegion(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedRegion {
  const resolved: ResolvedRegion =
    flag !== undefined
      ? { region: flag.trim(), source: '--region' }
      : env.AWS_REGION
        ? { region: env.AWS_REGION, source: 'AWS_REGION' }
        : env.AWS_DEFAULT_REGION
          ? { region: env.AWS_DEFAULT_REGION, source: 'AWS_DEFAULT_REGION' }
          : { region: DEFAULT_REGION, source: 'default' };
  const bad = unknownRegionMessage(
    resolved.source === 'default' ? 'the default Region' : resolved.source,
    resolved.region,
  );
  if (bad !== undefined) throw new UsageError(bad);
  return resolved;
}

/** What a report says of a Region the user did not give. */
export function regionAssumption({ region, source }: ResolvedRegion): Assumption | undefined {
  return source === '--region' ? undefined : message('region-from', { source, region });
}
