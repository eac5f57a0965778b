import type { CatalogFile } from './catalog.js';
import { type CatalogEntries, catalogEntries } from './catalog-entries.js';
import catalogJson from './data/catalog.json' with { type: 'json' };

/** src/bedrock/data/catalog.json. */
export function shippedCatalogFile(): CatalogFile {
  // The JSON's inferred type is wider than CatalogFile (strings, not unions); the schema test
  // (test/bedrock/catalog-schema.test.ts) guarantees the shipped file has the CatalogFile shape.
  return catalogJson as unknown as CatalogFile;
}

let entries: CatalogEntries | undefined;

/**
 * The shipped catalog's entries. The CLI bundle replaces this module with one that reads dist/catalog.txt and
 * parses an entry when it is first asked for (src/bedrock/catalog-lines.ts, scripts/catalog-lines.mjs).
 */
export function shippedCatalogEntries(): CatalogEntries {
  entries ??= catalogEntries(shippedCatalogFile());
  return entries;
}
