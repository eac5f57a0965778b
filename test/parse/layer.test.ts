import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const PARSE_DIR = new URL('../../src/parse/', import.meta.url);

function sourceFiles(dir: URL, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`) : entry.name.endsWith('.ts') ? [`${prefix}${entry.name}`] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(new URL(file, PARSE_DIR), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
}

// DESIGN.md: parse may import only from model; it is pure (no node:* modules, no I/O).
describe('the parse layer', () => {
  it.each(sourceFiles(PARSE_DIR))('%s imports only src/parse, src/model, jsonc-parser and ajv', (file) => {
    for (const specifier of importsOf(file)) {
      const allowed = specifier.startsWith('./') || specifier.startsWith('../model/') || specifier === 'jsonc-parser' || specifier === 'ajv';
      expect(allowed, `${file} imports ${specifier}`).toBe(true);
    }
  });
});
