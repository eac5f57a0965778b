// An IaC finding's message is data (diagnose/iac-rules/), worded in report/words/iac-finding-words.ts: the JSON keeps
// the words as `message`, the code and params right after it; every other format reads the words.
import { describe, expect, it } from 'vitest';
import { dependsOnHint, message, type IacFinding, type IacReport } from '../../../src/model/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';
import { IAC_FINDING_WORDS } from '../../../src/report/words/iac-finding-words.js';
import { renderIac } from '../../../src/report/words/message-lists.js';

const denied = { exception: 'AccessDeniedException', error: 'User: r is not authorized' };

describe('IaC finding words', () => {
  it('words the message in place and puts its code and rendered params right after it', () => {
    const finding: IacFinding = {
      rule: 'code-model-access',
      severity: 'warning',
      title: 'Code calls a model the principal running it cannot invoke',
      message: message('code-model-refused', {
        principal: 'aws_iam_role.app',
        codeFile: '.policy-check.yml',
        codeLine: 4,
        model: 'm',
        region: 'us-east-1',
        verdict: 'conditional',
        dependsOn: [dependsOnHint(message('caller-account'))],
        ...denied,
      }),
      file: 'app.py',
      line: 3,
      column: 1,
      fingerprint: '0'.repeat(32),
    };
    const worded = renderCliHints(finding);
    expect(Object.keys(worded)).toEqual([
      'rule',
      'severity',
      'title',
      'message',
      'code',
      'params',
      'file',
      'line',
      'column',
      'fingerprint',
    ]);
    expect(worded.message).toBe(
      "aws_iam_role.app runs this code (code: at .policy-check.yml:4) and may not be able to invoke m in us-east-1: conditional (depends on depending on the caller's account (pass --principal)); when denied, AccessDeniedException: User: r is not authorized",
    );
    expect(worded.code).toBe('code-model-refused');
    expect(worded.params.dependsOn).toEqual(["depending on the caller's account (pass --principal)"]);
  });

  it.each([
    [
      { expected: 'allowed', verdict: 'denied', dependsOn: [], ...denied },
      'expected allowed, is denied: AccessDeniedException: User: r is not authorized',
    ],
    [
      { expected: 'denied', verdict: 'allowed', dependsOn: [], exception: null, error: null },
      'expected denied, is allowed',
    ],
    [
      { expected: 'denied', verdict: 'incomplete', dependsOn: ['x'], exception: null, error: null },
      'expected denied, is incomplete: it may be allowed (depends on x)',
    ],
  ])('words an expectation a cell misses: %j', (params, words) => {
    expect(
      IAC_FINDING_WORDS['expectation-not-met']({
        address: 'a',
        model: 'm',
        region: 'r',
        expectFile: 'f',
        expectLine: 2,
        ...params,
      }),
    ).toBe(`a → m in r: ${words} (expect at f:2)`);
  });

  it.each([
    [{ verdict: null }, 'may not be able to', 'not evaluated: the access is not known'],
    [
      { verdict: 'allowed', ...denied },
      'cannot',
      'allowed, but the call fails: AccessDeniedException: User: r is not authorized',
    ],
    [{ verdict: 'denied', ...denied }, 'cannot', 'denied: AccessDeniedException: User: r is not authorized'],
  ])('words why code cannot invoke its model: %j', (params, can, why) => {
    expect(
      IAC_FINDING_WORDS['code-model-refused']({
        principal: 'p',
        codeFile: 'f',
        codeLine: 1,
        model: 'm',
        region: 'r',
        ...params,
      }),
    ).toBe(`p runs this code (code: at f:1) and ${can} invoke m in r: ${why}`);
  });

  it('names the Converse pair that works and the one that fails from the missing action', () => {
    const words = (missing: string) =>
      IAC_FINDING_WORDS['streaming-action-missing']({
        action: 'a',
        resource: 'r',
        missing,
        principal: 'p',
        model: 'm',
      });
    expect(words('bedrock:InvokeModelWithResponseStream')).toContain(
      'Converse and InvokeModel work, ConverseStream and InvokeModelWithResponseStream fail',
    );
    expect(words('bedrock:InvokeModel')).toContain(
      'ConverseStream and InvokeModelWithResponseStream work, Converse and InvokeModel fail',
    );
  });

  it('words a denial without an AWS text as its exception, and an empty text as given', () => {
    const words = (error: string | null) =>
      IAC_FINDING_WORDS['profile-not-granted']({ model: 'm', profile: 'p', principal: 'r', error });
    expect(words(null)).toMatch(/: AccessDeniedException$/);
    expect(words('')).toMatch(/: $/);
  });
});

describe('renderIac', () => {
  const at = (file: string, line: number, pattern: string): IacFinding => ({
    rule: 'expectation',
    severity: 'error',
    title: 'Access differs from the expectation',
    message: message('principal-unmatched', { key: 'expect', pattern }),
    file,
    line,
    column: 1,
    fingerprint: '0'.repeat(32),
  });

  it("orders the findings of one file, line and rule by their words, and keeps the analysis' order otherwise", () => {
    const findings = [at('b.tf', 1, 'z'), at('b.tf', 1, 'a'), at('a.tf', 2, 'y'), at('a.tf', 2, 'b')];
    const report = { findings, suppressed: [], assumptions: [], notes: [] } as unknown as IacReport;
    expect(renderIac(report).findings.map((finding) => `${finding.file} ${finding.params.pattern}`)).toEqual([
      'b.tf a',
      'b.tf z',
      'a.tf b',
      'a.tf y',
    ]);
  });
});
