import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { GENERATED, generateValidatorSource } from '../../scripts/generate-validators.mjs';
import { allConditionOperatorNames } from '../../src/parse/condition-operators.js';
import { actionProblem, arnProblem, resourceProblem } from '../../src/parse/policy-strings.js';

interface SchemaDefs {
  readonly $defs: Record<string, { readonly pattern?: string }>;
}

function readSchema(name: string): SchemaDefs {
  return JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as SchemaDefs;
}

const policySchema = readSchema('policy-document.schema.json');
const scpLevelsSchema = readSchema('scp-levels.schema.json');

/** The schema's pattern as ajv uses it (ajv compiles patterns with the "u" flag). */
function pattern(schema: SchemaDefs, def: string): RegExp {
  const source = schema.$defs[def]?.pattern;
  if (source === undefined) throw new Error(`no pattern in $defs/${def}`);
  return new RegExp(source, 'u');
}

/** Strings built from the characters that matter to policy grammar, so random cases hit the edges. */
const fragment = fc
  .array(fc.constantFrom('a', 'Z', '0', '-', '_', '.', ':', '*', '?', '/', ' ', '$', '{', '}', 'aws', 's3', '\t'), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));
const policyText = fc.oneof(
  fragment,
  fc.tuple(fragment, fragment).map(([service, action]) => `${service}:${action}`),
  fc.array(fragment, { minLength: 5, maxLength: 7 }).map((parts) => `arn:${parts.join(':')}`),
  // ARNs cut short, with or without the trailing * that makes them valid Resource entries.
  fc
    .tuple(fc.array(fragment, { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([parts, star]) => `arn:${parts.join(':')}${star ? '*' : ''}`),
);

describe('generated validators', () => {
  for (const generated of GENERATED as readonly { readonly file: string }[]) {
    it(`${basename(generated.file)} is up to date with schemas/ (run node scripts/generate-validators.mjs)`, () => {
      expect(readFileSync(generated.file, 'utf8')).toBe(generateValidatorSource(generated));
    });
  }
});

describe('the schema and the code agree', () => {
  it('the operator pattern accepts exactly the documented operators', () => {
    const operatorPattern = pattern(policySchema, 'conditionOperatorName');
    const names = allConditionOperatorNames();
    for (const name of names) expect(operatorPattern.test(name), name).toBe(true);
    for (const name of names) {
      if (name.toLowerCase() !== name) expect(operatorPattern.test(name.toLowerCase()), name.toLowerCase()).toBe(false);
    }
    for (const name of [
      'NullIfExists',
      'ForAnyValue:NullIfExists',
      'ForAllValues:',
      'StringEqualsIfExistsIfExists',
      'ForAnyValue:ForAllValues:Bool',
      'Bool ',
    ]) {
      expect(operatorPattern.test(name), name).toBe(false);
    }
  });

  it('the action pattern accepts exactly what actionProblem accepts', () => {
    const actionPattern = pattern(policySchema, 'actionString');
    fc.assert(
      fc.property(policyText, (text) => actionPattern.test(text) === (actionProblem(text) === undefined)),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('the resource pattern accepts exactly what resourceProblem accepts', () => {
    const resourcePattern = pattern(policySchema, 'resourceString');
    fc.assert(
      fc.property(policyText, (text) => resourcePattern.test(text) === (resourceProblem(text) === undefined)),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('the SCP-levels ARN pattern accepts exactly what arnProblem accepts', () => {
    const arnPattern = pattern(scpLevelsSchema, 'arn');
    fc.assert(
      fc.property(policyText, (text) => arnPattern.test(text) === (arnProblem(text) === undefined)),
      { numRuns: 3000, seed: 42 },
    );
  });
});
