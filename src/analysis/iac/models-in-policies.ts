import type { IndexedCatalog } from '../../bedrock/index.js';
import type { IacFragment } from '../../model/index.js';

const MODEL_ARN = /^arn:[^:]+:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)\/([^*?/]+)$/;

/**
 * The model and inference-profile ids the repository's Allow statements name exactly (no wildcard), that the
 * catalog knows, sorted: the models its principals are meant to call.
 */
export function modelsInPolicies(fragments: readonly IacFragment[], catalog: IndexedCatalog): string[] {
  const ids = new Set<string>();
  for (const fragment of fragments) {
    const policies = [
      ...fragment.managedPolicies,
      ...[...fragment.users, ...fragment.groups, ...fragment.roles].flatMap((principal) => principal.policies),
    ];
    for (const policy of policies)
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || statement.unknowns?.length) continue;
        for (const resource of statement.resource ?? []) {
          const id = MODEL_ARN.exec(resource)?.[1];
          if (id && (catalog.model(id) || catalog.profile(id))) ids.add(id);
        }
      }
  }
  return [...ids].sort();
}
