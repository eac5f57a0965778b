// The call options of a matrix report (auth, guardrail, serviceTier, operations): read as the diff compares them,
// each checked with its line like the other fields the diff reads.
import { describe, expect, it } from 'vitest';
import { parseMatrixReport } from '../../src/parse/matrix-report.js';

function report(head: Record<string, unknown>): string {
  return JSON.stringify({ schemaVersion: 1, kind: 'matrix', ...head, matrix: [] }, null, 2);
}

describe('parseMatrixReport: call options', () => {
  it('has none when the report records none', () => {
    expect(parseMatrixReport(report({}), 'r.json').matrix).not.toHaveProperty('callOptions');
  });

  it('reads each option the report records', () => {
    const parsed = parseMatrixReport(
      report({
        auth: { method: 'api-key', kind: 'short-term' },
        guardrail: { identifier: 'gr1', version: 'DRAFT' },
        serviceTier: 'flex',
        operations: ['InvokeModelWithBidirectionalStream'],
      }),
      'r.json',
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.matrix!.callOptions).toEqual({
      auth: { method: 'api-key', kind: 'short-term' },
      guardrail: { identifier: 'gr1', version: 'DRAFT' },
      serviceTier: 'flex',
      operations: ['InvokeModelWithBidirectionalStream'],
    });
  });

  it.each([
    [{ auth: 'api-key' }, 4, '"auth" must be an object'],
    [{ auth: { method: 'sigv4' } }, 5, '"method" must be one of api-key'],
    [{ auth: { method: 'api-key', kind: 'forever' } }, 6, '"kind" must be one of short-term, long-term'],
    [{ guardrail: { version: '1' } }, 4, 'missing "identifier"'],
    [{ serviceTier: 2 }, 4, '"serviceTier" must be a string'],
    [{ operations: 'InvokeModel' }, 4, '"operations" must be an array of strings'],
  ])('%j is one issue on its line', (head, line, detail) => {
    const parsed = parseMatrixReport(report(head), 'r.json');
    expect(parsed.matrix).toBeUndefined();
    expect(parsed.issues).toEqual([expect.objectContaining({ file: 'r.json', line, message: detail })]);
  });
});
