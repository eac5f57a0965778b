import { cliHint, message, type Note } from '../model/index.js';
import { arnLocationProblems } from './arn-checks.js';
import type { CatalogProfile } from './catalog.js';
import { modelNotInCatalog, profileWarnings } from './catalog-warnings.js';
import {
  INFERENCE_PROFILE_ARN,
  REQUESTED_REGION,
  UNSPECIFIED_REGION,
  emptyPlan,
  foundationModelArn,
  type CallSite,
  type ExpansionProblem,
  type ExpansionWarning,
  type Plan,
  type Target,
} from './expansion.js';
import type { ModelIdentifier } from './model-id.js';

type SystemProfile = Extract<ModelIdentifier, { kind: 'inference-profile' }>;

const ACCOUNT_PATTERN = /^\d{12}$/;

/**
 * A system-defined (cross-Region) inference profile, per the Bedrock User Guide pages "Geographic
 * cross-Region inference" and "Global cross-Region inference": the profile in the source Region,
 * then the foundation model in the source Region and in every destination Region (geographic), or
 * in the source Region and Region-less with aws:RequestedRegion = unspecified (global).
 */
export function planSystemProfile(id: SystemProfile, site: CallSite): Plan {
  const problems = callProblems(id, site);
  if (problems.length > 0) return { ...emptyPlan(), problems };

  const profileArn = `arn:${site.partition}:bedrock:${site.region}:${site.account}:inference-profile/${id.profileId}`;
  const profile = site.catalog.profile(id.profileId);
  const lookup = profile ? lookupSource(profile, site) : lookupUnknownProfile(id, site);
  if (lookup.problem) return { ...emptyPlan(), problems: [lookup.problem], warnings: lookup.warnings };

  const profileTarget: Target = {
    resource: profileArn,
    context: { [REQUESTED_REGION]: [site.region] },
    absentKeys: [],
    why: `inference profile ${id.profileId} called from source Region ${site.region}`,
  };
  const notes = [message('profile-arn-key-undocumented', { key: INFERENCE_PROFILE_ARN })];
  const plan =
    id.scope === 'global' ? planGlobal(id, site, profileArn, lookup) : planGeographic(id, site, profileArn, lookup);
  return {
    targets: [profileTarget, ...plan.targets],
    problems: plan.problems,
    warnings: [...lookup.warnings, ...notListed(id, site), ...plan.warnings],
    notes: [...notes, ...plan.notes],
    ...(plan.destinations && { destinations: plan.destinations }),
  };
}

/** The destination Regions the account's ListInferenceProfiles gave for the profile, unless --profile-regions overrides them. */
function listedRegions(site: CallSite): readonly string[] | undefined {
  if (site.profileRegions) return undefined;
  const regions = site.listedProfile?.regions;
  return regions && regions.length > 0 ? regions : undefined;
}

/** A profile the account's list from this Region lacks may not be offered from it today: the checks cannot be sure. */
function notListed(id: SystemProfile, site: CallSite): ExpansionWarning[] {
  if (!site.listedProfile || site.listedProfile.regions !== null || site.profileRegions) return [];
  return [
    {
      code: 'profile-not-listed',
      message: `${id.profileId} is not among the system-defined inference profiles ${site.listedProfile.source} listed, so AWS may not offer it from ${site.region} today`,
    },
  ];
}

interface SourceLookup {
  /** Destinations from the catalog for the source Region: a list, null (not published) or undefined (no entry). */
  readonly catalogDestinations: readonly string[] | null | undefined;
  readonly warnings: readonly ExpansionWarning[];
  readonly problem?: ExpansionProblem;
}

function callProblems(id: SystemProfile, site: CallSite): ExpansionProblem[] {
  const problems = id.arn ? arnLocationProblems(id.arn, site) : [];
  if (id.arn && id.arn.account !== site.account) {
    problems.push({
      code: 'account-mismatch',
      message: `a system-defined inference profile ARN names the caller's account (${site.account}), not "${id.arn.account}"`,
    });
  }
  if (!ACCOUNT_PATTERN.test(site.account)) {
    problems.push({
      code: 'invalid-account',
      message: `the caller's account "${site.account}" is not a 12-digit account id; the profile ARN is in the caller's account`,
    });
  }
  return problems;
}

function lookupSource(profile: CatalogProfile, site: CallSite): SourceLookup {
  const warnings = profileWarnings(profile);
  if (profile.sourceRegions.has(site.region)) {
    return { catalogDestinations: profile.sourceRegions.get(site.region), warnings };
  }
  const sources = [...profile.sourceRegions.keys()].sort();
  const offered =
    sources.length > 0
      ? `it is offered from ${sources.join(', ')}`
      : `the catalog lists no source Region for it (status ${profile.status})`;
  const message = `${profile.id} is not offered from ${site.region} according to the catalog dated ${site.catalog.compiledOn}; ${offered}`;
  if (listedRegions(site)) {
    return {
      catalogDestinations: undefined,
      warnings: [
        ...warnings,
        { code: 'profile-regions-override', message: `${message}; ${site.listedProfile?.source} lists it from there` },
      ],
    };
  }
  if (site.profileRegions) {
    return {
      catalogDestinations: undefined,
      warnings: [
        ...warnings,
        {
          code: 'profile-regions-override',
          message: `${message}; using ${cliHint('profile-regions-option')} as given`,
        },
      ],
    };
  }
  return { catalogDestinations: undefined, warnings, problem: { code: 'not-a-source-region', message } };
}

function lookupUnknownProfile(id: SystemProfile, site: CallSite): SourceLookup {
  const model = site.catalog.model(id.modelId);
  const warnings: ExpansionWarning[] = model ? [] : [modelNotInCatalog(site.catalog, id.modelId)];
  const known = model?.inferenceProfileIds.length
    ? `; profiles of ${id.modelId} in the catalog: ${model.inferenceProfileIds.join(', ')}`
    : '';
  const message = `${id.profileId} is not in the catalog dated ${site.catalog.compiledOn}${known}`;
  // A global profile's requests do not depend on its destinations; a geographic one's do.
  if (id.scope === 'global' || site.profileRegions || listedRegions(site)) {
    return { catalogDestinations: undefined, warnings: [...warnings, { code: 'profile-not-in-catalog', message }] };
  }
  return {
    catalogDestinations: undefined,
    warnings,
    problem: {
      code: 'unknown-profile',
      message: `${message}, so its destination Regions are unknown; ${cliHint('profile-regions-pass')}`,
    },
  };
}

function planGlobal(id: SystemProfile, site: CallSite, profileArn: string, lookup: SourceLookup): Plan {
  const viaProfile = { [INFERENCE_PROFILE_ARN]: [profileArn] };
  const warnings: ExpansionWarning[] = site.profileRegions
    ? [
        {
          code: 'profile-regions-ignored',
          message: `${id.profileId} is a global profile: AWS authorizes the Region-less model ARN, not each destination Region, so ${cliHint('profile-regions-option')} is not used`,
        },
      ]
    : [];
  return {
    targets: [
      {
        resource: foundationModelArn(site.partition, site.region, id.modelId),
        context: { [REQUESTED_REGION]: [site.region], ...viaProfile },
        absentKeys: [],
        why: `foundation model in source Region ${site.region} of global profile ${id.profileId}`,
      },
      {
        resource: foundationModelArn(site.partition, '', id.modelId),
        context: { [REQUESTED_REGION]: [UNSPECIFIED_REGION], ...viaProfile },
        absentKeys: [],
        why: `Region-less foundation model of global profile ${id.profileId}: global routing to any commercial Region`,
      },
    ],
    problems: [],
    warnings,
    notes: [
      message('global-profile-region-less', {
        arn: foundationModelArn(site.partition, '', id.modelId),
        key: REQUESTED_REGION,
        value: UNSPECIFIED_REGION,
      }),
    ],
    ...(lookup.catalogDestinations && {
      destinations: { from: 'catalog' as const, regions: lookup.catalogDestinations },
    }),
  };
}

function planGeographic(id: SystemProfile, site: CallSite, profileArn: string, lookup: SourceLookup): Plan {
  const listed = listedRegions(site);
  const destinations = site.profileRegions ?? listed ?? lookup.catalogDestinations;
  const from = site.profileRegions
    ? ('profile-regions' as const)
    : listed
      ? ('account' as const)
      : ('catalog' as const);
  const modelTarget = (region: string, why: string): Target => ({
    resource: foundationModelArn(site.partition, region, id.modelId),
    context: { [REQUESTED_REGION]: [region], [INFERENCE_PROFILE_ARN]: [profileArn] },
    absentKeys: [],
    why,
  });

  if (!destinations) {
    return {
      // The source-Region model is always evaluated; the destinations are what is missing.
      targets: [modelTarget(site.region, `source Region of ${id.profileId}`)],
      problems: [
        {
          code: 'destinations-unknown',
          message:
            `the destination Regions of ${id.profileId} from ${site.region} are not published in any source of the catalog dated ` +
            `${site.catalog.compiledOn}; ${cliHint('profile-regions-pass')}`,
        },
      ],
      warnings: [],
      notes: [],
    };
  }

  const regions = [...new Set([site.region, ...destinations])].sort();
  const destinationSet = new Set(destinations);
  const targets = regions.map((region) => {
    if (region !== site.region) return modelTarget(region, `destination Region of ${id.profileId} from ${site.region}`);
    return modelTarget(
      region,
      destinationSet.has(region)
        ? `source and destination Region of ${id.profileId}`
        : `source Region of ${id.profileId}`,
    );
  });
  const warnings: ExpansionWarning[] = site.profileRegions
    ? [
        {
          code: 'profile-regions-override',
          message: `destination Regions of ${id.profileId} taken from ${cliHint('profile-regions-option')}, not the catalog`,
        },
      ]
    : [];
  return {
    targets,
    problems: [],
    warnings,
    notes: [
      from === 'catalog'
        ? message('destinations-from-catalog', {
            profile: id.profileId,
            region: site.region,
            catalogDate: site.catalog.compiledOn,
          })
        : from === 'account'
          ? listedNote(id, site, destinations, lookup.catalogDestinations)
          : message('destinations-given', { profile: id.profileId }),
      message('geographic-profile-every-region'),
    ],
    destinations: { from, regions: [...destinationSet].sort() },
  };
}

/** Where the listed destinations come from, and how they differ from the catalog's. */
function listedNote(
  id: SystemProfile,
  site: CallSite,
  listed: readonly string[],
  catalog: readonly string[] | null | undefined,
): Note {
  const sorted = [...listed].sort();
  return message('destinations-listed', {
    profile: id.profileId,
    region: site.region,
    source: site.listedProfile?.source ?? null,
    listed: sorted,
    catalogDate: site.catalog.compiledOn,
    catalogHasNone: !catalog,
    added: catalog ? listed.filter((region) => !catalog.includes(region)).sort() : [],
    dropped: catalog ? catalog.filter((region) => !listed.includes(region)).sort() : [],
  });
}
