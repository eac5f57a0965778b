import { describe, expect, it } from 'vitest';
import { readCloudFormation } from '../../../src/parse/cloudformation/read-cloudformation.js';

/** A template with one role whose one inline policy has `statement` (YAML, indented for its place). */
function roleWith(statement: string, parameters = '') {
  const text = `${parameters}Resources:
  Worker:
    Type: AWS::IAM::Role
    Properties:
      RoleName: worker
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: 2012-10-17
            Statement:
${statement}
`;
  return readCloudFormation([{ path: 'infra/t.yaml', text }], { region: 'us-east-1' });
}

const issuesOf = (fragment: ReturnType<typeof roleWith>) =>
  fragment.issues.map((issue) => `${issue.line}:${issue.column} ${issue.severity} ${issue.code}`);

describe('policy documents in templates', () => {
  it('validates an action holding an unknown value as the wildcard it may be, and lists the unknown', () => {
    const fragment = roleWith(
      `              - Effect: Allow
                Action: !Sub 'bedrock:\${Verb}'
                Resource: '*'`,
      'Parameters:\n  Verb: { Type: String }\n',
    );
    expect(fragment.issues).toEqual([]);
    const [statement] = fragment.roles[0]?.policies[0]?.statements ?? [];
    expect(statement?.action).toEqual(['bedrock:\uffff0\uffff']);
    expect(statement?.unknowns?.map((u) => [u.expression, u.span.line, u.span.column])).toEqual([['${Verb}', 14, 39]]);
  });

  it('an Effect known only at deployment is an error: the statement could allow or deny', () => {
    const fragment = roleWith(
      `              - Effect: !Ref Effect
                Action: bedrock:InvokeModel
                Resource: '*'`,
      'Parameters:\n  Effect: { Type: String }\n',
    );
    expect(issuesOf(fragment)).toEqual(['13:25 error cloudformation-unknown-element']);
    expect(fragment.roles[0]?.policies).toEqual([]);
  });

  it('reports what a policy file would report, at the template line', () => {
    const fragment = roleWith(
      `              - Effect: Allow
                Action: bedrock:InvokeModel
                Resource: arn:aws:bedrock:us-east-1:foundation-model/x
              - Effect: Allow
                Actions: s3:GetObject
                Resource: '*'`,
    );
    expect(issuesOf(fragment)).toEqual([
      '13:27 error invalid-resource',
      '14:17 error missing-element',
      '15:17 error unknown-element',
    ]);
  });

  it('checks the characters of the policy, not of YAML comments around it', () => {
    const comment = roleWith(
      `              # a comment with “quotes” is not part of the policy
              - Effect: Allow
                Action: bedrock:InvokeModel
                Resource: '*'`,
    );
    expect(comment.issues).toEqual([]);
    const quoted = roleWith(
      `              - Effect: Allow
                Action: bedrock:InvokeModel
                Resource: “*”`,
    );
    expect(issuesOf(quoted)).toEqual(['13:27 error unsupported-character', '13:27 error invalid-resource']);
  });
});
