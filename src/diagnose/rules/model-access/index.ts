import { lifecycleIn, type IndexedCatalog } from '../../../bedrock/index.js';
import { parseArn, type Finding } from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';
import { MODEL_ACCESS_SIGNATURES } from './signatures.js';
import { anthropicFormNote, govCloudAccessNote } from './account-setup.js';
import { catalogFindings } from './catalog-findings.js';
import { marketplaceFinding } from './marketplace.js';
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
  signatures: MODEL_ACCESS_SIGNATURES,
  diagnose(evaluation: Evaluation): Finding[] {
    const { catalog } = evaluation;
    const findings = catalogFindings(evaluation, catalog);
    for (const modelId of modelsReached(evaluation)) findings.push(...firstUseFindings(evaluation, catalog, modelId));
    return findings;
  },
};

/** The foundation models the call reaches: the one named (directly or by a system profile), or those a routing resource was given. */
function modelsReached(evaluation: Evaluation): string[] {
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

/** Marketplace subscription and Anthropic form, for a model the catalog knows and the call can still reach. */
function firstUseFindings(evaluation: Evaluation, catalog: IndexedCatalog, modelId: string): Finding[] {
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
  const marketplace = marketplaceFinding(evaluation, model, expansion.catalogDate || catalog.compiledOn);
  if (marketplace) findings.push(marketplace);
  if (model.provider === 'Anthropic') findings.push(anthropicFormNote(model, expansion.region, checks));
  return findings;
}
