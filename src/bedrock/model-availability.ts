import type { ModelAvailability } from '../model/index.js';

/**
 * What one GetFoundationModelAvailability answer means for an InvokeModel call in that account and Region.
 * - `enabled`: Bedrock serves the model to the account; only the permissions decide.
 * - `refused`: Bedrock refuses every call whatever the permissions (`why` says which field).
 * - `not-subscribed`: a third-party model the account has no AWS Marketplace agreement for yet; the first
 *   call subscribes the account, which needs the caller's Marketplace permissions.
 * - `pending`: the subscription is being created; calls fail until it completes.
 * - `unknown`: a value (or a combination) whose meaning is not documented: the check cannot be complete.
 */
export type ModelAccessState =
  | { readonly kind: 'enabled' }
  | { readonly kind: 'refused'; readonly why: 'region' | 'authorization' | 'agreement-error' }
  | { readonly kind: 'not-subscribed' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'unknown'; readonly why: string };

/**
 * The state of a model's access from its availability and whether AWS Marketplace sells it (`null` or `undefined`:
 * the catalog cannot tell, so it is taken as sold there). Per "Request access to models"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html) access to every model is enabled
 * by default; a third-party model is subscribed to through AWS Marketplace on its first call in the account,
 * a subscription that fails leaves later calls refused with AccessDeniedException, and one in progress takes
 * up to 15 minutes. The agreement and entitlement are that subscription, so they gate Marketplace models only
 * (models AWS sells itself have none to make; they are seen to report NOT_AVAILABLE for both and be served).
 */
export function modelAccessState(
  availability: ModelAvailability,
  marketplace: boolean | null | undefined,
): ModelAccessState {
  const { agreement, authorization, entitlement, region } = availability;
  if (region === 'NOT_AVAILABLE') return { kind: 'refused', why: 'region' };
  if (authorization === 'NOT_AUTHORIZED') return { kind: 'refused', why: 'authorization' };
  if (region !== 'AVAILABLE') return { kind: 'unknown', why: `regionAvailability ${region}` };
  if (authorization !== 'AUTHORIZED') return { kind: 'unknown', why: `authorizationStatus ${authorization}` };
  if (marketplace === false) return { kind: 'enabled' };
  if (agreement === 'ERROR') return { kind: 'refused', why: 'agreement-error' };
  if (agreement === 'PENDING') return { kind: 'pending' };
  if (!ENTITLEMENT_VALUES.has(entitlement)) return { kind: 'unknown', why: `entitlementAvailability ${entitlement}` };
  if (agreement === 'NOT_AVAILABLE') return { kind: 'not-subscribed' };
  if (agreement !== 'AVAILABLE') return { kind: 'unknown', why: `agreementAvailability ${agreement}` };
  // An agreement without the entitlement it grants is a state no AWS page describes.
  if (entitlement !== 'AVAILABLE')
    return { kind: 'unknown', why: `agreementAvailability AVAILABLE with entitlementAvailability ${entitlement}` };
  return { kind: 'enabled' };
}

const ENTITLEMENT_VALUES = new Set(['AVAILABLE', 'NOT_AVAILABLE']);

/** The availability as the API spells it, for reports: "agreement AVAILABLE, authorization AUTHORIZED, …". */
export function availabilityText(availability: ModelAvailability): string {
  return (
    `agreementAvailability ${availability.agreement}, authorizationStatus ${availability.authorization}, ` +
    `entitlementAvailability ${availability.entitlement}, regionAvailability ${availability.region}`
  );
}
