import catalogJson from './data/catalog.json' with { type: 'json' };
import type { CatalogFile } from './catalog.js';

/**
 * src/bedrock/data/catalog.json. The CLI bundle replaces this module with one that holds the file as JSON
 * text and parses it on the first call (scripts/build.mjs): V8 parses JSON faster than it builds the same
 * object literal, and keeps a string out of the compiled code it caches.
 */
export function shippedCatalogFile(): CatalogFile {
  // The JSON's inferred type is wider than CatalogFile (strings, not unions); the schema test
  // (test/bedrock/catalog-schema.test.ts) guarantees the shipped file has the CatalogFile shape.
  return catalogJson as unknown as CatalogFile;
}
