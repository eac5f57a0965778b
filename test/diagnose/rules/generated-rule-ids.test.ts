import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/diagnose/rules/index.js';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { generatedFiles } from '../../../scripts/generate-rule-ids.mjs';

type GeneratedFiles = (rules: readonly { id: string; recognises: string }[]) => [string, string][];
const generate = generatedFiles as GeneratedFiles;

// The rule registry is the one list of rules: the RuleId type, the schemas' rule enums and the README's
// rule table are written from it by scripts/generate-rule-ids.mjs (run by the build).
describe('files generated from the rule registry', () => {
  it.each(generate(RULES).map(([file, text]) => [file.split(/[\\/]/).slice(-2).join('/'), file, text] as const))(
    '%s is up to date (run node scripts/generate-rule-ids.mjs)',
    (_name, file, text) => {
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
  );

  it('all change when a rule is added to the registry', () => {
    const added = generate([...RULES, { id: 'fake-rule', recognises: '`Fake error`' }]);
    for (const [file, text] of added) {
      expect(text).toContain('fake-rule');
      expect(readFileSync(file, 'utf8')).not.toContain('fake-rule');
    }
  });

  it('lists every registered rule in the report and explain schemas', () => {
    const ids = RULES.map((rule) => rule.id);
    const report = JSON.parse(readFileSync(new URL('../../../schemas/report.schema.json', import.meta.url), 'utf8'));
    const explain = JSON.parse(readFileSync(new URL('../../../schemas/explain.schema.json', import.meta.url), 'utf8'));
    expect(report.definitions.finding.properties.rule.enum).toEqual(ids);
    expect(explain.definitions.explanation.properties.rule.oneOf[0].enum).toEqual(ids);
  });
});
