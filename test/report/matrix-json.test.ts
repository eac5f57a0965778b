import { describe, expect, it } from 'vitest';
import { matrix } from '../../src/analysis/matrix.js';
import { shippedCatalog } from '../../src/bedrock/index.js';
import { cellReport, type AccessMatrix, type CheckReport } from '../../src/model/index.js';
import { renderScanHints } from '../../src/report/cli-hints.js';
import { formatMatrixJson } from '../../src/report/matrix-json.js';
import { checkJson } from '../../src/report/words/message-lists.js';
import { account, managedPolicy, role } from '../helpers/account.js';
import { doc } from '../helpers/policies.js';

// Roles with the same policies share one result, computed for the first of them: the JSON writes it once and
// puts each other role's ARN in its text. These tests hold that to the cell's own report, written the long way.
const readOnly = managedPolicy('BedrockReadOnly', doc({ Effect: 'Allow', Action: 'bedrock:List*', Resource: '*' }));
const sample = (): AccessMatrix =>
  matrix(account({ roles: [role('App1', [readOnly]), role('App2', [readOnly]), role('App3', [readOnly])] }), {
    region: 'us-east-1',
    actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    catalog: shippedCatalog(),
    now: new Date('2026-06-01T00:00:00Z'),
    toolVersion: 'test',
    models: ['amazon.nova-pro-v1:0'],
  });

/** What a cell's entry shows of its report, from the cell's own report, in scan's words. */
function ownEntry(result: AccessMatrix, index: number) {
  const data = cellReport(result, result.cells[index]!);
  const report = renderScanHints(data);
  return JSON.parse(
    JSON.stringify({
      checks: data.checks.map((check) => checkJson(check, renderScanHints)),
      findings: report.findings,
      unresolved: report.unresolved,
      unresolvedCodes: data.unresolved,
    }),
  );
}

/** The matrix with the shared result's first check changed by `change`. */
function withFirstCheck(result: AccessMatrix, change: (check: CheckReport['checks'][number], arn: string) => object) {
  const shared = result.results[0]!;
  const checks = shared.report.checks.map((check, index) => (index === 0 ? change(check, shared.displayArn) : check));
  return {
    ...result,
    results: [{ ...shared, report: { ...shared.report, checks } as CheckReport }, ...result.results.slice(1)],
  } as AccessMatrix;
}

describe('matrix JSON of cells that share a result', () => {
  it('shows each cell its own report, with its own principal', () => {
    const result = sample();
    expect(new Set(result.cells.map((cell) => cell.result)).size).toBe(1);
    const document = JSON.parse(formatMatrixJson(result));
    document.matrix.forEach((entry: Record<string, unknown>, index: number) => {
      const { principal: _p, principalType: _t, model: _m, region: _r, verdict: _v, causes: _c, ...shown } = entry;
      expect(shown).toEqual(ownEntry(result, index));
    });
    expect(document.matrix[1].checks[0].message).toContain('assumed-role/App2/SESSION-NAME');
    expect(document.matrix[1].checks[0].message).not.toContain('App1');
  });

  it('keeps characters beyond Latin-1 (an arrow, an emoji) in a text it holds for later cells', () => {
    const result = withFirstCheck(sample(), (check) => ({ ...check, message: `${check.message} → 😀` }));
    const document = JSON.parse(formatMatrixJson(result));
    document.matrix.forEach((entry: Record<string, unknown>, index: number) => {
      const { principal: _p, principalType: _t, model: _m, region: _r, verdict: _v, causes: _c, ...shown } = entry;
      expect(shown).toEqual(ownEntry(result, index));
    });
    expect(document.matrix[2].checks[0].message).toMatch(/App3\/SESSION-NAME.* → 😀$/);
  });

  it('keeps a key that holds the ARN, as the cell report does: such a result is written the long way', () => {
    const result = withFirstCheck(sample(), (check, arn) => ({ ...check, byPrincipal: { [arn]: arn } }));
    const document = JSON.parse(formatMatrixJson(result));
    const app1 = result.results[0]!.displayArn;
    const app2 = app1.replace('App1', 'App2');
    expect(document.matrix[1].checks[0].byPrincipal).toEqual({ [app1]: app2 });
    expect(document.matrix[2].checks[0].byPrincipal).toEqual({ [app1]: app1.replace('App1', 'App3') });
  });

  it('does not take an escaped character followed by the rest of the ARN for the ARN', () => {
    // JSON writes U+001A as \u001a: its last hex digit and "rn:aws:…" read as the ARN in the text, not in the string.
    const result = withFirstCheck(sample(), (check, arn) => ({ ...check, message: `\u001a${arn.slice(1)}` }));
    const document = JSON.parse(formatMatrixJson(result));
    const app1 = result.results[0]!.displayArn;
    for (const entry of document.matrix) expect(entry.checks[0].message).toBe(`\u001a${app1.slice(1)}`);
  });
});
