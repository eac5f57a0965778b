import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accessDeniedMessage, type AccessDeniedInput } from '../../src/bedrock/messages.js';

interface CorpusEntry {
  readonly category: string;
  readonly text: string;
  readonly source: string;
  readonly truncated?: boolean;
}

// Verbatim texts from /work/shared/data/bedrock-error-messages.json (see the fixture's description).
const corpus = JSON.parse(readFileSync(new URL('./fixtures/access-denied-corpus.json', import.meta.url), 'utf8')) as {
  messages: CorpusEntry[];
};

/**
 * How our text must relate to the corpus text:
 * - equals: the corpus text is exactly the message;
 * - contains: a client wrapped the message (SDK prefix, JSON body, stack);
 * - truncated: the source cut the message off; the part from "User: " on must start ours;
 * - tail: the source elided the start (or, in IAM docs examples, the "on resource" part); the corpus
 *   text from `from` on must end ours.
 */
type Relation =
  | { readonly relation: 'equals' | 'contains' | 'truncated' }
  | { readonly relation: 'tail'; readonly from: string };

const cases: readonly (AccessDeniedInput & Relation)[] = [
  {
    relation: 'equals',
    principal: 'arn:aws:sts::**:assumed-role/semantic-search-NBRole-EjdXfAalJlpo/SageMaker',
    action: 'bedrock:InvokeModel',
    resource: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    policyType: 'identity',
    kind: 'implicit',
  },
  {
    relation: 'contains',
    principal: 'arn:aws:sts::661515655645:assumed-role/infra-lab-dev-custom-app-role/...',
    action: 'bedrock:InvokeModel',
    resource: 'arn:aws:bedrock:us-east-1:661515655645:inference-profile/us.amazon.nova-lite-v1:0',
    policyType: 'identity',
    kind: 'implicit',
  },
  {
    relation: 'contains',
    principal: 'arn:aws:sts::XXXXXXXXX:assumed-role/XXXXXXXX/XXX@XXXXX.com',
    action: 'bedrock:InvokeModel',
    resource: 'arn:aws:bedrock:us-west-2:XXXXXXXXX:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0',
    policyType: 'identity',
    kind: 'implicit',
  },
  {
    relation: 'contains',
    principal:
      'arn:aws:sts::864675421752:assumed-role/AmazonBedrockExecutionRoleForAgents_banking-assistant1q/BedrockAgentRetrieveSession-FLYBLH8XV1',
    action: 'bedrock:Retrieve',
    resource: 'arn:aws:bedrock:us-west-2:864675421752:knowledge-base/FLYBLH8XV1',
    policyType: 'identity',
    kind: 'implicit',
  },
  {
    relation: 'truncated',
    principal: 'arn:aws:sts::xxx:assumed-role/xxx',
    action: 'bedrock:InvokeModelWithResponseStream',
    resource: 'arn:aws:bedrock:us-east-1:245200388354:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0',
    policyType: 'session-policy',
    kind: 'implicit',
  },
  {
    relation: 'contains',
    principal: 'arn:aws:sts::0482xxxxxxxx:assumed-role/mcp-tenantOperator/dxxxx',
    action: 'bedrock:InvokeModelWithResponseStream',
    resource: 'arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0',
    policyType: 'identity',
    kind: 'explicit',
  },
  {
    relation: 'contains',
    principal: 'arn:aws:iam::339712840004:user/vasantharajan',
    action: 'bedrock:InvokeModel',
    resource: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0',
    policyType: 'identity',
    kind: 'explicit',
  },
  {
    relation: 'tail',
    from: 'assumed-role/',
    principal:
      'arn:aws:sts::123456789012:assumed-role/AmazonBedrockExecutionRoleForAgents_ABCD1234567/BedrockAgents-xxxxxx',
    action: 'bedrock:InvokeModel',
    resource: 'arn:aws:bedrock:<region>::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
    policyType: 'scp',
    kind: 'explicit',
  },
  {
    relation: 'truncated',
    principal: 'arn:aws:sts::1111111111:assumed-role/user_role',
    action: 'bedrock:InvokeModelWithResponseStream',
    resource: 'arn:aws:bedrock:::foundation-model/anthropic.claude-opus-4-6-v1',
    policyType: 'scp',
    kind: 'explicit',
    policyArn: 'arn:aws:organizations::0000000000:policy/o-exampleorgid/service_control_policy/p-examplepolicyid123',
  },
  {
    relation: 'tail',
    from: ' with an explicit deny',
    principal: 'arn:aws:iam::123456789012:user/John',
    action: 'codecommit:ListRepositories',
    resource: '*',
    policyType: 'scp',
    kind: 'explicit',
    policyArn: 'arn:aws:organizations::777788889999:policy/o-exampleorgid/service_control_policy/p-examplepolicyid123',
  },
  {
    relation: 'tail',
    from: ' because no',
    principal: 'cloud_user',
    action: 'bedrock:InvokeAgent',
    resource: 'arn:aws:bedrock:us-east-1:123456789012:agent-alias/AGENT/ALIAS',
    policyType: 'scp',
    kind: 'implicit',
  },
  {
    relation: 'tail',
    from: ' with an explicit deny',
    principal: 'arn:aws:iam::123456789012:user/John',
    action: 'sagemaker:ListModels',
    resource: '*',
    policyType: 'permissions-boundary',
    kind: 'explicit',
    policyArn: 'arn:aws:iam::123456789012:policy/DeveloperPermissionBoundary',
  },
  {
    relation: 'equals',
    principal: 'arn:aws:iam::123456789012:user/John',
    action: 'codedeploy:ListDeployments',
    resource: 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*',
    policyType: 'permissions-boundary',
    kind: 'implicit',
  },
  {
    relation: 'equals',
    principal: 'arn:aws:iam::123456789012:user/John',
    action: 'codedeploy:ListDeployments',
    resource: 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*',
    policyType: 'session-policy',
    kind: 'explicit',
    policyArn: 'arn:aws:iam::123456789012:policy/DeveloperSessionPolicy',
  },
];

describe('AccessDenied messages vs the corpus of real texts', () => {
  it('has one case per corpus entry', () => {
    expect(cases).toHaveLength(corpus.messages.length);
  });

  corpus.messages.forEach((entry, index) => {
    it(`#${index} ${entry.category} (${entry.source})`, () => {
      const testCase = cases[index];
      if (!testCase) throw new Error(`no case for corpus entry #${index}`);
      const ours = accessDeniedMessage(testCase);
      switch (testCase.relation) {
        case 'equals':
          expect(ours).toBe(entry.text);
          break;
        case 'contains':
          expect(entry.text).toContain(ours);
          break;
        case 'truncated': {
          expect(entry.truncated).toBe(true);
          const kept = entry.text.slice(entry.text.indexOf('User: '));
          expect(kept.length).toBeGreaterThan(150);
          expect(ours.startsWith(kept)).toBe(true);
          break;
        }
        case 'tail': {
          const tail = entry.text.slice(entry.text.indexOf(testCase.from));
          expect(tail.length).toBeGreaterThan(40);
          expect(ours.endsWith(tail)).toBe(true);
          break;
        }
      }
    });
  });
});

describe('accessDeniedMessage templates', () => {
  const base = {
    principal: 'arn:aws:sts::123456789012:assumed-role/App/s',
    action: 'bedrock:InvokeModel',
    resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
  };
  const head = `User: ${base.principal} is not authorized to perform: bedrock:InvokeModel on resource: ${base.resource}`;

  it.each([
    ['identity', 'because no identity-based policy allows the bedrock:InvokeModel action'],
    ['scp', 'because no service control policy allows the bedrock:InvokeModel action'],
    ['permissions-boundary', 'because no permissions boundary allows the bedrock:InvokeModel action'],
    ['session-policy', 'because no session policy allows the bedrock:InvokeModel action'],
  ] as const)('implicit deny by %s', (policyType, tail) => {
    expect(accessDeniedMessage({ ...base, policyType, kind: 'implicit' })).toBe(`${head} ${tail}`);
  });

  it.each([
    ['identity', 'with an explicit deny in an identity-based policy'],
    ['scp', 'with an explicit deny in a service control policy'],
    ['permissions-boundary', 'with an explicit deny in a permissions boundary'],
    ['session-policy', 'with an explicit deny in a session policy'],
  ] as const)('explicit deny by %s', (policyType, tail) => {
    expect(accessDeniedMessage({ ...base, policyType, kind: 'explicit' })).toBe(`${head} ${tail}`);
  });

  it('appends the policy ARN to explicit denies only', () => {
    const policyArn = 'arn:aws:organizations::111111111111:policy/o-abc/service_control_policy/p-abc';
    expect(accessDeniedMessage({ ...base, policyType: 'scp', kind: 'explicit', policyArn })).toBe(
      `${head} with an explicit deny in a service control policy: ${policyArn}`,
    );
    expect(accessDeniedMessage({ ...base, policyType: 'scp', kind: 'implicit', policyArn })).toBe(
      `${head} because no service control policy allows the bedrock:InvokeModel action`,
    );
  });
});
