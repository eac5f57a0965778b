import {
  type BedrockClient,
  GetFoundationModelAvailabilityCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  ListPromptRoutersCommand,
} from '@aws-sdk/client-bedrock';
import { attempt, type LiveFailure } from './failure.js';

interface ModelAvailability {
  readonly agreement: string;
  readonly authorization: string;
  readonly entitlement: string;
  readonly region: string;
}

export interface BedrockState {
  /** The Region whose endpoint answered: profiles and availability are that Region's. */
  readonly region: string;
  readonly modelsByRegion?: Record<string, string[]>;
  readonly inferenceProfiles?: { id: string; regions: string[] }[];
  /** Application inference profiles and prompt routers with the model ARNs each routes to, sorted by ARN. */
  readonly routingResources?: RoutingResource[];
  readonly availability: Record<string, ModelAvailability>;
}

interface RoutingResource {
  readonly arn: string;
  readonly models: string[];
}

const GEOGRAPHY_PREFIX = /^(?:us|eu|apac|jp|au|ca|in|us-gov|global)\./;

/**
 * The account's Bedrock state in the Region: the foundation models offered, the system-defined inference
 * profiles with their destination Regions as AWS reports them today, and the model access of each model in
 * scope (agreement, authorization, entitlement, Region availability).
 */
export async function readBedrock(
  client: BedrockClient,
  region: string,
  models: readonly string[],
  failures: LiveFailure[],
): Promise<BedrockState> {
  const listed = await attempt(failures, 'bedrock:ListFoundationModels', 'bedrock-catalog', () =>
    client.send(new ListFoundationModelsCommand({})),
  );
  const profiles = await attempt(failures, 'bedrock:ListInferenceProfiles', 'bedrock-catalog', async () => {
    const found: { id: string; regions: string[] }[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED', ...(token ? { nextToken: token } : {}) }),
      );
      for (const profile of page.inferenceProfileSummaries ?? []) {
        const regions = (profile.models ?? []).map((model) => (model.modelArn ?? '').split(':')[3] ?? '');
        found.push({ id: profile.inferenceProfileId ?? '', regions: [...new Set(regions)].filter(Boolean).sort() });
      }
      token = page.nextToken;
    } while (token);
    return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  });
  const applicationProfiles = await attempt(failures, 'bedrock:ListInferenceProfiles', 'bedrock-catalog', () =>
    readApplicationProfiles(client),
  );
  const promptRouters = await attempt(failures, 'bedrock:ListPromptRouters', 'bedrock-catalog', () =>
    readPromptRouters(client),
  );
  // What could not be read stays out: a call naming it is then unresolved, as without any list.
  const routing = [...(applicationProfiles ?? []), ...(promptRouters ?? [])].sort(byArn);
  const availability: Record<string, ModelAvailability> = {};
  const foundationModels = [...new Set(models.map((model) => model.replace(GEOGRAPHY_PREFIX, '')))].sort();
  for (const modelId of foundationModels) {
    const answer = await attempt(failures, 'bedrock:GetFoundationModelAvailability', 'model-availability', () =>
      client.send(new GetFoundationModelAvailabilityCommand({ modelId })),
    );
    if (!answer) continue;
    availability[modelId] = {
      agreement: answer.agreementAvailability?.status ?? 'UNKNOWN',
      authorization: answer.authorizationStatus ?? 'UNKNOWN',
      entitlement: answer.entitlementAvailability ?? 'UNKNOWN',
      region: answer.regionAvailability ?? 'UNKNOWN',
    };
  }
  return {
    region,
    ...(listed
      ? { modelsByRegion: { [region]: (listed.modelSummaries ?? []).map((model) => model.modelId ?? '').sort() } }
      : {}),
    ...(profiles ? { inferenceProfiles: profiles } : {}),
    ...(routing.length > 0 ? { routingResources: routing } : {}),
    availability,
  };
}

const byArn = (a: RoutingResource, b: RoutingResource): number => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0);

/** A routing resource with the distinct model ARNs it names; undefined when it names none (nothing to evaluate). */
function routingResource(arn: string | undefined, modelArns: readonly (string | undefined)[]): RoutingResource[] {
  const models = [...new Set(modelArns.filter((model): model is string => Boolean(model)))].sort();
  return arn && models.length > 0 ? [{ arn, models }] : [];
}

/** The account's application inference profiles (ListInferenceProfiles, typeEquals APPLICATION), every page. */
async function readApplicationProfiles(client: BedrockClient): Promise<RoutingResource[]> {
  const found: RoutingResource[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION', ...(token ? { nextToken: token } : {}) }),
    );
    for (const profile of page.inferenceProfileSummaries ?? [])
      found.push(
        ...routingResource(
          profile.inferenceProfileArn,
          (profile.models ?? []).map((model) => model.modelArn),
        ),
      );
    token = page.nextToken;
  } while (token);
  return found;
}

/** The account's prompt routers (ListPromptRouters), every page: the models and the fallback model each routes to. */
async function readPromptRouters(client: BedrockClient): Promise<RoutingResource[]> {
  const found: RoutingResource[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListPromptRoutersCommand({ ...(token ? { nextToken: token } : {}) }));
    for (const router of page.promptRouterSummaries ?? [])
      found.push(
        ...routingResource(router.promptRouterArn, [
          ...(router.models ?? []).map((model) => model.modelArn),
          router.fallbackModel?.modelArn,
        ]),
      );
    token = page.nextToken;
  } while (token);
  return found;
}
