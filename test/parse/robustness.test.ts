// Bad input never throws and never grants: deep nesting, lookalike characters, AWS CLI output.
import { describe, expect, it } from 'vitest';
import type { PolicyType } from '../../src/model/index.js';
import { parsePolicyDocument, parseScpLevels } from '../../src/parse/index.js';
import { MAX_NESTING_DEPTH } from '../../src/parse/nesting-depth.js';
import { formatted, positionOf } from './fixture.js';

const TYPES: readonly PolicyType[] = ['identity', 'scp', 'permissions-boundary', 'session-policy'];
const parse = (text: string, type: PolicyType = 'identity') => parsePolicyDocument(text, 'p.json', { type });

function statement(fields: Record<string, unknown>): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', ...fields }],
    },
    null,
    2,
  );
}

describe('deeply nested JSON', () => {
  it.each(TYPES)('100,000 open brackets are an error at the first one too deep, not a stack overflow (%s)', (type) => {
    const result = parse('['.repeat(100_000), type);
    expect(formatted(result.issues)).toEqual([
      `p.json:1:${MAX_NESTING_DEPTH + 1}: error: JSON nested more than ${MAX_NESTING_DEPTH} levels deep: no policy document comes near that`,
    ]);
  });

  it('in an SCP-levels file as well', () => {
    expect(parseScpLevels(`{"levels":${'{"a":'.repeat(50_000)}`, 'levels.json').issues[0]?.code).toBe('json-too-deep');
  });

  it('brackets inside strings do not count', () => {
    expect(parse(statement({ Sid: undefined, Resource: `arn:aws:s3:::${'['.repeat(200)}` })).policy).toBeDefined();
  });
});

describe('lookalike characters', () => {
  it.each(TYPES)('a Cyrillic letter in Effect is an error naming U+0410 (%s)', (type) => {
    const text = statement({ Effect: '\u0410llow' });
    const issue = parse(text, type).issues.find((found) => found.severity === 'error');
    expect(issue?.message).toContain('U+0410');
    expect(parse(text, type).policy).toBeUndefined();
  });

  it.each(TYPES)('a fullwidth colon in Action is an error naming U+FF1A, never an Allow (%s)', (type) => {
    const result = parse(statement({ Action: 'bedrock\uff1aInvokeModel' }), type);
    expect(result.policy).toBeUndefined();
    expect(result.issues.map((issue) => issue.message).join('\n')).toContain('U+FF1A');
  });

  it('a lookalike in an SCP Deny resource warns loudly at the character itself', () => {
    const text = statement({
      Effect: 'Deny',
      Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pr\u043e-v1:0',
    });
    const result = parse(text, 'scp');
    expect(result.policy).toBeDefined();
    expect(formatted(result.issues)).toEqual([
      `p.json:${positionOf(text, '\u043e')}: warning: Resource "...azon.nova-pr\\u043e-v1:0" contains U+043E (a Cyrillic letter that looks like a Latin one): AWS compares it character for character, so this Deny statement may not deny what it appears to, and a request it seems to deny can be allowed`,
    ]);
  });

  it("a non-breaking space (inside IAM's character range) in a boundary warns", () => {
    const text = statement({ Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova\u00a0pro-v1:0' });
    const result = parse(text, 'permissions-boundary');
    expect(result.issues.map((issue) => [issue.severity, issue.code, issue.message.includes('U+00A0')])).toEqual([
      ['warning', 'lookalike-character', true],
    ]);
  });

  it("a zero-width space in a condition key of a session policy is an error (outside IAM's characters)", () => {
    const result = parse(
      statement({ Condition: { StringEquals: { 'aws:Requested\u200bRegion': 'us-east-1' } } }),
      'session-policy',
    );
    expect(result.policy).toBeUndefined();
    expect(result.issues[0]?.message).toContain('U+200B');
  });

  it('a zero-width space in an SCP condition key warns', () => {
    const result = parse(
      statement({ Effect: 'Deny', Condition: { StringEquals: { 'aws:Requested\u200bRegion': 'us-east-1' } } }),
      'scp',
    );
    expect(result.issues.map((issue) => issue.code)).toEqual(['lookalike-character']);
    expect(result.issues[0]?.message).toMatch(/condition key .*U\+200B.*Deny/);
  });

  it('accented letters in a condition value are not lookalikes', () => {
    expect(
      parse(statement({ Condition: { StringEquals: { 'aws:PrincipalTag/team': 'café' } } }), 'scp').issues,
    ).toEqual([]);
  });
});

describe('AWS CLI output as a policy file', () => {
  const document = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }],
  };

  it.each(['RoleName', 'UserName', 'GroupName'])(
    'get-*-policy output (%s) is read from PolicyDocument, named by PolicyName',
    (owner) => {
      const text = JSON.stringify({ [owner]: 'x', PolicyName: 'InvokeModels', PolicyDocument: document }, null, 2);
      const result = parse(text);
      expect(result.issues).toEqual([]);
      expect(result.policy?.name).toBe('InvokeModels');
      expect(`${result.policy?.statements[0]?.span.line}:${result.policy?.statements[0]?.span.column}`).toBe(
        positionOf(text, '{\n        "Effect"'),
      );
    },
  );

  it('get-policy-version output with a URL-encoded document points at the string and says it was decoded', () => {
    const bad = {
      ...document,
      Statement: [{ ...document.Statement[0], Condition: { StringEqualz: { 'aws:SourceIp': '1.2.3.4' } } }],
    };
    const text = JSON.stringify(
      { PolicyVersion: { Document: encodeURIComponent(JSON.stringify(bad)), VersionId: 'v2', IsDefaultVersion: true } },
      null,
      2,
    );
    const [issue] = parse(text).issues;
    expect(`${issue?.line}:${issue?.column}`).toBe(positionOf(text, '"%7B'));
    expect(issue?.message).toMatch(
      /StringEqualz.*\(in PolicyVersion\.Document \(URL-decoded\), at its line 1, column \d+\)$/,
    );
  });

  it('a valid encoded document gives statements spanned at the string, without an end a fix could be placed at', () => {
    const text = JSON.stringify({ PolicyVersion: { Document: encodeURIComponent(JSON.stringify(document)) } }, null, 2);
    const span = parse(text).policy?.statements[0]?.span;
    expect(span).toEqual({ file: 'p.json', line: 3, column: 17 });
  });

  it('organizations describe-policy output: the SCP is read from Policy.Content, named by PolicySummary.Name', () => {
    const text = JSON.stringify(
      {
        Policy: {
          PolicySummary: { Id: 'p-1', Name: 'DenyOutsideRegions', Type: 'SERVICE_CONTROL_POLICY' },
          Content: JSON.stringify(document),
        },
      },
      null,
      2,
    );
    const result = parse(text, 'scp');
    expect(result.issues).toEqual([]);
    expect(result.policy?.name).toBe('DenyOutsideRegions');
    expect(result.policy?.statements).toHaveLength(1);
  });

  it('malformed percent-encoding is an error at the string', () => {
    const text = JSON.stringify({ PolicyVersion: { Document: '%7B%ZZ' } });
    expect(parse(text).issues.map((issue) => issue.code)).toEqual(['invalid-cli-output']);
  });

  it('a document that is neither an object nor a string is an error', () => {
    expect(parse(JSON.stringify({ RoleName: 'r', PolicyName: 'p', PolicyDocument: 42 })).issues[0]?.code).toBe(
      'invalid-cli-output',
    );
  });

  it('a policy with a Statement is never taken for CLI output', () => {
    const text = JSON.stringify({ ...document, PolicyVersion: { Document: document } });
    expect(parse(text).issues.map((issue) => issue.code)).toEqual(['unknown-element']);
  });
});
