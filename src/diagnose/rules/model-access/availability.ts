import {
  availabilityText,
  modelAccessState,
  type CatalogModel,
  type ModelAccessState,
} from '../../../bedrock/index.js';
import {
  message,
  type Finding,
  type Fix,
  type FixCode,
  type MessageParams,
  type ModelAvailability,
  type Note,
  type Unresolved,
} from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';
import { NO_POLICY_CHANGE } from './catalog-findings.js';
import { marketplaceDecision } from './marketplace.js';
import { modelsReached } from './models-reached.js';
import { AGREEMENT_BEING_CREATED, DOCS, NO_MODEL_ACCESS } from './texts.js';

/** One model's access as the account's Bedrock state gives it; `availability` absent when the state lacks the model. */
export interface ModelAccess {
  readonly modelId: string;
  readonly availability?: ModelAvailability;
  readonly state: ModelAccessState | { readonly kind: 'not-read' };
}

/**
 * The access of every model the call reaches, from the account's GetFoundationModelAvailability answers read in
 * the call's Region; undefined when there are none (the catalog alone decides, as without a snapshot).
 */
export function modelAccessOf(evaluation: Evaluation): Map<string, ModelAccess> | undefined {
  const bedrock = evaluation.input.accountBedrock;
  const answers = bedrock?.modelAvailability;
  if (!answers || bedrock.region !== evaluation.expansion.region) return undefined;
  const access = new Map<string, ModelAccess>();
  for (const modelId of modelsReached(evaluation)) {
    const availability = Object.hasOwn(answers, modelId) ? answers[modelId] : undefined;
    const marketplace = evaluation.catalog.model(modelId)?.marketplace;
    access.set(
      modelId,
      availability
        ? { modelId, availability, state: modelAccessState(availability, marketplace) }
        : { modelId, state: { kind: 'not-read' } },
    );
  }
  return access;
}

/**
 * What the account's model access leaves undecided, as lines of the report's `unresolved` (each makes the
 * verdict at best incomplete): a model whose access was not read, a value no AWS page explains, a subscription
 * in progress, or a first-call subscription whose Marketplace permissions depend on conditions.
 */
export function modelAccessUnresolved(evaluation: Evaluation): Unresolved[] {
  const access = modelAccessOf(evaluation);
  if (!access) return [];
  const region = evaluation.expansion.region;
  const entries: Unresolved[] = [];
  for (const { modelId, state } of access.values()) {
    const where = { model: modelId, region };
    if (state.kind === 'not-read') entries.push(message('model-access-not-read', where));
    else if (state.kind === 'unknown') entries.push(message('model-access-unknown', { ...where, why: state.why }));
    else if (state.kind === 'pending') entries.push(message('model-access-pending', where));
    else if (state.kind === 'not-subscribed' && marketplaceDecision(evaluation) === 'conditional')
      entries.push(message('model-access-subscribe-conditional', where));
  }
  return entries;
}

/** The report's notes on the account's Bedrock state: what availability was applied, or why it was not. */
export function modelAccessNotes(evaluation: Evaluation): Note[] {
  const bedrock = evaluation.input.accountBedrock;
  if (!bedrock?.region) return [];
  const region = evaluation.expansion.region;
  if (bedrock.region !== region) {
    const parts = [
      ...(bedrock.modelAvailability ? ['model access'] : []),
      ...(bedrock.inferenceProfiles ? ['inference profiles'] : []),
    ];
    return parts.length > 0 ? [message('model-access-other-region', { parts, readIn: bedrock.region, region })] : [];
  }
  const access = modelAccessOf(evaluation);
  return [...(access?.values() ?? [])].flatMap(({ modelId, availability }) =>
    availability
      ? [
          message('model-access-read', {
            model: modelId,
            region,
            agreement: availability.agreement,
            authorization: availability.authorization,
            entitlement: availability.entitlement,
            regionAvailability: availability.region,
          }),
        ]
      : [],
  );
}

/** A model whose access Bedrock refuses to the account: the call fails whatever the permissions. */
export function refusedFinding(
  evaluation: Evaluation,
  access: ModelAccess,
  why: 'region' | 'authorization' | 'agreement-error',
  model: CatalogModel | undefined,
): Finding {
  const params = accessParams(evaluation, access, model);
  const checks = evaluation.checks.map((entry) => `${entry.authorization.action} on ${entry.authorization.resource}`);
  const base = { rule: 'model-access' as const, severity: 'error' as const, locations: [], checks };
  const noAccess = { exception: 'AccessDeniedException', message: NO_MODEL_ACCESS };
  if (why === 'region')
    return {
      ...base,
      message: message('model-not-available-in-region', params),
      predictedError: noAccess,
      fixes: [instructions('developer', 'call-from-available-region', { ...params, docs: DOCS.inferenceProfiles })],
    };
  if (why === 'authorization')
    return {
      ...base,
      message: message('model-not-authorized', params),
      predictedError: noAccess,
      fixes: [
        instructions('account-admin', 'request-model-access', {
          ...params,
          anthropic: model?.provider === 'Anthropic',
          useCaseDocs: DOCS.putUseCase,
          docs: DOCS.modelAccess,
        }),
      ],
    };
  return {
    ...base,
    message: message('marketplace-agreement-failed', params),
    fixes: [instructions('account-admin', 'resubscribe-marketplace', { ...params, docs: DOCS.modelAccessPermissions })],
  };
}

/** A subscription being created: calls fail with this error until it completes (it is also in `unresolved`). */
export function pendingFinding(evaluation: Evaluation, access: ModelAccess, model: CatalogModel | undefined): Finding {
  const params = accessParams(evaluation, access, model);
  return {
    rule: 'model-access',
    severity: 'warning',
    message: message('marketplace-agreement-pending', params),
    predictedError: { exception: 'AccessDeniedException', message: AGREEMENT_BEING_CREATED },
    locations: [],
    checks: evaluation.checks.map((entry) => `${entry.authorization.action} on ${entry.authorization.resource}`),
    fixes: [instructions('account-admin', 'wait-for-subscription', params)],
  };
}

/** The model, the Region and what GetFoundationModelAvailability reported, as a finding's parameters. */
function accessParams(evaluation: Evaluation, access: ModelAccess, model: CatalogModel | undefined): MessageParams {
  return {
    modelName: model?.name ?? null,
    modelId: access.modelId,
    region: evaluation.expansion.region,
    availability: access.availability ? availabilityText(access.availability) : null,
  };
}

function instructions(owner: Fix['owner'], code: FixCode, params: MessageParams): Fix {
  return { kind: 'instructions', owner, message: message(code, params), file: null, verification: NO_POLICY_CHANGE };
}
