// ~50 identity-policy templates for the synthetic account: shared managed policies (one document,
// attached to many principals) and inline policies instantiated per principal with their own values.
// They mimic what real accounts hold: AWS managed policies, Bedrock least-privilege lists, inference
// profile + destination-Region patterns, explicit denies, network/tag/MFA conditions, NotAction
// admin-ish policies, and plenty of statements that have nothing to do with Bedrock.

export const ACCOUNT = '111122223333';
export const TEAMS = [
  'ml',
  'search',
  'support',
  'risk',
  'payments',
  'data',
  'platform',
  'marketing',
  'legal',
  'research',
];
export const CORP_CIDRS = ['203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/25', '10.20.0.0/16'];

const INVOKE = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
const fmArn = (region, id) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
const profileArn = (region, id) => `arn:aws:bedrock:${region}:${ACCOUNT}:inference-profile/${id}`;
const doc = (...statements) => ({ Version: '2012-10-17', Statement: statements });

// A long read-only action list, as in AWS's job-function policies: many statements have many actions.
const READ_ONLY_SERVICES = [
  'acm',
  'apigateway',
  'application-autoscaling',
  'athena',
  'autoscaling',
  'backup',
  'batch',
  'cloudformation',
  'cloudfront',
  'cloudtrail',
  'cloudwatch',
  'codebuild',
  'codecommit',
  'codepipeline',
  'cognito-idp',
  'config',
  'dynamodb',
  'ec2',
  'ecr',
  'ecs',
  'eks',
  'elasticache',
  'elasticloadbalancing',
  'es',
  'events',
  'firehose',
  'glue',
  'guardduty',
  'iam',
  'kinesis',
  'kms',
  'lambda',
  'logs',
  'rds',
  'redshift',
  'route53',
  's3',
  'sagemaker',
  'secretsmanager',
  'sns',
  'sqs',
  'ssm',
  'states',
  'sts',
  'tag',
  'waf',
];
const readOnlyActions = READ_ONLY_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:Get*`, `${s}:List*`]);

/**
 * Managed policies: built once, parsed once, shared by every principal they are attached to.
 * `weight` is the relative chance of attaching the template to a principal; `only` restricts it to
 * a principal kind.
 */
export const MANAGED_TEMPLATES = [
  {
    name: 'AdministratorAccess',
    aws: true,
    weight: 2,
    build: () => doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  },
  {
    name: 'PowerUserAccess',
    aws: true,
    weight: 4,
    build: () =>
      doc(
        { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: [
            'account:GetAccountInformation',
            'account:GetPrimaryEmail',
            'account:ListRegions',
            'iam:CreateServiceLinkedRole',
            'iam:DeleteServiceLinkedRole',
            'iam:ListRoles',
            'organizations:DescribeOrganization',
          ],
          Resource: '*',
        },
      ),
  },
  {
    name: 'AmazonBedrockFullAccess',
    aws: true,
    weight: 8,
    build: () =>
      doc(
        { Sid: 'BedrockAll', Effect: 'Allow', Action: ['bedrock:*'], Resource: '*' },
        { Sid: 'DescribeKey', Effect: 'Allow', Action: ['kms:DescribeKey'], Resource: 'arn:*:kms:*:::*' },
        {
          Sid: 'APIsWithAllResourceAccess',
          Effect: 'Allow',
          Action: [
            'iam:ListRoles',
            'ec2:DescribeVpcs',
            'ec2:DescribeSubnets',
            'ec2:DescribeSecurityGroups',
            'sagemaker:ListEndpoints',
          ],
          Resource: '*',
        },
        {
          Sid: 'PassRoleToBedrock',
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: 'arn:aws:iam::*:role/*AmazonBedrock*',
          Condition: { StringEquals: { 'iam:PassedToService': ['bedrock.amazonaws.com'] } },
        },
      ),
  },
  {
    name: 'AmazonBedrockReadOnly',
    aws: true,
    weight: 4,
    build: () => doc({ Effect: 'Allow', Action: ['bedrock:Get*', 'bedrock:List*'], Resource: '*' }),
  },
  {
    name: 'AmazonS3ReadOnlyAccess',
    aws: true,
    weight: 6,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
        Resource: '*',
      }),
  },
  {
    name: 'AmazonDynamoDBReadOnlyAccess',
    aws: true,
    weight: 4,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: [
          'application-autoscaling:DescribeScalableTargets',
          'cloudwatch:DescribeAlarms',
          'cloudwatch:GetMetricData',
          'datapipeline:DescribeObjects',
          'dax:Describe*',
          'dax:List*',
          'dax:GetItem',
          'dax:BatchGetItem',
          'dax:Query',
          'dax:Scan',
          'dynamodb:BatchGetItem',
          'dynamodb:Describe*',
          'dynamodb:List*',
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:PartiQLSelect',
          'ec2:DescribeSecurityGroups',
          'iam:GetRole',
          'iam:ListRoles',
          'kms:DescribeKey',
          'kms:ListAliases',
          'sns:ListSubscriptionsByTopic',
          'sns:ListTopics',
          'lambda:ListFunctions',
          'lambda:ListEventSourceMappings',
        ],
        Resource: '*',
      }),
  },
  {
    name: 'ReadOnlyAccess',
    aws: true,
    weight: 5,
    build: () => doc({ Effect: 'Allow', Action: readOnlyActions, Resource: '*' }),
  },
  {
    name: 'CloudWatchLogsFullAccess',
    aws: true,
    weight: 3,
    build: () => doc({ Effect: 'Allow', Action: ['logs:*', 'cloudwatch:GenerateQuery'], Resource: '*' }),
  },
  {
    name: 'BedrockInvokeAnthropic',
    weight: 6,
    build: () =>
      doc({
        Sid: 'InvokeAnthropic',
        Effect: 'Allow',
        Action: INVOKE,
        Resource: [
          'arn:aws:bedrock:*::foundation-model/anthropic.*',
          `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*anthropic.*`,
        ],
      }),
  },
  {
    name: 'BedrockInvokeAmazonNova',
    weight: 5,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: INVOKE,
        Resource: [
          'arn:aws:bedrock:*::foundation-model/amazon.nova-*',
          `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*.amazon.nova-*`,
          'arn:aws:bedrock:*::foundation-model/amazon.titan-embed-*',
        ],
      }),
  },
  {
    name: 'BedrockDenyPremiumModels',
    weight: 4,
    build: () =>
      doc({
        Sid: 'NoOpusNoLarge',
        Effect: 'Deny',
        Action: 'bedrock:InvokeModel*',
        Resource: [
          'arn:aws:bedrock:*::foundation-model/*opus*',
          'arn:aws:bedrock:*::foundation-model/mistral.mistral-large-*',
          'arn:aws:bedrock:*:*:inference-profile/*opus*',
        ],
      }),
  },
  {
    name: 'DenyOutsideCorpNetwork',
    weight: 4,
    build: () =>
      doc({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { NotIpAddress: { 'aws:SourceIp': CORP_CIDRS }, Bool: { 'aws:ViaAWSService': 'false' } },
      }),
  },
  {
    name: 'RequireSecureTransport',
    weight: 3,
    build: () =>
      doc({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
  },
  {
    name: 'BedrockUSProfilesOnly',
    weight: 5,
    build: () =>
      doc(
        {
          Sid: 'Profiles',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: `arn:aws:bedrock:us-*:${ACCOUNT}:inference-profile/us.*`,
        },
        {
          Sid: 'ModelsViaUSProfiles',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: 'arn:aws:bedrock:us-*::foundation-model/*',
          Condition: {
            StringLike: { 'bedrock:InferenceProfileArn': `arn:aws:bedrock:us-*:${ACCOUNT}:inference-profile/us.*` },
          },
        },
      ),
  },
  {
    name: 'BedrockRequireInferenceProfile',
    weight: 3,
    build: () =>
      doc({
        Sid: 'NoDirectModelCalls',
        Effect: 'Deny',
        Action: INVOKE,
        Resource: 'arn:aws:bedrock:*::foundation-model/*',
        Condition: { Null: { 'bedrock:InferenceProfileArn': 'true' } },
      }),
  },
  {
    name: 'BedrockUSRegionsOnly',
    weight: 4,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-east-2', 'us-west-2'] } },
      }),
  },
  {
    name: 'BedrockGlobalProfiles',
    weight: 3,
    build: () =>
      doc(
        {
          Sid: 'GlobalProfile',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/global.*`,
        },
        {
          Sid: 'SourceRegionModel',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: 'arn:aws:bedrock:*::foundation-model/*',
          Condition: {
            StringLike: { 'bedrock:InferenceProfileArn': `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/global.*` },
          },
        },
        {
          Sid: 'RegionlessModel',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: 'arn:aws:bedrock:::foundation-model/*',
          Condition: {
            StringEquals: { 'aws:RequestedRegion': 'unspecified' },
            StringLike: { 'bedrock:InferenceProfileArn': `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/global.*` },
          },
        },
      ),
  },
  {
    name: 'BedrockAbacTeams',
    weight: 4,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: INVOKE,
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': ['ml', 'research', 'data'] } },
      }),
  },
  {
    name: 'ContractorTimeWindow',
    weight: 2,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: INVOKE,
        Resource: 'arn:aws:bedrock:*::foundation-model/*',
        Condition: {
          DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' },
          DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' },
        },
      }),
  },
  {
    name: 'BedrockAgentsAndKnowledgeBases',
    weight: 3,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: [
          'bedrock:InvokeAgent',
          'bedrock:Retrieve',
          'bedrock:RetrieveAndGenerate',
          'bedrock:GetAgent',
          'bedrock:GetKnowledgeBase',
        ],
        Resource: [
          `arn:aws:bedrock:*:${ACCOUNT}:agent/*`,
          `arn:aws:bedrock:*:${ACCOUNT}:agent-alias/*`,
          `arn:aws:bedrock:*:${ACCOUNT}:knowledge-base/*`,
        ],
      }),
  },
  {
    name: 'BedrockApplyGuardrails',
    weight: 2,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: ['bedrock:ApplyGuardrail', 'bedrock:GetGuardrail'],
        Resource: `arn:aws:bedrock:*:${ACCOUNT}:guardrail/*`,
      }),
  },
  {
    name: 'BedrockApprovedModelsOnly',
    weight: 4,
    build: () =>
      doc({
        Sid: 'DenyUnapprovedModels',
        Effect: 'Deny',
        Action: INVOKE,
        NotResource: [
          'arn:aws:bedrock:*::foundation-model/anthropic.*',
          'arn:aws:bedrock:*::foundation-model/amazon.nova-*',
          'arn:aws:bedrock:*::foundation-model/amazon.titan-embed-*',
          'arn:aws:bedrock:*::foundation-model/cohere.embed-*',
          `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*`,
        ],
      }),
  },
  {
    name: 'LambdaInvokeApp',
    weight: 3,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction', 'lambda:GetFunction'],
        Resource: `arn:aws:lambda:*:${ACCOUNT}:function:app-*`,
      }),
  },
  {
    name: 'MessagingPublish',
    weight: 3,
    build: () =>
      doc(
        {
          Effect: 'Allow',
          Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
          Resource: `arn:aws:sqs:*:${ACCOUNT}:app-*`,
        },
        { Effect: 'Allow', Action: 'sns:Publish', Resource: `arn:aws:sns:*:${ACCOUNT}:alerts-*` },
      ),
  },
  {
    name: 'AmazonEC2ReadOnlyAccess',
    aws: true,
    weight: 3,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: [
          'ec2:Describe*',
          'elasticloadbalancing:Describe*',
          'cloudwatch:ListMetrics',
          'cloudwatch:GetMetricStatistics',
          'autoscaling:Describe*',
        ],
        Resource: '*',
      }),
  },
  {
    name: 'SecretsByTeamTag',
    weight: 3,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: '*',
        Condition: { StringEquals: { 'secretsmanager:ResourceTag/team': '${aws:PrincipalTag/team}' } },
      }),
  },
  {
    name: 'AssumeDataRoles',
    weight: 2,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: [`arn:aws:iam::${ACCOUNT}:role/data-*`, 'arn:aws:iam::444455556666:role/shared-read'],
      }),
  },
  {
    name: 'KmsDecryptViaServices',
    weight: 2,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: `arn:aws:kms:*:${ACCOUNT}:key/*`,
        Condition: { StringLike: { 'kms:ViaService': ['s3.*.amazonaws.com', 'bedrock.*.amazonaws.com'] } },
      }),
  },
  {
    name: 'RequireMFA',
    only: 'user',
    weight: 8,
    build: () =>
      doc({
        Sid: 'DenyAllExceptListedIfNoMFA',
        Effect: 'Deny',
        NotAction: [
          'iam:CreateVirtualMFADevice',
          'iam:EnableMFADevice',
          'iam:GetUser',
          'iam:ListMFADevices',
          'iam:ListVirtualMFADevices',
          'iam:ResyncMFADevice',
          'sts:GetSessionToken',
        ],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
  },
  {
    name: 'BedrockVpcEndpointOnly',
    weight: 2,
    build: () =>
      doc({
        Effect: 'Deny',
        Action: INVOKE,
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0a1b2c3d4e5f60718', 'vpce-0f1e2d3c4b5a69788'] } },
      }),
  },
  {
    name: 'LegacyS3Policy2008',
    weight: 2,
    build: () => ({
      Version: '2008-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::legacy-reports/${aws:username}/*',
        },
      ],
    }),
  },
  {
    name: 'BedrockInvokeAnything',
    weight: 4,
    build: () => doc({ Effect: 'Allow', Action: 'bedrock:Invoke*', Resource: '*' }),
  },
];

/**
 * Inline policies: instantiated per principal (each one is its own document, parsed on its own).
 * build(rng, principal, models) gets the principal ({ team, home, ... }) and the benchmark's models.
 */
export const INLINE_TEMPLATES = [
  {
    name: 'least-privilege-models',
    weight: 10,
    build(rng, _p, models) {
      const chosen = rng.sample(
        models.filter((m) => m.kind === 'foundation-model'),
        rng.int(2, 6),
      );
      const regions = rng.sample(['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'], rng.int(1, 3));
      return doc({
        Sid: 'ApprovedModels',
        Effect: 'Allow',
        Action: rng.chance(0.7) ? INVOKE : ['bedrock:InvokeModel'],
        Resource: chosen.flatMap((m) => regions.map((r) => fmArn(r, m.id))),
      });
    },
  },
  {
    name: 'profile-with-destinations',
    weight: 10,
    build(rng, p, models) {
      // The documented pattern: the profile in its source Region, and the model in every destination
      // Region when called through that profile. Some principals list too few destinations.
      const profiles = rng.sample(
        models.filter((m) => m.kind === 'inference-profile' && m.scope !== 'global'),
        rng.int(1, 3),
      );
      const statements = [];
      for (const m of profiles) {
        const source = m.sourceFor(p.home);
        const destinations = [...m.destinations(source)];
        if (rng.chance(0.25)) destinations.pop(); // a forgotten destination
        statements.push(
          { Effect: 'Allow', Action: INVOKE, Resource: profileArn(source, m.id) },
          {
            Effect: 'Allow',
            Action: INVOKE,
            Resource: [...new Set([source, ...destinations])].map((r) => fmArn(r, m.modelId)),
            Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn(source, m.id) } },
          },
        );
      }
      return doc(...statements);
    },
  },
  {
    name: 'global-profile',
    weight: 5,
    build(rng, p, models) {
      const m = rng.pick(models.filter((x) => x.scope === 'global'));
      const source = m.sourceFor(p.home);
      return doc(
        { Effect: 'Allow', Action: INVOKE, Resource: profileArn(source, m.id) },
        {
          Effect: 'Allow',
          Action: INVOKE,
          Resource: [fmArn(source, m.modelId), fmArn('', m.modelId)],
          Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn(source, m.id) } },
        },
      );
    },
  },
  {
    name: 'team-bucket',
    weight: 8,
    build: (_rng, p) =>
      doc(
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          Resource: 'arn:aws:s3:::acme-${aws:PrincipalTag/team}/*',
        },
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: `arn:aws:s3:::acme-${p.team}`,
          Condition: { StringLike: { 's3:prefix': ['', 'shared/*', `${p.team}/*`] } },
        },
      ),
  },
  {
    name: 'user-table',
    weight: 6,
    build: (_rng, p) =>
      doc({
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        Resource: [
          `arn:aws:dynamodb:${p.home}:${ACCOUNT}:table/${p.team}-sessions`,
          `arn:aws:dynamodb:${p.home}:${ACCOUNT}:table/${p.team}-sessions/index/*`,
        ],
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${aws:userid}'] } },
      }),
  },
  {
    name: 'deny-some-models',
    weight: 6,
    build: (rng, _p, _models) =>
      doc({
        Effect: 'Deny',
        Action: rng.chance(0.5) ? 'bedrock:*' : INVOKE,
        Resource: rng
          .sample(
            ['meta.*', 'deepseek.*', 'mistral.*', 'openai.*', 'cohere.*', '*opus*', 'amazon.titan-*'],
            rng.int(1, 3),
          )
          .flatMap((pattern) => [
            `arn:aws:bedrock:*::foundation-model/${pattern}`,
            `arn:aws:bedrock:*:*:inference-profile/*${pattern}`,
          ]),
      }),
  },
  {
    name: 'bedrock-from-source-ip',
    weight: 5,
    build: (rng) =>
      doc({
        Effect: 'Allow',
        Action: INVOKE,
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': rng.sample(CORP_CIDRS, rng.int(1, 3)) } },
      }),
  },
  {
    name: 'bedrock-team-tag',
    weight: 6,
    build: (_rng, p) =>
      doc({
        Effect: 'Allow',
        Action: INVOKE,
        Resource: ['arn:aws:bedrock:*::foundation-model/*', `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*`],
        Condition: { StringEquals: { 'aws:PrincipalTag/team': p.team } },
      }),
  },
  {
    name: 'bedrock-cost-center',
    weight: 4,
    build: (_rng, p) =>
      doc({
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel*',
        Resource: 'arn:aws:bedrock:*::foundation-model/*',
        Condition: {
          StringEqualsIgnoreCase: { 'aws:PrincipalTag/CostCenter': [p.costCenter.toUpperCase(), 'CC-0000'] },
        },
      }),
  },
  {
    name: 'provider-wildcard',
    weight: 8,
    build: (rng) => {
      const provider = rng.pick(['anthropic', 'amazon', 'meta', 'mistral', 'openai', 'cohere']);
      return doc({
        Effect: 'Allow',
        Action: INVOKE,
        Resource: [
          `arn:aws:bedrock:*::foundation-model/${provider}.*`,
          `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*.${provider}.*`,
        ],
      });
    },
  },
  {
    name: 'region-pinned',
    weight: 5,
    build: (rng, p) =>
      doc({
        Effect: 'Allow',
        Action: INVOKE,
        Resource: [...new Set([p.home, rng.pick(['us-east-1', 'us-west-2', 'eu-central-1'])])].map(
          (r) => `arn:aws:bedrock:${r}::foundation-model/*`,
        ),
      }),
  },
  {
    name: 'sandbox-notaction-deny',
    weight: 3,
    build: () =>
      doc(
        { Effect: 'Allow', Action: ['bedrock:InvokeModel*', 's3:Get*', 's3:List*', 'logs:*'], Resource: '*' },
        {
          Effect: 'Deny',
          NotAction: [
            'bedrock:InvokeModel*',
            'bedrock:List*',
            's3:Get*',
            's3:List*',
            'logs:*',
            'sts:GetCallerIdentity',
          ],
          Resource: '*',
        },
      ),
  },
  {
    name: 'app-data-plane',
    weight: 10,
    build: (_rng, p) =>
      doc(
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: [`arn:aws:s3:::${p.team}-artifacts/*`, `arn:aws:s3:::${p.team}-inputs/*`],
        },
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem'],
          Resource: `arn:aws:dynamodb:*:${ACCOUNT}:table/${p.team}-*`,
        },
        {
          Effect: 'Allow',
          Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
          Resource: `arn:aws:sqs:${p.home}:${ACCOUNT}:${p.team}-jobs`,
        },
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `arn:aws:logs:*:${ACCOUNT}:log-group:/app/${p.team}/*`,
        },
      ),
  },
  {
    name: 'principal-arn-abac',
    weight: 3,
    build: (_rng, p) =>
      doc({
        Effect: 'Allow',
        Action: INVOKE,
        Resource: '*',
        Condition: {
          ArnLike: {
            'aws:PrincipalArn': [
              `arn:aws:iam::${ACCOUNT}:role/teams/${p.team}/*`,
              `arn:aws:iam::${ACCOUNT}:user/${p.team}/*`,
            ],
          },
        },
      }),
  },
  {
    name: 'mfa-age',
    only: 'user',
    weight: 6,
    build: () =>
      doc({
        Effect: 'Allow',
        Action: 'bedrock:*',
        Resource: '*',
        Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
      }),
  },
  {
    name: 'eu-data-residency',
    weight: 4,
    build: () =>
      doc({
        Sid: 'EUOnly',
        Effect: 'Deny',
        Action: 'bedrock:InvokeModel*',
        Resource: '*',
        Condition: { StringNotLike: { 'aws:RequestedRegion': ['eu-*'] } },
      }),
  },
  {
    name: 'tagging-guard',
    weight: 3,
    build: (_rng, p) =>
      doc({
        Effect: 'Allow',
        Action: ['ec2:CreateTags', 'ec2:RunInstances'],
        Resource: '*',
        Condition: {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'CostCenter', 'Name'] },
          StringEquals: { 'aws:RequestTag/team': p.team },
        },
      }),
  },
  {
    name: 'user-home-prefix',
    weight: 3,
    build: () =>
      doc(
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::home-dirs',
          Condition: { StringLike: { 's3:prefix': ['${aws:username}/*'] } },
        },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::home-dirs/${aws:username}/*',
        },
      ),
  },
];
