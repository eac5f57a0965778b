// Hand-built reports with findings for the formatter tests: they do not depend on the diagnosis rules.
import { message, type CheckEntry, type CheckReport, type ReportStatement } from '../../src/model/index.js';
import type { Finding, FindingLocation, Fix } from '../../src/model/index.js';
import type { RuleDescriptor } from '../../src/report/sarif.js';

const PRINCIPAL = 'arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1';
export const MODEL_ARN = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';

export const IDENTITY_MESSAGE = `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${MODEL_ARN} because no identity-based policy allows the bedrock:InvokeModel action`;
export const SCP_MESSAGE = `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: ${MODEL_ARN} with an explicit deny in a service control policy`;

export const ALLOW_STATEMENT = {
  Sid: 'InvokeNovaPro',
  Effect: 'Allow',
  Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
  Resource: MODEL_ARN,
};

export const SCP_REPLACEMENT = {
  Sid: 'DenyOutsideUS',
  Effect: 'Deny',
  NotAction: ['bedrock:*'],
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } },
};

export const IDENTITY_LOCATION: FindingLocation = {
  file: 'policies/app.json',
  line: 4,
  column: 5,
  endLine: 13,
  endColumn: 6,
  policyType: 'identity',
  policyName: 'app.json',
  sid: 'ReadBedrockCatalog',
};

export const SCP_LOCATION: FindingLocation = {
  file: 'org\\scp-region.json',
  line: 5,
  column: 5,
  endLine: 12,
  endColumn: 6,
  policyType: 'scp',
  policyName: 'DenyOutsideUS',
  sid: 'DenyOutsideUS',
};

const verified = (checksFixed: number): Fix['verification'] => ({
  verified: true,
  checksFixed,
  checksOpenedElsewhere: 0,
  detail: 'every check re-evaluated with the fix applied',
});

export const ADD_FIX: Fix = {
  kind: 'add-statement',
  owner: 'identity-policy-owner',
  summary: 'Allow both invoke actions on the model',
  file: 'policies/app.json',
  location: IDENTITY_LOCATION,
  statement: ALLOW_STATEMENT,
  verification: verified(2),
};

const REPLACE_FIX: Fix = {
  kind: 'replace-statement',
  owner: 'organization-admin',
  summary: 'Exempt Bedrock from the Region deny',
  file: 'org\\scp-region.json',
  location: SCP_LOCATION,
  statement: SCP_REPLACEMENT,
  verification: verified(1),
};

export const IDENTITY_FINDING: Finding = {
  rule: 'identity-policy',
  severity: 'error',
  title: 'No identity-based policy allows the call',
  predictedError: { exception: 'AccessDeniedException', message: IDENTITY_MESSAGE },
  cause: 'The only statement of app.json allows catalog reads (bedrock:List*/Get*), not bedrock:InvokeModel.',
  locations: [IDENTITY_LOCATION],
  checks: [`bedrock:InvokeModel on ${MODEL_ARN}`, `bedrock:InvokeModelWithResponseStream on ${MODEL_ARN}`],
  fixes: [ADD_FIX],
};

export const SCP_FINDING: Finding = {
  rule: 'service-control-policy',
  severity: 'error',
  title: 'A service control policy denies the call',
  predictedError: { exception: 'AccessDeniedException', message: SCP_MESSAGE },
  cause:
    'Statement DenyOutsideUS denies every action outside us-east-1 | eu-west-1, with `aws:RequestedRegion` tested.',
  locations: [
    SCP_LOCATION,
    { file: 'policies/app.json', line: 4, column: 5, policyType: 'identity', policyName: 'app.json' },
  ],
  checks: [`bedrock:InvokeModelWithResponseStream on ${MODEL_ARN}`],
  fixes: [REPLACE_FIX],
};

/** Nothing in a file to point at, and a fix outside policy documents. */
export const MODEL_ACCESS_FINDING: Finding = {
  rule: 'model-access',
  severity: 'warning',
  title: 'Model access may not be enabled',
  cause: 'Serverless models need a one-time subscription by someone with AWS Marketplace permissions.',
  locations: [],
  checks: [`bedrock:InvokeModel on ${MODEL_ARN}`],
  fixes: [
    {
      kind: 'instructions',
      owner: 'account-admin',
      summary: 'Invoke the model once as a user with aws-marketplace:Subscribe',
      file: null,
      steps: ['Sign in with a role allowed aws-marketplace:Subscribe', 'Invoke the model once in us-east-1'],
      verification: {
        verified: false,
        checksFixed: 0,
        checksOpenedElsewhere: 0,
        detail: 'a subscription cannot be checked from policy files',
      },
    },
  ],
};

/** A replace-statement fix whose statement span has no known end: SARIF can only describe it. */
export const NO_END_FINDING: Finding = {
  rule: 'permissions-boundary',
  severity: 'error',
  title: 'The permissions boundary does not allow the call',
  predictedError: {
    exception: 'AccessDeniedException',
    message: `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${MODEL_ARN} because no permissions boundary allows the bedrock:InvokeModel action`,
  },
  cause: 'The boundary allows bedrock:Get* only.',
  locations: [
    { file: 'boundary.json', line: 3, column: 17, policyType: 'permissions-boundary', policyName: 'boundary.json' },
  ],
  checks: [`bedrock:InvokeModel on ${MODEL_ARN}`],
  fixes: [
    {
      kind: 'replace-statement',
      owner: 'boundary-owner',
      summary: 'Allow bedrock:InvokeModel in the boundary',
      file: 'boundary.json',
      location: {
        file: 'boundary.json',
        line: 3,
        column: 17,
        policyType: 'permissions-boundary',
        policyName: 'boundary.json',
      },
      statement: { Effect: 'Allow', Action: ['bedrock:Get*', 'bedrock:InvokeModel'], Resource: '*' },
      verification: verified(1),
    },
  ],
};

const identityStatement: ReportStatement = {
  policyType: 'identity',
  policyName: 'app.json',
  file: 'policies/app.json',
  line: 4,
  column: 5,
  sid: 'ReadBedrockCatalog',
  effect: 'Allow',
  conditional: false,
};

export const CHECKS: readonly CheckEntry[] = [
  {
    action: 'bedrock:InvokeModel',
    resource: MODEL_ARN,
    requestedRegion: 'us-east-1',
    reason: 'the foundation model in the source Region',
    inferenceProfileArn: null,
    decision: 'implicit-deny',
    deniedBy: 'identity',
    deniedAtLevel: null,
    message: IDENTITY_MESSAGE,
    statements: [],
  },
  {
    action: 'bedrock:InvokeModelWithResponseStream',
    resource: MODEL_ARN,
    requestedRegion: 'us-east-1',
    reason: 'the foundation model in the source Region',
    inferenceProfileArn: null,
    decision: 'explicit-deny',
    deniedBy: 'scp',
    deniedAtLevel: 'ou-workloads',
    message: SCP_MESSAGE,
    statements: [
      identityStatement,
      {
        policyType: 'scp',
        policyName: 'DenyOutsideUS',
        level: 'ou-workloads',
        file: 'org/scp|region`.json',
        line: 5,
        column: 5,
        sid: 'Deny`All|',
        effect: 'Deny',
        conditional: false,
      },
    ],
  },
];

export function report(findings: readonly Finding[], overrides: Partial<CheckReport> = {}): CheckReport {
  return {
    schemaVersion: 1,
    tool: { name: 'policy-check', version: '0.1.0' },
    catalogDate: '2026-01-15',
    input: {
      model: 'amazon.nova-pro-v1:0',
      modelKind: 'foundation-model',
      region: 'us-east-1',
      principal: PRINCIPAL,
      principalIsPlaceholder: false,
      actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      policies: [
        { type: 'identity', name: 'app.json', file: 'policies/app.json' },
        { type: 'scp', name: 'DenyOutsideUS', file: 'org\\scp-region.json', level: 'ou-workloads' },
      ],
    },
    verdict: 'denied',
    summary: { allowed: 0, explicitDeny: 1, implicitDeny: 1, conditional: 0 },
    checks: CHECKS,
    findings,
    unresolved: [],
    assumptions: [message('region-from', { source: 'default', region: 'us-east-1' })],
    notes: [],
    ...overrides,
  };
}

export const ALL_FINDINGS: readonly Finding[] = [IDENTITY_FINDING, SCP_FINDING, MODEL_ACCESS_FINDING, NO_END_FINDING];

export const RULE_DESCRIPTORS: readonly RuleDescriptor[] = [
  {
    id: 'service-control-policy',
    title: 'A service control policy denies the call',
    help: '## Service control policies\n\nAn SCP at **some level** of the organization denies `bedrock:InvokeModel`.\n\nSee [the evaluation logic](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).',
    helpUri: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
  },
  {
    id: 'identity-policy',
    title: 'No identity-based policy allows the call',
    help: 'No identity-based policy attached to the caller allows the action on the resource.\n\nAdd an `Allow` statement.',
    helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html',
  },
  {
    id: 'model-access',
    title: 'Model access is not enabled',
    help: 'The account has no access to the model.',
    helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html',
  },
  {
    id: 'permissions-boundary',
    title: 'The permissions boundary does not allow the call',
    help: 'The boundary caps the permissions.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  },
];

/** The check made conditional on the source IP by one identity-based statement. */
export function toConditional(check: CheckEntry): CheckEntry {
  return {
    ...check,
    decision: 'conditional',
    deniedBy: null,
    deniedAtLevel: null,
    message: null,
    conditions: [
      {
        kind: 'allow-if-any',
        policyType: 'identity',
        alternatives: [
          {
            statement: {
              policyType: 'identity',
              policyName: 'app.json',
              file: 'policies/app.json',
              line: 4,
              column: 5,
              sid: 'Corp',
              effect: 'Allow',
              conditional: true,
            },
            clauses: [
              {
                operator: 'IpAddress',
                key: 'aws:SourceIp',
                values: ['203.0.113.0/24'],
                file: 'policies/app.json',
                line: 9,
              },
            ],
          },
        ],
      },
    ],
  };
}
