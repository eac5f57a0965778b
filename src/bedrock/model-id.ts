import { parseArn, type Arn } from '../model/index.js';
import type { ProfileScope } from './catalog.js';

/**
 * What `--model` can name, per the InvokeModel `modelId` parameter and the Bedrock resource types of
 * the Service Authorization Reference (list_bedrock.html):
 * - foundation-model            `provider.name…` or `arn:P:bedrock:R::foundation-model/ID`
 * - inference-profile           system-defined `us.…`, `global.…` … or `arn:P:bedrock:R:A:inference-profile/ID`
 * - application-inference-profile  `arn:P:bedrock:R:A:application-inference-profile/ID`
 * - provisioned-model           `arn:P:bedrock:R:A:provisioned-model/ID`
 * - custom-model                `arn:P:bedrock:R:A:custom-model/BASE-MODEL/ID`
 * - custom-model-deployment     `arn:P:bedrock:R:A:custom-model-deployment/ID`
 * - imported-model              `arn:P:bedrock:R:A:imported-model/ID`
 * - default-prompt-router       `arn:P:bedrock:R:A:default-prompt-router/ID`
 * - prompt-router               `arn:P:bedrock:R:A:prompt-router/ID`
 * - marketplace-endpoint        the SageMaker endpoint ARN `arn:P:sagemaker:R:A:endpoint/NAME` (Bedrock Marketplace)
 * - prompt                      a Prompt management prompt version `arn:P:bedrock:R:A:prompt/ID:VERSION`
 */
export type ArnModelKind =
  | 'application-inference-profile'
  | 'provisioned-model'
  | 'custom-model'
  | 'custom-model-deployment'
  | 'imported-model'
  | 'default-prompt-router'
  | 'prompt-router'
  | 'marketplace-endpoint'
  | 'prompt';

export type ModelIdentifier =
  | {
      readonly kind: 'foundation-model';
      readonly input: string;
      readonly modelId: string;
      /** Present when the input was an ARN. */
      readonly arn?: Arn;
    }
  | {
      readonly kind: 'inference-profile';
      readonly input: string;
      readonly profileId: string;
      readonly scope: ProfileScope;
      /** The foundation model id the profile id is built from (`scope.modelId`). */
      readonly modelId: string;
      readonly arn?: Arn;
    }
  | {
      readonly kind: ArnModelKind;
      readonly input: string;
      readonly arn: Arn;
      /** The part after the resource type, e.g. the provisioned model id. */
      readonly resourceId: string;
    }
  | { readonly kind: 'unknown'; readonly input: string; readonly reason: string };

/** The prefixes of system-defined inference profile ids (`us.…`, `us-gov.…`, `global.…`). */
export const PROFILE_SCOPES: readonly ProfileScope[] = ['apac', 'au', 'ca', 'eu', 'global', 'in', 'jp', 'us', 'us-gov'];

// The foundation-model id pattern AWS publishes for InferenceProfileModel.modelArn:
// provider "." name, up to two more "." parts, up to two ":" version parts.
const MODEL_ID_PATTERN = /^[a-z0-9-]{1,63}\.([a-z0-9-]{1,63}\.){0,2}[a-z0-9-]{1,63}(:[a-z0-9-]{1,63}){0,2}$/;

const BEDROCK_ARN_KINDS: ReadonlyMap<string, ArnModelKind> = new Map([
  ['application-inference-profile', 'application-inference-profile'],
  ['provisioned-model', 'provisioned-model'],
  ['custom-model', 'custom-model'],
  ['custom-model-deployment', 'custom-model-deployment'],
  ['imported-model', 'imported-model'],
  ['default-prompt-router', 'default-prompt-router'],
  ['prompt-router', 'prompt-router'],
  ['prompt', 'prompt'],
]);

function isFoundationModelId(text: string): boolean {
  return MODEL_ID_PATTERN.test(text);
}

/** Classifies a `--model` value; anything not in a documented form is `unknown`, never guessed. */
export function classifyModel(input: string): ModelIdentifier {
  if (input.startsWith('arn:')) return classifyArn(input);
  const profile = splitProfileId(input);
  if (profile) return { kind: 'inference-profile', input, profileId: input, ...profile };
  if (isFoundationModelId(input)) return { kind: 'foundation-model', input, modelId: input };
  return {
    kind: 'unknown',
    input,
    reason:
      'not a foundation model id (provider.model…), a system-defined inference profile id (us., eu., apac., jp., au., ca., in., us-gov., global.) or a Bedrock ARN',
  };
}

/** `us.anthropic.claude-…` → scope `us` and model `anthropic.claude-…`. */
export function splitProfileId(profileId: string): { scope: ProfileScope; modelId: string } | undefined {
  for (const scope of PROFILE_SCOPES) {
    const prefix = `${scope}.`;
    if (!profileId.startsWith(prefix)) continue;
    const modelId = profileId.slice(prefix.length);
    return isFoundationModelId(modelId) ? { scope, modelId } : undefined;
  }
  return undefined;
}

function classifyArn(input: string): ModelIdentifier {
  const arn = parseArn(input);
  if (!arn)
    return { kind: 'unknown', input, reason: 'malformed ARN (expected arn:partition:service:region:account:resource)' };
  if (arn.service === 'sagemaker') {
    const name = withoutPrefix(arn.resource, 'endpoint/');
    return name
      ? { kind: 'marketplace-endpoint', input, arn, resourceId: name }
      : {
          kind: 'unknown',
          input,
          reason: 'a SageMaker ARN is accepted only as a Bedrock Marketplace endpoint (…:endpoint/NAME)',
        };
  }
  if (arn.service !== 'bedrock')
    return { kind: 'unknown', input, reason: `not a Bedrock ARN (service "${arn.service}")` };

  const slash = arn.resource.indexOf('/');
  const type = slash < 0 ? arn.resource : arn.resource.slice(0, slash);
  const id = slash < 0 ? '' : arn.resource.slice(slash + 1);
  if (id === '') return { kind: 'unknown', input, reason: `ARN names no resource id after "${type}"` };

  if (type === 'foundation-model') {
    if (arn.account !== '')
      return {
        kind: 'unknown',
        input,
        reason: 'a foundation-model ARN has an empty account field (arn:P:bedrock:R::foundation-model/ID)',
      };
    if (!isFoundationModelId(id)) return { kind: 'unknown', input, reason: `"${id}" is not a foundation model id` };
    return { kind: 'foundation-model', input, modelId: id, arn };
  }
  if (type === 'inference-profile') {
    const profile = splitProfileId(id);
    if (!profile) return { kind: 'unknown', input, reason: `"${id}" is not a system-defined inference profile id` };
    return { kind: 'inference-profile', input, profileId: id, ...profile, arn };
  }
  const kind = BEDROCK_ARN_KINDS.get(type);
  if (kind) return { kind, input, arn, resourceId: id };
  return { kind: 'unknown', input, reason: `Bedrock resource type "${type}" cannot be invoked with InvokeModel` };
}

function withoutPrefix(text: string, prefix: string): string | undefined {
  return text.startsWith(prefix) && text.length > prefix.length ? text.slice(prefix.length) : undefined;
}
