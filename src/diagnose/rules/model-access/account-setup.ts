import type { CatalogModel } from '../../../bedrock/index.js';
import { message, type Finding } from '../../../model/index.js';
import { NO_POLICY_CHANGE } from './catalog-findings.js';
import { ANTHROPIC_FORM_MISSING, DOCS } from './texts.js';

/**
 * Anthropic's one-time first-time-use (FTU) form, per "Request access to models"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html): submitted once per account,
 * or once in the organization's management account (member accounts inherit it); opt-in Regions need
 * it again; the bedrock-mantle endpoint does not require it. Nothing in the policies shows whether it
 * was submitted, so this is a note.
 */
export function anthropicFormNote(model: CatalogModel, region: string, checks: readonly string[]): Finding {
  return {
    rule: 'model-access',
    severity: 'note',
    message: message('anthropic-form', { modelName: model.name, modelId: model.modelId }),
    predictedError: { exception: 'ResourceNotFoundException', message: ANTHROPIC_FORM_MISSING },
    locations: [],
    checks,
    fixes: [
      {
        kind: 'instructions',
        owner: 'account-admin',
        message: message('submit-anthropic-form', { region, docs: DOCS.putUseCase }),
        file: null,
        verification: NO_POLICY_CHANGE,
      },
    ],
  };
}

/**
 * In AWS GovCloud (US), third-party models are enabled by hand, in the GovCloud account and in its
 * linked commercial account ("Access Amazon Bedrock foundation models in AWS GovCloud (US)", model-access.html).
 */
export function govCloudAccessNote(model: CatalogModel, checks: readonly string[]): Finding {
  return {
    rule: 'model-access',
    severity: 'note',
    message: message('govcloud-manual-access', { modelName: model.name, modelId: model.modelId }),
    locations: [],
    checks,
    fixes: [
      {
        kind: 'instructions',
        owner: 'account-admin',
        message: message('enable-govcloud-access', { docs: DOCS.modelAccess }),
        file: null,
        verification: NO_POLICY_CHANGE,
      },
    ],
  };
}
