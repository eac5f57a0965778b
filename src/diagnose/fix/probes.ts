import {
  BEARER_TOKEN_TYPE,
  bearerTokenType,
  foundationModelArn,
  isBearerTokenAction,
  type IndexedCatalog,
} from '../../bedrock/index.js';
import type { Request } from '../../model/index.js';
import type { EvaluatedCheck } from '../evaluation.js';

const PROFILE_KEY = 'bedrock:inferenceprofilearn';
const REGION_KEY = 'aws:requestedregion';
const INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
const OTHER_MODELS = 4;

/**
 * A read action on each kind of resource the checks name (Service Authorization Reference for Amazon
 * Bedrock): a Deny edit that stops matching the invocations must keep denying the other actions it
 * denied on the same ARN — `"Action": "bedrock:*"` with the ARN moved to NotResource would not.
 */
const OTHER_ACTION: Readonly<Record<string, string>> = {
  'foundation-model': 'bedrock:GetFoundationModel',
  'inference-profile': 'bedrock:GetInferenceProfile',
  'application-inference-profile': 'bedrock:GetInferenceProfile',
  'provisioned-model': 'bedrock:GetProvisionedModelThroughput',
  'custom-model': 'bedrock:GetCustomModel',
  'imported-model': 'bedrock:GetImportedModel',
  'default-prompt-router': 'bedrock:GetPromptRouter',
  'prompt-router': 'bedrock:GetPromptRouter',
  guardrail: 'bedrock:GetGuardrail',
};

/**
 * Invocations a fix must not open: the same models called directly (not through the profile), in
 * Regions the call does not use, other catalog models, the invoke action not asked about, and an
 * action other than invoking on the same ARNs. A fix is shown only if every probe that was denied
 * before stays denied.
 */
export function probeRequests(allChecks: readonly EvaluatedCheck[], catalog: IndexedCatalog): Request[] {
  const checks = allChecks.filter((check) => !isBearerTokenAction(check.request.action));
  const targets = new Set(
    checks.map((check) => `${check.request.action} ${check.request.resource} ${profileOf(check.request) ?? ''}`),
  );
  const base = checks[0]?.request;
  if (!base) return [];
  const probes = new Map<string, Request>();
  // Probes in the same Region through the same profile (or none) share one context: requests are immutable.
  const contexts = new Map<string, Request['context']>();
  const contextFor = (region: string, profile: string | undefined): Request['context'] => {
    const id = `${region} ${profile ?? ''}`;
    let context = contexts.get(id);
    if (!context) {
      const values = new Map(base.context.values);
      values.set(REGION_KEY, [region]);
      const absent = new Set(base.context.absent);
      if (profile === undefined) {
        values.delete(PROFILE_KEY);
        absent.add(PROFILE_KEY);
      } else {
        values.set(PROFILE_KEY, [profile]);
        absent.delete(PROFILE_KEY);
      }
      context = { ...base.context, values, absent };
      contexts.set(id, context);
    }
    return context;
  };
  const add = (action: string, resource: string, region: string, profile: string | undefined): void => {
    const id = `${action} ${resource} ${profile ?? ''}`;
    if (targets.has(id) || probes.has(id)) return;
    probes.set(id, { action, resource, context: contextFor(region, profile) });
  };

  const partition = base.resource.split(':')[1] ?? 'aws';
  const regions = new Set<string>();
  const models = new Set<string>();
  for (const { request } of checks) {
    const region = request.context.values.get(REGION_KEY)?.[0] ?? '';
    if (region && region !== 'unspecified') regions.add(region);
    const model = request.resource.match(/:foundation-model\/(.+)$/)?.[1];
    if (model) models.add(model);
  }
  for (const { request } of checks) {
    for (const action of INVOKE_ACTIONS) {
      add(action, request.resource, request.context.values.get(REGION_KEY)?.[0] ?? '', profileOf(request));
      // The same model called directly, outside the profile.
      if (request.resource.includes(':foundation-model/') && profileOf(request) !== undefined) {
        add(action, request.resource, request.context.values.get(REGION_KEY)?.[0] ?? '', undefined);
      }
    }
  }
  for (const { request } of checks) {
    const [, , , region = '', , path = ''] = request.resource.split(':');
    const action = OTHER_ACTION[path.split('/')[0] ?? ''];
    // A Region-less ARN (global routing) is only ever authorized for an invocation.
    if (action && region) add(action, request.resource, region, undefined);
  }
  for (const model of models) {
    const offered = [...(catalog.model(model)?.regions.keys() ?? [])]
      .filter((region) => !regions.has(region))
      .sort()
      .slice(0, 2);
    for (const region of offered)
      for (const action of INVOKE_ACTIONS) add(action, foundationModelArn(partition, region, model), region, undefined);
  }
  const region = [...regions].sort()[0] ?? 'us-east-1';
  const others: string[] = [];
  for (const model of activeModelsIn(catalog, region)) {
    if (others.length === OTHER_MODELS) break;
    if (!models.has(model)) others.push(model);
  }
  for (const model of others)
    for (const action of INVOKE_ACTIONS) add(action, foundationModelArn(partition, region, model), region, undefined);
  return [...probes.values(), ...otherKeyKinds(allChecks)];
}

// The catalog's active models offered in a Region, in catalog order: every fix plan asks, the catalog never changes.
const activeByCatalog = new WeakMap<IndexedCatalog, Map<string, readonly string[]>>();

function activeModelsIn(catalog: IndexedCatalog, region: string): readonly string[] {
  let byRegion = activeByCatalog.get(catalog);
  if (!byRegion) {
    byRegion = new Map();
    activeByCatalog.set(catalog, byRegion);
  }
  let active = byRegion.get(region);
  if (!active) {
    active = catalog.models
      .filter((model) => model.lifecycle === 'ACTIVE' && model.regions.has(region))
      .map((model) => model.modelId);
    byRegion.set(region, active);
  }
  return active;
}

/** An API-key grant for the kind of key used must not let the other kind through. */
function otherKeyKinds(checks: readonly EvaluatedCheck[]): Request[] {
  const key = BEARER_TOKEN_TYPE.toLowerCase();
  return checks.flatMap(({ request }) => {
    const kind = request.context.values.get(key)?.[0];
    if (!isBearerTokenAction(request.action) || kind === undefined) return [];
    const other = kind === bearerTokenType('short-term') ? bearerTokenType('long-term') : bearerTokenType('short-term');
    const values = new Map(request.context.values);
    values.set(key, [other]);
    return [{ ...request, context: { ...request.context, values } }];
  });
}

function profileOf(request: Request): string | undefined {
  return request.context.values.get(PROFILE_KEY)?.[0];
}
