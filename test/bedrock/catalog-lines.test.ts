import { describe, expect, it } from 'vitest';
import type { CatalogEntries } from '../../src/bedrock/catalog-entries.js';
import { type CatalogFile, indexCatalog } from '../../src/bedrock/catalog.js';
import { shippedCatalogFile } from '../../src/bedrock/catalog-file.js';
import { catalogLines, readCatalogLines } from '../../src/bedrock/catalog-lines.js';

const readBack = (file: CatalogFile): CatalogEntries => readCatalogLines(Buffer.from(catalogLines(file), 'latin1'));

describe('the catalog as lines (the CLI bundle reads dist/catalog.txt)', () => {
  const file = shippedCatalogFile();

  it('reads back every model and profile of the shipped catalog as the file has it', () => {
    const entries = readBack(file);
    expect(entries.compiledOn).toBe(file.compiledOn);
    expect(entries.sources).toEqual(file.sources);
    expect(entries.modelKeys).toEqual(file.models.map((model) => [model.modelId, model.provider]));
    expect(entries.profileIds).toEqual(file.profiles.map((profile) => profile.id));
    expect(file.models.map((_, index) => entries.model(index))).toEqual(file.models);
    expect(file.profiles.map((_, index) => entries.profile(index))).toEqual(file.profiles);
  });

  it('is ASCII, with a line per entry after the header, whatever characters the entries hold', () => {
    const first = file.models[0]!;
    const odd = { ...file, models: [{ ...first, name: 'Modèle\u2028“new”\nline' }, ...file.models.slice(1)] };
    const text = catalogLines(odd);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    expect(text.split('\n')).toHaveLength(1 + file.models.length + file.profiles.length + 1);
    expect(readBack(odd).model(0).name).toBe('Modèle\u2028“new”\nline');
  });

  it('refuses a profile that points at a destination set it does not have, as indexing the file would', () => {
    const profile = { ...file.profiles[0]!, destinationSets: [] };
    expect(() => catalogLines({ ...file, profiles: [profile] })).toThrow(/missing destination set/);
  });

  it('parses only the entries a lookup returns', () => {
    const entries = readBack(file);
    const parsed: string[] = [];
    const counting: CatalogEntries = {
      ...entries,
      model(index) {
        parsed.push(`model ${index}`);
        return entries.model(index);
      },
      profile(index) {
        parsed.push(`profile ${index}`);
        return entries.profile(index);
      },
    };
    const catalog = indexCatalog(counting);
    const haiku = catalog.model('anthropic.claude-3-haiku-20240307-v1:0');
    expect(haiku?.name).toBe('Claude 3 Haiku');
    expect(parsed).toEqual([`model ${file.models.findIndex((model) => model.modelId === haiku?.modelId)}`]);
    // The same object again, not parsed twice.
    expect(catalog.model('anthropic.claude-3-haiku-20240307-v1:0')).toBe(haiku);
    expect(parsed).toHaveLength(1);

    const amazon = catalog.modelsOf('Amazon');
    expect(amazon.length).toBe(file.models.filter((model) => model.provider === 'Amazon').length);
    expect(parsed).toHaveLength(1 + amazon.length);
    expect(catalog.profile('no.such.profile')).toBeUndefined();
    expect(parsed).toHaveLength(1 + amazon.length);
  });
});
