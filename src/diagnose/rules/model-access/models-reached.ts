import { parseArn } from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';

/** The foundation models the call reaches: the one named (directly or by a system profile), or those a routing resource was given. */
export function modelsReached(evaluation: Evaluation): string[] {
  const id = evaluation.expansion.identifier;
  if (id.kind === 'foundation-model' || id.kind === 'inference-profile') return [id.modelId];
  const models = new Set<string>();
  for (const request of evaluation.expansion.requests) {
    const arn = parseArn(request.resource);
    if (arn?.service === 'bedrock' && arn.resource.startsWith('foundation-model/'))
      models.add(arn.resource.slice('foundation-model/'.length));
  }
  return [...models].sort();
}
