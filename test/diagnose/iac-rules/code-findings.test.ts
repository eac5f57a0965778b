import { describe, expect, it } from 'vitest';
import { codeFindingsToIac } from '../../../src/diagnose/iac-rules/code-findings.js';
import { misdirectedCallFindings } from '../../../src/diagnose/rules/wrong-api/code-findings.js';
import type { Finding, MisdirectedCall } from '../../../src/model/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';
import { IAC_FINDING_WORDS } from '../../../src/report/words/iac-finding-words.js';

/** The code check's findings as run-code-check.ts gives them: data, each with its title in words for the fingerprint. */
const titled = (findings: readonly Finding[]): Finding[] =>
  findings.map((finding) => ({ ...finding, title: renderCliHints(finding).title }));

const call = (line: number): MisdirectedCall => ({
  language: 'python',
  kind: 'control-plane-client',
  style: 'python',
  operation: 'InvokeModel',
  at: { file: 'app/main.py', line, column: 5, endLine: line + 2, endColumn: 6 },
  client: { file: 'app/main.py', line: 3, column: 10 },
});

describe('codeFindingsToIac', () => {
  it('puts each code finding at its first location, with the error it predicts and its fix in the message', () => {
    const [finding] = codeFindingsToIac(titled(misdirectedCallFindings([call(12)])));
    expect({ ...finding, message: IAC_FINDING_WORDS['code-check-finding'](finding!.message.params) }).toEqual({
      severity: 'error',
      file: 'app/main.py',
      line: 12,
      column: 5,
      endLine: 14,
      statement: "invoke_model called on a boto3 'bedrock' (control-plane) client",
      message:
        "invoke_model called on a boto3 'bedrock' (control-plane) client: app/main.py:12 calls invoke_model on the client created at app/main.py:3 with boto3's client('bedrock'), the control plane, which has no inference methods: InvokeModel belongs to client('bedrock-runtime'). It fails with AttributeError: 'Bedrock' object has no attribute 'invoke_model'. Fix: Create the client with boto3.client('bedrock-runtime') for inference calls.",
    });
  });

  it("carries the code finding's message and its fix's as data, not their words", () => {
    const [finding] = codeFindingsToIac(titled(misdirectedCallFindings([call(12)])));
    const params = finding!.message.params;
    expect(JSON.parse(String(params.finding))).toEqual({
      code: 'boto3-control-plane-client',
      params: { at: 'app/main.py:12', client: 'app/main.py:3', method: 'invoke_model', operation: 'InvokeModel' },
    });
    expect(JSON.parse(String(params.fix))).toEqual({
      code: 'create-boto3-runtime-client',
      params: { client: 'app/main.py:3' },
    });
    expect(Object.keys(params).sort()).toEqual(['error', 'exception', 'finding', 'fix']);
  });

  it('numbers the statement of a second finding of the same title in a file, so fingerprints stay apart', () => {
    const findings = codeFindingsToIac(titled(misdirectedCallFindings([call(12), call(30)])));
    expect(findings.map((finding) => `${finding.line} ${finding.statement}`)).toEqual([
      "12 invoke_model called on a boto3 'bedrock' (control-plane) client",
      "30 invoke_model called on a boto3 'bedrock' (control-plane) client #2",
    ]);
  });
});
