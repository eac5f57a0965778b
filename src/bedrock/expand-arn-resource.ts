import { message, parseArn, type Arn, type Note } from '../model/index.js';
import { arnLocationProblems } from './arn-checks.js';
import {
  INFERENCE_PROFILE_ARN,
  PROMPT_ROUTER_ARN,
  REQUESTED_REGION,
  UNSPECIFIED_REGION,
  emptyPlan,
  type CallSite,
  type ExpansionProblem,
  type ExpansionWarning,
  type Plan,
  type Target,
} from './expansion.js';
import type { ArnModelKind, ModelIdentifier } from './model-id.js';

type ArnResource = Extract<ModelIdentifier, { kind: ArnModelKind }>;

const LABELS: Readonly<Record<ArnModelKind, string>> = {
  'application-inference-profile': 'application inference profile',
  'provisioned-model': 'provisioned model',
  'custom-model': 'custom model',
  'custom-model-deployment': 'custom model deployment',
  'imported-model': 'imported model',
  'default-prompt-router': 'default prompt router',
  'prompt-router': 'prompt router',
  'marketplace-endpoint': 'Bedrock Marketplace endpoint',
  prompt: 'prompt',
};

/** The context key that names the routing resource on the requests for the models it routes to. */
const ROUTING_KEY: Partial<Record<ArnModelKind, string>> = {
  'application-inference-profile': INFERENCE_PROFILE_ARN,
  'default-prompt-router': PROMPT_ROUTER_ARN,
  'prompt-router': PROMPT_ROUTER_ARN,
};

/** Resources named by their own ARN: the ARN itself, plus the models it routes to when they are known. */
export function planArnResource(id: ArnResource, site: CallSite): Plan {
  if (id.kind === 'prompt') {
    return {
      ...emptyPlan(),
      problems: [
        {
          code: 'not-modeled',
          message:
            'invoking a Prompt management prompt is not modeled: the model it uses is stored in the prompt; check that model instead',
        },
      ],
    };
  }
  const problems = arnLocationProblems(id.arn, site);
  if (problems.length > 0) return { ...emptyPlan(), problems };

  const label = LABELS[id.kind];
  const warnings: ExpansionWarning[] = [];
  if (id.arn.account !== site.account) {
    warnings.push({
      code: 'other-account',
      message:
        `the ${label} is in account ${id.arn.account}, the caller in ${site.account}: a cross-account call also needs ` +
        `a resource-based policy of the owner, which is not evaluated`,
    });
  }
  const routingKey = ROUTING_KEY[id.kind];
  const own: Target = {
    resource: ownResource(id),
    context: { [REQUESTED_REGION]: [id.arn.region] },
    // Only a routing resource may set the routing keys on its own request; the others go through neither.
    absentKeys: routingKey ? [] : [INFERENCE_PROFILE_ARN, PROMPT_ROUTER_ARN],
    why: `${label} ${id.input}`,
  };
  const notes = [...kindNotes(id)];
  if (!routingKey) {
    if (site.routedModelArns?.length) {
      warnings.push({
        code: 'routed-models-ignored',
        message: `a ${label} routes to no other model resource; the routed model ARNs are not used`,
      });
    }
    return { targets: [own], problems: [], warnings, notes };
  }

  notes.push(message('routed-models-evaluated', { label, key: routingKey }));
  if (!site.routedModelArns?.length) {
    return {
      targets: [own],
      problems: [
        {
          code: 'routed-models-unknown',
          message: `the models ${id.input} routes to are unknown offline (GetInferenceProfile / GetPromptRouter list them); their requests are missing`,
        },
      ],
      warnings,
      notes,
    };
  }
  const routed = routedTargets(site.routedModelArns, routingKey, id);
  return { targets: [own, ...routed.targets], problems: routed.problems, warnings, notes };
}

function ownResource(id: ArnResource): string {
  // Service Authorization Reference, resource type bedrock-marketplace-model-endpoint: one fixed ARN
  // per Region and account stands for every Marketplace endpoint.
  if (id.kind === 'marketplace-endpoint') {
    return `arn:${id.arn.partition}:bedrock:${id.arn.region}:${id.arn.account}:marketplace/model-endpoint/all-access`;
  }
  return id.input;
}

function kindNotes(id: ArnResource): Note[] {
  switch (id.kind) {
    case 'marketplace-endpoint':
      return [message('marketplace-endpoint-resource')];
    case 'custom-model':
      return [message('custom-model-resource')];
    case 'provisioned-model':
    case 'custom-model-deployment':
    case 'imported-model':
      return [message('own-arn-only', { label: LABELS[id.kind] })];
    default:
      return [];
  }
}

function routedTargets(
  arns: readonly string[],
  routingKey: string,
  id: ArnResource,
): { targets: Target[]; problems: ExpansionProblem[] } {
  const problems: ExpansionProblem[] = [];
  const byResource = new Map<string, Target>();
  for (const text of arns) {
    const arn = parseArn(text);
    if (!arn || !isFoundationModelArn(arn)) {
      problems.push({ code: 'invalid-routed-model', message: `"${text}" is not a foundation-model ARN` });
      continue;
    }
    // A profile copied from a global one routes to the Region-less model ARN, as the global profile does.
    const region = arn.region === '' ? UNSPECIFIED_REGION : arn.region;
    byResource.set(text, {
      resource: text,
      context: { [REQUESTED_REGION]: [region], [routingKey]: [id.input] },
      absentKeys: [],
      why: `model routed to by ${LABELS[id.kind]} ${id.input}`,
    });
  }
  const targets = [...byResource.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, target]) => target);
  return { targets, problems };
}

function isFoundationModelArn(arn: Arn): boolean {
  return arn.service === 'bedrock' && arn.account === '' && arn.resource.startsWith('foundation-model/');
}
