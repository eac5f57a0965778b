import { lifecycleIn, type BedrockCatalog, type CatalogModel, type CatalogProfile } from './catalog.js';
import type { ExpansionWarning } from './expansion.js';
import { PROFILE_SCOPES } from './model-id.js';

/** What the catalog says about invoking a foundation model directly in one Region. */
export function foundationModelWarnings(catalog: BedrockCatalog, modelId: string, region: string): ExpansionWarning[] {
  const model = catalog.model(modelId);
  if (!model) return [withPrefixHint(catalog, modelNotInCatalog(catalog, modelId), modelId)];
  const lifecycle = lifecycleWarning(model, region);
  if (lifecycle?.code === 'model-eol') return [lifecycle];
  const availability = onDemandWarning(catalog, model, region);
  return [lifecycle, availability].filter((w): w is ExpansionWarning => w !== undefined);
}

export function modelNotInCatalog(catalog: BedrockCatalog, modelId: string): ExpansionWarning {
  return {
    code: 'model-not-in-catalog',
    message:
      `${modelId} is not in the model catalog dated ${catalog.compiledOn}; the requests follow from the id alone ` +
      `(if the id is wrong, AWS rejects the call with a ValidationException whatever the permissions)`,
  };
}

// "zz.anthropic.claude-…" is a well-formed model id, but more likely a mistyped profile prefix.
function withPrefixHint(catalog: BedrockCatalog, warning: ExpansionWarning, modelId: string): ExpansionWarning {
  const dot = modelId.indexOf('.');
  if (!catalog.model(modelId.slice(dot + 1))) return warning;
  const prefixes = PROFILE_SCOPES.map((scope) => `${scope}.`)
    .sort()
    .join(', ');
  return {
    ...warning,
    message: `${warning.message}; "${modelId.slice(0, dot + 1)}" is not an inference profile prefix (${prefixes})`,
  };
}

function lifecycleWarning(model: CatalogModel, region: string): ExpansionWarning | undefined {
  const state = lifecycleIn(model, region);
  const label = `${model.name} (${model.modelId})`;
  if (state === 'EOL') {
    return {
      code: 'model-eol',
      message:
        `${label} has reached end of life in ${region}${model.eolDate ? ` (EOL ${model.eolDate})` : ''}: ` +
        `the call fails with ResourceNotFoundException "This model version has reached the end of its life" even when it is authorized`,
    };
  }
  if (state === 'LEGACY') {
    return {
      code: 'model-legacy',
      message: `${label} is Legacy in ${region}${model.eolDate ? `; end of life ${model.eolDate}` : ''}`,
    };
  }
  return undefined;
}

function onDemandWarning(catalog: BedrockCatalog, model: CatalogModel, region: string): ExpansionWarning | undefined {
  if (model.regions.get(region)?.includes('ON_DEMAND')) return undefined;
  const mantleHere = model.mantleRegions.includes(region);
  // Without a Region table (and no mantle entry) the catalog cannot tell; say nothing rather than guess.
  if (model.regions.size === 0 && !mantleHere) return undefined;
  const onDemand = [...model.regions]
    .filter(([, types]) => types.includes('ON_DEMAND'))
    .map(([r]) => r)
    .sort();
  const profiles = model.inferenceProfileIds.filter((id) => catalog.profile(id)?.sourceRegions.has(region));
  const parts = [
    `${model.modelId} is not offered on demand in ${region} on bedrock-runtime (catalog dated ${catalog.compiledOn})`,
  ];
  if (mantleHere) parts.push(`it is served there only on the bedrock-mantle endpoint`);
  if (profiles.length > 0) parts.push(`inference profiles offered from ${region}: ${profiles.join(', ')}`);
  if (onDemand.length > 0) parts.push(`on-demand Regions: ${onDemand.join(', ')}`);
  return { code: 'not-on-demand-in-region', message: parts.join('; ') };
}

export function profileWarnings(profile: CatalogProfile): ExpansionWarning[] {
  const warnings: ExpansionWarning[] = [];
  if (profile.status === 'EOL') {
    warnings.push({
      code: 'profile-eol',
      message: `${profile.id} has reached end of life: the call fails with ResourceNotFoundException even when it is authorized`,
    });
  } else if (profile.status === 'LEGACY') {
    warnings.push({ code: 'profile-legacy', message: `${profile.id} is Legacy` });
  }
  if (profile.idInferred) {
    warnings.push({
      code: 'profile-id-inferred',
      message: `the id ${profile.id} follows the documented prefix convention, but no AWS source spells it out`,
    });
  }
  return warnings;
}
