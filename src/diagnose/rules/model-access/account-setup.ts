import type { CatalogModel } from '../../../bedrock/index.js';
import type { Finding } from '../../../model/index.js';
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
    title: `Anthropic models need a one-time use case form per account`,
    predictedError: { exception: 'ResourceNotFoundException', message: ANTHROPIC_FORM_MISSING },
    cause:
      `${model.name} (${model.modelId}) is an Anthropic model. Anthropic requires first-time customers to submit use case details ` +
      "once per account, or once in the organization's management account, which its member accounts inherit (opt-in Regions need it again). " +
      'Until then every call fails with this error whatever the permissions. The policies cannot show whether it was submitted.',
    locations: [],
    checks,
    fixes: [
      {
        kind: 'instructions',
        owner: 'account-admin',
        summary: 'Submit the Anthropic use case details once for the account (or the organization)',
        file: null,
        steps: [
          `See whether it was submitted: aws bedrock get-use-case-for-model-access --region ${region}`,
          'Submit it in the Bedrock console (model catalog → an Anthropic model → submit use case details), or with ' +
            `PutUseCaseForModelAccess (aws bedrock put-use-case-for-model-access --form-data <base64 JSON>; ${DOCS.putUseCase}), ` +
            'which needs the bedrock:PutUseCaseForModelAccess permission.',
          "Submitted from the organization's management account, it covers the member accounts; access is granted right after submission.",
        ],
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
    title: `${model.name} must be enabled by hand in AWS GovCloud (US)`,
    cause:
      `${model.name} (${model.modelId}) is a third-party model. In AWS GovCloud (US), model access for third-party models is enabled manually, ` +
      'in the GovCloud account and in the linked commercial account; the policies cannot show whether that was done.',
    locations: [],
    checks,
    fixes: [
      {
        kind: 'instructions',
        owner: 'account-admin',
        summary: 'Enable model access in the GovCloud account and in its linked commercial account',
        file: null,
        steps: [`Follow "Access Amazon Bedrock foundation models in AWS GovCloud (US)": ${DOCS.modelAccess}`],
        verification: NO_POLICY_CHANGE,
      },
    ],
  };
}
