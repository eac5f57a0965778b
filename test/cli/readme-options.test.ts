// Issue 7, item 7: the README's option table is generated from the options table (src/cli/options.ts);
// `node scripts/generate-readme-options.mjs` (after a build) rewrites it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeMarkers, readmeOptionTable } from '../../src/cli/options-readme.js';
import { optionsOf } from '../../src/cli/options.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function section(begin: string, end: string): string {
  const from = README.indexOf(begin);
  const to = README.indexOf(end);
  expect(from, `README.md lacks ${begin}`).toBeGreaterThanOrEqual(0);
  expect(to, `README.md lacks ${end}`).toBeGreaterThan(from);
  return README.slice(from + begin.length, to).trim();
}

describe("the README's option table", () => {
  it.each(['check', 'scan'] as const)(
    'of %s is the one generated from the options table (run scripts/generate-readme-options.mjs)',
    (command) => {
      const { begin, end } = readmeMarkers(command);
      expect(section(begin, end)).toBe(readmeOptionTable(command));
    },
  );

  it('is generated for diff too', () => {
    const { begin, end } = readmeMarkers('diff');
    expect(section(begin, end)).toBe(readmeOptionTable('diff'));
    expect(readmeOptionTable('diff')).toContain('`--fail-on lost\\|gained\\|any\\|none`');
  });

  it('has a row for every option of check, and --format lists every output format', () => {
    const table = readmeOptionTable('check');
    for (const option of optionsOf('check')) expect(table).toContain(`\`--${option.name}`);
    expect(table).toContain('`--format text\\|json\\|sarif\\|markdown`');
  });

  it("has scan's own rows: its formats, and --snapshot as scan reads it", () => {
    const table = readmeOptionTable('scan');
    for (const option of optionsOf('scan')) expect(table).toContain(`\`--${option.name}`);
    expect(table).toContain('`--format text\\|json\\|markdown\\|sarif\\|html`');
    expect(table).toContain('Every user and role');
  });
});
