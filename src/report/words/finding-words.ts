import { cliHint, type FindingCode, type MessageParams } from '../../model/index.js';
import { GATE_FINDING_WORDS } from './gate-finding-words.js';
import { CODE_FINDING_WORDS } from './code-finding-words.js';
import { MARKETPLACE_FINDING_WORDS } from './marketplace-words.js';
import { list, text } from './words.js';

/** The words of one finding: its title and its cause. */
export interface FindingWords {
  readonly title: string;
  readonly cause: string;
}

/** The CLI's words for each finding a rule makes (schemas/report.schema.json lists the codes). */
export const FINDING_WORDS: Readonly<Record<FindingCode, (params: MessageParams) => FindingWords>> = {
  'model-not-in-catalog': (p) => ({
    title: `${text(p.modelId)} is not in the model catalog${didYouMean(p)}`,
    cause:
      (p.reason !== null && p.reason !== undefined
        ? text(p.reason)
        : `${text(p.modelId)} is not in the model catalog dated ${text(p.catalogDate)}`) +
      `. If AWS does not know the id in ${text(p.region)} either, the call fails with this ValidationException whatever the permissions` +
      (p.trusted === true
        ? '; it is taken as a model newer than the catalog, so the permission checks above still hold.'
        : `; the permission checks above hold only if the model is newer than the catalog (${cliHint('trust-model-say-so')}).`),
  }),
  'model-end-of-life': (p) => ({
    title: `${label(p)} has reached end of life in ${text(p.region)}`,
    cause:
      `${label(p)} has reached end of life in ${text(p.region)}${dates(p)} according to the catalog dated ${text(p.catalogDate)}: ` +
      'Bedrock rejects every call to it with ResourceNotFoundException, whatever the permissions.',
  }),
  'model-legacy': (p) => ({
    title: `${label(p)} is Legacy in ${text(p.region)}`,
    cause:
      `${label(p)} is Legacy in ${text(p.region)}${dates(p)} according to the catalog dated ${text(p.catalogDate)}. ` +
      'An account that has not used a Legacy model recently (30 days in this message; a 15-day wording has also been seen) is refused ' +
      'with this error whatever the permissions, and every account is refused after end of life.',
  }),
  'model-profile-only': (p) => ({
    title: `${label(p)} is served in ${text(p.region)} only through an inference profile`,
    cause:
      `${text(p.region)} does not serve ${text(p.modelId)} on demand (catalog dated ${text(p.catalogDate)}): ` +
      'a call with the base model id fails with this ValidationException whatever the permissions. ' +
      `Inference profiles containing the model that can be called from ${text(p.region)}: ${list(p.profiles).join(', ')}.`,
  }),
  'model-not-offered': (p) => {
    const offered = [
      ...(list(p.onDemand).length > 0 ? [`on demand in ${list(p.onDemand).join(', ')}`] : []),
      ...(list(p.viaProfile).length > 0 ? [`through an inference profile from ${list(p.viaProfile).join(', ')}`] : []),
    ];
    return {
      title: `${label(p)} is not offered in ${text(p.region)}`,
      cause:
        `${text(p.region)} does not serve ${text(p.modelId)} on bedrock-runtime (catalog dated ${text(p.catalogDate)})` +
        (p.mantle === true ? '; it is served there only on the bedrock-mantle endpoint' : '') +
        `. Bedrock refuses the call whatever the permissions, with this message or with "${text(p.otherMessage)}" ` +
        '(seen as AccessDeniedException and as ValidationException). ' +
        (offered.length > 0
          ? `The model is offered ${offered.join('; ')}.`
          : 'The catalog lists no Region that serves it on bedrock-runtime.'),
    };
  },
  'profile-not-in-catalog': (p) => ({
    title: `${text(p.profileId)} is not in the inference profile catalog${didYouMean(p)}`,
    cause:
      (p.reason !== null && p.reason !== undefined
        ? text(p.reason)
        : `${text(p.profileId)} is not in the catalog dated ${text(p.catalogDate)}`) +
      `. If AWS does not offer the profile from ${text(p.region)} either, the call fails with this ValidationException whatever the permissions.`,
  }),
  'profile-not-from-region': (p) => ({
    title: `${text(p.profileId)} is not offered from ${text(p.region)}`,
    cause:
      `${text(p.profileId)} cannot be called from ${text(p.region)} (catalog dated ${text(p.catalogDate)}); ` +
      (list(p.sources).length > 0
        ? `its source Regions are ${list(p.sources).join(', ')}. `
        : 'the catalog lists no source Region for it. ') +
      'Bedrock rejects the id whatever the permissions.',
  }),
  'profile-end-of-life': (p) => ({
    title: `${text(p.profileId)} has reached end of life`,
    cause:
      `${text(p.profileId)} has reached end of life${dates(p)} according to the catalog dated ${text(p.catalogDate)}: ` +
      'Bedrock rejects every call to it with ResourceNotFoundException, whatever the permissions.',
  }),
  'profile-legacy': (p) => ({
    title: `${text(p.profileId)} is Legacy`,
    cause:
      `The model behind ${text(p.profileId)} is Legacy${dates(p)} according to the catalog dated ${text(p.catalogDate)}. ` +
      'An account that has not used it recently is refused whatever the permissions (through a profile this has also been returned as ' +
      'ValidationException, without the "Access denied." prefix), and every account is refused after end of life.',
  }),
  'model-not-available-in-region': (p) => ({
    title: `${label(p)} is not available to the account in ${text(p.region)}`,
    cause: `${reported(p)}. regionAvailability NOT_AVAILABLE: Bedrock refuses the call whatever the permissions.`,
  }),
  'model-not-authorized': (p) => ({
    title: `The account is not authorized to use ${label(p)} in ${text(p.region)}`,
    cause: `${reported(p)}. authorizationStatus NOT_AUTHORIZED: Bedrock refuses the call whatever the permissions until the account is granted access to the model.`,
  }),
  'marketplace-agreement-failed': (p) => ({
    title: `The account's AWS Marketplace subscription to ${label(p)} failed`,
    cause:
      `${reported(p)}. agreementAvailability ERROR: the subscription that the first call (or CreateFoundationModelAgreement) started failed, ` +
      'and Bedrock refuses later calls with AccessDeniedException ("Model access is denied due to …", the reason of the failure, ' +
      'such as INVALID_PAYMENT_INSTRUMENT) whatever the permissions.',
  }),
  'marketplace-agreement-pending': (p) => ({
    title: `The account's AWS Marketplace subscription to ${label(p)} was being created`,
    cause:
      `GetFoundationModelAvailability reported for the account in ${text(p.region)}: ${availability(p)}. ` +
      'Until the subscription completes (up to 15 minutes) calls fail with this error; whether it has completed since the account was read is unknown.',
  }),
  'anthropic-form': (p) => ({
    title: 'Anthropic models need a one-time use case form per account',
    cause:
      `${label(p)} is an Anthropic model. Anthropic requires first-time customers to submit use case details ` +
      "once per account, or once in the organization's management account, which its member accounts inherit (opt-in Regions need it again). " +
      'Until then every call fails with this error whatever the permissions. The policies cannot show whether it was submitted.',
  }),
  'govcloud-manual-access': (p) => ({
    title: `${text(p.modelName)} must be enabled by hand in AWS GovCloud (US)`,
    cause:
      `${label(p)} is a third-party model. In AWS GovCloud (US), model access for third-party models is enabled manually, ` +
      'in the GovCloud account and in the linked commercial account; the policies cannot show whether that was done.',
  }),
  'first-call-subscribes': (p) => ({
    title: `The first call subscribes the account to ${label(p)} through AWS Marketplace`,
    cause:
      `GetFoundationModelAvailability reports no AWS Marketplace subscription to ${label(p)} for the account in ${text(p.region)}. ` +
      'The first call starts it, which the policies allow (aws-marketplace:Subscribe, aws-marketplace:ViewSubscriptions); it also needs a valid ' +
      'payment method for AWS Marketplace purchases, and a subscription that fails leaves later calls refused with AccessDeniedException.',
  }),
  'guardrail-enforced': (p) => {
    const required = list(p.required);
    return {
      title:
        p.given === null || p.given === undefined
          ? 'A policy enforces a guardrail the call does not name'
          : 'A policy enforces another guardrail than the one the call names',
      cause:
        `The statements at ${list(p.statements).join(', ')} let ` +
        `${text(p.enforced)} of the requests AWS authorizes for this call through only when ${text(p.key)} is ` +
        `${required.length > 0 ? required.join(', ') : 'the guardrail its condition names'}; ` +
        (p.given === null || p.given === undefined
          ? 'the call names no guardrail, so the key is absent and the call is denied.'
          : `the call names ${text(p.given)}, which does not match.`),
    };
  },
  ...GATE_FINDING_WORDS,
  ...MARKETPLACE_FINDING_WORDS,
  ...CODE_FINDING_WORDS,
};

/** A model as the findings name it: "Name (model id)", or its id when the catalog does not know it. */
function label(p: MessageParams): string {
  return p.modelName ? `${text(p.modelName)} (${text(p.modelId)})` : text(p.modelId);
}

function availability(p: MessageParams): string {
  return p.availability ? text(p.availability) : 'nothing';
}

function reported(p: MessageParams): string {
  return `GetFoundationModelAvailability reports for the account in ${text(p.region)}: ${availability(p)}`;
}

function didYouMean(p: MessageParams): string {
  return list(p.suggestions).length > 0 ? `; did you mean ${list(p.suggestions).join(', ')}?` : '';
}

/** " (Legacy since …, end of life …)" when the catalog gives the dates. */
function dates(p: MessageParams): string {
  const parts = [
    ...(p.legacyDate ? [`Legacy since ${text(p.legacyDate)}`] : []),
    ...(p.eolDate ? [`end of life ${text(p.eolDate)}`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
