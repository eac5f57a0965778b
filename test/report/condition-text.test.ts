import { describe, expect, it } from 'vitest';
import type { CheckEntry } from '../../src/model/index.js';
import { clauseText } from '../../src/report/clause-text.js';
import { alternativeText } from '../../src/report/condition-text.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatText } from '../../src/report/text.js';
import { CHECKS, report, toConditional } from './reports.js';

const clause = (operator: string, values: readonly string[] = ['a']) => ({
  operator,
  key: 'aws:TagKeys',
  values,
  file: 'p.json',
  line: 3,
});

describe('clauseText: …IfExists on an absent key', () => {
  it('a single-valued …IfExists operator is true when the key is absent', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
    expect(clauseText(clause('StringEqualsIfExists'))).toBe('aws:TagKeys is a (or aws:TagKeys is absent)');
  });

  it('ForAnyValue with …IfExists does not claim the absent key passes: the documentation conflicts, the engine leaves it undecided', () => {
    // The condition-operators page says …IfExists is true on an absent key; the multivalued-keys page
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html)
    // says ForAnyValue is false on a missing key. src/engine/conditions/set-operators.ts: absentConflict.
    const text = clauseText(clause('ForAnyValue:StringEqualsIfExists'));
    expect(text).toBe(
      "some value of aws:TagKeys is a (undecided if aws:TagKeys is absent: AWS's documentation conflicts)",
    );
    expect(text).not.toContain('(or aws:TagKeys is absent)');
  });

  it('ForAllValues with …IfExists keeps "or absent" (ForAllValues is true on a missing key either way)', () => {
    expect(clauseText(clause('ForAllValues:StringLikeIfExists'))).toBe(
      'every value of aws:TagKeys matches a (or aws:TagKeys is absent)',
    );
  });
});

/** A statement undecided only because of its Resource (a policy variable before the fifth colon): no clause, a reason. */
const REASON =
  'resource "arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*" has a policy variable before the fifth colon';
function undecidedByResource(check: CheckEntry): CheckEntry {
  const conditional = toConditional(check);
  const [condition] = conditional.conditions!;
  const statement = { ...condition!.alternatives[0]!.statement, undecided: [REASON] };
  return { ...conditional, conditions: [{ ...condition!, alternatives: [{ statement, clauses: [] }] }] };
}

describe('a statement undecided only because of its Resource', () => {
  const undecided = report([], {
    verdict: 'conditional',
    checks: CHECKS.map(undecidedByResource),
    summary: { allowed: 0, explicitDeny: 0, implicitDeny: 0, conditional: 2 },
  });

  it('is described by its reason, not by an empty list of clauses', () => {
    const [alternative] = undecided.checks[0]!.conditions![0]!.alternatives;
    expect(alternativeText(alternative!)).toBe(`the statement applies (undecided: ${REASON})`);
  });

  it('the text report shows the reason where the clauses would be, never a blank line before the place', () => {
    const lines = formatText(undecided, undefined, { verbose: true }).split('\n');
    expect(lines[0]).toBe(
      `CONDITIONAL  amazon.nova-pro-v1:0 in us-east-1: allowed by the identity-based policy only if the statement applies (undecided: ${REASON})`,
    );
    expect(lines).toContain(
      `      the statement applies (undecided: ${REASON}) — policies/app.json:4 (Sid Corp) [identity-based policy app.json]`,
    );
    expect(lines.filter((line) => /^\s*— /.test(line))).toEqual([]);
  });

  it('the Markdown report states the reason as the condition', () => {
    const markdown = formatMarkdown(undecided);
    expect(markdown).toContain(
      'only if the statement applies (undecided: resource "arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/\\*" has a policy variable',
    );
  });
});
