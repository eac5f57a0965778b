import { describe, expect, it } from 'vitest';
import { isServiceTier, SERVICE_TIER_KEY, SERVICE_TIERS, serviceTierContext } from '../../src/bedrock/service-tier.js';

/*
 * bedrock:ServiceTier ("Filters access by the specified ServiceTier", type String) is a condition key of
 * bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream in the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
 * The tiers are ServiceTier.type's valid values, `priority | default | flex | reserved`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ServiceTier.html), the same four that
 * AWS's "Control access to service tiers" example denies
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples-agent.html#security_iam_id-based-policy-examples-service-tiers).
 * That example denies all four to "prevent users from specifying any service tier, forcing them to use the
 * system default behavior": what the key holds on a call that names no tier is not documented, so nothing
 * is set then (the key stays unknown).
 */
describe('service tiers', () => {
  it('are the four values of the API, spelt as it spells them', () => {
    expect([...SERVICE_TIERS].sort()).toEqual(['default', 'flex', 'priority', 'reserved']);
    for (const tier of SERVICE_TIERS) expect(isServiceTier(tier)).toBe(true);
    for (const other of ['Priority', 'STANDARD', 'standard', 'auto', '', ' flex'])
      expect(isServiceTier(other)).toBe(false);
  });

  it('set bedrock:ServiceTier on the two invoke actions only', () => {
    expect(SERVICE_TIER_KEY).toBe('bedrock:ServiceTier');
    expect(serviceTierContext('bedrock:InvokeModel', 'priority')).toEqual({ 'bedrock:ServiceTier': ['priority'] });
    expect(serviceTierContext('bedrock:InvokeModelWithResponseStream', 'flex')).toEqual({
      'bedrock:ServiceTier': ['flex'],
    });
    // The Service Authorization Reference lists the key on no other action.
    expect(serviceTierContext('bedrock:CallWithBearerToken', 'flex')).toEqual({});
    expect(serviceTierContext('bedrock:ApplyGuardrail', 'flex')).toEqual({});
  });

  it('set nothing without a tier, or with one the API would reject (the key stays unknown)', () => {
    expect(serviceTierContext('bedrock:InvokeModel', undefined)).toEqual({});
    expect(serviceTierContext('bedrock:InvokeModel', 'Priority')).toEqual({});
  });
});
