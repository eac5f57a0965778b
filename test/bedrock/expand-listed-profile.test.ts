import { describe, expect, it } from 'vitest';
import { renderCliHints } from '../../src/report/cli-hints.js';
import { expandModel } from '../../src/bedrock/expand.js';
import type { ExpandModelInput, Expansion } from '../../src/bedrock/expansion.js';

/*
 * A geographic profile is authorized against the model in the source Region and in every destination Region
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html); the destinations the
 * account's ListInferenceProfiles reports today (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListInferenceProfiles.html,
 * each profile's models[].modelArn) replace the shipped catalog's. The catalog dated 2026-11-27 routes
 * us.amazon.nova-pro-v1:0 from us-east-1 to us-east-1, us-east-2 and us-west-2.
 */

const PROFILE = 'us.amazon.nova-pro-v1:0';
const SOURCE = "the account's ListInferenceProfiles in us-east-1";

function expand(extra: Partial<ExpandModelInput>): Expansion {
  return expandModel({ model: PROFILE, region: 'us-east-1', account: '111122223333', actions: [], ...extra });
}

const modelRegions = (expansion: Expansion) => [
  ...new Set(
    expansion.requests
      .filter((request) => request.resource.includes(':foundation-model/'))
      .map((request) => request.resource.split(':')[3]),
  ),
];

describe('expandModel: destination Regions listed by the account', () => {
  it('takes the catalog’s without a list', () => {
    const expansion = expand({});
    expect(expansion.destinations).toEqual({ from: 'catalog', regions: ['us-east-1', 'us-east-2', 'us-west-2'] });
  });

  it('replaces the catalog’s with the listed ones and notes how they differ', () => {
    const expansion = expand({
      listedProfile: { source: SOURCE, regions: ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'] },
    });
    expect(expansion.complete).toBe(true);
    expect(expansion.destinations).toEqual({
      from: 'account',
      regions: ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'],
    });
    expect(modelRegions(expansion)).toEqual(['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2']);
    expect(renderCliHints(expansion.notes)).toContainEqual(
      `Destination Regions of ${PROFILE} from us-east-1 are those ${SOURCE} listed (us-east-1, us-east-2, us-west-1, us-west-2), not the catalog's; ` +
        'they differ from the catalog dated 2026-11-27 (listed but not in the catalog: us-west-1).',
    );
  });

  it('says when the listed ones are the catalog’s', () => {
    const expansion = expand({ listedProfile: { source: SOURCE, regions: ['us-east-1', 'us-east-2', 'us-west-2'] } });
    expect(
      renderCliHints(expansion.notes).some((note) => note.endsWith('the catalog dated 2026-11-27 lists the same.')),
    ).toBe(true);
  });

  it('keeps the catalog’s and warns when the account’s list lacks the profile', () => {
    const expansion = expand({ listedProfile: { source: SOURCE, regions: null } });
    expect(expansion.destinations?.from).toBe('catalog');
    expect(expansion.warnings).toContainEqual({
      code: 'profile-not-listed',
      message: `${PROFILE} is not among the system-defined inference profiles ${SOURCE} listed, so AWS may not offer it from us-east-1 today`,
    });
  });

  it('lets --profile-regions win over the list', () => {
    const expansion = expand({
      profileRegions: ['us-east-1'],
      listedProfile: { source: SOURCE, regions: ['us-east-1', 'us-west-1'] },
    });
    expect(expansion.destinations).toEqual({ from: 'profile-regions', regions: ['us-east-1'] });
  });

  it('reaches a source Region the catalog does not know when the account lists the profile there', () => {
    const expansion = expandModel({
      model: PROFILE,
      region: 'ca-central-1',
      account: '111122223333',
      actions: [],
      listedProfile: { source: "the account's ListInferenceProfiles in ca-central-1", regions: ['us-east-1'] },
    });
    expect(expansion.problems).toEqual([]);
    expect(modelRegions(expansion)).toEqual(['ca-central-1', 'us-east-1']);
  });
});
