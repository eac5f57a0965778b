import {
  availabilityText,
  modelAccessState,
  type CatalogModel,
  type ModelAccessState,
} from '../../../bedrock/index.js';
import { message, type Finding, type ModelAvailability, type Note, type Unresolved } from '../../../model/index.js';
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
  const region = evaluation.expansion.region;
  const label = model ? `${model.name} (${access.modelId})` : access.modelId;
  const reported = `GetFoundationModelAvailability reports for the account in ${region}: ${access.availability ? availabilityText(access.availability) : 'nothing'}`;
  const check = `Check: aws bedrock get-foundation-model-availability --model-id ${access.modelId} --region ${region}`;
  const checks = evaluation.checks.map((entry) => `${entry.authorization.action} on ${entry.authorization.resource}`);
  const base = { rule: 'model-access' as const, severity: 'error' as const, locations: [], checks };
  if (why === 'region') {
    return {
      ...base,
      title: `${label} is not available to the account in ${region}`,
      predictedError: { exception: 'AccessDeniedException', message: NO_MODEL_ACCESS },
      cause: `${reported}. regionAvailability NOT_AVAILABLE: Bedrock refuses the call whatever the permissions.`,
      fixes: [
        {
          kind: 'instructions',
          owner: 'developer',
          summary: `Call ${access.modelId} from a Region where it is available to the account`,
          file: null,
          steps: [
            `Find a Region that reports regionAvailability AVAILABLE: aws bedrock get-foundation-model-availability --model-id ${access.modelId} --region <Region>`,
            `Or call an inference profile that contains the model from a Region that offers it: aws bedrock list-inference-profiles --region <Region> (${DOCS.inferenceProfiles}).`,
          ],
          verification: NO_POLICY_CHANGE,
        },
      ],
    };
  }
  if (why === 'authorization') {
    const anthropic = model?.provider === 'Anthropic';
    return {
      ...base,
      title: `The account is not authorized to use ${label} in ${region}`,
      predictedError: { exception: 'AccessDeniedException', message: NO_MODEL_ACCESS },
      cause: `${reported}. authorizationStatus NOT_AUTHORIZED: Bedrock refuses the call whatever the permissions until the account is granted access to the model.`,
      fixes: [
        {
          kind: 'instructions',
          owner: 'account-admin',
          summary: `Request access to ${access.modelId} for the account in ${region}`,
          file: null,
          steps: [
            ...(anthropic
              ? [
                  `Submit the Anthropic use case details for the account (or the organization's management account): aws bedrock put-use-case-for-model-access --form-data <base64 JSON> (${DOCS.putUseCase}).`,
                ]
              : []),
            `Follow "Request access to models" for the model and Region (${DOCS.modelAccess}).`,
            `${check} shows authorizationStatus AUTHORIZED once access is granted.`,
          ],
          verification: NO_POLICY_CHANGE,
        },
      ],
    };
  }
  return {
    ...base,
    title: `The account's AWS Marketplace subscription to ${label} failed`,
    cause:
      `${reported}. agreementAvailability ERROR: the subscription that the first call (or CreateFoundationModelAgreement) started failed, ` +
      'and Bedrock refuses later calls with AccessDeniedException ("Model access is denied due to …", the reason of the failure, ' +
      'such as INVALID_PAYMENT_INSTRUMENT) whatever the permissions.',
    fixes: [
      {
        kind: 'instructions',
        owner: 'account-admin',
        summary: `Resolve the failed AWS Marketplace subscription to ${access.modelId} and subscribe the account again`,
        file: null,
        steps: [
          `Read the reason: ${check.slice('Check: '.length)} (agreementAvailability.errorMessage).`,
          'Fix its cause: a valid payment method for AWS Marketplace purchases, and aws-marketplace:Subscribe, aws-marketplace:ViewSubscriptions for whoever subscribes ' +
            `(${DOCS.modelAccessPermissions}).`,
          `Subscribe again: aws bedrock list-foundation-model-agreement-offers --model-id ${access.modelId}, then aws bedrock create-foundation-model-agreement --model-id ${access.modelId} --offer-token <token>.`,
        ],
        verification: NO_POLICY_CHANGE,
      },
    ],
  };
}

/** A subscription being created: calls fail with this error until it completes (it is also in `unresolved`). */
export function pendingFinding(evaluation: Evaluation, access: ModelAccess, model: CatalogModel | undefined): Finding {
  const region = evaluation.expansion.region;
  const label = model ? `${model.name} (${access.modelId})` : access.modelId;
  return {
    rule: 'model-access',
    severity: 'warning',
    title: `The account's AWS Marketplace subscription to ${label} was being created`,
    predictedError: { exception: 'AccessDeniedException', message: AGREEMENT_BEING_CREATED },
    cause:
      `GetFoundationModelAvailability reported for the account in ${region}: ${access.availability ? availabilityText(access.availability) : 'nothing'}. ` +
      'Until the subscription completes (up to 15 minutes) calls fail with this error; whether it has completed since the account was read is unknown.',
    locations: [],
    checks: evaluation.checks.map((entry) => `${entry.authorization.action} on ${entry.authorization.resource}`),
    fixes: [
      {
        kind: 'instructions',
        owner: 'account-admin',
        summary: `Wait for the subscription to ${access.modelId} to complete, then check it`,
        file: null,
        steps: [
          `aws bedrock get-foundation-model-availability --model-id ${access.modelId} --region ${region} shows agreementAvailability AVAILABLE once it completes; if it shows ERROR, read its errorMessage.`,
        ],
        verification: NO_POLICY_CHANGE,
      },
    ],
  };
}
