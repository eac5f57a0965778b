// Field extraction, cut-off detection, unrecognised text, and the rules every signature obeys
// (ids, named groups, no nested quantifiers, linear time on hostile input).
import { describe, expect, it } from 'vitest';
import {
  explainError,
  knownSignatures,
  MAX_EXPLAIN_INPUT,
  type ExplainedFields,
} from '../../../src/diagnose/explain/index.js';

const NONE: ExplainedFields = {
  principal: null,
  action: null,
  resource: null,
  policyType: null,
  denial: null,
  policyArn: null,
  modelId: null,
  region: null,
  detail: null,
};

describe('field extraction', () => {
  it('SCP explicit deny without "on resource", with the SCP ARN (IAM User Guide example)', () => {
    const explanation = explainError(
      'User: arn:aws:iam::123456789012:user/John is not authorized to perform: codecommit:ListRepositories with an explicit deny in a service control policy: arn:aws:organizations::777788889999:policy/o-exampleorgid/service_control_policy/p-examplepolicyid123',
    );
    expect(explanation.signature).toBe('service-control-policy/explicit-deny');
    expect(explanation.fields).toEqual({
      ...NONE,
      principal: 'arn:aws:iam::123456789012:user/John',
      action: 'codecommit:ListRepositories',
      policyType: 'scp',
      denial: 'explicit',
      policyArn:
        'arn:aws:organizations::777788889999:policy/o-exampleorgid/service_control_policy/p-examplepolicyid123',
    });
    expect(explanation.truncated).toBe(false);
  });

  it('global profile: the Region-less foundation-model ARN has no Region', () => {
    const explanation = explainError(
      '{"Message":"User: arn:aws:sts::0482xxxxxxxx:assumed-role/mcp-tenantOperator/dxxxx is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0 with an explicit deny in an identity-based policy"}',
    );
    expect(explanation.fields).toEqual({
      ...NONE,
      principal: 'arn:aws:sts::0482xxxxxxxx:assumed-role/mcp-tenantOperator/dxxxx',
      action: 'bedrock:InvokeModelWithResponseStream',
      resource: 'arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0',
      policyType: 'identity',
      denial: 'explicit',
      modelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    });
  });

  it('Go SDK over an inference profile: keeps the reporter\'s "..." redaction and takes the profile id', () => {
    const explanation = explainError(
      'bedrock error: operation error Bedrock Runtime: Converse, https response error StatusCode: 403, AccessDeniedException: User: arn:aws:sts::661515655645:assumed-role/infra-lab-dev-custom-app-role/... is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1:661515655645:inference-profile/us.amazon.nova-lite-v1:0 because no identity-based policy allows the bedrock:InvokeModel action',
    );
    expect(explanation).toMatchObject({
      operation: 'Converse',
      httpStatus: 403,
      exception: 'AccessDeniedException',
      truncated: false,
    });
    expect(explanation.fields).toEqual({
      ...NONE,
      principal: 'arn:aws:sts::661515655645:assumed-role/infra-lab-dev-custom-app-role/...',
      action: 'bedrock:InvokeModel',
      resource: 'arn:aws:bedrock:us-east-1:661515655645:inference-profile/us.amazon.nova-lite-v1:0',
      policyType: 'identity',
      denial: 'implicit',
      modelId: 'us.amazon.nova-lite-v1:0',
      region: 'us-east-1',
    });
  });

  it('a Knowledge Base role without model access (Java form): role, model ARN, status and request id', () => {
    const explanation = explainError(
      "Knowledge base role arn:aws:iam::493218645315:role/service-role/AmazonBedrockExecutionRoleForKnowledgeBase_rg6a4 is not able to call the specified model arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0: You don't have access to the model with the specified model ID. (Service: BedrockRuntime, Status Code: 403, Request ID: 42286449-602d-48c9-97e9-eaf234cc3818) (SDK Attempt Count: 1)",
    );
    expect(explanation).toMatchObject({
      signature: 'model-access/knowledge-base-role-no-access',
      httpStatus: 403,
      requestId: '42286449-602d-48c9-97e9-eaf234cc3818',
    });
    expect(explanation.fields).toEqual({
      ...NONE,
      principal: 'arn:aws:iam::493218645315:role/service-role/AmazonBedrockExecutionRoleForKnowledgeBase_rg6a4',
      resource: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
      modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      region: 'us-west-2',
    });
  });

  it('model ids named in model-access texts', () => {
    expect(
      explainError(
        'botocore.errorfactory.ValidationException: An error occurred (ValidationException) when calling the InvokeModelWithResponseStream operation: Invocation of model ID anthropic.claude-3-5-sonnet-20241022-v2:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
      ).fields.modelId,
    ).toBe('anthropic.claude-3-5-sonnet-20241022-v2:0');
    expect(
      explainError(
        "ValidationException: 1 validation error detected: Value 'anthropic.claude-v2:0:100k' at 'modelId' failed to satisfy constraint: Member must satisfy regular expression pattern",
      ).fields.modelId,
    ).toBe('anthropic.claude-v2:0:100k');
    expect(
      explainError(
        'AccessDeniedException: Access denied while trying to create/update an agent using InferenceProfile us.anthropic.claude-3-5-sonnet-20241022-v2:0. Ensure Agent role has valid permissions',
      ).fields.modelId,
    ).toBe('us.anthropic.claude-3-5-sonnet-20241022-v2:0');
  });

  it('the Marketplace failure code', () => {
    expect(
      explainError(
        'Model access is denied due to INVALID_PAYMENT_INSTRUMENT:A valid payment instrument must be provided.',
      ).fields.detail,
    ).toBe('INVALID_PAYMENT_INSTRUMENT');
  });

  it("SCP implicit deny with a bare user name and the reporter's elision", () => {
    const explanation = explainError(
      'User: cloud_user is not authorized to perform: bedrock:InvokeAgent ... because no service control policy allows the bedrock:InvokeAgent action',
    );
    expect(explanation.fields).toEqual({
      ...NONE,
      principal: 'cloud_user',
      action: 'bedrock:InvokeAgent',
      policyType: 'scp',
      denial: 'implicit',
    });
    expect(explanation.truncated).toBe(false);
  });

  it('an AccessDenied text that starts mid-principal names no principal', () => {
    const explanation = explainError(
      '…assumed-role/AmazonBedrockExecutionRoleForAgents_ABCD1234567/BedrockAgents-xxxxxx is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:<region>::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0 with an explicit deny in a service control policy',
    );
    expect(explanation.fields).toMatchObject({
      principal: null,
      resource: 'arn:aws:bedrock:<region>::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
      region: null,
    });
  });

  it('drops an application prefix and flags an implicit deny without its last word', () => {
    const explanation = explainError(
      'Partial Analysis Results Error processing batch: User: arn:aws:sts::<account>:assumed-role/WA-IaC-Analyzer-ap-northeast-AppExecuteRole.../... is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:ap-northeast-3::foundation-model/anthropic.claude-sonnet-4-6 because no identity-based policy allows the bedrock:InvokeModel act',
    );
    expect(explanation.message.startsWith('User: arn:aws:sts::<account>:')).toBe(true);
    expect(explanation.truncated).toBe(true);
    expect(explanation.fields.region).toBe('ap-northeast-3');
  });

  it('a JSON body cut off inside the policy ARN is marked truncated', () => {
    const explanation = explainError(
      '{"message":"User: arn:aws:sts::1111111111:assumed-role/user_role is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:::foundation-model/anthropic.claude-opus-4-6-v1 with an explicit deny in a service control policy: arn:aws:organizations::0000000000:p',
    );
    expect(explanation).toMatchObject({ signature: 'service-control-policy/explicit-deny', truncated: true });
    expect(explanation.fields.policyArn).toBe('arn:aws:organizations::0000000000:p');
  });

  it('policy types policy-check does not evaluate are named, not mistaken for a cut-off text', () => {
    const explanation = explainError(
      'User: arn:aws:sts::111122223333:assumed-role/App/s is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0 because no resource control policy allows the bedrock:InvokeModel action',
    );
    expect(explanation).toMatchObject({ signature: 'other/access-denied-other-policy', rule: null });
    expect(explanation.fields.detail).toBe('resource control policy');
  });
});

describe('unrecognised text', () => {
  it('says so honestly, and still reports what the wrappers showed', () => {
    const explanation = explainError(
      'An error occurred (ValidationException) when calling the Converse operation (reached max retries: 4): A conversation must start with a user message.',
    );
    expect(explanation).toMatchObject({
      status: 'unrecognised',
      rule: null,
      signature: null,
      title: 'not a Bedrock error policy-check knows',
      exception: 'ValidationException',
      operation: 'Converse',
      message: 'A conversation must start with a user message.',
      fields: NONE,
    });
    expect(explanation.steps.length).toBeGreaterThan(0);
    expect(explanation.helpUri).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('an empty text', () => {
    expect(explainError('   ')).toMatchObject({ status: 'unrecognised', message: '', cause: 'The text is empty.' });
  });

  it('is pure: the same text gives the same explanation', () => {
    const text = 'ValidationException: Operation not allowed';
    expect(explainError(text)).toEqual(explainError(text));
  });
});

const ALLOWED_GROUPS = new Set(['principal', 'action', 'resource', 'policyArn', 'modelId', 'detail']);

/** True when a group holding a `*`, `+` or `{n,}` is itself repeated by `*`, `+` or `{n,}`. */
function hasNestedQuantifier(source: string): boolean {
  const stack: boolean[] = [];
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source.charAt(index);
    if (char === '\\') {
      index += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    const unbounded = char === '*' || char === '+' || (char === '{' && /^\{\d*,\}/.test(source.slice(index)));
    if (char === '[') inClass = true;
    else if (char === '(') stack.push(false);
    else if (char === ')') {
      const repeated = stack.pop() ?? false;
      const next = source.slice(index + 1);
      if (repeated && /^(?:[*+]|\{\d*,\})/.test(next)) return true;
      if (repeated && stack.length > 0) stack[stack.length - 1] = true;
    } else if (unbounded && stack.length > 0) stack[stack.length - 1] = true;
  }
  return false;
}

describe('signatures', () => {
  it('have unique ids of the form <rule>/<name>, owned by the rule the id names', () => {
    const ids = knownSignatures().map((signature) => signature.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const signature of knownSignatures()) {
      expect(signature.id).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
      const owner = signature.id.split('/')[0];
      expect(signature.rule).toBe(owner === 'other' ? null : owner);
      expect(signature.source).toMatch(/^https:\/\//);
    }
  });

  it('use only the documented named groups, no global or sticky flag, and no nested quantifier', () => {
    for (const { id, pattern } of knownSignatures()) {
      const groups = [...pattern.source.matchAll(/\(\?<([A-Za-z]+)>/g)].map((match) => match[1]);
      for (const group of groups) expect(ALLOWED_GROUPS.has(group!), `${id}: (?<${group}>`).toBe(true);
      expect(pattern.flags, id).not.toMatch(/[gy]/);
      expect(hasNestedQuantifier(pattern.source), `${id}: ${pattern.source}`).toBe(false);
    }
    expect(hasNestedQuantifier('(a+)+')).toBe(true);
    expect(hasNestedQuantifier('(?:x(?:a+))*')).toBe(true);
    expect(hasNestedQuantifier('(?: on resource: (?<r>[^\\s]+))?')).toBe(false);
  });

  // Each text makes a backtracking or quadratic reader run for minutes; the test's timeout is the hang guard,
  // not a measure of speed (bench/ measures that).
  const size = MAX_EXPLAIN_INPUT;
  const hostile = [
    'User: '.repeat(size / 6),
    'is not authorized to perform: a:b on resource: '.repeat(size / 47),
    'User: arn:aws:iam::1:user/x is not authorized to perform: a:b '.repeat(size / 60),
    '{"message":"'.repeat(size / 12),
    '{'.repeat(size),
    '{"a":'.repeat(size / 5),
    'An error occurred ('.repeat(size / 19),
    'role arn:x is not able to call the specified model arn:'.padEnd(size, 'a:'),
    `${'x'.repeat(size)} Operation not allowed`,
    `${' '.repeat(size - 10)}\n    at x`,
    '(Service: a, Status Code: 403, Request ID: b) '.repeat(size / 46),
    'AccessDeniedException: '.repeat(size / 23),
    'message: Optional("'.repeat(size / 19),
    'A'.repeat(size),
    'operation error '.repeat(size / 16),
    '"'.repeat(size),
    '\\'.repeat(size),
    "Value '".repeat(size / 7),
    'because no service control policy allows the '.repeat(size / 45),
    'with an explicit deny in a permissions boundary: arn:'.repeat(size / 53),
    'Malformed input request: #'.repeat(size / 26),
    'Malformed input request: '.padEnd(size, 'x'),
    'throttlingException'.repeat(size / 19),
  ];
  it.each(hostile.map((text) => [text.slice(0, 40), text]))(
    'return on hostile input of the maximum size: %s…',
    { timeout: 10_000 },
    (_, text) => {
      expect(explainError(text)).toBeDefined();
    },
  );
});
