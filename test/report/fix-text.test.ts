import { describe, expect, it } from 'vitest';
import type { Fix } from '../../src/report/words/worded-reports.js';
import { fixGroups, fixLabel, groupVerificationText, verificationText } from '../../src/report/fix-text.js';

/* How fixes are grouped and labelled for people: a set of changes that only work together is one block. */

const verification = {
  verified: true,
  checksFixed: 4,
  checksOpenedElsewhere: 0,
  checksDenied: 4,
  detail: 're-evaluated',
};
const change = (summary: string, extra: Partial<Fix> = {}): Fix => ({
  kind: 'add-statement',
  owner: 'identity-policy-owner',
  summary,
  file: 'app.json',
  statement: { Effect: 'Allow' },
  verification,
  ...extra,
});

describe('fixGroups', () => {
  it('puts neighbouring changes of one set in one group, and everything else alone', () => {
    const together = { id: 'policy-fix', changes: 2 };
    const instruction = change('meet it', { kind: 'instructions', verification: { ...verification, verified: false } });
    const a = change('a', { together });
    const b = change('b', { together });
    const alternative = change('c', { together, alternative: true, removesConditions: ['aws:SourceIp'] });
    expect(fixGroups([instruction, a, b, alternative])).toEqual([[instruction], [a, b], [alternative]]);
  });
});

describe('labels and verification lines', () => {
  it('"verified: fixes N of N denied checks" for a verified policy change', () => {
    expect(verificationText(change('a'))).toBe('verified: fixes 4 of 4 denied checks, 0 opened elsewhere');
  });

  it('an instruction is never called verified', () => {
    const instruction = change('meet it', {
      kind: 'instructions',
      verification: { ...verification, verified: false, detail: 'a change to the request' },
    });
    expect(verificationText(instruction)).toBe('not verified: a change to the request');
    // Issue 6: "Instruction-only steps are never labelled verified", even from data that says so.
    const labelled = change('meet it', {
      kind: 'instructions',
      verification: { ...verification, detail: 'a console step' },
    });
    expect(verificationText(labelled)).toBe('not verified: a console step');
  });

  it('a fix that removes a condition is labelled so', () => {
    expect(fixLabel([change('x', { alternative: true, removesConditions: ['aws:SourceIp'] })], 2)).toBe(
      'Alternative (removes the condition on aws:SourceIp)',
    );
    expect(fixLabel([change('x')], 2)).toBe('Fix 2');
    expect(fixLabel([change('x')], undefined)).toBe('Fix');
  });
});

describe('groupVerificationText', () => {
  it('says when the block works only with changes of the same fix shown under another finding', () => {
    const together = { id: 'policy-fix', changes: 3 };
    expect(groupVerificationText([change('a', { together }), change('b', { together })])).toBe(
      'verified: fixes 4 of 4 denied checks, 0 opened elsewhere — only together with the 1 other change of this fix shown under another finding',
    );
    expect(
      groupVerificationText([
        change('a', { together: { id: 'policy-fix', changes: 2 } }),
        change('b', { together: { id: 'policy-fix', changes: 2 } }),
      ]),
    ).toBe('verified: fixes 4 of 4 denied checks, 0 opened elsewhere');
    expect(groupVerificationText([change('a')])).toBe('verified: fixes 4 of 4 denied checks, 0 opened elsewhere');
  });
});
