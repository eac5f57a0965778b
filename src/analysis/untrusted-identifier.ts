import type { Expansion } from '../bedrock/index.js';
import { message, type Unresolved } from '../model/index.js';
import type { CheckInput } from '../diagnose/check-input.js';

const NOT_IN_CATALOG = new Set(['model-not-in-catalog', 'profile-not-in-catalog']);

/**
 * An id the catalog does not know is most often a typo, which AWS rejects whatever the permissions: the
 * checks then predict nothing, so the verdict must not be "allowed" unless the user vouches for the id.
 * (A geographic profile unknown to the catalog without --profile-regions is already an expansion problem.)
 */
export function untrustedIdentifier(expansion: Expansion, input: CheckInput): Unresolved[] {
  if (input.trustModel === true) return [];
  const unknown = expansion.warnings.find((warning) => NOT_IN_CATALOG.has(warning.code));
  if (!unknown) return [];
  return [message('model-not-trusted', { model: expansion.input, catalogDate: expansion.catalogDate })];
}
