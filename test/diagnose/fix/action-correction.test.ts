// Issue 6: when the only reason a check is denied is a misspelt action in an Allow statement, the fix is to
// correct the action where it is written (verified by re-evaluating with the corrected action), not a new
// statement. IAM matches actions by name only, so a misspelt action matches nothing
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
import { describe, expect, it } from 'vitest';
import { check, type CheckInput } from '../../../src/analysis/check.js';
import { parsePrincipal, type WrittenPolicy } from '../../../src/model/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';
import { checkActionNames } from '../../../src/parse/index.js';
import { iamData } from '../../../src/sources/iam-data.js';
import { doc, policy } from '../../helpers/policies.js';

function input(identity: WrittenPolicy, text: string): CheckInput {
  const { corrections } = checkActionNames(identity, text, iamData());
  return {
    identity: [identity],
    model: 'amazon.nova-pro-v1:0',
    region: 'us-east-1',
    principal: parsePrincipal('arn:aws:iam::111122223333:role/App')!,
    actions: [],
    now: new Date('2026-11-27T12:00:00Z'),
    toolVersion: 'test',
    ...(corrections.length > 0 ? { actionCorrections: corrections } : {}),
  };
}

const parsed = (statement: object) => {
  const text = JSON.stringify(doc(statement), null, 2);
  return { identity: policy(text, { file: 'identity.json' }), text };
};

describe('a misspelt Allow action', () => {
  it('the only reason for the denial: the fix corrects the action at file:line, verified', () => {
    const { identity, text } = parsed({
      Sid: 'Invoke',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModle', 'bedrock:InvokeModelWithResponseStream'],
      Resource: '*',
    });
    const report = renderCliHints(check(input(identity, text)));
    expect(report.verdict).toBe('denied');
    const finding = report.findings.find((f) => f.rule === 'identity-policy')!;
    expect(finding.fixes).toHaveLength(1);
    const fix = finding.fixes[0]!;
    expect(fix).toMatchObject({
      kind: 'replace-statement',
      file: 'identity.json',
      summary: 'Correct the action "bedrock:InvokeModle" to "bedrock:InvokeModel" at identity.json:8',
    });
    expect(fix.statement).toEqual({
      Sid: 'Invoke',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: '*',
    });
    expect(fix.verification).toMatchObject({ verified: true, checksFixed: 1 });
  });

  it('not the only reason (the Resource does not cover the model either): no correction, the usual Allow fix', () => {
    const { identity, text } = parsed({
      Effect: 'Allow',
      Action: 'bedrock:InvokeModle',
      Resource: 'arn:aws:bedrock:*::foundation-model/anthropic.*',
    });
    const report = renderCliHints(check(input(identity, text)));
    const fixes = report.findings.flatMap((f) => f.fixes);
    expect(fixes.some((fix) => fix.summary?.startsWith('Correct the action'))).toBe(false);
    expect(fixes.some((fix) => fix.kind === 'add-statement')).toBe(true);
  });

  it('without the correction data the planner adds a statement, as before', () => {
    const { identity, text } = parsed({ Effect: 'Allow', Action: 'bedrock:InvokeModle', Resource: '*' });
    const { actionCorrections: _, ...plain } = input(identity, text);
    const fixes = check(plain).findings.flatMap((f) => f.fixes);
    expect(fixes.some((fix) => fix.kind === 'add-statement')).toBe(true);
  });
});
