import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalogFile } from '../../src/bedrock/catalog-file.js';
import { catalogLines } from '../../src/bedrock/catalog-lines.js';
import { cliBin, requireBuiltCli } from './helpers.js';

describe('dist/catalog.txt', () => {
  beforeAll(requireBuiltCli);

  it('is the shipped catalog (src/bedrock/data/catalog.json) as lines', () => {
    const built = readFileSync(join(dirname(cliBin()), '..', 'dist', 'catalog.txt'), 'latin1');
    expect(built).toBe(catalogLines(shippedCatalogFile()));
  });
});
