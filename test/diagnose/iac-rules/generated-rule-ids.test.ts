import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IAC_RULES } from '../../../src/diagnose/iac-rules/index.js';
import { RULES } from '../../../src/diagnose/rules/index.js';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { generatedFiles } from '../../../scripts/generate-rule-ids.mjs';

type GeneratedFiles = (
  rules: readonly { id: string; recognises: string }[],
  read: undefined,
  iacRules: readonly { id: string; finds: string }[],
) => [string, string][];
const generate = generatedFiles as GeneratedFiles;
// The files the IaC rules are written into: IacRuleId, schemas/iac.schema.json and the README's IaC rule table.
// By file name: the checkout's own path may hold "iac".
const fromIacRules = ([file]: [string, string]) => /^(iac|README)/.test(basename(file));

// The IaC rule registry is the one list of IaC rules: IacRuleId, the rule enum of schemas/iac.schema.json and the
// README's IaC rule table are written from it by scripts/generate-rule-ids.mjs (run by the build), so that adding a
// rule is its folder and a line in the registry.
describe('files generated from the IaC rule registry', () => {
  it.each(
    generate(RULES, undefined, IAC_RULES)
      .filter(fromIacRules)
      .map(([file, text]) => [file.split(/[\\/]/).slice(-2).join('/'), file, text] as const),
  )('%s is up to date (run node scripts/generate-rule-ids.mjs)', (_name, file, text) => {
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('all three change when a rule is added to the registry', () => {
    const added = generate(RULES, undefined, [...IAC_RULES, { id: 'fake-iac-rule', finds: 'a fake finding' }]).filter(
      fromIacRules,
    );
    expect(added).toHaveLength(3);
    for (const [file, text] of added) {
      expect(text).toContain('fake-iac-rule');
      expect(readFileSync(file, 'utf8')).not.toContain('fake-iac-rule');
    }
  });

  it("gives every rule one line of what it finds, for the README's table", () => {
    for (const rule of IAC_RULES) expect(rule.finds).toMatch(/^[^\n|]+$/);
  });

  it('gives every rule a security severity GitHub reads (0.0–10.0) and tags', () => {
    for (const rule of IAC_RULES) {
      expect(Number(rule.securitySeverity)).toBeGreaterThanOrEqual(0);
      expect(Number(rule.securitySeverity)).toBeLessThanOrEqual(10);
      expect(rule.tags.length).toBeGreaterThan(0);
    }
  });
});
