import {
  type AlternativeCode,
  cliHint,
  type FixCode,
  type FixDetailCode,
  type MessageParams,
} from '../../model/index.js';
import { GATE_ALTERNATIVE_WORDS, GATE_FIX_DETAIL_WORDS, GATE_FIX_WORDS } from './gate-fix-words.js';
import { CODE_DETAIL_WORDS, CODE_FIX_WORDS } from './code-finding-words.js';
import { MARKETPLACE_ALTERNATIVE_WORDS, MARKETPLACE_DETAIL_WORDS, MARKETPLACE_FIX_WORDS } from './marketplace-words.js';
import { list, text, type Words } from './words.js';

/** The words of one fix: what to do, and the steps when the tool cannot apply it itself. */
export interface FixWords {
  readonly summary: string;
  readonly steps?: readonly string[];
}

const MAX_LISTED = 8;

/** The CLI's words for each fix a rule proposes (schemas/report.schema.json lists the codes). */
export const FIX_WORDS: Readonly<Record<FixCode, (params: MessageParams) => FixWords>> = {
  'check-model-id': (p) => ({
    summary: `Check that ${text(p.modelId)} is a model id Bedrock serves in ${text(p.region)}`,
    steps: [
      ...suggestionStep(p),
      `List the models the Region serves: aws bedrock list-foundation-models --region ${text(p.region)} --query "modelSummaries[].modelId"`,
      'Copy the id exactly, including any version suffix such as ":0".',
      `Newer models are often served only through an inference profile: aws bedrock list-inference-profiles --region ${text(p.region)}`,
      ...(p.trusted === true
        ? []
        : [`If the model is newer than the catalog, check it with ${cliHint('trust-model-option')}.`]),
    ],
  }),
  'move-off-ended-model': (p) => ({
    summary: `Move to a model that is still active in ${text(p.region)}`,
    steps: [
      list(p.alternatives).length > 0
        ? `Move to an active ${text(p.provider)} model served in ${text(p.region)}: ${listed(p.alternatives)}.`
        : `Move to an active model served in ${text(p.region)} (${text(p.docs)}).`,
      ...(list(p.elsewhere).length > 0
        ? [`The catalog still lists ${text(p.modelId)} in ${listed(p.elsewhere)}; that may end soon.`]
        : []),
    ],
  }),
  'move-off-ended-profile': (p) => ({
    summary: `Move to a model that is still active in ${text(p.region)}`,
    steps: [activeModelsStep(p)],
  }),
  'move-off-legacy-model': (p) => ({
    summary: `Move to an active model${p.eolDate ? ` before ${text(p.eolDate)}` : ''}`,
    steps: [activeModelsStep(p)],
  }),
  'call-profile-instead': (p) => {
    const profiles = list(p.profiles);
    return {
      summary: `Call the inference profile ${profiles[0] ?? ''} instead of the base model id`,
      steps: [
        `Pass the profile id as modelId: ${profiles.join(' or ')} (${text(p.docs)}).`,
        'A profile is authorized against the profile ARN and the model in every Region it routes to; ' +
          `check those permissions with ${cliHint('model-region', profiles[0] ?? '', text(p.region))}.`,
      ],
    };
  },
  'call-from-offering-region': (p) => {
    const onDemand = list(p.onDemand);
    const viaProfile = list(p.viaProfile);
    const examples = list(p.exampleProfiles);
    const steps = [
      ...(onDemand.length > 0
        ? [`Call ${text(p.modelId)} from a Region that serves it on demand: ${onDemand.join(', ')}.`]
        : []),
      ...(viaProfile.length > 0
        ? [
            `Or call an inference profile from a Region that offers one: ${viaProfile.join(', ')}` +
              (examples.length > 0 ? ` (from ${viaProfile[0]}: ${examples.join(', ')})` : '') +
              '.',
          ]
        : []),
      ...(p.mantle === true
        ? [
            `${text(p.region)} serves the model only on the bedrock-mantle endpoint, with its own API, not on bedrock-runtime.`,
          ]
        : []),
    ];
    return {
      summary: `Call ${text(p.modelId)} from a Region that offers it`,
      steps:
        steps.length > 0
          ? steps
          : [
              `Use a model that ${text(p.region)} serves: aws bedrock list-foundation-models --region ${text(p.region)}`,
            ],
    };
  },
  'check-profile-offered': (p) => ({
    summary: `Check that ${text(p.profileId)} is offered from ${text(p.region)}`,
    steps: [
      ...suggestionStep(p),
      `List the profiles the Region offers: aws bedrock list-inference-profiles --region ${text(p.region)} --query "inferenceProfileSummaries[].inferenceProfileId"`,
      ...(list(p.known).length > 0
        ? [
            `Profiles of ${text(p.modelId)} in the catalog that can be called from ${text(p.region)}: ${list(p.known).join(', ')}.`,
          ]
        : []),
      ...(p.trusted === true
        ? []
        : [
            `If the profile is newer than the catalog, check it with ${cliHint('trust-model-option')} (and ${cliHint('profile-regions-option')} for its destination Regions).`,
          ]),
    ],
  }),
  'call-offered-profile': (p) => {
    const steps = [
      ...(list(p.sources).length > 0
        ? [`Call ${text(p.profileId)} from one of its source Regions: ${list(p.sources).join(', ')}.`]
        : []),
      ...(list(p.others).length > 0 ? [`Or, from ${text(p.region)}, call ${list(p.others).join(' or ')}.`] : []),
    ];
    return {
      summary: `Call a profile offered from ${text(p.region)}, or call from a source Region`,
      steps:
        steps.length > 0
          ? steps
          : [
              `List the profiles ${text(p.region)} offers: aws bedrock list-inference-profiles --region ${text(p.region)}`,
            ],
    };
  },
  'call-from-available-region': (p) => ({
    summary: `Call ${text(p.modelId)} from a Region where it is available to the account`,
    steps: [
      `Find a Region that reports regionAvailability AVAILABLE: aws bedrock get-foundation-model-availability --model-id ${text(p.modelId)} --region <Region>`,
      `Or call an inference profile that contains the model from a Region that offers it: aws bedrock list-inference-profiles --region <Region> (${text(p.docs)}).`,
    ],
  }),
  'request-model-access': (p) => ({
    summary: `Request access to ${text(p.modelId)} for the account in ${text(p.region)}`,
    steps: [
      ...(p.anthropic === true
        ? [
            `Submit the Anthropic use case details for the account (or the organization's management account): aws bedrock put-use-case-for-model-access --form-data <base64 JSON> (${text(p.useCaseDocs)}).`,
          ]
        : []),
      `Follow "Request access to models" for the model and Region (${text(p.docs)}).`,
      `Check: ${availabilityCommand(p)} shows authorizationStatus AUTHORIZED once access is granted.`,
    ],
  }),
  'resubscribe-marketplace': (p) => ({
    summary: `Resolve the failed AWS Marketplace subscription to ${text(p.modelId)} and subscribe the account again`,
    steps: [
      `Read the reason: ${availabilityCommand(p)} (agreementAvailability.errorMessage).`,
      'Fix its cause: a valid payment method for AWS Marketplace purchases, and aws-marketplace:Subscribe, aws-marketplace:ViewSubscriptions for whoever subscribes ' +
        `(${text(p.docs)}).`,
      `Subscribe again: aws bedrock list-foundation-model-agreement-offers --model-id ${text(p.modelId)}, then aws bedrock create-foundation-model-agreement --model-id ${text(p.modelId)} --offer-token <token>.`,
    ],
  }),
  'wait-for-subscription': (p) => ({
    summary: `Wait for the subscription to ${text(p.modelId)} to complete, then check it`,
    steps: [
      `${availabilityCommand(p)} shows agreementAvailability AVAILABLE once it completes; if it shows ERROR, read its errorMessage.`,
    ],
  }),
  'submit-anthropic-form': (p) => ({
    summary: 'Submit the Anthropic use case details once for the account (or the organization)',
    steps: [
      `See whether it was submitted: aws bedrock get-use-case-for-model-access --region ${text(p.region)}`,
      'Submit it in the Bedrock console (model catalog → an Anthropic model → submit use case details), or with ' +
        `PutUseCaseForModelAccess (aws bedrock put-use-case-for-model-access --form-data <base64 JSON>; ${text(p.docs)}), ` +
        'which needs the bedrock:PutUseCaseForModelAccess permission.',
      "Submitted from the organization's management account, it covers the member accounts; access is granted right after submission.",
    ],
  }),
  'enable-govcloud-access': (p) => ({
    summary: 'Enable model access in the GovCloud account and in its linked commercial account',
    steps: [`Follow "Access Amazon Bedrock foundation models in AWS GovCloud (US)": ${text(p.docs)}`],
  }),
  'subscribe-before-first-call': (p) => ({
    summary: `Subscribe the account to ${text(p.modelId)} before the first call`,
    steps: [
      `aws bedrock list-foundation-model-agreement-offers --model-id ${text(p.modelId)} --region ${text(p.region)}, then aws bedrock create-foundation-model-agreement --model-id ${text(p.modelId)} --offer-token <token> --region ${text(p.region)}.`,
      `${availabilityCommand(p)} shows agreementAvailability AVAILABLE once subscribed (${text(p.docs)}).`,
    ],
  }),
  'call-with-guardrail': (p) => ({
    summary: `call with the guardrail the policy requires: ${cliHint('guardrail-option', text(p.guardrail))}`,
    steps: [
      'pass guardrailIdentifier (the guardrail ARN or id) and guardrailVersion in the InvokeModel request, or guardrailConfig in the Converse request',
      `the caller also needs ${text(p.applyAction)} on the guardrail ARN, which the check makes once the call names the guardrail`,
    ],
  }),
  ...GATE_FIX_WORDS,
  ...MARKETPLACE_FIX_WORDS,
  ...CODE_FIX_WORDS,
};

function availabilityCommand(p: MessageParams): string {
  return `aws bedrock get-foundation-model-availability --model-id ${text(p.modelId)} --region ${text(p.region)}`;
}

/** The words of a fix's verification when it is not a count. */
export const FIX_DETAIL_WORDS: Words<FixDetailCode> = {
  'no-policy-change': () => 'a change outside the policies, which the tool cannot apply or re-evaluate',
  'guardrail-reevaluated': (p) =>
    `re-evaluated with ${text(p.key)} = ${p.value === null || p.value === undefined ? '(none)' : text(p.value)}: ` +
    `${text(p.fixed)} of ${text(p.denied)} denied checks allowed; ${text(p.applyAction)} on the guardrail is checked when the call names it`,
  ...GATE_FIX_DETAIL_WORDS,
  ...MARKETPLACE_DETAIL_WORDS,
  ...CODE_DETAIL_WORDS,
};

/** The words of what else could be done when no verified fix exists. */
export const ALTERNATIVE_WORDS: Words<AlternativeCode> = {
  'guardrail-enforced-on-purpose': () =>
    'the statement enforces a guardrail on purpose: editing it would let calls without the guardrail through',
  ...GATE_ALTERNATIVE_WORDS,
  ...MARKETPLACE_ALTERNATIVE_WORDS,
};

/** Up to eight entries, then "and N more". */
function listed(param: MessageParams[string] | undefined): string {
  const items = list(param);
  if (items.length <= MAX_LISTED) return items.join(', ');
  return `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

function suggestionStep(p: MessageParams): string[] {
  return list(p.suggestions).length > 0
    ? [`Did you mean ${list(p.suggestions).join(' or ')}? (nearest ids in the catalog dated by this report)`]
    : [];
}

function activeModelsStep(p: MessageParams): string {
  return list(p.alternatives).length > 0
    ? `Active ${text(p.provider)} models served in ${text(p.region)}: ${listed(p.alternatives)}.`
    : `See the model lifecycle page for the recommended replacement: ${text(p.docs)}`;
}
