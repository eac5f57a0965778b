import { cliHint, type FixCode, type FixDetailCode, type MessageParams } from '../../model/index.js';
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
};

/** The words of a fix's verification when it is not a count. */
export const FIX_DETAIL_WORDS: Words<FixDetailCode> = {
  'no-policy-change': () => 'a change outside the policies, which the tool cannot apply or re-evaluate',
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
