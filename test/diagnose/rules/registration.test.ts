import { describe, expect, it } from 'vitest';
import { accountRestrictionSignatures } from '../../../src/diagnose/rules/account-restriction/signatures.js';
import { sdkTooOldSignatures } from '../../../src/diagnose/rules/sdk-too-old/signatures.js';
import { wrongApiSignatures } from '../../../src/diagnose/rules/wrong-api/signatures.js';
import { accountRestrictionRule } from '../../../src/diagnose/rules/account-restriction/index.js';
import { identityPolicyRule } from '../../../src/diagnose/rules/identity-policy/index.js';
import { knownSignatures } from '../../../src/diagnose/explain/index.js';
import { RULES, RULES_BY_SIGNATURE_PRIORITY } from '../../../src/diagnose/rules/index.js';
import { permissionsBoundaryRule } from '../../../src/diagnose/rules/permissions-boundary/index.js';
import { sdkTooOldRule } from '../../../src/diagnose/rules/sdk-too-old/index.js';
import { serviceControlPolicyRule } from '../../../src/diagnose/rules/service-control-policy/index.js';
import { sessionPolicyRule } from '../../../src/diagnose/rules/session-policy/index.js';
import { wrongApiRule } from '../../../src/diagnose/rules/wrong-api/index.js';
import { sampleEvaluation } from './client-side-rule-helpers.js';

// What every rule shares: it is in the registry under its id, and its help says who or what fixes it.
describe('rule registration', () => {
  it.each([
    [identityPolicyRule, 'identity-policy', 'helpUri', /^https:\/\/docs\.aws\.amazon\.com\//],
    [permissionsBoundaryRule, 'permissions-boundary', 'help', /owner/],
    [sessionPolicyRule, 'session-policy', 'help', /creates the session/],
    [serviceControlPolicyRule, 'service-control-policy', 'help', /organization/],
    [accountRestrictionRule, 'account-restriction', 'helpUri', /^https:\/\/docs\.aws\.amazon\.com\/awssupport\//],
    [wrongApiRule, 'wrong-api', 'helpUri', /^https:\/\/docs\.aws\.amazon\.com\/general\/latest\/gr\/bedrock\.html$/],
  ] as const)('%#: %s is registered, and its %s matches %s', (rule, id, field, pattern) => {
    expect(RULES).toContain(rule);
    expect(rule.id).toBe(id);
    expect(rule[field]).toMatch(pattern);
  });
});

// The rules about client-side failures: recognised from an error text, never from the policies.
describe.each([
  [accountRestrictionRule, accountRestrictionSignatures()],
  [wrongApiRule, wrongApiSignatures()],
  [sdkTooOldRule, sdkTooOldSignatures()],
] as const)('client-side rule %#', (rule, signatures) => {
  it(`${rule.id}: is registered, with its signatures`, () => {
    expect(RULES).toContain(rule);
    expect(rule.signatures).toBe(signatures);
  });

  it(`${rule.id}: finds nothing in a static check (the cause is not in the policies)`, () => {
    expect(rule.diagnose(sampleEvaluation())).toEqual([]);
  });
});

describe('the rule registry', () => {
  it('lists every rule once, in both orders', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(RULES_BY_SIGNATURE_PRIORITY.map((rule) => rule.id).sort()).toEqual([...ids].sort());
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    '%s: its signatures are its own and explain tries them',
    (id, rule) => {
      for (const signature of rule.signatures) {
        expect(signature.rule).toBe(id);
        expect(signature.id.startsWith(`${id}/`)).toBe(true);
        expect(knownSignatures()).toContain(signature);
      }
    },
  );

  it('gives every rule about a policy gate the fragments of its AccessDenied texts', () => {
    for (const rule of RULES.filter((candidate) => candidate.policyType)) {
      expect(knownSignatures().map((signature) => signature.id)).toEqual(
        expect.arrayContaining([`${rule.id}/explicit-deny-fragment`, `${rule.id}/implicit-deny-fragment`]),
      );
    }
  });
});
