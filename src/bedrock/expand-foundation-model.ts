import { message } from '../model/index.js';
import { arnLocationProblems } from './arn-checks.js';
import { foundationModelWarnings } from './catalog-warnings.js';
import {
  INFERENCE_PROFILE_ARN,
  PROMPT_ROUTER_ARN,
  REQUESTED_REGION,
  emptyPlan,
  foundationModelArn,
  type CallSite,
  type Plan,
} from './expansion.js';
import type { ModelIdentifier } from './model-id.js';

type FoundationModel = Extract<ModelIdentifier, { kind: 'foundation-model' }>;

/** A base model called on demand: one request, in the call's Region. */
export function planFoundationModel(id: FoundationModel, site: CallSite): Plan {
  const problems = id.arn ? arnLocationProblems(id.arn, site) : [];
  if (problems.length > 0) return { ...emptyPlan(), problems };
  return {
    targets: [
      {
        resource: foundationModelArn(site.partition, site.region, id.modelId),
        context: { [REQUESTED_REGION]: [site.region] },
        absentKeys: [INFERENCE_PROFILE_ARN, PROMPT_ROUTER_ARN],
        why: `foundation model ${id.modelId} invoked on demand in ${site.region}`,
      },
    ],
    problems: [],
    warnings: foundationModelWarnings(site.catalog, id.modelId, site.region),
    notes: [message('direct-call', { absent: [INFERENCE_PROFILE_ARN, PROMPT_ROUTER_ARN] })],
  };
}
