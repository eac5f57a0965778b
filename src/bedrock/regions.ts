import regionsFile from './data/regions.json' with { type: 'json' };
import { suggestNames } from '../model/index.js';

/** The dated list of AWS Regions shipped with the tool (src/bedrock/data/regions.json). */
const REGIONS_DATE: string = regionsFile.compiledOn;

const KNOWN: ReadonlySet<string> = new Set(Object.values(regionsFile.partitions).flat());

/** A Region AWS has (commercial, AWS GovCloud (US) or China) according to the shipped list. */
export function isKnownRegion(region: string): boolean {
  return KNOWN.has(region);
}

export function knownRegions(): string[] {
  return [...KNOWN].sort();
}

/**
 * Why `region` is not a Region, with did-you-mean; undefined when it is one. `origin` names the option
 * or variable it came from.
 */
export function unknownRegionMessage(origin: string, region: string): string | undefined {
  if (isKnownRegion(region)) return undefined;
  const suggestions = suggestNames(region, knownRegions());
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : ' (like us-east-1)';
  return `${origin} ${JSON.stringify(region)} is not an AWS Region in the list dated ${REGIONS_DATE}${hint}`;
}
