import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../src/parse/index.js';
import { formatted, positionOf } from './fixture.js';

/*
 * A VPC endpoint policy "is a JSON policy document that uses the IAM policy language. It must contain a Principal
 * element. The size of an endpoint policy cannot exceed 20,480 characters, including white space"
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html). The default policy is
 * {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}.
 */

const parse = (document: object) => {
  const text = JSON.stringify(document, null, 2);
  return { text, result: parsePolicyDocument(text, 'vpce.json', { type: 'vpc-endpoint' }) };
};
const statement = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', ...extra }],
});

describe('VPC endpoint policies', () => {
  it('read the default endpoint policy, whose Principal is "*"', () => {
    const { result } = parse({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
    expect(result.issues).toEqual([]);
    expect(result.policy?.type).toBe('vpc-endpoint');
    expect(result.policy?.statements[0]?.principal).toBe('*');
  });

  it('read an AWS principal given as a string or a list, as a list', () => {
    const { result } = parse(
      statement({
        Principal: { AWS: ['arn:aws:iam::111122223333:role/App', '444455556666'], Service: 'x.amazonaws.com' },
      }),
    );
    expect(result.policy?.statements[0]?.principal).toEqual({
      AWS: ['arn:aws:iam::111122223333:role/App', '444455556666'],
      Service: ['x.amazonaws.com'],
    });
  });

  it('refuse a statement without Principal, naming file:line:column', () => {
    const { text, result } = parse(statement({}));
    expect(result.policy).toBeUndefined();
    expect(formatted(result.issues)).toEqual([
      `vpce.json:${positionOf(text, '{\n      "Effect"')}: error: Statement[0] is missing "Principal"`,
    ]);
  });

  it('refuse NotPrincipal, a principal type IAM does not have, and a Principal string other than "*"', () => {
    expect(parse(statement({ Principal: '*', NotPrincipal: { AWS: '111122223333' } })).result.issues[0]?.message).toBe(
      '"NotPrincipal" is not allowed in a VPC endpoint policy: name the principals in "Principal"',
    );
    expect(parse(statement({ Principal: { Aws: '*' } })).result.policy).toBeUndefined();
    expect(parse(statement({ Principal: 'arn:aws:iam::111122223333:root' })).result.policy).toBeUndefined();
    expect(parse(statement({ Principal: { AWS: [] } })).result.policy).toBeUndefined();
  });

  it('keep refusing Principal in an identity-based policy', () => {
    const text = JSON.stringify(statement({ Principal: '*' }), null, 2);
    const result = parsePolicyDocument(text, 'id.json', { type: 'identity' });
    expect(result.issues[0]?.code).toBe('principal-not-allowed');
  });

  it('warn above 20,480 characters, white space included', () => {
    const resources = Array.from({ length: 400 }, (_, i) => `arn:aws:bedrock:us-east-1::foundation-model/model-${i}`);
    const { result } = parse(statement({ Principal: '*', Resource: resources }));
    expect(result.policy).toBeDefined();
    expect(result.issues.map((issue) => issue.code)).toEqual(['policy-too-large']);
    expect(result.issues[0]?.message).toMatch(/20,480-character quota of a VPC endpoint policy/);
  });
});
