import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shippedPath = join(repoRoot, 'src/bedrock/data/catalog.json');
const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas/bedrock-catalog.schema.json'), 'utf8'));
const shippedText = readFileSync(shippedPath, 'utf8');
const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);

describe('the shipped Bedrock catalog', () => {
  it('is valid against schemas/bedrock-catalog.schema.json', () => {
    const valid = validate(JSON.parse(shippedText));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('stays small: the CLI loads it at start-up', () => {
    expect(Buffer.byteLength(shippedText)).toBeLessThan(200_000);
  });

  it('points every source Region at an existing destination set', () => {
    const file = JSON.parse(shippedText) as {
      profiles: { id: string; destinationSets: string[][]; sourceRegions: Record<string, number | null> }[];
    };
    for (const profile of file.profiles) {
      for (const index of Object.values(profile.sourceRegions)) {
        if (index !== null) expect(profile.destinationSets[index], profile.id).toBeDefined();
      }
    }
  });

  it('rejects a catalog with an unknown lifecycle or a missing date', () => {
    const file = JSON.parse(shippedText);
    file.models[0].lifecycle = 'RETIRED';
    expect(validate(file)).toBe(false);
    const undated = JSON.parse(shippedText);
    delete undated.compiledOn;
    expect(validate(undated)).toBe(false);
    const emptySet = JSON.parse(shippedText);
    emptySet.profiles.find((p: { destinationSets: string[][] }) => p.destinationSets.length > 0).destinationSets[0] =
      [];
    expect(validate(emptySet)).toBe(false);
  });

  const compiled = join(repoRoot, '../shared/data/bedrock-catalog.json');
  it.skipIf(!existsSync(compiled))(
    'is what scripts/adopt-catalog.mjs makes of the compiled catalog, byte for byte',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'adopt-catalog-'));
      try {
        const out = join(dir, 'catalog.json');
        execFileSync(process.execPath, [join(repoRoot, 'scripts/adopt-catalog.mjs'), compiled, '--out', out]);
        expect(readFileSync(out, 'utf8')).toBe(shippedText);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
