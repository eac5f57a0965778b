import { cliHint } from '../model/index.js';
import { normalizeActions } from './actions.js';
import { shippedCatalog, type BedrockCatalog } from './catalog.js';
import { planArnResource } from './expand-arn-resource.js';
import { planFoundationModel } from './expand-foundation-model.js';
import { planSystemProfile } from './expand-profile.js';
import type {
  AuthorizationRequest,
  CallSite,
  ExpandModelInput,
  Expansion,
  ExpansionProblem,
  Plan,
} from './expansion.js';
import { classifyModel, type ModelIdentifier } from './model-id.js';
import { isRegionName, partitionOf } from './partition.js';

/**
 * The authorization requests AWS evaluates when the caller invokes `input.model` in `input.region`
 * (DESIGN.md, "Bedrock request expansion"). Problems are data: a result with problems has
 * `complete: false`, and its `requests` hold only what is certain (often nothing).
 */
export function expandModel(input: ExpandModelInput, catalog: BedrockCatalog = shippedCatalog()): Expansion {
  const identifier = classifyModel(input.model);
  const normalized = normalizeActions(input.actions);
  const actions = normalized.ok ? normalized.actions : [];
  const partition = partitionOf(input.region);
  const problems = inputProblems(input, identifier, partition);
  if (!normalized.ok) problems.push({ code: 'unknown-action', message: normalized.message });

  const base = {
    input: input.model,
    identifier,
    region: input.region,
    account: input.account,
    partition: partition ?? input.partition ?? '',
    actions,
    catalogDate: catalog.compiledOn,
  };
  if (problems.length > 0 || partition === undefined) {
    return { ...base, requests: [], complete: false, problems, warnings: [], notes: [] };
  }

  const site: CallSite = {
    region: input.region,
    account: input.account,
    partition,
    catalog,
    ...(input.profileRegions && { profileRegions: input.profileRegions }),
    ...(input.routedModelArns && { routedModelArns: input.routedModelArns }),
    ...(input.listedProfile && { listedProfile: input.listedProfile }),
  };
  const plan = planFor(identifier, site);
  const requests: AuthorizationRequest[] = plan.targets.flatMap((target) =>
    actions.map((action) => ({ action, ...target })),
  );
  return {
    ...base,
    requests,
    complete: plan.problems.length === 0,
    problems: plan.problems,
    warnings: plan.warnings,
    notes: plan.notes,
    ...(plan.destinations && { destinations: plan.destinations }),
  };
}

function planFor(identifier: ModelIdentifier, site: CallSite): Plan {
  switch (identifier.kind) {
    case 'foundation-model':
      return planFoundationModel(identifier, site);
    case 'inference-profile':
      return planSystemProfile(identifier, site);
    case 'unknown':
      // inputProblems reports it; kept for exhaustiveness.
      return { targets: [], problems: [], warnings: [], notes: [] };
    default:
      return planArnResource(identifier, site);
  }
}

function inputProblems(
  input: ExpandModelInput,
  identifier: ModelIdentifier,
  partition: string | undefined,
): ExpansionProblem[] {
  const problems: ExpansionProblem[] = [];
  if (identifier.kind === 'unknown') {
    problems.push({ code: 'unrecognized-identifier', message: `"${input.model}": ${identifier.reason}` });
  }
  if (partition === undefined) {
    problems.push({ code: 'invalid-region', message: `"${input.region}" is not an AWS Region name (like us-east-1)` });
    return problems;
  }
  if (input.partition !== undefined && input.partition !== partition) {
    problems.push({
      code: 'partition-mismatch',
      message: `Region ${input.region} is in partition ${partition}, not ${input.partition}`,
    });
  }
  for (const region of input.profileRegions ?? []) {
    if (!isRegionName(region)) {
      problems.push({
        code: 'invalid-region',
        message: `${cliHint('profile-regions-option')}: "${region}" is not an AWS Region name`,
      });
    } else if (partitionOf(region) !== partition) {
      problems.push({
        code: 'partition-mismatch',
        message: `${cliHint('profile-regions-option')}: ${region} is in partition ${partitionOf(region)}, but the source Region ${input.region} is in ${partition}`,
      });
    }
  }
  return problems;
}
