// Issue 7: the Bedrock catalog is handed in with the check input. Only the composition roots (the CLI,
// the library's check()) and the catalog module itself (its public shipped-catalog helpers, and
// expandModel's default for library callers) may read the shipped catalog.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const ALLOWED = new Set([
  'analysis/check.ts',
  'bedrock/catalog.ts',
  'bedrock/expand.ts',
  'cli/run-check.ts',
  'cli/run-explain.ts',
  // scan (and diff): the snapshot → matrix wiring.
  'cli/snapshot-matrix.ts',
  // iac: the repository → matrix wiring.
  'cli/run-iac.ts',
  // The library's matrix(), a composition root like its check().
  'index.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('reads of the shipped catalog', () => {
  it('happen only at the composition roots', () => {
    const readers = sourceFiles(SRC)
      .filter((file) => /\bshippedCatalog\(\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file).split(sep).join('/'))
      .sort();
    expect(readers.filter((file) => !ALLOWED.has(file))).toEqual([]);
    expect(readers).toContain('analysis/check.ts');
  });
});
