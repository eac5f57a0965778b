import { classifyModel, type ListedProfile } from '../bedrock/index.js';
import type { CheckInput } from '../diagnose/check-input.js';

/**
 * The system-defined profile the call names, as the account's ListInferenceProfiles listed it from the call's
 * Region (its destination Regions then replace the catalog's); undefined when the account's list does not apply
 * (no list, read in another Region, --profile-regions given, or the model is no system-defined profile).
 */
export function listedProfileFor(input: CheckInput): ListedProfile | undefined {
  const bedrock = input.accountBedrock;
  if (!bedrock?.inferenceProfiles || bedrock.region !== input.region || input.profileRegions) return undefined;
  const id = classifyModel(input.model);
  if (id.kind !== 'inference-profile') return undefined;
  const listed = bedrock.inferenceProfiles.find((profile) => profile.id === id.profileId);
  return {
    source: `the account's ListInferenceProfiles in ${bedrock.region}`,
    regions: listed ? listed.regions : null,
  };
}
