import { describe, expect, it } from 'vitest';
import { availabilityText, modelAccessState } from '../../src/bedrock/index.js';
import type { ModelAvailability } from '../../src/model/index.js';

/*
 * The fields and their values are those of GetFoundationModelAvailability
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetFoundationModelAvailability.html, and the
 * SDK's enums AgreementStatus, AuthorizationStatus, EntitlementAvailability, RegionAvailability). What they mean
 * for a call follows "Request access to models" (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html):
 * access is enabled by default; a third-party model is subscribed through AWS Marketplace on its first call; a
 * failed subscription leaves later calls refused with AccessDeniedException; one in progress takes up to 15 minutes.
 */

const ENABLED: ModelAvailability = {
  agreement: 'AVAILABLE',
  authorization: 'AUTHORIZED',
  entitlement: 'AVAILABLE',
  region: 'AVAILABLE',
};

describe('modelAccessState', () => {
  // [fields that differ from ENABLED, sold through AWS Marketplace?, expected state]
  const table: [Partial<ModelAvailability>, boolean | null, ReturnType<typeof modelAccessState>][] = [
    [{}, true, { kind: 'enabled' }],
    [{}, false, { kind: 'enabled' }],
    [{ region: 'NOT_AVAILABLE' }, true, { kind: 'refused', why: 'region' }],
    [{ region: 'NOT_AVAILABLE' }, false, { kind: 'refused', why: 'region' }],
    [{ authorization: 'NOT_AUTHORIZED' }, true, { kind: 'refused', why: 'authorization' }],
    [{ authorization: 'NOT_AUTHORIZED' }, false, { kind: 'refused', why: 'authorization' }],
    // Region first: the model is not there at all, whatever else the answer says.
    [{ region: 'NOT_AVAILABLE', authorization: 'NOT_AUTHORIZED' }, true, { kind: 'refused', why: 'region' }],
    [{ agreement: 'ERROR' }, true, { kind: 'refused', why: 'agreement-error' }],
    [{ agreement: 'PENDING', entitlement: 'NOT_AVAILABLE' }, true, { kind: 'pending' }],
    [{ agreement: 'NOT_AVAILABLE', entitlement: 'NOT_AVAILABLE' }, true, { kind: 'not-subscribed' }],
    [{ agreement: 'NOT_AVAILABLE' }, true, { kind: 'not-subscribed' }],
    // The catalog cannot tell whether Marketplace sells it: taken as sold there.
    [{ agreement: 'NOT_AVAILABLE', entitlement: 'NOT_AVAILABLE' }, null, { kind: 'not-subscribed' }],
    // Models AWS sells itself have no Marketplace subscription: agreement and entitlement do not gate them.
    [{ agreement: 'NOT_AVAILABLE', entitlement: 'NOT_AVAILABLE' }, false, { kind: 'enabled' }],
    [{ agreement: 'ERROR' }, false, { kind: 'enabled' }],
    // Undocumented values and combinations are unknown, never enabled.
    [
      { entitlement: 'NOT_AVAILABLE' },
      true,
      { kind: 'unknown', why: 'agreementAvailability AVAILABLE with entitlementAvailability NOT_AVAILABLE' },
    ],
    [{ region: 'UNKNOWN' }, false, { kind: 'unknown', why: 'regionAvailability UNKNOWN' }],
    [{ authorization: 'UNKNOWN' }, false, { kind: 'unknown', why: 'authorizationStatus UNKNOWN' }],
    [{ agreement: 'UNKNOWN' }, true, { kind: 'unknown', why: 'agreementAvailability UNKNOWN' }],
    [{ entitlement: 'UNKNOWN' }, true, { kind: 'unknown', why: 'entitlementAvailability UNKNOWN' }],
  ];

  it.each(table)('%j, marketplace %s → %j', (fields, marketplace, expected) => {
    expect(modelAccessState({ ...ENABLED, ...fields }, marketplace)).toEqual(expected);
  });

  it('says every field as the API spells it', () => {
    expect(availabilityText({ ...ENABLED, entitlement: 'NOT_AVAILABLE' })).toBe(
      'agreementAvailability AVAILABLE, authorizationStatus AUTHORIZED, entitlementAvailability NOT_AVAILABLE, regionAvailability AVAILABLE',
    );
  });
});
