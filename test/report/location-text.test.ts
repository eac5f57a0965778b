import { describe, expect, it } from 'vitest';
import { statementLocationText } from '../../src/report/location-text.js';

const policy = { policyName: 'bedrock-access' };
const ARN = 'arn:aws:iam::111122223333:policy/bedrock-access';

describe('statementLocationText', () => {
  it('a file: file:line:column', () => {
    expect(statementLocationText({ kind: 'file', file: 'policies/a.json', line: 4, column: 5 }, policy)).toBe(
      'policies/a.json:4:5',
    );
  });

  it('a snapshot or an account: the policy ARN (else the source) and the JSON pointer', () => {
    expect(
      statementLocationText({ kind: 'pointer', source: 'gaad.json', policyArn: ARN, pointer: '/Statement/1' }, policy),
    ).toBe(`${ARN} /Statement/1`);
    expect(
      statementLocationText({ kind: 'pointer', source: 'gaad.json', pointer: '/Statement/0', line: 12 }, policy),
    ).toBe('gaad.json:12 /Statement/0');
    expect(statementLocationText({ kind: 'pointer', source: 'account 111122223333', pointer: '' }, policy)).toBe(
      'account 111122223333 (whole document)',
    );
  });

  it('an IaC file: file:line, with the column when known', () => {
    expect(statementLocationText({ kind: 'iac', file: 'main.tf', line: 30 }, policy)).toBe('main.tf:30');
    expect(statementLocationText({ kind: 'iac', file: 'template.yaml', line: 8, column: 9 }, policy)).toBe(
      'template.yaml:8:9',
    );
  });

  it('no location: the policy ARN, else its name — never a made-up file name', () => {
    expect(statementLocationText(undefined, policy)).toBe('bedrock-access');
    expect(statementLocationText(undefined, { ...policy, policyArn: ARN })).toBe(ARN);
  });
});
