// A finding or fix that is data is worded where schema v1 has its words, its message beside them as code and
// params; one that is still words passes unchanged.
import { describe, expect, it } from 'vitest';
import { message, type Finding } from '../../../src/model/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';

const finding: Finding = {
  rule: 'model-access',
  severity: 'warning',
  message: message('profile-legacy', { profileId: 'us.x.y-v1:0', legacyDate: null, eolDate: null, catalogDate: 'D' }),
  predictedError: { exception: 'ResourceNotFoundException', message: 'AWS text' },
  locations: [],
  checks: ['bedrock:InvokeModel on *'],
  fixes: [
    {
      kind: 'instructions',
      owner: 'developer',
      message: message('call-with-guardrail', { guardrail: 'gr-1', applyAction: 'bedrock:ApplyGuardrail' }),
      file: null,
      verification: { verified: false, checksFixed: 0, checksOpenedElsewhere: 0, detail: message('no-policy-change') },
    },
  ],
  alternatives: [message('guardrail-enforced-on-purpose'), 'a sentence of a rule not yet migrated'],
};

describe('findings and fixes that are data, in words', () => {
  const worded = renderCliHints(finding);

  it('puts the title after the severity, the cause after the predicted error, then the code and parameters', () => {
    expect(Object.keys(worded)).toEqual([
      'rule',
      'severity',
      'title',
      'predictedError',
      'cause',
      'code',
      'params',
      'locations',
      'checks',
      'fixes',
      'alternatives',
    ]);
    expect(worded.title).toBe('us.x.y-v1:0 is Legacy');
    expect(worded.cause).toMatch(/^The model behind us\.x\.y-v1:0 is Legacy according to the catalog dated D\./);
    expect(worded.code).toBe('profile-legacy');
  });

  it("words a fix's summary after its owner, its steps before its verification, and its verification detail", () => {
    const fix = worded.fixes[0]!;
    expect(Object.keys(fix)).toEqual(['kind', 'owner', 'summary', 'code', 'params', 'file', 'steps', 'verification']);
    expect(fix.summary).toBe('call with the guardrail the policy requires: pass --guardrail gr-1');
    expect(fix.steps).toHaveLength(2);
    expect(fix.verification.detail).toBe('a change outside the policies, which the tool cannot apply or re-evaluate');
  });

  it('words alternatives that are data and keeps those that are still words', () => {
    expect(worded.alternatives).toEqual([
      'the statement enforces a guardrail on purpose: editing it would let calls without the guardrail through',
      'a sentence of a rule not yet migrated',
    ]);
  });

  it('leaves a finding that is still words as it is', () => {
    const legacy: Finding = { ...finding, message: undefined, title: 'T', cause: 'C', fixes: [], alternatives: [] };
    const { message: _message, ...rest } = legacy;
    expect(renderCliHints(rest)).toBe(rest);
  });
});
