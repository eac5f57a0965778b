import { describe, expect, it } from 'vitest';
import {
  catalogDate,
  createCatalog,
  findModel,
  findProfile,
  lifecycleIn,
  shippedCatalog,
} from '../../src/bedrock/catalog.js';
import { shippedCatalogFile } from '../../src/bedrock/catalog-file.js';

const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('the shipped catalog', () => {
  it('states its date', () => {
    expect(catalogDate()).toBe('2026-11-27');
    expect(shippedCatalog().sources.length).toBeGreaterThan(10);
  });

  it('indexes models and profiles', () => {
    expect(shippedCatalog().models).toHaveLength(164);
    expect(shippedCatalog().profiles).toHaveLength(162);
    const model = findModel(SONNET_45);
    expect(model).toMatchObject({
      provider: 'Anthropic',
      name: 'Claude Sonnet 4.5',
      lifecycle: 'ACTIVE',
      marketplace: true,
    });
    expect(model?.regions.get('us-east-1')).toEqual(['INFERENCE_PROFILE']);
    expect(model?.inferenceProfileIds).toContain(`global.${SONNET_45}`);
  });

  // Claude Sonnet 4.5 model card, "Geo: US" and "Geo: EU" tables
  // (https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-sonnet-4-5.html).
  it('routes us. Sonnet 4.5 as the model card documents', () => {
    const profile = findProfile(`us.${SONNET_45}`);
    expect(profile?.sourceRegions.get('us-east-1')).toEqual(['us-east-1', 'us-east-2', 'us-west-2']);
    expect(profile?.sourceRegions.get('us-west-1')).toEqual(['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2']);
    expect(profile?.sourceRegions.get('ca-central-1')).toEqual(['ca-central-1', 'us-east-1', 'us-east-2', 'us-west-2']);
    expect(findProfile(`eu.${SONNET_45}`)?.sourceRegions.get('eu-west-2')).toContain('eu-west-2');
    expect(findProfile(`global.${SONNET_45}`)?.sourceRegions.size).toBe(33);
  });

  it('keeps unpublished destinations as null and inferred ids as such', () => {
    const profile = findProfile('us-gov.anthropic.claude-opus-4-8');
    expect(profile?.idInferred).toBe(true);
    expect(profile?.sourceRegions.get('us-gov-west-1')).toBeNull();
    expect(findProfile(`us.${SONNET_45}`)?.idInferred).toBe(false);
  });

  it('answers lifecycle per Region (Claude 3 Haiku: EOL in us-east-1, still active in ca-central-1)', () => {
    const haiku = findModel('anthropic.claude-3-haiku-20240307-v1:0');
    if (!haiku) throw new Error('Claude 3 Haiku missing');
    expect(haiku.lifecycle).toBe('EOL');
    expect(lifecycleIn(haiku, 'us-east-1')).toBe('EOL');
    expect(lifecycleIn(haiku, 'ca-central-1')).toBe('ACTIVE');
    expect(lifecycleIn(haiku, 'ap-northeast-2')).toBe('LEGACY');
    const opus4 = findModel('anthropic.claude-opus-4-20250514-v1:0');
    if (!opus4) throw new Error('Claude Opus 4 missing');
    expect(lifecycleIn(opus4, 'us-west-2')).toBe('EOL');
  });

  it('does not answer for prototype keys', () => {
    expect(findModel('constructor')).toBeUndefined();
    expect(findProfile('__proto__')).toBeUndefined();
    expect(findProfile(`us.${SONNET_45}`)?.sourceRegions.get('constructor')).toBeUndefined();
  });
});

describe('modelsOf', () => {
  it("gives one provider's models in catalog order, each the object model() gives", () => {
    // A fresh index: no model converted before the call.
    const catalog = createCatalog(JSON.parse(JSON.stringify(shippedCatalogFile())));
    const anthropic = catalog.modelsOf('Anthropic');
    expect(anthropic.length).toBeGreaterThan(5);
    expect(anthropic.every((model) => model.provider === 'Anthropic')).toBe(true);
    expect(anthropic.map((model) => model.modelId)).toEqual(
      catalog.models.filter((model) => model.provider === 'Anthropic').map((model) => model.modelId),
    );
    expect(catalog.model(anthropic[0]!.modelId)).toBe(anthropic[0]);
    expect(catalog.modelsOf('No Such Provider')).toEqual([]);
  });
});

describe('createCatalog', () => {
  it('refuses a profile that points at a missing destination set', () => {
    expect(() =>
      createCatalog({
        compiledOn: '2030-01-01',
        sources: [],
        models: [],
        profiles: [
          {
            id: 'us.a.b',
            modelId: 'a.b',
            scope: 'us',
            status: 'ACTIVE',
            destinationSets: [],
            sourceRegions: { 'us-east-1': 0 },
          },
        ],
      }),
    ).toThrow(/missing destination set 0/);
  });
});
