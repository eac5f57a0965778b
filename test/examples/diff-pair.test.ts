// The matrix reports of policies-examples/diff-scp-region-deny are what the matrix analysis makes of its
// two snapshots today (make-matrices.mjs writes them): a change to the analysis or the matrix report
// that would change them fails here until they are regenerated, so the example never diffs stale reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatMatrixJson, matrix, normalizeActions } from '../../src/index.js';
import { loadAccountFiles } from '../../src/sources/snapshot/load-snapshot.js';

const FOLDER = join('policies-examples', 'diff-scp-region-deny');

const schema = (name: string): object => JSON.parse(readFileSync(join('schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validateMatrix = ajv.compile(schema('matrix.schema.json'));

describe('policies-examples/diff-scp-region-deny', () => {
  it.each(['old', 'new'])(
    '%s.json is current (node policies-examples/diff-scp-region-deny/make-matrices.mjs)',
    (side) => {
      const options = JSON.parse(readFileSync(join(FOLDER, 'matrix-options.json'), 'utf8'));
      const actions = normalizeActions([]);
      if (!actions.ok) throw new Error(actions.message);
      const report = matrix(loadAccountFiles([join(FOLDER, side, 'snapshot.json')]), {
        ...options,
        actions: actions.actions,
        now: new Date(options.now),
      });
      expect(formatMatrixJson(report)).toBe(readFileSync(join(FOLDER, `${side}.json`), 'utf8'));
    },
  );

  it.each(['old', 'new'])('%s.json is valid against schemas/matrix.schema.json', (side) => {
    const document = JSON.parse(readFileSync(join(FOLDER, `${side}.json`), 'utf8'));
    expect(validateMatrix(document), ajv.errorsText(validateMatrix.errors)).toBe(true);
  });
});
