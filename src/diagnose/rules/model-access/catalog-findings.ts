import {
  lifecycleIn,
  suggestCatalogIds,
  type CatalogModel,
  type CatalogProfile,
  type ExpansionIssue,
  type IndexedCatalog,
} from '../../../bedrock/index.js';
import { message, type Finding, type Fix, type FixCode, type MessageParams } from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';
import {
  ACCOUNT_NOT_AUTHORIZED,
  DOCS,
  END_OF_LIFE,
  INVALID_MODEL_ID,
  LEGACY_INACTIVE,
  NO_MODEL_ACCESS,
  onDemandNotSupported,
} from './texts.js';

/**
 * A fix outside policy documents: the engine's decisions do not depend on it, so nothing was
 * re-evaluated, and an instruction is never labelled verified.
 */
export const NO_POLICY_CHANGE: Fix['verification'] = {
  verified: false,
  checksFixed: 0,
  checksOpenedElsewhere: 0,
  detail: message('no-policy-change'),
};

/**
 * What the catalog says about the model or profile the call names, in the caller's Region:
 * unknown to the catalog, end of life, Legacy, served only through an inference profile, or not
 * offered there. Driven by the expansion's warnings and problems (so the rule agrees with what was
 * checked), with the details looked up in the catalog.
 */
export function catalogFindings(evaluation: Evaluation, catalog: IndexedCatalog): Finding[] {
  const { expansion } = evaluation;
  const id = expansion.identifier;
  const checks = evaluation.checks.map((check) => `${check.authorization.action} on ${check.authorization.resource}`);
  const issues: readonly ExpansionIssue<string>[] = [...expansion.problems, ...expansion.warnings];
  const has = (code: string) => issues.find((issue) => issue.code === code);
  const context: Context = {
    catalog,
    region: expansion.region,
    catalogDate: expansion.catalogDate || catalog.compiledOn,
    checks,
    trusted: evaluation.input.trustModel === true,
  };

  if (id.kind === 'foundation-model') {
    const model = catalog.model(id.modelId);
    const notInCatalog = has('model-not-in-catalog');
    if (!model || notInCatalog) return [modelNotInCatalog(id.modelId, notInCatalog?.message, context)];
    if (has('model-eol')) return [endOfLife(model, context)];
    const findings: Finding[] = [];
    if (has('model-legacy')) findings.push(legacy(model, context));
    if (has('not-on-demand-in-region')) findings.push(notOnDemand(model, context));
    return findings;
  }

  if (id.kind === 'inference-profile') {
    const profile = catalog.profile(id.profileId);
    const notInCatalog = has('unknown-profile') ?? has('profile-not-in-catalog');
    if (!profile) {
      const model = catalog.model(id.modelId);
      return [profileNotInCatalog(id.profileId, model, notInCatalog?.message, context)];
    }
    if (profile.status === 'EOL') return [profileEndOfLife(profile, catalog.model(profile.modelId), context)];
    const findings: Finding[] = [];
    if (has('not-a-source-region'))
      findings.push(profileNotFromRegion(profile, catalog.model(profile.modelId), context));
    if (profile.status === 'LEGACY') findings.push(profileLegacy(profile, catalog.model(profile.modelId), context));
    return findings;
  }
  return [];
}

interface Context {
  readonly catalog: IndexedCatalog;
  readonly region: string;
  readonly catalogDate: string;
  readonly checks: readonly string[];
  /** --trust-model: an id unknown to the catalog is a warning, not an error. */
  readonly trusted: boolean;
}

/** A catalog model as the findings' parameters name it. */
function modelParams(model: CatalogModel): MessageParams {
  return { modelName: model.name, modelId: model.modelId, ...datesOf(model) };
}

function datesOf(model: { readonly legacyDate?: string; readonly eolDate?: string } | undefined): MessageParams {
  return { legacyDate: model?.legacyDate ?? null, eolDate: model?.eolDate ?? null };
}

function instructions(code: FixCode, params: MessageParams, owner: Fix['owner'] = 'developer'): Fix {
  return { kind: 'instructions', owner, message: message(code, params), file: null, verification: NO_POLICY_CHANGE };
}

/** A model-access finding of the catalog: the call fails whatever the permissions. */
function finding(
  severity: Finding['severity'],
  code: NonNullable<Finding['message']>['code'],
  params: MessageParams,
  predictedError: NonNullable<Finding['predictedError']>,
  context: Context,
  fix: Fix,
): Finding {
  return {
    rule: 'model-access',
    severity,
    message: message(code, params),
    predictedError,
    locations: [],
    checks: context.checks,
    fixes: [fix],
  };
}

/** Regions whose bedrock-runtime endpoint serves the model on demand, sorted. */
function onDemandRegions(model: CatalogModel): string[] {
  return [...model.regions]
    .filter(([, types]) => types.includes('ON_DEMAND'))
    .map(([region]) => region)
    .sort();
}

/** Regions from which the model is reached only through an inference profile, sorted. */
function profileOnlyRegions(model: CatalogModel): string[] {
  return [...model.regions]
    .filter(([, types]) => types.includes('INFERENCE_PROFILE') && !types.includes('ON_DEMAND'))
    .map(([region]) => region)
    .sort();
}

/** The system-defined profiles containing the model that can be called from `region` (not past end of life), sorted. */
function profilesFrom(catalog: IndexedCatalog, model: CatalogModel, region: string): string[] {
  return model.inferenceProfileIds.filter((profileId) => callableFrom(catalog, profileId, region)).sort();
}

/** The first of profilesFrom's list, looking up no more profiles than it takes to find it. */
function firstProfileFrom(catalog: IndexedCatalog, model: CatalogModel, region: string): string | undefined {
  return [...model.inferenceProfileIds].sort().find((profileId) => callableFrom(catalog, profileId, region));
}

function callableFrom(catalog: IndexedCatalog, profileId: string, region: string): boolean {
  const profile = catalog.profile(profileId);
  return profile !== undefined && profile.status !== 'EOL' && profile.sourceRegions.has(region);
}

/** ACTIVE models of the same provider that the Region serves (on demand or through a profile), as "id (how)". */
function activeAlternatives(catalog: IndexedCatalog, model: CatalogModel, region: string): string[] {
  return catalog
    .modelsOf(model.provider)
    .filter((other) => other.modelId !== model.modelId && other.regions.has(region))
    .filter((other) => lifecycleIn(other, region) === 'ACTIVE')
    .map((other) => {
      if (other.regions.get(region)?.includes('ON_DEMAND')) return `${other.modelId} (on demand)`;
      const profile = firstProfileFrom(catalog, other, region);
      return profile !== undefined
        ? `${profile} (inference profile)`
        : `${other.modelId} (through an inference profile)`;
    })
    .sort();
}

/** Regions where the model is still served (not past end of life), sorted. */
function stillOffered(model: CatalogModel): string[] {
  return [...model.regions.keys()].filter((region) => lifecycleIn(model, region) !== 'EOL').sort();
}

function modelNotInCatalog(modelId: string, expansionMessage: string | undefined, context: Context): Finding {
  const suggestions = suggestCatalogIds(context.catalog, modelId);
  const { region, catalogDate, trusted } = context;
  return finding(
    trusted ? 'warning' : 'error',
    'model-not-in-catalog',
    { modelId, suggestions, reason: expansionMessage ?? null, catalogDate, region, trusted },
    { exception: 'ValidationException', message: INVALID_MODEL_ID },
    context,
    instructions('check-model-id', { modelId, region, suggestions, trusted }),
  );
}

function endOfLife(model: CatalogModel, context: Context): Finding {
  const { region, catalogDate } = context;
  return finding(
    'error',
    'model-end-of-life',
    { ...modelParams(model), region, catalogDate },
    { exception: 'ResourceNotFoundException', message: END_OF_LIFE },
    context,
    instructions('move-off-ended-model', {
      modelId: model.modelId,
      provider: model.provider,
      region,
      alternatives: activeAlternatives(context.catalog, model, region),
      elsewhere: stillOffered(model),
      docs: DOCS.lifecycle,
    }),
  );
}

function legacy(model: CatalogModel, context: Context): Finding {
  const { region, catalogDate } = context;
  return finding(
    'warning',
    'model-legacy',
    { ...modelParams(model), region, catalogDate },
    { exception: 'ResourceNotFoundException', message: LEGACY_INACTIVE },
    context,
    instructions('move-off-legacy-model', {
      eolDate: model.eolDate ?? null,
      provider: model.provider,
      region,
      alternatives: activeAlternatives(context.catalog, model, region),
      docs: DOCS.lifecycle,
    }),
  );
}

function notOnDemand(model: CatalogModel, context: Context): Finding {
  const profiles = profilesFrom(context.catalog, model, context.region);
  if (profiles.length > 0) return profileOnly(model, profiles, context);
  return notOffered(model, context);
}

function profileOnly(model: CatalogModel, profiles: readonly string[], context: Context): Finding {
  const { region, catalogDate } = context;
  return finding(
    'error',
    'model-profile-only',
    { ...modelParams(model), region, catalogDate, profiles },
    { exception: 'ValidationException', message: onDemandNotSupported(model.modelId) },
    context,
    instructions('call-profile-instead', { profiles, region, docs: DOCS.inferenceProfiles }),
  );
}

function notOffered(model: CatalogModel, context: Context): Finding {
  const { region, catalogDate } = context;
  const onDemand = onDemandRegions(model);
  const viaProfile = profileOnlyRegions(model);
  const mantle = model.mantleRegions.includes(region);
  const exampleProfiles = viaProfile[0] ? profilesFrom(context.catalog, model, viaProfile[0]) : [];
  return finding(
    'error',
    'model-not-offered',
    { ...modelParams(model), region, catalogDate, mantle, onDemand, viaProfile, otherMessage: ACCOUNT_NOT_AUTHORIZED },
    { exception: 'AccessDeniedException', message: NO_MODEL_ACCESS },
    context,
    instructions('call-from-offering-region', {
      modelId: model.modelId,
      region,
      onDemand,
      viaProfile,
      exampleProfiles,
      mantle,
    }),
  );
}

function profileNotInCatalog(
  profileId: string,
  model: CatalogModel | undefined,
  expansionMessage: string | undefined,
  context: Context,
): Finding {
  const { region, catalogDate, trusted } = context;
  const suggestions = suggestCatalogIds(context.catalog, profileId);
  return finding(
    trusted ? 'warning' : 'error',
    'profile-not-in-catalog',
    { profileId, suggestions, reason: expansionMessage ?? null, catalogDate, region },
    { exception: 'ValidationException', message: INVALID_MODEL_ID },
    context,
    instructions('check-profile-offered', {
      profileId,
      region,
      suggestions,
      modelId: model?.modelId ?? null,
      known: model ? profilesFrom(context.catalog, model, region) : [],
      trusted,
    }),
  );
}

function profileNotFromRegion(profile: CatalogProfile, model: CatalogModel | undefined, context: Context): Finding {
  const { region, catalogDate } = context;
  const sources = [...profile.sourceRegions.keys()].sort();
  return finding(
    'error',
    'profile-not-from-region',
    { profileId: profile.id, region, catalogDate, sources },
    { exception: 'ValidationException', message: INVALID_MODEL_ID },
    context,
    instructions('call-offered-profile', {
      profileId: profile.id,
      region,
      sources,
      others: model ? profilesFrom(context.catalog, model, region) : [],
    }),
  );
}

function profileEndOfLife(profile: CatalogProfile, model: CatalogModel | undefined, context: Context): Finding {
  const { region, catalogDate } = context;
  return finding(
    'error',
    'profile-end-of-life',
    { profileId: profile.id, ...datesOf(model), catalogDate },
    { exception: 'ResourceNotFoundException', message: END_OF_LIFE },
    context,
    instructions('move-off-ended-profile', {
      provider: model?.provider ?? null,
      region,
      alternatives: model ? activeAlternatives(context.catalog, model, region) : [],
      docs: DOCS.lifecycle,
    }),
  );
}

function profileLegacy(profile: CatalogProfile, model: CatalogModel | undefined, context: Context): Finding {
  const { region, catalogDate } = context;
  return finding(
    'warning',
    'profile-legacy',
    { profileId: profile.id, ...datesOf(model), catalogDate },
    { exception: 'ResourceNotFoundException', message: LEGACY_INACTIVE },
    context,
    instructions('move-off-legacy-model', {
      eolDate: model?.eolDate ?? null,
      provider: model?.provider ?? null,
      region,
      alternatives: model ? activeAlternatives(context.catalog, model, region) : [],
      docs: DOCS.lifecycle,
    }),
  );
}
