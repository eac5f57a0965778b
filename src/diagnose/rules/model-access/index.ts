import { lifecycleIn, type IndexedCatalog } from '../../../bedrock/index.js';
import type { Finding } from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';
import { modelAccessSignatures } from './signatures.js';
import { anthropicFormNote, govCloudAccessNote } from './account-setup.js';
import { catalogFindings } from './catalog-findings.js';
import { marketplaceFinding } from './marketplace.js';
import { modelsReached } from './models-reached.js';
import { modelAccessOf, pendingFinding, refusedFinding, type ModelAccess } from './availability.js';
import { DOCS } from './texts.js';
import type { Rule } from '../rule.js';

/**
 * Failures that no permission fixes: the model is unknown, past end of life, Legacy, not offered in the
 * caller's Region or offered there only through an inference profile — plus the account-level steps of
 * a first use: the AWS Marketplace subscription (whose permissions the engine does check) and
 * Anthropic's use case form.
 */
export const modelAccessRule: Rule = {
  id: 'model-access',
  recognises:
    "`You don't have access to the model with the specified model ID.` / `Your account is not authorized to invoke this API operation.`: model not offered or not enabled in the Region; on-demand not supported (use an inference profile); Legacy / end of life; AWS Marketplace permissions for first use (`aws-marketplace:Subscribe`, `aws-marketplace:ViewSubscriptions`, evaluated with the engine); the Anthropic use-case form",
  notInPolicies: 'model access, lifecycle and Marketplace state are not in policy documents',
  title: 'The model is not available to the account in this Region',
  help: [
    'Bedrock refuses a call whatever the IAM permissions when the model is not offered in the Region ',
    "(`AccessDeniedException: You don't have access to the model with the specified model ID.`, or ",
    '`Your account is not authorized to invoke this API operation.`), when the Region serves it only through an ',
    'inference profile (`ValidationException: Invocation of model ID … with on-demand throughput isn’t supported.`), ',
    'or when the model is Legacy or past end of life (`ResourceNotFoundException`).',
    '',
    'Fix: call from a Region that offers the model, call an inference profile that contains it, or move to an active model.',
    '',
    'Third-party models sold through AWS Marketplace are subscribed to on first use in an account, which needs ',
    '`aws-marketplace:Subscribe` and `aws-marketplace:ViewSubscriptions` from the caller; Anthropic models also need ',
    `the one-time use case form. See ${DOCS.modelAccess}.`,
  ].join(''),
  helpUri: DOCS.modelAccess,
  get signatures() {
    return modelAccessSignatures();
  },
  diagnose(evaluation: Evaluation): Finding[] {
    const { catalog } = evaluation;
    const findings = catalogFindings(evaluation, catalog);
    const access = modelAccessOf(evaluation);
    for (const modelId of modelsReached(evaluation))
      findings.push(...accessFindings(evaluation, catalog, modelId, access?.get(modelId)));
    return findings;
  },
};

/**
 * The account's model access, when its Bedrock state gives it: a refusal or a subscription in progress
 * stops the call whatever the permissions; a subscribed model needs no Marketplace permission; an
 * unsubscribed one needs them on this call. Otherwise (or unknown) the first-use findings from the catalog.
 */
function accessFindings(
  evaluation: Evaluation,
  catalog: IndexedCatalog,
  modelId: string,
  access: ModelAccess | undefined,
): Finding[] {
  const model = catalog.model(modelId);
  switch (access?.state.kind) {
    case 'refused':
      return [refusedFinding(evaluation, access, access.state.why, model)];
    case 'pending':
      return [pendingFinding(evaluation, access, model)];
    case 'enabled':
      return firstUseFindings(evaluation, catalog, modelId, 'subscribed');
    case 'not-subscribed':
      return firstUseFindings(evaluation, catalog, modelId, 'not-subscribed');
    default:
      return firstUseFindings(evaluation, catalog, modelId);
  }
}

/** Marketplace subscription and Anthropic form, for a model the catalog knows and the call can still reach. */
function firstUseFindings(
  evaluation: Evaluation,
  catalog: IndexedCatalog,
  modelId: string,
  subscription?: 'subscribed' | 'not-subscribed',
): Finding[] {
  const { expansion } = evaluation;
  const model = catalog.model(modelId);
  if (!model || lifecycleIn(model, expansion.region) === 'EOL') return [];
  if (
    expansion.identifier.kind === 'inference-profile' &&
    catalog.profile(expansion.identifier.profileId)?.status === 'EOL'
  )
    return [];
  const checks = evaluation.checks.map((check) => `${check.authorization.action} on ${check.authorization.resource}`);
  if (expansion.partition === 'aws-us-gov')
    return model.marketplace === false ? [] : [govCloudAccessNote(model, checks)];
  if (expansion.partition !== 'aws') return [];
  const findings: Finding[] = [];
  const marketplace =
    subscription === 'subscribed'
      ? undefined
      : marketplaceFinding(
          evaluation,
          model,
          expansion.catalogDate || catalog.compiledOn,
          subscription === 'not-subscribed',
        );
  if (marketplace) findings.push(marketplace);
  if (model.provider === 'Anthropic') findings.push(anthropicFormNote(model, expansion.region, checks));
  return findings;
}
