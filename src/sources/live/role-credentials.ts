import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { CredentialsProvider } from './clients.js';

/**
 * The only actions a member account's session needs (IAM authorization details, Bedrock's catalog and model
 * access, the bedrock-runtime VPC endpoints). Passed to AssumeRole as a session policy, the session can do
 * nothing else, whatever the role allows:
 * "the resulting session's permissions are the intersection of the role's identity-based policy and the
 * session policies" (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_assumerole.html).
 */
const MEMBER_SESSION_ACTIONS = [
  'iam:GetAccountAuthorizationDetails',
  'bedrock:ListFoundationModels',
  'bedrock:ListInferenceProfiles',
  'bedrock:GetFoundationModelAvailability',
  'bedrock:ListPromptRouters',
  'ec2:DescribeVpcEndpoints',
] as const;

export const MEMBER_SESSION_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: MEMBER_SESSION_ACTIONS, Resource: '*' }],
});

const SESSION_NAME = 'policy-check-scan';
/** Asked again this long before they expire, so that no call is signed with credentials about to lapse. */
const REFRESH_BEFORE_MS = 5 * 60 * 1000;

/**
 * The credentials of a role assumed once for every client of the account (IAM, Bedrock), and assumed again
 * only when they near their expiration (a scan longer than the session).
 */
export function roleCredentials(sts: STSClient, roleArn: string): CredentialsProvider {
  let current: ReturnType<CredentialsProvider> | undefined;
  const assume: CredentialsProvider = async () => {
    const answer = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: SESSION_NAME, Policy: MEMBER_SESSION_POLICY }),
    );
    const credentials = answer.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey)
      throw new Error(`AssumeRole of ${roleArn} returned no credentials`);
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
      ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
    };
  };
  return async () => {
    const held = current && (await current);
    if (held && (!held.expiration || held.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS)) return held;
    current = assume();
    current.catch(() => {
      current = undefined;
    });
    return current;
  };
}
