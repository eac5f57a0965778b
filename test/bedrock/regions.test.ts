// Issue 6: --region, AWS_REGION and --profile-regions accept only Regions AWS has. The list is dated data
// (src/bedrock/data/regions.json) from the AWS Region pages of the Regions and Zones guide
// (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html).
import { describe, expect, it } from 'vitest';
import regionsFile from '../../src/bedrock/data/regions.json' with { type: 'json' };
import {
  isKnownRegion,
  knownRegions,
  partitionOf,
  shippedCatalog,
  unknownRegionMessage,
} from '../../src/bedrock/index.js';

describe('the shipped Region list', () => {
  it('is dated and names its sources', () => {
    expect(regionsFile.compiledOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(regionsFile.sources.every((source) => source.url.startsWith('https://docs.aws.amazon.com/'))).toBe(true);
  });

  it('holds every Region of the Bedrock catalog (models, profile sources and destinations)', () => {
    const catalog = shippedCatalog();
    const used = new Set<string>();
    for (const model of catalog.models)
      for (const region of [...model.regions.keys(), ...model.mantleRegions]) used.add(region);
    for (const profile of catalog.profiles) {
      for (const [source, destinations] of profile.sourceRegions) {
        used.add(source);
        for (const destination of destinations ?? []) used.add(destination);
      }
    }
    expect([...used].filter((region) => !isKnownRegion(region))).toEqual([]);
  });

  it('files each Region under the partition its name implies', () => {
    for (const [partition, regions] of Object.entries(regionsFile.partitions)) {
      for (const region of regions) expect(partitionOf(region)).toBe(partition);
    }
  });

  it('is sorted and has no duplicates', () => {
    for (const regions of Object.values(regionsFile.partitions)) expect([...regions].sort()).toEqual(regions);
    expect(new Set(knownRegions()).size).toBe(knownRegions().length);
  });
});

describe('unknownRegionMessage', () => {
  it.each([
    ['us-east-1', undefined],
    ['us-gov-west-1', undefined],
    ['cn-northwest-1', undefined],
  ])('%s is a Region', (region, expected) => {
    expect(unknownRegionMessage('--region', region)).toBe(expected);
  });

  it.each([
    ['us-east', 'us-east-1, us-east-2'],
    ['us-esat-1', 'us-east-1, us-east-2, us-west-1'],
    ['eu-west-4', 'eu-west-1, eu-west-2, eu-west-3'],
    ['US-EAST-1', 'us-east-1'],
  ])('%s: did you mean %s', (region, suggestions) => {
    expect(unknownRegionMessage('--region', region)).toBe(
      `--region "${region}" is not an AWS Region in the list dated ${regionsFile.compiledOn}; did you mean ${suggestions}?`,
    );
  });

  it('a name far from every Region: an example instead', () => {
    expect(unknownRegionMessage('AWS_REGION', 'Frankfurt')).toBe(
      `AWS_REGION "Frankfurt" is not an AWS Region in the list dated ${regionsFile.compiledOn} (like us-east-1)`,
    );
  });
});
