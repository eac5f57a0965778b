// Diff reports for the formatter tests: one of each kind of change, from the diff's own analysis.
import { accessDiffReport } from '../../src/analysis/diff-report.js';
import { diffMatrices } from '../../src/analysis/diff.js';
import type { AccessDiffReport, DiffFailOn } from '../../src/model/index.js';
import { cell, check, END_OF_LIFE, matrixOf, ROLE } from '../helpers/diff-matrices.js';

const STREAM = { action: 'bedrock:InvokeModelWithResponseStream' };
const at = (name: string) => ({ principal: `${ROLE}-${name}` });

/** OLD and NEW with a row of each kind: lost, possibly lost, gained, cause changed, failing, added (allowed and denied), removed. */
export function everyKindReport(failOn: readonly DiffFailOn[] = ['lost']): AccessDiffReport {
  const before = matrixOf([
    cell([check('allowed'), check('allowed', STREAM)], at('lost')),
    cell([check('allowed')], at('conditional')),
    cell([check('implicit-deny')], at('gained')),
    cell([check('explicit-deny')], at('cause')),
    cell([check('allowed')], at('eol')),
    cell([check('allowed')], at('removed')),
  ]);
  const after = matrixOf(
    [
      cell([check('explicit-deny'), check('explicit-deny', STREAM)], at('lost')),
      cell([check('conditional')], at('conditional')),
      cell([check('allowed')], at('gained')),
      cell([check('implicit-deny')], at('cause')),
      cell([check('allowed')], { ...at('eol'), findings: [END_OF_LIFE] }),
      cell([check('allowed')], at('added')),
      cell([check('implicit-deny')], at('added-denied')),
    ],
    { catalogDate: '2026-06-01' },
  );
  return accessDiffReport(diffMatrices(before, after), {
    oldFile: 'old.json',
    newFile: 'new.json',
    failOn,
    toolVersion: 'test',
  });
}

/** No change at all. */
export function unchangedReport(): AccessDiffReport {
  const same = matrixOf([cell([check('allowed')])]);
  return accessDiffReport(diffMatrices(same, same), {
    oldFile: 'old.json',
    newFile: 'new.json',
    failOn: ['lost'],
    toolVersion: 'test',
  });
}

/** Many principals that lost access: the markdown collapses the rows past its visible table. */
export function manyLostReport(count: number): AccessDiffReport {
  const principals = Array.from({ length: count }, (_, i) => at(String(i).padStart(3, '0')));
  return accessDiffReport(
    diffMatrices(
      matrixOf(principals.map((p) => cell([check('allowed')], p))),
      matrixOf(principals.map((p) => cell([check('explicit-deny')], p))),
    ),
    { oldFile: 'old.json', newFile: 'new.json', failOn: ['lost'], toolVersion: 'test' },
  );
}
