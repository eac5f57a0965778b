import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/bedrock/catalog.js';
import { expandModel } from '../../src/bedrock/expand.js';
import type { ExpandModelInput, Expansion } from '../../src/bedrock/expansion.js';
import { toRequest } from '../../src/bedrock/to-request.js';
import { lookupKey } from '../../src/model/index.js';
import { renderCliHints } from '../../src/report/cli-hints.js';

const ACCOUNT = '123456789012';
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const BOTH = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

function expand(input: Partial<ExpandModelInput> & { model: string; region: string }): Expansion {
  return expandModel({ account: ACCOUNT, actions: [], ...input });
}

/** resource → RequestedRegion, for the first action (the others repeat the targets). */
function targets(expansion: Expansion): [string, string][] {
  const first = expansion.actions[0];
  return expansion.requests
    .filter((r) => r.action === first)
    .map((r) => [r.resource, (r.context['aws:RequestedRegion'] ?? []).join(',')]);
}

const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code);

describe('expandModel: foundation model on demand', () => {
  const expansion = expand({ model: 'amazon.nova-lite-v1:0', region: 'us-east-1' });

  it('is one target × both actions', () => {
    expect(expansion.complete).toBe(true);
    expect(expansion.requests).toEqual(
      BOTH.map((action) => ({
        action,
        resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
        context: { 'aws:RequestedRegion': ['us-east-1'] },
        absentKeys: ['bedrock:InferenceProfileArn', 'bedrock:PromptRouterArn'],
        why: 'foundation model amazon.nova-lite-v1:0 invoked on demand in us-east-1',
      })),
    );
    expect(expansion.catalogDate).toBe('2026-11-27');
    expect(expansion.partition).toBe('aws');
    expect(expansion.warnings).toEqual([]);
  });

  it('accepts the model ARN in the same Region', () => {
    const byArn = expand({
      model: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
      region: 'us-east-1',
    });
    expect(byArn.requests).toEqual(expansion.requests);
  });

  it('refuses a model ARN of another Region instead of guessing which one AWS uses', () => {
    const other = expand({
      model: 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0',
      region: 'us-east-1',
    });
    expect(other.complete).toBe(false);
    expect(codes(other.problems)).toEqual(['region-mismatch']);
    expect(other.requests).toEqual([]);
  });

  it('narrows to the requested actions, by API name', () => {
    const converse = expand({ model: 'amazon.nova-lite-v1:0', region: 'us-east-1', actions: ['Converse'] });
    expect(converse.requests.map((r) => r.action)).toEqual(['bedrock:InvokeModel']);
  });

  it('warns when the catalog has the model only behind inference profiles in that Region', () => {
    const profileOnly = expand({ model: SONNET_45, region: 'us-east-1' });
    expect(profileOnly.complete).toBe(true);
    expect(targets(profileOnly)).toEqual([[`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`, 'us-east-1']]);
    expect(codes(profileOnly.warnings)).toEqual(['not-on-demand-in-region']);
    expect(profileOnly.warnings[0]?.message).toContain(`us.${SONNET_45}`);
    expect(profileOnly.warnings[0]?.message).toContain(`global.${SONNET_45}`);
  });

  it('warns about a model past end of life in the Region, per Region', () => {
    const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';
    expect(codes(expand({ model: haiku, region: 'us-east-1' }).warnings)).toEqual(['model-eol']);
    expect(codes(expand({ model: haiku, region: 'ca-central-1' }).warnings)).toEqual([]);
    expect(codes(expand({ model: haiku, region: 'ap-northeast-2' }).warnings)).toEqual(['model-legacy']);
  });
});

describe('expandModel: geographic profile', () => {
  it('us. from us-east-1: the profile, then the model in us-east-1, us-east-2, us-west-2', () => {
    const expansion = expand({ model: `us.${SONNET_45}`, region: 'us-east-1' });
    const profileArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET_45}`;
    expect(expansion.complete).toBe(true);
    expect(expansion.requests).toHaveLength(8);
    expect(targets(expansion)).toEqual([
      [profileArn, 'us-east-1'],
      [`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`, 'us-east-1'],
      [`arn:aws:bedrock:us-east-2::foundation-model/${SONNET_45}`, 'us-east-2'],
      [`arn:aws:bedrock:us-west-2::foundation-model/${SONNET_45}`, 'us-west-2'],
    ]);
    for (const request of expansion.requests.filter((r) => r.resource.includes('foundation-model'))) {
      expect(request.context['bedrock:InferenceProfileArn']).toEqual([profileArn]);
    }
    expect(expansion.requests[0]?.context).toEqual({ 'aws:RequestedRegion': ['us-east-1'] });
    expect(expansion.requests[2]?.why).toBe(`source and destination Region of us.${SONNET_45}`);
    expect(expansion.requests[4]?.why).toBe(`destination Region of us.${SONNET_45} from us-east-1`);
    expect(expansion.destinations).toEqual({ from: 'catalog', regions: ['us-east-1', 'us-east-2', 'us-west-2'] });
    expect(renderCliHints(expansion.notes).join(' ')).toContain('catalog dated 2026-11-27');
  });

  it('every target × every action, targets first', () => {
    const expansion = expand({ model: `us.${SONNET_45}`, region: 'us-east-1' });
    expect(expansion.requests.map((r) => r.action)).toEqual([...BOTH, ...BOTH, ...BOTH, ...BOTH]);
  });

  it('eu. from eu-west-2 routes to seven EU Regions, London included', () => {
    const expansion = expand({ model: `eu.${SONNET_45}`, region: 'eu-west-2', actions: ['InvokeModel'] });
    expect(expansion.complete).toBe(true);
    expect(targets(expansion).map(([, region]) => region)).toEqual([
      'eu-west-2', // the profile, in the source Region
      'eu-central-1',
      'eu-north-1',
      'eu-south-1',
      'eu-south-2',
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
    ]);
    expect(expansion.requests).toHaveLength(8);
  });

  it('--profile-regions overrides the catalog destinations', () => {
    const expansion = expand({
      model: `us.${SONNET_45}`,
      region: 'us-east-1',
      profileRegions: ['us-west-2', 'us-east-1'],
    });
    expect(expansion.complete).toBe(true);
    expect(targets(expansion).map(([, region]) => region)).toEqual(['us-east-1', 'us-east-1', 'us-west-2']);
    expect(expansion.destinations).toEqual({ from: 'profile-regions', regions: ['us-east-1', 'us-west-2'] });
    expect(codes(expansion.warnings)).toEqual(['profile-regions-override']);
  });

  it('adds the source Region even when the override leaves it out', () => {
    const expansion = expand({ model: `us.${SONNET_45}`, region: 'us-east-1', profileRegions: ['us-west-2'] });
    expect(targets(expansion).map(([, region]) => region)).toEqual(['us-east-1', 'us-east-1', 'us-west-2']);
    expect(expansion.requests.find((r) => r.resource.includes('us-east-1::'))?.why).toBe(
      `source Region of us.${SONNET_45}`,
    );
  });

  it('says the profile is not offered from a non-source Region, and lists the Regions that are', () => {
    const expansion = expand({ model: `us.${SONNET_45}`, region: 'eu-west-1' });
    expect(expansion.complete).toBe(false);
    expect(expansion.requests).toEqual([]);
    expect(codes(expansion.problems)).toEqual(['not-a-source-region']);
    expect(expansion.problems[0]?.message).toContain(
      'it is offered from ca-central-1, us-east-1, us-east-2, us-west-1, us-west-2',
    );
  });

  it('an end-of-life profile is offered from nowhere, and says so', () => {
    const expansion = expand({ model: 'us.anthropic.claude-3-haiku-20240307-v1:0', region: 'us-east-1' });
    expect(codes(expansion.problems)).toEqual(['not-a-source-region']);
    expect(expansion.problems[0]?.message).toContain('the catalog lists no source Region for it (status EOL)');
    expect(codes(expansion.warnings)).toEqual(['profile-eol']);
  });

  it('cannot complete when the catalog does not publish the destinations', () => {
    const expansion = expand({ model: 'us-gov.anthropic.claude-opus-4-8', region: 'us-gov-west-1' });
    expect(expansion.complete).toBe(false);
    expect(codes(expansion.problems)).toEqual(['destinations-unknown']);
    expect(codes(expansion.warnings)).toEqual(['profile-id-inferred']);
    // What is certain is still there: the profile and the source-Region model.
    expect(targets(expansion)).toEqual([
      [
        `arn:aws-us-gov:bedrock:us-gov-west-1:${ACCOUNT}:inference-profile/us-gov.anthropic.claude-opus-4-8`,
        'us-gov-west-1',
      ],
      ['arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/anthropic.claude-opus-4-8', 'us-gov-west-1'],
    ]);
  });

  it('completes unpublished destinations from --profile-regions', () => {
    const expansion = expand({
      model: 'us-gov.anthropic.claude-opus-4-8',
      region: 'us-gov-west-1',
      profileRegions: ['us-gov-east-1', 'us-gov-west-1'],
    });
    expect(expansion.complete).toBe(true);
    expect(targets(expansion)).toHaveLength(3);
  });

  it('cannot expand a geographic profile the catalog does not know, unless told the destinations', () => {
    const unknown = expand({ model: 'apac.anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'ap-south-1' });
    expect(unknown.complete).toBe(false);
    expect(codes(unknown.problems)).toEqual(['unknown-profile']);
    expect(unknown.problems[0]?.message).toContain(`us.${SONNET_45}`);
    const told = expand({
      model: 'apac.anthropic.claude-sonnet-4-5-20250929-v1:0',
      region: 'ap-south-1',
      profileRegions: ['ap-south-1', 'ap-south-2'],
    });
    expect(told.complete).toBe(true);
    expect(codes(told.warnings)).toEqual(['profile-not-in-catalog', 'profile-regions-override']);
  });

  it('uses the profile ARN as given when it names the caller account and Region', () => {
    const arn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET_45}`;
    expect(expand({ model: arn, region: 'us-east-1' }).requests).toEqual(
      expand({ model: `us.${SONNET_45}`, region: 'us-east-1' }).requests,
    );
    const foreign = expand({ model: arn.replace(ACCOUNT, '210987654321'), region: 'us-east-1' });
    expect(codes(foreign.problems)).toEqual(['account-mismatch']);
  });
});

describe('expandModel: global profile', () => {
  const profileId = `global.${SONNET_45}`;
  const expansion = expand({ model: profileId, region: 'us-east-1' });
  const profileArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${profileId}`;

  it('is three targets per action: the profile, the source-Region model, the Region-less model', () => {
    expect(expansion.complete).toBe(true);
    expect(expansion.requests).toHaveLength(6);
    expect(targets(expansion)).toEqual([
      [profileArn, 'us-east-1'],
      [`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`, 'us-east-1'],
      [`arn:aws:bedrock:::foundation-model/${SONNET_45}`, 'unspecified'],
    ]);
  });

  it('carries the profile ARN on both model requests', () => {
    const models = expansion.requests.filter((r) => r.resource.includes('foundation-model'));
    expect(models).toHaveLength(4);
    for (const request of models) expect(request.context['bedrock:InferenceProfileArn']).toEqual([profileArn]);
  });

  it('does not depend on destination Regions', () => {
    const overridden = expand({ model: profileId, region: 'us-east-1', profileRegions: ['us-east-1'] });
    expect(overridden.requests).toEqual(expansion.requests);
    expect(codes(overridden.warnings)).toEqual(['profile-regions-ignored']);
    expect(renderCliHints(expansion.notes).join(' ')).toContain('"unspecified"');
  });
});

describe('expandModel: resources named by their own ARN', () => {
  const appProfile = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6`;

  it('application inference profile: its ARN, and says the routed models are missing', () => {
    const expansion = expand({ model: appProfile, region: 'us-east-1' });
    expect(expansion.complete).toBe(false);
    expect(codes(expansion.problems)).toEqual(['routed-models-unknown']);
    expect(targets(expansion)).toEqual([[appProfile, 'us-east-1']]);
    expect(renderCliHints(expansion.notes).join(' ')).toContain('unknown unless given');
  });

  it('application inference profile with its routed models (live mode)', () => {
    const expansion = expand({
      model: appProfile,
      region: 'us-east-1',
      actions: ['InvokeModel'],
      routedModelArns: [
        `arn:aws:bedrock:us-west-2::foundation-model/${SONNET_45}`,
        `arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`,
      ],
    });
    expect(expansion.complete).toBe(true);
    expect(targets(expansion)).toEqual([
      [appProfile, 'us-east-1'],
      [`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`, 'us-east-1'],
      [`arn:aws:bedrock:us-west-2::foundation-model/${SONNET_45}`, 'us-west-2'],
    ]);
    expect(expansion.requests[1]?.context['bedrock:InferenceProfileArn']).toEqual([appProfile]);
  });

  it.each([
    [`arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/a1b2c3d4e5f6`],
    [`arn:aws:bedrock:us-east-1:${ACCOUNT}:custom-model-deployment/a1b2c3d4e5f6`],
    [`arn:aws:bedrock:us-east-1:${ACCOUNT}:imported-model/a1b2c3d4e5f6`],
    [`arn:aws:bedrock:us-east-1:${ACCOUNT}:custom-model/amazon.nova-lite-v1:0:300k/a1b2c3d4e5f6`],
  ])('%s: its own ARN, complete', (arn) => {
    const expansion = expand({ model: arn, region: 'us-east-1' });
    expect(expansion.complete).toBe(true);
    expect(targets(expansion)).toEqual([[arn, 'us-east-1']]);
    expect(expansion.requests).toHaveLength(2);
    expect(expansion.notes.length).toBeGreaterThan(0);
  });

  it('prompt router: its ARN; routed models carry bedrock:PromptRouterArn', () => {
    const router = `arn:aws:bedrock:us-east-1:${ACCOUNT}:default-prompt-router/anthropic.claude:1`;
    expect(codes(expand({ model: router, region: 'us-east-1' }).problems)).toEqual(['routed-models-unknown']);
    const routed = expand({
      model: router,
      region: 'us-east-1',
      actions: ['InvokeModel'],
      routedModelArns: ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'],
    });
    expect(routed.requests[1]?.context['bedrock:PromptRouterArn']).toEqual([router]);
  });

  it('Marketplace endpoint: the fixed marketplace/model-endpoint/all-access resource', () => {
    const expansion = expand({
      model: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/my-endpoint`,
      region: 'us-east-1',
    });
    expect(targets(expansion)).toEqual([
      [`arn:aws:bedrock:us-east-1:${ACCOUNT}:marketplace/model-endpoint/all-access`, 'us-east-1'],
    ]);
  });

  it('warns when the resource is in another account', () => {
    const expansion = expand({
      model: appProfile.replace(ACCOUNT, '210987654321'),
      region: 'us-east-1',
      routedModelArns: [`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`],
    });
    expect(codes(expansion.warnings)).toEqual(['other-account']);
  });
});

describe('expandModel: problems are data', () => {
  it('an identifier in no documented form: no requests, and why', () => {
    const expansion = expand({ model: 'claude-sonnet', region: 'us-east-1' });
    expect(expansion.identifier.kind).toBe('unknown');
    expect(expansion.complete).toBe(false);
    expect(expansion.requests).toEqual([]);
    expect(codes(expansion.problems)).toEqual(['unrecognized-identifier']);
  });

  it('a well-formed model id the catalog does not know: the exact request, with a warning', () => {
    const expansion = expand({ model: 'anthropic.claude-nonexistent-v9', region: 'us-east-1' });
    expect(expansion.complete).toBe(true);
    expect(targets(expansion)).toEqual([
      ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-nonexistent-v9', 'us-east-1'],
    ]);
    expect(codes(expansion.warnings)).toEqual(['model-not-in-catalog']);
  });

  it('hints at a mistyped profile prefix', () => {
    const expansion = expand({ model: `uk.${SONNET_45}`, region: 'eu-west-2' });
    expect(expansion.warnings[0]?.message).toContain('"uk." is not an inference profile prefix');
  });

  it('unknown actions', () => {
    const expansion = expand({ model: 'amazon.nova-lite-v1:0', region: 'us-east-1', actions: ['InvokeAgent'] });
    expect(codes(expansion.problems)).toEqual(['unknown-action']);
    expect(expansion.requests).toEqual([]);
  });

  it('a Region that is not one', () => {
    expect(codes(expand({ model: 'amazon.nova-lite-v1:0', region: 'virginia' }).problems)).toEqual(['invalid-region']);
  });

  it('Prompt management prompts are not modeled', () => {
    const expansion = expand({
      model: `arn:aws:bedrock:us-east-1:${ACCOUNT}:prompt/PROMPT12AB:1`,
      region: 'us-east-1',
    });
    expect(codes(expansion.problems)).toEqual(['not-modeled']);
  });
});

describe('expandModel: partitions', () => {
  it('derives aws-us-gov from a GovCloud Region', () => {
    const expansion = expand({ model: `us-gov.${SONNET_45}`, region: 'us-gov-west-1', actions: ['InvokeModel'] });
    expect(expansion.partition).toBe('aws-us-gov');
    expect(expansion.complete).toBe(true);
    expect(targets(expansion)).toEqual([
      [`arn:aws-us-gov:bedrock:us-gov-west-1:${ACCOUNT}:inference-profile/us-gov.${SONNET_45}`, 'us-gov-west-1'],
      [`arn:aws-us-gov:bedrock:us-gov-east-1::foundation-model/${SONNET_45}`, 'us-gov-east-1'],
      [`arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/${SONNET_45}`, 'us-gov-west-1'],
    ]);
  });

  it('a GovCloud foundation model', () => {
    const expansion = expand({ model: 'meta.llama3-8b-instruct-v1:0', region: 'us-gov-west-1' });
    expect(targets(expansion)).toEqual([
      ['arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/meta.llama3-8b-instruct-v1:0', 'us-gov-west-1'],
    ]);
    expect(expansion.warnings).toEqual([]);
  });

  it('refuses a partition that does not match the Region', () => {
    const expansion = expand({ model: 'meta.llama3-8b-instruct-v1:0', region: 'us-gov-west-1', partition: 'aws' });
    expect(codes(expansion.problems)).toEqual(['partition-mismatch']);
    expect(expansion.problems[0]?.message).toBe('Region us-gov-west-1 is in partition aws-us-gov, not aws');
    expect(expansion.requests).toEqual([]);
  });

  it('refuses a commercial ARN called in GovCloud, and China Regions map to aws-cn', () => {
    const gov = expand({
      model: 'arn:aws:bedrock:us-gov-west-1::foundation-model/meta.llama3-8b-instruct-v1:0',
      region: 'us-gov-west-1',
    });
    expect(codes(gov.problems)).toEqual(['partition-mismatch']);
    expect(expand({ model: 'amazon.nova-lite-v1:0', region: 'cn-north-1' }).requests[0]?.resource).toBe(
      'arn:aws-cn:bedrock:cn-north-1::foundation-model/amazon.nova-lite-v1:0',
    );
  });

  it('refuses --profile-regions from another partition', () => {
    const expansion = expand({ model: `us.${SONNET_45}`, region: 'us-east-1', profileRegions: ['us-gov-west-1'] });
    expect(codes(expansion.problems)).toEqual(['partition-mismatch']);
  });

  it('a us. profile is not offered from GovCloud', () => {
    expect(codes(expand({ model: `us.${SONNET_45}`, region: 'us-gov-west-1' }).problems)).toEqual([
      'not-a-source-region',
    ]);
  });
});

describe('expandModel: determinism and catalogs', () => {
  it('gives the same result twice', () => {
    const input = { model: `eu.${SONNET_45}`, region: 'eu-central-2' };
    expect(JSON.stringify(expand(input))).toBe(JSON.stringify(expand(input)));
  });

  it('works from a catalog given by the caller (live mode)', () => {
    const catalog = createCatalog({
      compiledOn: '2030-01-01',
      sources: [],
      models: [],
      profiles: [
        {
          id: 'us.example.model-v1',
          modelId: 'example.model-v1',
          scope: 'us',
          status: 'ACTIVE',
          destinationSets: [['us-east-1', 'us-west-2']],
          sourceRegions: { 'us-east-1': 0 },
        },
      ],
    });
    const expansion = expandModel(
      { model: 'us.example.model-v1', region: 'us-east-1', account: ACCOUNT, actions: ['InvokeModel'] },
      catalog,
    );
    expect(expansion.catalogDate).toBe('2030-01-01');
    expect(targets(expansion).map(([, region]) => region)).toEqual(['us-east-1', 'us-east-1', 'us-west-2']);
  });
});

describe('toRequest', () => {
  it('builds the engine request: expansion keys win, absent keys stay absent', () => {
    const [request] = expand({ model: 'amazon.nova-lite-v1:0', region: 'us-east-1' }).requests;
    if (!request) throw new Error('no request');
    const engineRequest = toRequest(request, { 'aws:RequestedRegion': ['eu-west-1'], 'aws:PrincipalTag/team': ['ml'] });
    expect(lookupKey(engineRequest.context, 'AWS:RequestedRegion')).toEqual({
      state: 'present',
      values: ['us-east-1'],
    });
    expect(lookupKey(engineRequest.context, 'aws:principaltag/team')).toEqual({ state: 'present', values: ['ml'] });
    expect(lookupKey(engineRequest.context, 'bedrock:InferenceProfileArn')).toEqual({ state: 'absent' });
    expect(lookupKey(engineRequest.context, 'aws:SourceIp')).toEqual({ state: 'unknown' });
  });
});
