import type { IndexedCatalog } from '../bedrock/index.js';

/**
 * The matrix's default models when neither the caller nor the snapshot names any: current text models
 * of the main providers. Each is taken on demand where the catalog offers it so in the Region, else
 * through a system-defined inference profile whose source Regions include it (the Region's geography
 * first, then global); a model the catalog does not offer from the Region is left out.
 */
export const DEFAULT_MATRIX_MODELS: readonly string[] = [
  'amazon.nova-pro-v1:0',
  'amazon.nova-lite-v1:0',
  'anthropic.claude-sonnet-4-5-20250929-v1:0',
  'anthropic.claude-haiku-4-5-20251001-v1:0',
  'meta.llama3-3-70b-instruct-v1:0',
  'mistral.mistral-large-2402-v1:0',
];

export function defaultMatrixModels(catalog: IndexedCatalog, region: string): string[] {
  const ids: string[] = [];
  for (const modelId of DEFAULT_MATRIX_MODELS) {
    const model = catalog.model(modelId);
    if (!model || model.lifecycle === 'EOL') continue;
    if ((model.regions.get(region) ?? []).includes('ON_DEMAND')) {
      ids.push(modelId);
      continue;
    }
    const profiles = catalog.profiles
      .filter((profile) => profile.modelId === modelId && profile.status === 'ACTIVE')
      .filter((profile) => (profile.sourceRegions.get(region) ?? null) !== null)
      .sort((a, b) => Number(a.scope === 'global') - Number(b.scope === 'global') || (a.id < b.id ? -1 : 1));
    if (profiles[0]) ids.push(profiles[0].id);
  }
  return ids;
}
