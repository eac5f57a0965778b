// `scan --action`, the same choices as check's (issue 12, item 4): API names map to the IAM action that authorizes
// them, InvokeModelWithBidirectionalStream to bedrock:InvokeModel with its note, and with --auth api-key every cell
// has the finding that API keys cannot call it.
// "Amazon Bedrock API keys ... You can't use them with the following API operations: InvokeModelWithBidirectionalStream":
// https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-reference.html
// "This operation requires permission for the bedrock:InvokeModel action":
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithBidirectionalStream.html
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, expectInputError, requireBuiltCli, runCli } from './helpers.js';

beforeAll(() => requireBuiltCli());

const PAIR = join(EXAMPLES, 'diff-scp-region-deny');
const SCAN = ['scan', '--snapshot', 'old/snapshot.json', '--models', 'amazon.nova-pro-v1:0', '--region', 'us-east-1'];

interface Matrix {
  actions: string[];
  operations?: string[];
  summary: { cells: number; allowed: number; fails: number; denied: number };
  noteCodes: { code: string; params: Record<string, unknown> }[];
  matrix: { findings: { rule: string; severity: string; title: string }[] }[];
}

function scan(...extra: string[]) {
  const result = runCli([...SCAN, '--format', 'json', ...extra], { cwd: PAIR });
  return { code: result.code, matrix: JSON.parse(result.stdout) as Matrix };
}

describe('scan --action', () => {
  it('narrows every cell to the actions named, API names mapped to their IAM action', () => {
    const both = scan().matrix;
    expect(both.actions).toEqual(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
    const converse = scan('--action', 'Converse').matrix;
    expect(converse.actions).toEqual(['bedrock:InvokeModel']);
    expect(converse).not.toHaveProperty('operations');
    expect(scan('--action', 'ConverseStream').matrix.actions).toEqual(['bedrock:InvokeModelWithResponseStream']);
  });

  it('InvokeModelWithBidirectionalStream is checked as bedrock:InvokeModel, recorded and noted', () => {
    const { matrix } = scan('--action', 'InvokeModelWithBidirectionalStream');
    expect(matrix.actions).toEqual(['bedrock:InvokeModel']);
    expect(matrix.operations).toEqual(['InvokeModelWithBidirectionalStream']);
    expect(matrix.noteCodes).toContainEqual({
      code: 'operation-authorized-as',
      params: { operation: 'InvokeModelWithBidirectionalStream', action: 'bedrock:InvokeModel', apiKeyUsable: false },
    });
    // SigV4: no cell fails for the operation itself.
    expect(matrix.summary.fails).toBe(0);
    expect(matrix.summary.allowed).toBeGreaterThan(0);
  });

  it('with --auth api-key, every cell has the error that API keys cannot call it', () => {
    const { code, matrix } = scan('--action', 'InvokeModelWithBidirectionalStream', '--auth', 'api-key=short-term');
    expect(code).toBe(1);
    expect(matrix.summary.allowed).toBe(0);
    expect(matrix.matrix).toHaveLength(matrix.summary.cells);
    for (const cell of matrix.matrix)
      expect(cell.findings).toContainEqual(
        expect.objectContaining({
          rule: 'api-key',
          severity: 'error',
          title: 'InvokeModelWithBidirectionalStream cannot be called with an Amazon Bedrock API key',
        }),
      );
    const text = runCli([...SCAN, '--action', 'InvokeModelWithBidirectionalStream', '--auth', 'api-key'], {
      cwd: PAIR,
    }).stdout;
    expect(text).toContain('Call: Amazon Bedrock API key, operation InvokeModelWithBidirectionalStream');
    expect(text).toContain('InvokeModelWithBidirectionalStream cannot be called with an Amazon Bedrock API key');
  });

  it('an unknown action is a usage error, exit 2', () => {
    expect(expectInputError(runCli([...SCAN, '--action', 'Bogus'], { cwd: PAIR }))).toMatch(
      /^--action: unknown action "Bogus"; expected one of InvokeModel, /,
    );
  });
});
