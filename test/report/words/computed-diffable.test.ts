// `diff` of two snapshots reads each computed matrix as it would read its JSON report, without writing the report
// (at 10,000 roles × 20 models the report is 3.5 GB, longer than a string can be). These tests hold the computed
// cells to the report read back, cell by cell, and the diffs of the two ways to each other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffMatrices } from '../../../src/analysis/diff.js';
import { matrix, type MatrixOptions } from '../../../src/analysis/matrix.js';
import { shippedCatalog } from '../../../src/bedrock/index.js';
import { diffableCells, type AccessMatrix, type DiffableMatrix } from '../../../src/model/index.js';
import { parseMatrixReport } from '../../../src/parse/matrix-report.js';
import { formatMatrixJson } from '../../../src/report/matrix-json.js';
import { computedDiffable } from '../../../src/report/words/computed-diffable.js';
import { loadAccountFiles } from '../../../src/sources/snapshot/load-snapshot.js';
import { account, managedPolicy, role } from '../../helpers/account.js';
import { doc } from '../../helpers/policies.js';

const ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
const FOLDER = join('policies-examples', 'diff-scp-region-deny');
const exampleOptions = (): MatrixOptions => {
  const options = JSON.parse(readFileSync(join(FOLDER, 'matrix-options.json'), 'utf8'));
  return { ...options, actions: ACTIONS, catalog: shippedCatalog(), now: new Date(options.now) };
};
const example = (side: 'old' | 'new') =>
  matrix(loadAccountFiles([join(FOLDER, side, 'snapshot.json')]), exampleOptions());
const gaad = () =>
  matrix(loadAccountFiles([join('policies-examples', 'account-gaad', 'gaad.json')]), {
    region: 'us-east-1',
    actions: ACTIONS,
    catalog: shippedCatalog(),
    now: new Date('2026-06-01T00:00:00Z'),
    toolVersion: 'test',
    models: ['us.anthropic.claude-sonnet-4-6', 'amazon.nova-pro-v1:0'],
  });
// Roles that share one result: the computed cells of all but the first are made from the first one's.
const readOnly = managedPolicy('BedrockReadOnly', doc({ Effect: 'Allow', Action: 'bedrock:List*', Resource: '*' }));
const invoke = managedPolicy('Invoke', doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }));
const shared = (policies: Parameters<typeof role>[1], call: Partial<MatrixOptions> = {}) =>
  matrix(account({ roles: ['App1', 'App2', 'App3', 'App4'].map((name) => role(name, policies)) }), {
    ...call,
    region: 'us-east-1',
    actions: ACTIONS,
    catalog: shippedCatalog(),
    now: new Date('2026-06-01T00:00:00Z'),
    toolVersion: 'test',
    models: ['amazon.nova-pro-v1:0', 'us.amazon.nova-lite-v1:0'],
  });

function readBack(computed: AccessMatrix): DiffableMatrix {
  const parsed = parseMatrixReport(formatMatrixJson(computed), 'report.json');
  if (!parsed.matrix) throw new Error(JSON.stringify(parsed.issues));
  return parsed.matrix;
}

describe('computedDiffable', () => {
  it.each([
    ['diff-scp-region-deny, old', () => example('old')],
    ['diff-scp-region-deny, new', () => example('new')],
    ['account-gaad', gaad],
    ['four roles sharing a denied result', () => shared([readOnly])],
    ['four roles sharing an allowed result', () => shared([invoke])],
    [
      'calls with an API key, a guardrail, a service tier and a bidirectional stream',
      () =>
        shared([invoke], {
          apiKey: { kind: 'short-term' },
          guardrail: { identifier: 'gr-1', version: '2' },
          serviceTier: 'flex',
          operations: ['InvokeModelWithBidirectionalStream', 'InvokeModel'],
        }),
    ],
  ])('%s: every cell and the matrix as its JSON report reads back', (_name, make) => {
    const computed = make();
    const reference = readBack(computed);
    const diffable = computedDiffable(computed);
    const cells = diffableCells(diffable.matrix);
    expect(cells.keys).toHaveLength(reference.matrix.length);
    // Twice each: the second time, each cell is made from its result's, after the comparison that allows it.
    for (const _round of [1, 2])
      reference.matrix.forEach((cell, index) => {
        expect(JSON.stringify(cells.cell(index))).toBe(JSON.stringify(cell));
      });
    const { matrix: _cells, ...head } = diffable;
    const { matrix: _read, ...referenceHead } = reference;
    expect(head).toEqual(referenceHead);
  });

  it('keeps the call options as the report reader does', () => {
    const computed = shared([invoke], {
      apiKey: { kind: 'short-term' },
      guardrail: { identifier: 'gr-1', version: '2' },
      serviceTier: 'flex',
    });
    expect(computedDiffable(computed).callOptions).toEqual({
      auth: { method: 'api-key', kind: 'short-term' },
      guardrail: { identifier: 'gr-1', version: '2' },
      serviceTier: 'flex',
    });
  });

  it('the members of a shared result each name themselves', () => {
    const computed = shared([readOnly]);
    expect(new Set(computed.cells.map((cell) => cell.result)).size).toBe(2);
    const cells = diffableCells(computedDiffable(computed).matrix);
    const messages = cells.keys.map((_key, index) => cells.cell(index).checks[0]!.message);
    expect(messages.filter((text) => text?.includes('assumed-role/App3/SESSION-NAME'))).toHaveLength(2);
    expect(messages.filter((text) => text?.includes('assumed-role/App1/SESSION-NAME'))).toHaveLength(2);
  });

  it('diffs two snapshots as it diffs their two reports', () => {
    const [before, after] = [example('old'), example('new')];
    const direct = diffMatrices(computedDiffable(before), computedDiffable(after));
    expect(direct.rows.length).toBeGreaterThan(0);
    expect(direct).toEqual(diffMatrices(readBack(before), readBack(after)));
  });
});
