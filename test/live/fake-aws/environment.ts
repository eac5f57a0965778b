// The environment a scan against the loopback endpoint runs in: fake static credentials, no shared
// config or credentials files, no instance metadata, every client pointed at the endpoint.
export function fakeAwsEnvironment(url: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Only reads: Get*, List*, Describe*. */
export const READ_OPERATION = /^(?:sts|iam|organizations|bedrock|ec2):(?:Get|List|Describe)[A-Za-z]+$/;
