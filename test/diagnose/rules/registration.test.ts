import { describe, expect, it } from 'vitest';
import { ACCOUNT_RESTRICTION_SIGNATURES } from '../../../src/diagnose/explain/signatures/account-restriction.js';
import { SDK_TOO_OLD_SIGNATURES } from '../../../src/diagnose/explain/signatures/sdk-too-old.js';
import { WRONG_API_SIGNATURES } from '../../../src/diagnose/explain/signatures/wrong-api.js';
import { accountRestrictionRule } from '../../../src/diagnose/rules/account-restriction.js';
import { identityPolicyRule } from '../../../src/diagnose/rules/identity-policy.js';
import { RULES } from '../../../src/diagnose/rules/index.js';
import { permissionsBoundaryRule } from '../../../src/diagnose/rules/permissions-boundary.js';
import { sdkTooOldRule } from '../../../src/diagnose/rules/sdk-too-old.js';
import { serviceControlPolicyRule } from '../../../src/diagnose/rules/service-control-policy.js';
import { sessionPolicyRule } from '../../../src/diagnose/rules/session-policy.js';
import { wrongApiRule } from '../../../src/diagnose/rules/wrong-api.js';
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
  [accountRestrictionRule, ACCOUNT_RESTRICTION_SIGNATURES],
  [wrongApiRule, WRONG_API_SIGNATURES],
  [sdkTooOldRule, SDK_TOO_OLD_SIGNATURES],
] as const)('client-side rule %#', (rule, signatures) => {
  it(`${rule.id}: is registered, with its signatures`, () => {
    expect(RULES).toContain(rule);
    expect(rule.signatures).toBe(signatures);
  });

  it(`${rule.id}: finds nothing in a static check (the cause is not in the policies)`, () => {
    expect(rule.diagnose(sampleEvaluation())).toEqual([]);
  });
});
