import { type CatalogEntries, catalogEntries } from './catalog-entries.js';
import { shippedCatalogEntries } from './catalog-file.js';

export type Lifecycle = 'ACTIVE' | 'LEGACY' | 'EOL';
type InvocationType = 'ON_DEMAND' | 'INFERENCE_PROFILE';
export type ProfileScope = 'us' | 'eu' | 'apac' | 'jp' | 'au' | 'ca' | 'in' | 'us-gov' | 'global';

export interface CatalogSource {
  readonly url: string;
  readonly title: string;
  /** yyyy-mm-dd, or "unknown". */
  readonly seen: string;
}

export interface CatalogModel {
  readonly modelId: string;
  readonly provider: string;
  readonly name: string;
  readonly lifecycle: Lifecycle;
  readonly legacyDate?: string;
  readonly eolDate?: string;
  /** bedrock-runtime Region → how the model is invoked there; empty when no Region table is known. */
  readonly regions: ReadonlyMap<string, readonly InvocationType[]>;
  readonly eolRegions: readonly string[] | 'all';
  readonly lifecycleByRegion: ReadonlyMap<string, Lifecycle>;
  /** true: sold through AWS Marketplace; false: not; null: unknown. */
  readonly marketplace: boolean | null;
  readonly streaming: boolean | null;
  readonly inferenceProfileIds: readonly string[];
  /** Regions where the model is served in-Region only on the bedrock-mantle endpoint. */
  readonly mantleRegions: readonly string[];
}

export interface CatalogProfile {
  readonly id: string;
  readonly modelId: string;
  readonly scope: ProfileScope;
  readonly status: Lifecycle;
  /** The id follows the documented prefix convention, but no source spells it out. */
  readonly idInferred: boolean;
  /** Source Region → destination Regions (sorted); null when the destinations are not published. */
  readonly sourceRegions: ReadonlyMap<string, readonly string[] | null>;
}

/** What the expansion needs to know; live mode can supply one built from the Bedrock APIs. */
export interface BedrockCatalog {
  /** The date reports must state. */
  readonly compiledOn: string;
  model(modelId: string): CatalogModel | undefined;
  profile(profileId: string): CatalogProfile | undefined;
}

/** The shape of src/bedrock/data/catalog.json (schemas/bedrock-catalog.schema.json). */
export interface CatalogFile {
  readonly compiledOn: string;
  readonly sources: readonly CatalogSource[];
  readonly models: readonly CatalogFileModel[];
  readonly profiles: readonly CatalogFileProfile[];
}

export interface CatalogFileModel {
  readonly modelId: string;
  readonly provider: string;
  readonly name: string;
  readonly lifecycle: Lifecycle;
  readonly legacyDate?: string;
  readonly eolDate?: string;
  readonly regions?: Readonly<Record<string, readonly InvocationType[]>>;
  readonly eolRegions?: readonly string[] | 'all';
  readonly lifecycleByRegion?: Readonly<Partial<Record<Lifecycle, readonly string[]>>>;
  readonly marketplace: boolean | null;
  readonly streaming: boolean | null;
  readonly inferenceProfileIds?: readonly string[];
  readonly mantleRegions?: readonly string[];
}

export interface CatalogFileProfile {
  readonly id: string;
  readonly modelId: string;
  readonly scope: ProfileScope;
  readonly status: Lifecycle;
  readonly idInferred?: true;
  readonly destinationSets: readonly (readonly string[])[];
  readonly sourceRegions: Readonly<Record<string, number | null>>;
}

export interface IndexedCatalog extends BedrockCatalog {
  readonly sources: readonly CatalogSource[];
  readonly models: readonly CatalogModel[];
  readonly profiles: readonly CatalogProfile[];
  /** The models of one provider, in catalog order (the others are not converted). */
  modelsOf(provider: string): readonly CatalogModel[];
}

/** Indexes a catalog file (see indexCatalog). */
export function createCatalog(file: CatalogFile): IndexedCatalog {
  return indexCatalog(catalogEntries(file));
}

/**
 * Indexes a catalog's entries. An entry is read and converted when first asked for (a check needs one model and
 * a few profiles of the hundreds), and the full lists when first read.
 */
export function indexCatalog(file: CatalogEntries): IndexedCatalog {
  const models = lazyIndex(
    file.modelKeys.map(([modelId]) => modelId),
    (index) => toModel(file.model(index)),
  );
  const profiles = lazyIndex(file.profileIds, (index) => toProfile(file.profile(index)));
  return {
    compiledOn: file.compiledOn,
    sources: file.sources,
    get models() {
      return models.all();
    },
    get profiles() {
      return profiles.all();
    },
    model: models.get,
    profile: profiles.get,
    modelsOf: (provider) => models.where((index) => file.modelKeys[index]![1] === provider),
  };
}

interface LazyIndex<T> {
  get(id: string): T | undefined;
  all(): readonly T[];
  /** The entries whose index `test` accepts, converted, in order. */
  where(test: (index: number) => boolean): T[];
}

/** Entries by id, each converted on first use and then kept, so that every lookup returns the same object. */
function lazyIndex<T>(ids: readonly string[], convert: (index: number) => T): LazyIndex<T> {
  const converted: (T | undefined)[] = new Array(ids.length);
  let positions: Map<string, number> | undefined;
  let all: readonly T[] | undefined;
  const at = (index: number): T => {
    let value = converted[index];
    if (value === undefined) {
      value = convert(index);
      converted[index] = value;
    }
    return value;
  };
  return {
    get(id) {
      positions ??= new Map(ids.map((entryId, index) => [entryId, index] as const));
      const index = positions.get(id);
      return index === undefined ? undefined : at(index);
    },
    all: () => (all ??= ids.map((_, index) => at(index))),
    where(test) {
      const found: T[] = [];
      for (let index = 0; index < ids.length; index++) if (test(index)) found.push(at(index));
      return found;
    },
  };
}

function toModel(m: CatalogFileModel): CatalogModel {
  const lifecycleByRegion = new Map<string, Lifecycle>();
  for (const state of ['ACTIVE', 'LEGACY', 'EOL'] as const) {
    for (const region of m.lifecycleByRegion?.[state] ?? []) lifecycleByRegion.set(region, state);
  }
  return {
    modelId: m.modelId,
    provider: m.provider,
    name: m.name,
    lifecycle: m.lifecycle,
    ...(m.legacyDate !== undefined && { legacyDate: m.legacyDate }),
    ...(m.eolDate !== undefined && { eolDate: m.eolDate }),
    regions: new Map(Object.entries(m.regions ?? {})),
    eolRegions: m.eolRegions ?? [],
    lifecycleByRegion,
    marketplace: m.marketplace,
    streaming: m.streaming,
    inferenceProfileIds: m.inferenceProfileIds ?? [],
    mantleRegions: m.mantleRegions ?? [],
  };
}

function toProfile(p: CatalogFileProfile): CatalogProfile {
  const sourceRegions = new Map<string, readonly string[] | null>();
  for (const [source, index] of Object.entries(p.sourceRegions)) {
    sourceRegions.set(source, index === null ? null : p.destinationSets[index]!);
  }
  return {
    id: p.id,
    modelId: p.modelId,
    scope: p.scope,
    status: p.status,
    idInferred: p.idInferred === true,
    sourceRegions,
  };
}

let shipped: IndexedCatalog | undefined;

/** The catalog shipped with the tool, indexed on first use. */
export function shippedCatalog(): IndexedCatalog {
  shipped ??= indexCatalog(shippedCatalogEntries());
  return shipped;
}

export function catalogDate(): string {
  return shippedCatalog().compiledOn;
}

export function findModel(modelId: string): CatalogModel | undefined {
  return shippedCatalog().model(modelId);
}

export function findProfile(profileId: string): CatalogProfile | undefined {
  return shippedCatalog().profile(profileId);
}

/** The model's lifecycle in one Region: a per-Region entry wins over the model-wide state. */
export function lifecycleIn(model: CatalogModel, region: string): Lifecycle {
  const perRegion = model.lifecycleByRegion.get(region);
  if (perRegion !== undefined) return perRegion;
  if (model.eolRegions === 'all' || model.eolRegions.includes(region)) return 'EOL';
  return model.lifecycle;
}
