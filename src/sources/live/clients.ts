import { BedrockClient } from '@aws-sdk/client-bedrock';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';

/** The read-only clients of one account's scan. */
export interface LiveClients {
  readonly sts: STSClient;
  readonly iam: IAMClient;
  readonly organizations: OrganizationsClient;
  readonly bedrock: BedrockClient;
  readonly ec2: EC2Client;
}

/** Temporary credentials of an assumed role; the SDK asks again when they near their expiration. */
export type CredentialsProvider = () => Promise<{
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}>;

export interface ClientOptions {
  readonly profile?: string;
  readonly region: string;
}

/**
 * Credentials from the SDK's standard chain (environment, shared files and profiles, SSO, web identity,
 * container and instance roles), or those given (a member account's assumed role); endpoints as the SDK
 * resolves them, AWS_ENDPOINT_URL included. Adaptive retry also slows the client down when the service
 * throttles, so a large account's scan is not cut short.
 */
export function liveClients(options: ClientOptions, credentials?: CredentialsProvider): LiveClients {
  const common = {
    region: options.region,
    retryMode: 'adaptive',
    maxAttempts: 8,
    credentials:
      credentials ?? fromNodeProviderChain(options.profile !== undefined ? { profile: options.profile } : {}),
  } as const;
  return {
    sts: new STSClient(common),
    iam: new IAMClient(common),
    organizations: new OrganizationsClient(common),
    bedrock: new BedrockClient(common),
    ec2: new EC2Client(common),
  };
}

export function destroyClients(clients: LiveClients): void {
  for (const client of Object.values(clients)) client.destroy();
}
