import { classifyModel } from '../bedrock/index.js';
import type { CheckInput } from '../diagnose/check-input.js';

/**
 * The model ARNs the application inference profile or prompt router the call names routes to, as the account's
 * state read in the call's Region lists them; undefined when the call names no such ARN, or the state has no list
 * for that Region or lacks the ARN (the expansion then reports the routed models unknown: never allowed).
 */
export function routedModelsFor(input: CheckInput): readonly string[] | undefined {
  const bedrock = input.accountBedrock;
  if (!bedrock?.routingResources || bedrock.region !== input.region) return undefined;
  const id = classifyModel(input.model);
  if (id.kind !== 'application-inference-profile' && id.kind !== 'prompt-router' && id.kind !== 'default-prompt-router')
    return undefined;
  return bedrock.routingResources.find((resource) => resource.arn === id.input)?.models;
}
