import type { CatalogFile, CatalogFileModel, CatalogFileProfile, CatalogSource } from './catalog.js';

/**
 * A catalog file read one entry at a time: the keys say which entry is which, so that a lookup parses only
 * the entries it returns. The CLI bundle reads the shipped catalog in this form (catalog-lines.ts); a parsed
 * file becomes one with `catalogEntries`.
 */
export interface CatalogEntries {
  readonly compiledOn: string;
  readonly sources: readonly CatalogSource[];
  /** Each model's id and provider, in file order. */
  readonly modelKeys: readonly (readonly [modelId: string, provider: string])[];
  /** Each profile's id, in file order. */
  readonly profileIds: readonly string[];
  model(index: number): CatalogFileModel;
  profile(index: number): CatalogFileProfile;
}

/** A parsed catalog file as entries; refuses a profile that points at a destination set it does not have. */
export function catalogEntries(file: CatalogFile): CatalogEntries {
  for (const profile of file.profiles) checkDestinationSets(profile);
  return {
    compiledOn: file.compiledOn,
    sources: file.sources,
    modelKeys: file.models.map((model) => [model.modelId, model.provider] as const),
    profileIds: file.profiles.map((profile) => profile.id),
    model: (index) => file.models[index]!,
    profile: (index) => file.profiles[index]!,
  };
}

/** A profile must only point at destination sets it has: refused when the catalog is indexed, not when the profile is first used. */
function checkDestinationSets(p: CatalogFileProfile): void {
  for (const source in p.sourceRegions) {
    const index = p.sourceRegions[source];
    if (index !== null && index !== undefined && p.destinationSets[index] === undefined) {
      throw new Error(`catalog: profile ${p.id} points at missing destination set ${index}`);
    }
  }
}
