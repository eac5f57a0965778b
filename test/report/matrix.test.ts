import { RULES } from '../../src/diagnose/rules/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { matrix } from '../../src/analysis/matrix.js';
import { shippedCatalog } from '../../src/bedrock/index.js';
import { formatMatrixJson } from '../../src/report/matrix-json.js';
import { formatMatrixText } from '../../src/report/matrix-text.js';
import { MATRIX_REPORTERS, reporterNamed } from '../../src/report/registry.js';
import { PLAIN } from '../../src/report/style.js';
import { account, managedPolicy, role } from '../helpers/account.js';
import { doc } from '../helpers/policies.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validate = ajv.compile(schema('matrix.schema.json'));

const readOnly = managedPolicy('BedrockReadOnly', doc({ Effect: 'Allow', Action: 'bedrock:List*', Resource: '*' }));
const invoke = managedPolicy('BedrockInvoke', doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }));
const sample = () =>
  matrix(
    account({
      roles: [role('App1', [readOnly]), role('App2', [readOnly]), role('Chat', [invoke]), role('Other', [readOnly])],
    }),
    {
      region: 'us-east-1',
      actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      catalog: shippedCatalog(),
      now: new Date('2026-06-01T00:00:00Z'),
      toolVersion: 'test',
      models: ['amazon.nova-pro-v1:0', 'us.amazon.nova-lite-v1:0'],
    },
  );

describe('matrix JSON', () => {
  it('is one document valid against schemas/matrix.schema.json, one entry per principal × model', () => {
    const document = JSON.parse(formatMatrixJson(sample()));
    expect(validate(document), ajv.errorsText(validate.errors)).toBe(true);
    expect(document.kind).toBe('matrix');
    expect(document.matrix).toHaveLength(8);
    expect(document.matrix[0].checks[0].message).toContain('assumed-role/App1/SESSION-NAME');
    expect(document.matrix[2].checks[0].message).toContain('assumed-role/App2/SESSION-NAME');
    expect(document.causes[document.matrix[0].causes[0]].principals).toHaveLength(3);
  });

  it('is deterministic', () => {
    expect(formatMatrixJson(sample())).toBe(formatMatrixJson(sample()));
  });

  it('rejects a cell without its checks (the schema can fail)', () => {
    const document = JSON.parse(formatMatrixJson(sample()));
    delete document.matrix[0].checks;
    expect(validate(document)).toBe(false);
  });
});

describe('matrix text', () => {
  it('shows the table, then one block per cause naming every principal, the shared policy fixed once', () => {
    const text = formatMatrixText(sample());
    expect(text).toContain('role App1    ✗  ✗');
    expect(text).toContain('role Chat    ✓  ✓');
    const blocks = text.split('\n\n').filter((block) => block.startsWith('['));
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toContain(
      'Principals: arn:aws:iam::111122223333:role/App1, arn:aws:iam::111122223333:role/App2, arn:aws:iam::111122223333:role/Other',
    );
    expect(blocks[0]!.match(/^ {2}Fix/gm)).toHaveLength(1);
    expect(blocks[0]).toContain('add an Allow statement to BedrockReadOnly');
  });
});

describe('matrix scope', () => {
  it('counts principals and models in words that agree with the number', () => {
    const one = matrix(account({ roles: [role('Chat', [invoke])] }), {
      region: 'us-east-1',
      actions: ['bedrock:InvokeModel'],
      catalog: shippedCatalog(),
      now: new Date('2026-06-01T00:00:00Z'),
      toolVersion: 'test',
      models: ['amazon.nova-pro-v1:0'],
    });
    expect(formatMatrixText(one, PLAIN)).toContain('(1 principal × 1 model in us-east-1)');
    expect(formatMatrixText(sample(), PLAIN)).toContain('(4 principals × 2 models in us-east-1)');
  });
});

describe('matrix reporters', () => {
  it('are each deterministic on the same matrix, and json is the JSON reporter', () => {
    const first = sample();
    const second = sample();
    for (const reporter of MATRIX_REPORTERS)
      expect(reporter.format(first, { style: PLAIN, rules: RULES }), reporter.name).toBe(
        reporter.format(second, { style: PLAIN, rules: RULES }),
      );
    expect(reporterNamed(MATRIX_REPORTERS, 'json').format(first, {})).toBe(formatMatrixJson(first));
  });
});
