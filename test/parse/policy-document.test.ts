import { describe, expect, it } from 'vitest';
import type { PolicyType } from '../../src/model/index.js';
import { allConditionOperatorNames, parseConditionOperator } from '../../src/parse/condition-operators.js';
import { parsePolicyDocument } from '../../src/parse/index.js';
import { fixture, formatted, positionOf } from './fixture.js';

const POLICY_TYPES: readonly PolicyType[] = ['identity', 'permissions-boundary', 'session-policy', 'scp'];

function parse(text: string, type: PolicyType = 'identity') {
  return parsePolicyDocument(text, 'p.json', { type });
}

/** A policy document as people write it: two-space indentation, one element per line. */
function policy(statement: unknown, top: Record<string, unknown> = { Version: '2012-10-17' }): string {
  return JSON.stringify({ ...top, Statement: statement }, null, 2);
}

function allow(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', ...extra };
}

/**
 * Asserts the document has exactly one issue, an error at the first `needle` (after `anchor`, when
 * given) with this message.
 */
function expectOneError(
  text: string,
  needle: string | { readonly needle: string; readonly after: string },
  message: string,
  code: string,
  type: PolicyType = 'identity',
): void {
  const position =
    typeof needle === 'string'
      ? positionOf(text, needle)
      : positionOf(text, needle.needle, text.indexOf(needle.after) + needle.after.length);
  const result = parse(text, type);
  expect(formatted(result.issues)).toEqual([`p.json:${position}: error: ${message}`]);
  expect(result.issues[0]?.code).toBe(code);
  expect(result.policy).toBeUndefined();
}

function expectValid(text: string, type: PolicyType = 'identity') {
  const result = parse(text, type);
  expect(formatted(result.issues)).toEqual([]);
  expect(result.policy).toBeDefined();
  return result.policy!;
}

describe('parsePolicyDocument: a valid identity policy', () => {
  it('becomes a Policy whose statements, values and spans point into the file', () => {
    const result = parsePolicyDocument(fixture('identity-bedrock-valid.json'), 'policies/bedrock.json', {
      type: 'identity',
      arn: 'arn:aws:iam::111122223333:policy/bedrock',
    });
    expect(result.issues).toEqual([]);
    const file = 'policies/bedrock.json';
    expect(result.policy).toEqual({
      // The ARN and a digest of the policy (model/policy-id.ts).
      id: expect.stringMatching(/^arn:aws:iam::111122223333:policy\/bedrock#[0-9a-f]{16}$/),
      type: 'identity',
      name: 'bedrock.json',
      file,
      arn: 'arn:aws:iam::111122223333:policy/bedrock',
      version: '2012-10-17',
      statements: [
        {
          sid: 'InvokeClaude',
          effect: 'Allow',
          action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          resource: [
            'arn:aws:bedrock:*::foundation-model/anthropic.claude-*',
            'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-*',
          ],
          conditions: [
            {
              operator: 'StringEquals',
              key: 'aws:RequestedRegion',
              values: ['us-east-1', 'us-west-2'],
              span: { file, line: 13, column: 27 },
            },
            // JSON true is stored as the string "true"; a number keeps its written form.
            { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'], span: { file, line: 14, column: 19 } },
            {
              operator: 'NumericLessThanEquals',
              key: 'aws:MultiFactorAuthAge',
              values: ['3600.0'],
              span: { file, line: 15, column: 36 },
            },
          ],
          // The end is exclusive: the column just past the closing brace.
          span: { file, line: 4, column: 5, endLine: 17, endColumn: 6 },
          index: 0,
        },
        {
          effect: 'Deny',
          notAction: ['bedrock:*'],
          notResource: ['*'],
          conditions: [],
          span: { file, line: 18, column: 5, endLine: 22, endColumn: 6 },
          index: 1,
        },
      ],
    });
  });

  it('accepts a single statement object as well as an array, with index 0', () => {
    const single = expectValid(policy(allow()));
    expect(single.statements).toHaveLength(1);
    expect(single.statements[0]?.index).toBe(0);
    expect(single.statements[0]?.span).toEqual({ file: 'p.json', line: 3, column: 16, endLine: 7, endColumn: 4 });
  });

  it('names the policy after the file unless a name is given', () => {
    expect(parsePolicyDocument(policy(allow()), 'dir\\sub/my-policy.json', { type: 'identity' }).policy?.name).toBe(
      'my-policy.json',
    );
    expect(
      parsePolicyDocument(policy(allow()), 'p.json', { type: 'identity', name: 'BedrockUsers' }).policy?.name,
    ).toBe('BedrockUsers');
  });

  it('ends each statement span just past its closing brace, with LF, CRLF or CR line ends', () => {
    const statements = [
      allow({ Sid: 'First' }),
      {
        Sid: 'Second',
        Effect: 'Deny',
        Action: 'bedrock:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': false } },
      },
    ];
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = policy(statements).replace(/\n/g, eol);
      const lines = text.split(/\r\n|\n|\r/);
      // Offsets of line starts, for turning a 1-based line and column back into an offset.
      const starts = [0];
      for (const match of text.matchAll(/\r\n|\n|\r/g)) starts.push(match.index + match[0].length);
      const offset = (line: number, column: number) => (starts[line - 1] ?? Number.NaN) + column - 1;
      const parsed = expectValid(text).statements;
      expect(parsed).toHaveLength(2);
      parsed.forEach((statement, i) => {
        const { line, column, endLine, endColumn } = statement.span;
        expect(endLine, JSON.stringify(eol)).toBeDefined();
        expect(lines[endLine! - 1]?.[endColumn! - 2]).toBe('}');
        expect(JSON.parse(text.slice(offset(line, column), offset(endLine!, endColumn!)))).toEqual(statements[i]);
      });
    }
  });

  it('is deterministic', () => {
    const text = fixture('identity-bedrock-valid.json');
    expect(parse(text)).toEqual(parse(text));
  });
});

describe('Version', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html — without
  // Version, IAM uses 2008-10-17, in which policy variables are literal text.
  it('records 2008-10-17 when absent, and the written version otherwise', () => {
    expect(expectValid(policy(allow(), {})).version).toBe('2008-10-17');
    expect(expectValid(policy(allow(), { Version: '2008-10-17' })).version).toBe('2008-10-17');
    expect(expectValid(policy(allow())).version).toBe('2012-10-17');
  });

  it('rejects any other version', () => {
    const text = policy(allow(), { Version: '2012-10-18' });
    expectOneError(
      text,
      '"2012-10-18"',
      'Version must be "2012-10-17" or "2008-10-17", found "2012-10-18"',
      'invalid-version',
    );
  });

  it('warns when a policy variable would be literal text because the version is 2008-10-17', () => {
    const text = policy(allow({ Resource: 'arn:aws:s3:::home/${aws:username}/*' }), {});
    const result = parse(text);
    expect(formatted(result.issues)).toEqual([
      `p.json:${positionOf(text, '"arn:aws:s3')}: warning: "arn:aws:s3:::home/\${aws:username}/*" holds a policy variable, but with Version "2008-10-17" (the default when Version is absent) AWS reads it as literal text; add "Version": "2012-10-17"`,
    ]);
    expect(result.policy).toBeDefined();
    expect(parse(policy(allow({ Resource: 'arn:aws:s3:::home/${aws:username}/*' }))).issues).toEqual([]);
  });
});

describe('top-level elements', () => {
  it('requires Statement', () => {
    const text = JSON.stringify({ Version: '2012-10-17' }, null, 2);
    expectOneError(text, '{', 'the policy document is missing "Statement"', 'missing-element');
  });

  it('rejects unknown elements, suggesting the likely one', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: allow(), Statment: [] }, null, 2);
    expectOneError(
      text,
      '"Statment"',
      'unknown element "Statment" in the policy document: did you mean "Statement"?',
      'unknown-element',
    );
  });

  // The IAM grammar notes say the Id block "must not be included in identity-based policies"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html); it has no
  // effect on evaluation, so it is a warning.
  it('warns about Id and still evaluates the policy', () => {
    const text = policy(allow(), { Version: '2012-10-17', Id: 'MyPolicy' });
    const result = parse(text);
    expect(formatted(result.issues)).toEqual([
      `p.json:${positionOf(text, '"Id"')}: warning: "Id" is documented only for resource-based policies; AWS may reject it here, and policy-check ignores it`,
    ]);
    expect(result.policy).toBeDefined();
  });

  it('requires an object', () => {
    expect(formatted(parse('[]').issues)).toEqual([
      'p.json:1:1: error: the policy document must be an object, found an array',
    ]);
  });

  it('requires Statement to be an object or a non-empty array of objects', () => {
    const asString = policy('bedrock:InvokeModel');
    expectOneError(asString, '"bedrock', 'Statement must be an object or an array, found a string', 'invalid-type');
    const empty = policy([]);
    expectOneError(empty, '[]', 'Statement must not be empty', 'empty-list');
    const item = policy([allow(), 'x']);
    expectOneError(item, '"x"', 'Statement[1] must be an object, found a string', 'invalid-type');
  });
});

describe('Sid', () => {
  // "For IAM policies, basic alphanumeric characters (A-Z,a-z,0-9) are the only allowed characters in the
  // Sid value" — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html#policies-grammar-notes-strings
  // IAM answers "Statement IDs (SID) must be alpha-numeric" (github.com/aws-cloudformation/cfn-lint/issues/708),
  // and Access Analyzer applies the same rule to SCPs (github.com/awsdocs/iam-user-guide/issues/282): an error.
  it.each(POLICY_TYPES)('must be ASCII letters and digits in a %s', (type) => {
    const text = policy(allow({ Sid: 'allow-bedrock' }));
    expectOneError(
      text,
      '"allow-bedrock"',
      'Sid "allow-bedrock" may contain only ASCII letters and digits (A-Z, a-z, 0-9)',
      'invalid-sid',
      type,
    );
  });

  it('is optional, and kept on the statement', () => {
    expect(expectValid(policy(allow({ Sid: 'AllowBedrock2' }))).statements[0]?.sid).toBe('AllowBedrock2');
    expect(expectValid(policy(allow())).statements[0]).not.toHaveProperty('sid');
  });

  // "In IAM, the Sid value must be unique within a JSON policy."
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
  it('must be unique within the policy', () => {
    const text = policy([allow({ Sid: 'Same' }), allow({ Sid: 'Same', Effect: 'Deny' })]);
    const first = positionOf(text, '"Same"').split(':');
    expectOneError(
      text,
      { needle: '"Same"', after: '"Same"' },
      `duplicate Sid "Same" (first at line ${first[0]}, column ${first[1]}): Sids must be unique within a policy`,
      'duplicate-sid',
    );
  });
});

describe('Effect', () => {
  // The grammar has <effect_block> = "Effect" : ("Allow" | "Deny"); IAM rejects "allow" with
  // "MalformedPolicyDocument: The policy failed legacy parsing" (github.com/hashicorp/terraform/issues/10057).
  it('is case-sensitive: wrong casing is an error naming file:line:column', () => {
    const result = parsePolicyDocument(fixture('wrong-effect-case.json'), 'wrong-effect-case.json', {
      type: 'identity',
    });
    expect(formatted(result.issues)).toEqual([
      'wrong-effect-case.json:6:17: error: Statement[0].Effect must be "Allow" or "Deny", found "allow" (values are case-sensitive)',
    ]);
    expect(result.issues[0]?.code).toBe('invalid-effect');
    expect(result.policy).toBeUndefined();
  });

  it('is required and must be Allow or Deny', () => {
    const text = policy({ Action: '*', Resource: '*' });
    expectOneError(text, '{\n    "Action"', 'Statement is missing "Effect"', 'missing-element');
    expectOneError(
      policy(allow({ Effect: 'Permit' })),
      '"Permit"',
      'Statement.Effect must be "Allow" or "Deny", found "Permit"',
      'invalid-effect',
    );
  });
});

describe('Action / NotAction and Resource / NotResource', () => {
  it('need exactly one of each pair', () => {
    expectOneError(
      policy({ Effect: 'Allow', Resource: '*' }),
      '{\n    "Effect"',
      'Statement must contain "Action" or "NotAction"',
      'missing-element',
    );
    expectOneError(
      policy(allow({ NotAction: 's3:*' })),
      '{\n    "Effect"',
      'Statement cannot contain both "Action" and "NotAction"',
      'conflicting-elements',
    );
    expectOneError(
      policy({ Effect: 'Allow', Action: '*' }),
      '{\n    "Effect"',
      'Statement must contain "Resource" or "NotResource"',
      'missing-element',
    );
    expectOneError(
      policy(allow({ NotResource: 'arn:aws:s3:::b' })),
      '{\n    "Effect"',
      'Statement cannot contain both "Resource" and "NotResource"',
      'conflicting-elements',
    );
  });

  it('take a string or a non-empty array of strings', () => {
    const statement = expectValid(
      policy(allow({ Action: ['bedrock:InvokeModel'], Resource: 'arn:aws:bedrock:*::foundation-model/*' })),
    ).statements[0];
    expect(statement?.action).toEqual(['bedrock:InvokeModel']);
    expect(statement?.resource).toEqual(['arn:aws:bedrock:*::foundation-model/*']);
    expectOneError(policy(allow({ Action: [] })), '[]', 'Statement.Action must not be empty', 'empty-list');
    expectOneError(policy(allow({ Resource: [] })), '[]', 'Statement.Resource must not be empty', 'empty-list');
    expectOneError(
      policy(allow({ Action: ['s3:GetObject', 12345] })),
      '12345',
      'Statement.Action[1] must be a string, found a number',
      'invalid-type',
    );
    expectOneError(
      policy(allow({ NotResource: { a: 1 }, Resource: undefined })),
      '{\n      "a"',
      'Statement.NotResource must be a string or an array, found an object',
      'invalid-type',
    );
  });
});

describe('action strings', () => {
  it.each([
    '*',
    's3:*',
    'bedrock:InvokeModel',
    'bedrock:Invoke*',
    'bedrock:InvokeModel?ithResponseStream',
    'BEDROCK:invokemodel',
    'execute-api:Invoke',
  ])('accepts %s', (action) => {
    expectValid(policy(allow({ Action: action })));
  });

  // IAM: "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards" and "Actions/Condition can
  // contain only one colon" (github.com/boogy/iam-policy-validator/pull/172, github.com/garnaat/kappa/issues/111).
  it.each([
    ['InvokeModel', 'missing the service prefix: write "service:action", e.g. "bedrock:InvokeModel"'],
    ['bedrock:Invoke Model', 'an action cannot contain whitespace'],
    ['bedrock:*:x', 'an action contains exactly one colon, between service prefix and action name'],
    ['*:InvokeModel', 'the service prefix cannot contain wildcards'],
    [':InvokeModel', 'missing the service prefix before the colon'],
    ['bedrock:', 'missing the action name after the colon (use "*" for every action of the service)'],
    ['bed/rock:InvokeModel', 'the service prefix may only contain letters, digits and hyphens'],
    ['bedrock:Invoke/Model', 'the action name may only contain letters, digits and the wildcards * and ?'],
    ['', 'an action cannot be empty'],
  ])('rejects %j: %s', (action, reason) => {
    const text = policy(allow({ NotAction: [action], Action: undefined }));
    expectOneError(
      text,
      JSON.stringify(action),
      `malformed action ${JSON.stringify(action)}: ${reason}`,
      'invalid-action',
    );
  });
});

describe('resource strings', () => {
  it.each([
    '*',
    'arn:aws:s3:::bucket',
    'arn:aws:bedrock:*::foundation-model/*',
    'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
    'arn:aws-us-gov:bedrock:us-gov-west-1:111122223333:inference-profile/*',
    'arn:*:bedrock:*:*:*',
  ])('accepts %s', (resource) => {
    expectValid(policy(allow({ Resource: resource })));
  });

  it('rejects a malformed ARN, naming file:line:column', () => {
    const result = parsePolicyDocument(fixture('bad-arn.json'), 'bad-arn.json', { type: 'identity' });
    expect(formatted(result.issues)).toEqual([
      'bad-arn.json:8:7: error: malformed resource "arn:aws:bedrock:foundation-model/am...": an ARN has six colon-separated parts (arn:partition:service:region:account:resource), found 5',
    ]);
    expect(result.issues[0]?.code).toBe('invalid-resource');
  });

  it.each([
    ['bedrock/*', 'expected "*" or an ARN (arn:partition:service:region:account:resource)'],
    [' arn:aws:s3:::bucket', 'an ARN cannot start or end with whitespace'],
    ['arn:aws:s3:::bucket ', 'an ARN cannot start or end with whitespace'],
    ['arn::s3:::bucket', 'the partition part (after "arn:") is missing'],
    ['arn:aws::us-east-1:111122223333:x', 'the service part (third) is missing'],
    ['arn:aws:s3:::', 'the resource part (sixth) is missing'],
    ['', 'expected "*" or an ARN (arn:partition:service:region:account:resource)'],
  ])('rejects %j: %s', (resource, reason) => {
    const text = policy(allow({ Resource: [resource] }));
    expectOneError(
      text,
      JSON.stringify(resource),
      `malformed resource ${JSON.stringify(resource)}: ${reason}`,
      'invalid-resource',
    );
  });
});

describe('Principal and NotPrincipal', () => {
  // "It must not be included in identity-based policies" (grammar notes); SCPs list both as unsupported
  // (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html).
  it('are an error in an identity policy, naming file:line:column', () => {
    const result = parsePolicyDocument(fixture('principal-in-identity.json'), 'principal-in-identity.json', {
      type: 'identity',
    });
    expect(formatted(result.issues)).toEqual([
      'principal-in-identity.json:5:5: error: "Principal" is not allowed in an identity-based policy: Principal and NotPrincipal belong in resource-based policies and role trust policies',
    ]);
    expect(result.issues[0]?.code).toBe('principal-not-allowed');
  });

  it.each([
    ['permissions-boundary', 'a permissions boundary'],
    ['session-policy', 'a session policy'],
    ['scp', 'a service control policy'],
  ] as const)('are an error in %s', (type, kind) => {
    const text = policy(allow({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }));
    expectOneError(
      text,
      '"NotPrincipal"',
      `"NotPrincipal" is not allowed in ${kind}: Principal and NotPrincipal belong in resource-based policies and role trust policies`,
      'principal-not-allowed',
      type,
    );
  });
});

describe('statement elements', () => {
  it('rejects unknown elements, with a hint when only the case differs', () => {
    const text = policy({ effect: 'Allow', Effect: 'Allow', Action: '*', Resource: '*' });
    expectOneError(
      text,
      '"effect"',
      'unknown element "effect" in Statement: element names are case-sensitive, write "Effect"',
      'unknown-element',
    );
    const other = policy(allow({ Comment: 'x' }));
    expectOneError(
      other,
      '"Comment"',
      'unknown element "Comment" in Statement (expected "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition")',
      'unknown-element',
    );
  });
});

describe('Condition', () => {
  it('becomes one clause per key, with the key span, values as strings', () => {
    const text = policy(
      allow({
        Condition: {
          StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalAccount': 111122223333 },
          'ForAnyValue:StringLike': { 'aws:TagKeys': ['team*', 'cost?'] },
          Null: { 'aws:TokenIssueTime': false },
        },
      }),
    );
    const clauses = expectValid(text).statements[0]?.conditions;
    const span = (needle: string) => {
      const [line, column] = positionOf(text, needle).split(':').map(Number);
      return { file: 'p.json', line, column };
    };
    expect(clauses).toEqual([
      {
        operator: 'StringEquals',
        key: 'aws:RequestedRegion',
        values: ['us-east-1'],
        span: span('"aws:RequestedRegion"'),
      },
      {
        operator: 'StringEquals',
        key: 'aws:PrincipalAccount',
        values: ['111122223333'],
        span: span('"aws:PrincipalAccount"'),
      },
      {
        operator: 'ForAnyValue:StringLike',
        key: 'aws:TagKeys',
        values: ['team*', 'cost?'],
        span: span('"aws:TagKeys"'),
      },
      { operator: 'Null', key: 'aws:TokenIssueTime', values: ['false'], span: span('"aws:TokenIssueTime"') },
    ]);
  });

  it('rejects an unknown operator, naming file:line:column and the likely intended one', () => {
    const result = parsePolicyDocument(fixture('unknown-operator.json'), 'unknown-operator.json', { type: 'identity' });
    expect(formatted(result.issues)).toEqual([
      'unknown-operator.json:8:7: error: unknown condition operator "StringEqual": did you mean "StringEquals"?',
    ]);
    expect(result.issues[0]?.code).toBe('unknown-condition-operator');
  });

  // IAM rejects a miscased operator: "MalformedPolicyDocument: Invalid Condition type : stringEquals"
  // (github.com/ministryofjustice/modernisation-platform-environments/pull/8893).
  it('treats operator names as case-sensitive', () => {
    const text = policy(allow({ Condition: { stringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }));
    expectOneError(
      text,
      '"stringEquals"',
      'unknown condition operator "stringEquals": operator names are case-sensitive, write "StringEquals"',
      'unknown-condition-operator',
    );
  });

  // "You can add IfExists to the end of any condition operator name except the Null condition."
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
  it('rejects a set qualifier on Null, which the engine could not evaluate', () => {
    const text = policy(allow({ Condition: { 'ForAllValues:Null': { 'aws:TagKeys': 'true' } } }));
    const result = parse(text);
    expect(result.policy).toBeUndefined();
    expect(result.issues.map((issue) => issue.code)).toEqual(['unknown-condition-operator']);
  });

  it('rejects IfExists on Null', () => {
    const text = policy(allow({ Condition: { NullIfExists: { 'aws:TokenIssueTime': 'true' } } }));
    expectOneError(
      text,
      '"NullIfExists"',
      'unknown condition operator "NullIfExists": IfExists cannot be added to Null, which already tests whether the key exists',
      'unknown-condition-operator',
    );
  });

  it('accepts every documented operator, with IfExists and the set qualifiers', () => {
    const sample: Record<string, string> = {
      string: 'x',
      numeric: '1',
      date: '2026-01-01',
      bool: 'true',
      binary: 'QmluYXJ5',
      'ip-address': '203.0.113.0/24',
      arn: 'arn:aws:iam::111122223333:role/x',
      null: 'true',
    };
    const names = allConditionOperatorNames();
    // 27 base operators, 26 of which take IfExists, each bare or with one of two set qualifiers.
    // Null takes neither IfExists nor a set qualifier: the engine cannot evaluate what the docs do not define.
    expect(names).toHaveLength(3 * 26 * 2 + 1);
    const condition = Object.fromEntries(
      names.map((name) => [name, { 'aws:Key': sample[parseConditionOperator(name)!.family] }]),
    );
    const result = parse(policy(allow({ Condition: condition })));
    // So many operators exceed the size quota: a warning, not an error.
    expect(result.issues.map((issue) => issue.code)).toEqual(['policy-too-large']);
    expect(result.policy?.statements[0]?.conditions.map((clause) => clause.operator)).toEqual(names);
  });

  it('requires a service prefix on condition keys', () => {
    const text = policy(allow({ Condition: { StringEquals: { RequestedRegion: 'us-east-1' } } }));
    expectOneError(
      text,
      '"RequestedRegion"',
      'condition key "RequestedRegion" must start with a service prefix and a colon, e.g. "aws:SourceIp"',
      'invalid-condition-key',
    );
  });

  it('takes a string, number or boolean, or a non-empty array of them, as values', () => {
    expectOneError(
      policy(allow({ Condition: { StringEquals: { 'aws:username': [] } } })),
      '[]',
      'Statement.Condition.StringEquals["aws:username"] must not be empty',
      'empty-list',
    );
    expectOneError(
      policy(allow({ Condition: { StringEquals: { 'aws:username': { a: 'b' } } } })),
      '{\n          "a"',
      'Statement.Condition.StringEquals["aws:username"] must be a string, a number, a boolean or an array, found an object',
      'invalid-type',
    );
    expectOneError(
      policy(allow({ Condition: { StringEquals: { 'aws:username': ['a', null] } } })),
      'null',
      'Statement.Condition.StringEquals["aws:username"][1] must be a string, a number or a boolean, found null',
      'invalid-type',
    );
    expectOneError(
      policy(allow({ Condition: { StringEquals: 'x' } })),
      '"x"',
      'Statement.Condition.StringEquals must be an object, found a string',
      'invalid-type',
    );
  });
});

describe('condition values, checked against their operator', () => {
  function expectBadValue(operator: string, value: unknown, reason: string, version = '2012-10-17'): void {
    const text = policy(allow({ Condition: { [operator]: { 'aws:Key': value } } }), { Version: version });
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    expectOneError(
      text,
      { needle: JSON.stringify(value), after: '"aws:Key": ' },
      `${operator} value ${JSON.stringify(shown)} for "aws:Key": ${reason}`,
      'invalid-condition-value',
    );
  }
  function expectGoodValue(operator: string, value: unknown, version = '2012-10-17'): void {
    expectValid(policy(allow({ Condition: { [operator]: { 'aws:Key': value } } }), { Version: version }));
  }

  it('Numeric: an integer or decimal, never a policy variable', () => {
    for (const value of ['10', '-3', '2.5', '.5', 7, 1.25]) expectGoodValue('NumericLessThan', value);
    expectBadValue('NumericLessThan', 'ten', 'expected an integer or decimal number');
    expectBadValue('NumericEqualsIfExists', '${aws:MultiFactorAuthAge}', 'expected an integer or decimal number');
    expectBadValue('ForAnyValue:NumericGreaterThan', true, 'expected an integer or decimal number');
  });

  // "You must specify date/time values with one of the W3C implementations of the ISO 8601 date
  // formats or in epoch (UNIX) time." — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
  it('Date: W3C ISO 8601 or epoch seconds', () => {
    for (const value of [
      '2026',
      '2026-02',
      '2026-02-28',
      '2024-02-29',
      '2026-01-31T12:00Z',
      '2026-01-31T12:00:00+02:00',
      '2026-01-31T12:00:00.123Z',
      '1767225600',
      1767225600,
    ]) {
      expectGoodValue('DateGreaterThan', value);
    }
    const reason = 'expected a W3C ISO 8601 date (e.g. 2026-01-31 or 2026-01-31T12:00:00Z) or epoch seconds';
    for (const value of [
      '2026-13-01',
      '2025-02-29',
      '2026-01-31T12:00:00',
      '2026-01-31T24:00:00Z',
      '31/01/2026',
      'yesterday',
      '${aws:CurrentTime}',
    ]) {
      expectBadValue('DateLessThan', value, reason);
    }
  });

  it('IpAddress: an IPv4 or IPv6 address or CIDR, naming file:line:column', () => {
    const result = parsePolicyDocument(fixture('bad-cidr.json'), 'bad-cidr.json', { type: 'identity' });
    expect(formatted(result.issues)).toEqual([
      'bad-cidr.json:8:57: error: IpAddress value "198.51.100.0/33" for "aws:SourceIp": expected an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.0/24)',
    ]);
    for (const value of [
      '203.0.113.7',
      '0.0.0.0/0',
      '2001:DB8:1234:5678::/64',
      '::1',
      '::ffff:192.0.2.1',
      '2001:db8:0:0:0:0:2:1/128',
    ]) {
      expectGoodValue('NotIpAddress', value);
    }
    const reason = 'expected an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.0/24)';
    for (const value of [
      '256.0.0.1',
      '10.0.0/8',
      '10.0.0.0/',
      '2001:db8::1::2',
      '2001:db8::/129',
      '12345::',
      'localhost',
    ]) {
      expectBadValue('IpAddress', value, reason);
    }
  });

  it('Bool: true or false; a policy variable only in Version 2012-10-17', () => {
    for (const value of ['true', 'false', true, false, 'True']) expectGoodValue('Bool', value);
    expectGoodValue('Bool', '${aws:SecureTransport}');
    expectBadValue('Bool', 'yes', 'expected "true" or "false"');
    expectBadValue('BoolIfExists', 1, 'expected "true" or "false"');
    const literal = parse(
      policy(allow({ Condition: { Bool: { 'aws:Key': '${aws:SecureTransport}' } } }), { Version: '2008-10-17' }),
    );
    expect(literal.issues.map((issue) => `${issue.severity} ${issue.code}`)).toEqual([
      'warning policy-variable-ignored',
      'error invalid-condition-value',
    ]);
  });

  it('Null: true or false, never a policy variable', () => {
    expectGoodValue('Null', 'false');
    expectBadValue('Null', 'absent', 'expected "true" (the key is absent) or "false" (the key is present)');
    expectBadValue('Null', '${aws:x}', 'expected "true" (the key is absent) or "false" (the key is present)');
  });

  it('Arn operators: ARN-shaped values, wildcards and (2012-10-17) policy variables allowed', () => {
    for (const value of [
      'arn:aws:iam::*:role/Admin*',
      'arn:aws:bedrock:*:111122223333:inference-profile/*',
      '*',
      '${aws:PrincipalArn}',
    ]) {
      expectGoodValue('ArnLike', value);
    }
    expectBadValue('ArnEquals', 'role/Admin', 'expected an ARN, which starts with "arn:"');
    expectBadValue(
      'ForAllValues:ArnNotLikeIfExists',
      'arn:aws:iam::role',
      'an ARN has six colon-separated parts (arn:partition:service:region:account:resource), found 5',
    );
  });

  it('BinaryEquals: base64', () => {
    expectGoodValue('BinaryEquals', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==');
    expectBadValue('BinaryEquals', 'not base64!', 'expected base64-encoded bytes');
  });

  it('String operators: any text, including numbers and booleans written as JSON', () => {
    for (const value of ['', '${aws:username}', 42, false, 'a b c'])
      expectGoodValue('StringNotEqualsIgnoreCase', value);
  });
});

describe('policy size', () => {
  function bigPolicy(resourceCount: number): string {
    const resources = Array.from(
      { length: resourceCount },
      (_, i) => `arn:aws:s3:::bucket-number-${String(i).padStart(6, '0')}/*`,
    );
    return policy(allow({ Resource: resources }));
  }

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html: "IAM does not count white
  // space when calculating the size of a policy"; a managed policy holds at most 6,144 characters.
  it('warns (and still evaluates) when an identity policy exceeds 6,144 characters without white space', () => {
    const text = bigPolicy(200);
    const result = parse(text);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ severity: 'warning', code: 'policy-too-large', line: 1, column: 1 });
    expect(result.issues[0]?.message).toMatch(
      /^the policy has [\d,]+ characters without white space, over the 6,144-character quota of a managed policy/,
    );
    expect(result.policy).toBeDefined();
  });

  it('does not count indentation against IAM quotas', () => {
    const compact = JSON.stringify(JSON.parse(bigPolicy(150)));
    expect(compact.length).toBeLessThanOrEqual(6144);
    expect(bigPolicy(150).length).toBeGreaterThan(6144);
    expect(parse(bigPolicy(150)).issues).toEqual([]);
  });

  it('uses each policy type’s quota', () => {
    const text = bigPolicy(60);
    expect(parse(text, 'identity').issues).toEqual([]);
    expect(parse(text, 'session-policy').issues[0]?.message).toMatch(
      /over the 2,048-character quota of session policies$/,
    );
    const scpText = bigPolicy(140);
    expect(parse(scpText, 'scp').issues[0]?.message).toMatch(
      /characters once minified, over the 5,120-character quota of an SCP/,
    );
    expect(parse(scpText, 'permissions-boundary').issues).toEqual([]);
  });
});

describe('characters', () => {
  // "Policy documents can contain only the following Unicode characters: horizontal tab (U+0009), linefeed
  // (U+000A), carriage return (U+000D), and characters in the range U+0020 to U+00FF."
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
  it('rejects characters IAM does not accept, pointing at the first one', () => {
    const text = policy(allow({ Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data’s' } } }));
    expectOneError(
      text,
      '’',
      'character "\\u2019" (U+2019) is not allowed: IAM policy documents may contain only tab, line feed, carriage return and U+0020 to U+00FF',
      'unsupported-character',
    );
    expectValid(policy(allow({ Condition: { StringEquals: { 'aws:PrincipalTag/team': 'café' } } })));
  });

  it('only warns in SCPs, for which Organizations documents no such rule, naming the lookalike', () => {
    const result = parse(policy(allow({ Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data’s' } } })), 'scp');
    expect(result.policy).toBeDefined();
    expect(formatted(result.issues)).toEqual([
      'p.json:9:39: warning: StringEquals value "data\\u2019s" contains U+2019 (a typographic quote): AWS compares it character for character, so this Allow statement does not apply as it reads',
    ]);
  });
});

describe('never throws on bad input', () => {
  it.each([
    '',
    'null',
    '"policy"',
    '{"Statement": null}',
    '{"Statement": [null, 1, "x", [], {}]}',
    '{"Statement": {"Effect": "Allow", "Action": {"a": 1}, "Resource": [[]], "Condition": []}}',
    '{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": [], "Bool": {"a:b": [[true]]}}}}',
  ])('%s', (text) => {
    const result = parse(text);
    expect(result.policy).toBeUndefined();
    expect(result.issues.length).toBeGreaterThan(0);
    expect(result.issues.every((issue) => issue.severity === 'error' || issue.severity === 'warning')).toBe(true);
  });

  it('reports issues sorted by position', () => {
    const text = policy([allow({ Effect: 'deny' }), allow({ Action: 'x', Sid: 'a-b' })]);
    const positions = parse(text).issues.map((issue) => issue.line * 10000 + issue.column);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions).toHaveLength(3);
  });
});

describe('suspicious ARNs', () => {
  it('warns, naming the fix, when a foundation-model ARN lacks its empty account part', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'bedrock:InvokeModel',
          Resource: 'arn:aws:bedrock:us-east-1:foundation-model/amazon.nova-pro-v1:0',
        },
      ],
    });
    const result = parse(text);
    expect(result.policy).toBeDefined();
    expect(result.issues.map((issue) => [issue.severity, issue.code])).toEqual([['warning', 'suspicious-account']]);
    expect(result.issues[0]!.message).toContain(
      'the account part is missing: write "::" between the Region and "foundation-model/"',
    );
  });

  it('accepts empty, 12-digit, wildcard and AWS-managed account parts without a warning', () => {
    const resources = [
      'arn:aws:bedrock:us-east-1::foundation-model/x',
      'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.x',
      'arn:aws:bedrock:*:*:foundation-model/*',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::${aws:PrincipalAccount}:role/x',
    ];
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: resources }],
    });
    // The variable in the account part draws its own warning (below), not a suspicious-account one.
    expect(parse(text).issues.map((issue) => issue.code)).toEqual(['resource-variable-before-resource-part']);
  });
});
