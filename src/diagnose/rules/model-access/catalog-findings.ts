import {
  lifecycleIn,
  suggestCatalogIds,
  type CatalogModel,
  type CatalogProfile,
  type ExpansionIssue,
  type IndexedCatalog,
} from '../../../bedrock/index.js';
import { cliHint, type Finding, type Fix } from '../../../model/index.js';
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
  detail: 'a change outside the policies, which the tool cannot apply or re-evaluate',
};

const MAX_LISTED = 8;

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

function label(model: CatalogModel): string {
  return `${model.name} (${model.modelId})`;
}

function list(items: readonly string[]): string {
  if (items.length <= MAX_LISTED) return items.join(', ');
  return `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

function instructions(summary: string, steps: readonly string[], owner: Fix['owner'] = 'developer'): Fix {
  return { kind: 'instructions', owner, summary, file: null, steps, verification: NO_POLICY_CHANGE };
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
  return model.inferenceProfileIds
    .filter((profileId) => {
      const profile = catalog.profile(profileId);
      return profile !== undefined && profile.status !== 'EOL' && profile.sourceRegions.has(region);
    })
    .sort();
}

/** ACTIVE models of the same provider that the Region serves (on demand or through a profile), as "id (how)". */
function activeAlternatives(catalog: IndexedCatalog, model: CatalogModel, region: string): string[] {
  return catalog.models
    .filter(
      (other) => other.modelId !== model.modelId && other.provider === model.provider && other.regions.has(region),
    )
    .filter((other) => lifecycleIn(other, region) === 'ACTIVE')
    .map((other) => {
      if (other.regions.get(region)?.includes('ON_DEMAND')) return `${other.modelId} (on demand)`;
      const profiles = profilesFrom(catalog, other, region);
      return profiles.length > 0
        ? `${profiles[0]} (inference profile)`
        : `${other.modelId} (through an inference profile)`;
    })
    .sort();
}

/** Regions where the model is still served (not past end of life), sorted. */
function stillOffered(model: CatalogModel): string[] {
  return [...model.regions.keys()].filter((region) => lifecycleIn(model, region) !== 'EOL').sort();
}

function dates(model: { readonly legacyDate?: string; readonly eolDate?: string }): string {
  const parts: string[] = [];
  if (model.legacyDate) parts.push(`Legacy since ${model.legacyDate}`);
  if (model.eolDate) parts.push(`end of life ${model.eolDate}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function modelNotInCatalog(modelId: string, expansionMessage: string | undefined, context: Context): Finding {
  const suggestions = suggestCatalogIds(context.catalog, modelId);
  return {
    rule: 'model-access',
    severity: context.trusted ? 'warning' : 'error',
    title: `${modelId} is not in the model catalog${didYouMean(suggestions)}`,
    predictedError: { exception: 'ValidationException', message: INVALID_MODEL_ID },
    cause:
      (expansionMessage ?? `${modelId} is not in the model catalog dated ${context.catalogDate}`) +
      `. If AWS does not know the id in ${context.region} either, the call fails with this ValidationException whatever the permissions` +
      (context.trusted
        ? '; it is taken as a model newer than the catalog, so the permission checks above still hold.'
        : `; the permission checks above hold only if the model is newer than the catalog (${cliHint('trust-model-say-so')}).`),
    locations: [],
    checks: context.checks,
    fixes: [
      instructions(`Check that ${modelId} is a model id Bedrock serves in ${context.region}`, [
        ...suggestionStep(suggestions),
        `List the models the Region serves: aws bedrock list-foundation-models --region ${context.region} --query "modelSummaries[].modelId"`,
        'Copy the id exactly, including any version suffix such as ":0".',
        `Newer models are often served only through an inference profile: aws bedrock list-inference-profiles --region ${context.region}`,
        ...(context.trusted
          ? []
          : [`If the model is newer than the catalog, check it with ${cliHint('trust-model-option')}.`]),
      ]),
    ],
  };
}

function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
}

function suggestionStep(suggestions: readonly string[]): string[] {
  return suggestions.length > 0
    ? [`Did you mean ${suggestions.join(' or ')}? (nearest ids in the catalog dated by this report)`]
    : [];
}

function endOfLife(model: CatalogModel, context: Context): Finding {
  const elsewhere = stillOffered(model);
  const alternatives = activeAlternatives(context.catalog, model, context.region);
  const steps = [
    alternatives.length > 0
      ? `Move to an active ${model.provider} model served in ${context.region}: ${list(alternatives)}.`
      : `Move to an active model served in ${context.region} (${DOCS.lifecycle}).`,
  ];
  if (elsewhere.length > 0)
    steps.push(`The catalog still lists ${model.modelId} in ${list(elsewhere)}; that may end soon.`);
  return {
    rule: 'model-access',
    severity: 'error',
    title: `${label(model)} has reached end of life in ${context.region}`,
    predictedError: { exception: 'ResourceNotFoundException', message: END_OF_LIFE },
    cause:
      `${label(model)} has reached end of life in ${context.region}${dates(model)} according to the catalog dated ${context.catalogDate}: ` +
      'Bedrock rejects every call to it with ResourceNotFoundException, whatever the permissions.',
    locations: [],
    checks: context.checks,
    fixes: [instructions(`Move to a model that is still active in ${context.region}`, steps)],
  };
}

function legacy(model: CatalogModel, context: Context): Finding {
  const alternatives = activeAlternatives(context.catalog, model, context.region);
  return {
    rule: 'model-access',
    severity: 'warning',
    title: `${label(model)} is Legacy in ${context.region}`,
    predictedError: { exception: 'ResourceNotFoundException', message: LEGACY_INACTIVE },
    cause:
      `${label(model)} is Legacy in ${context.region}${dates(model)} according to the catalog dated ${context.catalogDate}. ` +
      'An account that has not used a Legacy model recently (30 days in this message; a 15-day wording has also been seen) is refused ' +
      'with this error whatever the permissions, and every account is refused after end of life.',
    locations: [],
    checks: context.checks,
    fixes: [
      instructions(`Move to an active model${model.eolDate ? ` before ${model.eolDate}` : ''}`, [
        alternatives.length > 0
          ? `Active ${model.provider} models served in ${context.region}: ${list(alternatives)}.`
          : `See the model lifecycle page for the recommended replacement: ${DOCS.lifecycle}`,
      ]),
    ],
  };
}

function notOnDemand(model: CatalogModel, context: Context): Finding {
  const profiles = profilesFrom(context.catalog, model, context.region);
  if (profiles.length > 0) return profileOnly(model, profiles, context);
  return notOffered(model, context);
}

function profileOnly(model: CatalogModel, profiles: readonly string[], context: Context): Finding {
  return {
    rule: 'model-access',
    severity: 'error',
    title: `${label(model)} is served in ${context.region} only through an inference profile`,
    predictedError: { exception: 'ValidationException', message: onDemandNotSupported(model.modelId) },
    cause:
      `${context.region} does not serve ${model.modelId} on demand (catalog dated ${context.catalogDate}): ` +
      `a call with the base model id fails with this ValidationException whatever the permissions. ` +
      `Inference profiles containing the model that can be called from ${context.region}: ${profiles.join(', ')}.`,
    locations: [],
    checks: context.checks,
    fixes: [
      instructions(`Call the inference profile ${profiles[0]} instead of the base model id`, [
        `Pass the profile id as modelId: ${profiles.join(' or ')} (${DOCS.inferenceProfiles}).`,
        'A profile is authorized against the profile ARN and the model in every Region it routes to; ' +
          `check those permissions with ${cliHint('model-region', profiles[0]!, context.region)}.`,
      ]),
    ],
  };
}

function notOffered(model: CatalogModel, context: Context): Finding {
  const onDemand = onDemandRegions(model);
  const viaProfile = profileOnlyRegions(model);
  const mantle = model.mantleRegions.includes(context.region);
  const offered: string[] = [];
  if (onDemand.length > 0) offered.push(`on demand in ${onDemand.join(', ')}`);
  if (viaProfile.length > 0) offered.push(`through an inference profile from ${viaProfile.join(', ')}`);
  const steps: string[] = [];
  if (onDemand.length > 0)
    steps.push(`Call ${model.modelId} from a Region that serves it on demand: ${onDemand.join(', ')}.`);
  if (viaProfile.length > 0) {
    const example = viaProfile[0]!;
    const profiles = profilesFrom(context.catalog, model, example);
    steps.push(
      `Or call an inference profile from a Region that offers one: ${viaProfile.join(', ')}` +
        (profiles.length > 0 ? ` (from ${example}: ${profiles.join(', ')})` : '') +
        '.',
    );
  }
  if (mantle)
    steps.push(
      `${context.region} serves the model only on the bedrock-mantle endpoint, with its own API, not on bedrock-runtime.`,
    );
  if (steps.length === 0)
    steps.push(
      `Use a model that ${context.region} serves: aws bedrock list-foundation-models --region ${context.region}`,
    );
  return {
    rule: 'model-access',
    severity: 'error',
    title: `${label(model)} is not offered in ${context.region}`,
    predictedError: { exception: 'AccessDeniedException', message: NO_MODEL_ACCESS },
    cause:
      `${context.region} does not serve ${model.modelId} on bedrock-runtime (catalog dated ${context.catalogDate})` +
      (mantle ? '; it is served there only on the bedrock-mantle endpoint' : '') +
      `. Bedrock refuses the call whatever the permissions, with this message or with "${ACCOUNT_NOT_AUTHORIZED}" ` +
      '(seen as AccessDeniedException and as ValidationException). ' +
      (offered.length > 0
        ? `The model is offered ${offered.join('; ')}.`
        : 'The catalog lists no Region that serves it on bedrock-runtime.'),
    locations: [],
    checks: context.checks,
    fixes: [instructions(`Call ${model.modelId} from a Region that offers it`, steps)],
  };
}

function profileNotInCatalog(
  profileId: string,
  model: CatalogModel | undefined,
  expansionMessage: string | undefined,
  context: Context,
): Finding {
  const known = model ? profilesFrom(context.catalog, model, context.region) : [];
  const suggestions = suggestCatalogIds(context.catalog, profileId);
  const steps = [
    ...suggestionStep(suggestions),
    `List the profiles the Region offers: aws bedrock list-inference-profiles --region ${context.region} --query "inferenceProfileSummaries[].inferenceProfileId"`,
  ];
  if (known.length > 0)
    steps.push(
      `Profiles of ${model!.modelId} in the catalog that can be called from ${context.region}: ${known.join(', ')}.`,
    );
  if (!context.trusted)
    steps.push(
      `If the profile is newer than the catalog, check it with ${cliHint('trust-model-option')} (and ${cliHint('profile-regions-option')} for its destination Regions).`,
    );
  return {
    rule: 'model-access',
    severity: context.trusted ? 'warning' : 'error',
    title: `${profileId} is not in the inference profile catalog${didYouMean(suggestions)}`,
    predictedError: { exception: 'ValidationException', message: INVALID_MODEL_ID },
    cause:
      (expansionMessage ?? `${profileId} is not in the catalog dated ${context.catalogDate}`) +
      `. If AWS does not offer the profile from ${context.region} either, the call fails with this ValidationException whatever the permissions.`,
    locations: [],
    checks: context.checks,
    fixes: [instructions(`Check that ${profileId} is offered from ${context.region}`, steps)],
  };
}

function profileNotFromRegion(profile: CatalogProfile, model: CatalogModel | undefined, context: Context): Finding {
  const sources = [...profile.sourceRegions.keys()].sort();
  const others = model ? profilesFrom(context.catalog, model, context.region) : [];
  const steps: string[] = [];
  if (sources.length > 0) steps.push(`Call ${profile.id} from one of its source Regions: ${sources.join(', ')}.`);
  if (others.length > 0) steps.push(`Or, from ${context.region}, call ${others.join(' or ')}.`);
  if (steps.length === 0)
    steps.push(
      `List the profiles ${context.region} offers: aws bedrock list-inference-profiles --region ${context.region}`,
    );
  return {
    rule: 'model-access',
    severity: 'error',
    title: `${profile.id} is not offered from ${context.region}`,
    predictedError: { exception: 'ValidationException', message: INVALID_MODEL_ID },
    cause:
      `${profile.id} cannot be called from ${context.region} (catalog dated ${context.catalogDate}); ` +
      (sources.length > 0
        ? `its source Regions are ${sources.join(', ')}. `
        : 'the catalog lists no source Region for it. ') +
      'Bedrock rejects the id whatever the permissions.',
    locations: [],
    checks: context.checks,
    fixes: [instructions(`Call a profile offered from ${context.region}, or call from a source Region`, steps)],
  };
}

function profileEndOfLife(profile: CatalogProfile, model: CatalogModel | undefined, context: Context): Finding {
  const alternatives = model ? activeAlternatives(context.catalog, model, context.region) : [];
  return {
    rule: 'model-access',
    severity: 'error',
    title: `${profile.id} has reached end of life`,
    predictedError: { exception: 'ResourceNotFoundException', message: END_OF_LIFE },
    cause:
      `${profile.id} has reached end of life${model ? dates(model) : ''} according to the catalog dated ${context.catalogDate}: ` +
      'Bedrock rejects every call to it with ResourceNotFoundException, whatever the permissions.',
    locations: [],
    checks: context.checks,
    fixes: [
      instructions(`Move to a model that is still active in ${context.region}`, [
        alternatives.length > 0
          ? `Active ${model!.provider} models served in ${context.region}: ${list(alternatives)}.`
          : `See the model lifecycle page for the recommended replacement: ${DOCS.lifecycle}`,
      ]),
    ],
  };
}

function profileLegacy(profile: CatalogProfile, model: CatalogModel | undefined, context: Context): Finding {
  const alternatives = model ? activeAlternatives(context.catalog, model, context.region) : [];
  return {
    rule: 'model-access',
    severity: 'warning',
    title: `${profile.id} is Legacy`,
    predictedError: { exception: 'ResourceNotFoundException', message: LEGACY_INACTIVE },
    cause:
      `The model behind ${profile.id} is Legacy${model ? dates(model) : ''} according to the catalog dated ${context.catalogDate}. ` +
      'An account that has not used it recently is refused whatever the permissions (through a profile this has also been returned as ' +
      'ValidationException, without the "Access denied." prefix), and every account is refused after end of life.',
    locations: [],
    checks: context.checks,
    fixes: [
      instructions(`Move to an active model${model?.eolDate ? ` before ${model.eolDate}` : ''}`, [
        alternatives.length > 0
          ? `Active ${model!.provider} models served in ${context.region}: ${list(alternatives)}.`
          : `See the model lifecycle page for the recommended replacement: ${DOCS.lifecycle}`,
      ]),
    ],
  };
}
