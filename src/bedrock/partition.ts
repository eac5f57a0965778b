const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Region-name prefixes of the partitions other than `aws`, longest first. */
const PARTITION_PREFIXES: readonly (readonly [prefix: string, partition: string])[] = [
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-iso-', 'aws-iso'],
  ['us-gov-', 'aws-us-gov'],
  ['cn-', 'aws-cn'],
];

export function isRegionName(region: string): boolean {
  return REGION_PATTERN.test(region);
}

/** The partition a Region belongs to, or undefined when the text is not a Region name. */
export function partitionOf(region: string): string | undefined {
  if (!isRegionName(region)) return undefined;
  for (const [prefix, partition] of PARTITION_PREFIXES) {
    if (region.startsWith(prefix)) return partition;
  }
  return 'aws';
}
