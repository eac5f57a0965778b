import {
  type BedrockClient,
  GetFoundationModelAvailabilityCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
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
  readonly availability: Record<string, ModelAvailability>;
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
    availability,
  };
}
