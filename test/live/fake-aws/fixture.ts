// A fixture account in an organization: root → OU → account, each level with SCPs.
export interface FakeAccount {
  readonly accountId: string;
  readonly region: string;
  readonly gaad: {
    readonly UserDetailList: readonly object[];
    readonly GroupDetailList: readonly object[];
    readonly RoleDetailList: readonly object[];
    readonly Policies: readonly object[];
  };
  readonly organization?: {
    readonly id: string;
    readonly managementAccountId: string;
    /** Child id → parent id, up to the root. */
    readonly parents: Readonly<Record<string, string>>;
    /** Target id → SCP ids attached to it. */
    readonly attached: Readonly<Record<string, readonly string[]>>;
    readonly policies: Readonly<Record<string, { readonly name: string; readonly document: object }>>;
  };
  readonly bedrock: {
    readonly models: readonly string[];
    readonly profiles: readonly { readonly id: string; readonly regions: readonly string[] }[];
    /** GetFoundationModelAvailability per model: the fields given replace AVAILABLE / AUTHORIZED. */
    readonly availability?: Readonly<Record<string, Partial<FakeAvailability>>>;
    /** Application inference profiles (ListInferenceProfiles, typeEquals APPLICATION) and the model ARNs of each. */
    readonly applicationProfiles?: readonly { readonly arn: string; readonly models: readonly string[] }[];
    /** Prompt routers (ListPromptRouters): the model ARNs and the fallback model ARN of each. */
    readonly promptRouters?: readonly {
      readonly arn: string;
      readonly models: readonly string[];
      readonly fallback: string;
    }[];
  };
  /** EC2 DescribeVpcEndpoints: the account's VPC endpoints (any service; the scan filters on service-name). */
  readonly vpcEndpoints?: readonly FakeVpcEndpoint[];
}

interface FakeVpcEndpoint {
  readonly id: string;
  readonly vpcId: string;
  readonly serviceName: string;
  /** Absent: the endpoint's policy is the default full-access one, as EC2 then reports it. */
  readonly policy?: object;
  readonly privateDns?: boolean;
  readonly type?: 'Interface' | 'Gateway';
}

interface FakeAvailability {
  readonly agreement: string;
  readonly authorization: string;
  readonly entitlement: string;
  readonly region: string;
}

const ACCOUNT = '111122223333';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA = 'amazon.nova-pro-v1:0';

const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const invoke = (resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: resource }],
});

export const FIXTURE_MODELS = [HAIKU, NOVA] as const;

export function fixtureAccount(options: { readonly extraRoles?: number } = {}): FakeAccount {
  const extraRoles = Array.from({ length: options.extraRoles ?? 0 }, (_, index) => ({
    Path: '/apps/',
    RoleName: `app-${String(index).padStart(4, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT}:role/apps/app-${String(index).padStart(4, '0')}`,
    RolePolicyList: [{ PolicyName: 'invoke', PolicyDocument: invoke(`arn:aws:bedrock:*::foundation-model/${HAIKU}`) }],
    AttachedManagedPolicies: [],
    Tags: [],
  }));
  return {
    accountId: ACCOUNT,
    region: 'us-east-1',
    gaad: {
      UserDetailList: [
        {
          Path: '/',
          UserName: 'alice',
          Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
          GroupList: ['ml'],
          AttachedManagedPolicies: [],
          Tags: [{ Key: 'team', Value: 'ml' }],
        },
      ],
      GroupDetailList: [
        {
          Path: '/',
          GroupName: 'ml',
          Arn: `arn:aws:iam::${ACCOUNT}:group/ml`,
          GroupPolicyList: [],
          AttachedManagedPolicies: [
            { PolicyName: 'invoke-all', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/invoke-all` },
          ],
        },
      ],
      RoleDetailList: [
        {
          Path: '/',
          RoleName: 'haiku-only',
          Arn: `arn:aws:iam::${ACCOUNT}:role/haiku-only`,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          RolePolicyList: [
            { PolicyName: 'invoke', PolicyDocument: invoke(`arn:aws:bedrock:*::foundation-model/${HAIKU}`) },
          ],
          AttachedManagedPolicies: [],
          Tags: [],
        },
        {
          Path: '/',
          RoleName: 'nothing',
          Arn: `arn:aws:iam::${ACCOUNT}:role/nothing`,
          RolePolicyList: [],
          AttachedManagedPolicies: [],
          Tags: [],
        },
        ...extraRoles,
      ],
      Policies: [
        {
          PolicyName: 'invoke-all',
          Arn: `arn:aws:iam::${ACCOUNT}:policy/invoke-all`,
          Path: '/',
          DefaultVersionId: 'v2',
          PolicyVersionList: [
            { Document: invoke('*'), VersionId: 'v2', IsDefaultVersion: true },
            { Document: allowAll, VersionId: 'v1', IsDefaultVersion: false },
          ],
        },
      ],
    },
    organization: {
      id: 'o-exampleorgid',
      managementAccountId: '999988887777',
      parents: { [ACCOUNT]: 'ou-ab12-workload', 'ou-ab12-workload': 'r-ab12' },
      attached: {
        'r-ab12': ['p-FullAWSAccess'],
        'ou-ab12-workload': ['p-FullAWSAccess', 'p-nonova'],
        [ACCOUNT]: ['p-FullAWSAccess'],
      },
      policies: {
        'p-FullAWSAccess': { name: 'FullAWSAccess', document: allowAll },
        'p-nonova': {
          name: 'no-nova',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Deny',
                Action: 'bedrock:InvokeModel*',
                Resource: `arn:aws:bedrock:*::foundation-model/${NOVA}`,
              },
            ],
          },
        },
      },
    },
    bedrock: {
      models: [HAIKU, NOVA],
      profiles: [{ id: `us.${HAIKU}`, regions: ['us-east-1', 'us-east-2', 'us-west-2'] }],
    },
  };
}
