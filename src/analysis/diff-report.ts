import type { AccessDiff, AccessDiffReport, DiffFailOn } from '../model/index.js';
import { diffFails } from './diff.js';

export interface DiffReportInput {
  readonly oldFile: string;
  readonly newFile: string;
  readonly failOn: readonly DiffFailOn[];
  readonly toolVersion: string;
}

/** The diff with what every format shows around it: the two inputs, what fails the run, and whether it does. */
export function accessDiffReport(diff: AccessDiff, input: DiffReportInput): AccessDiffReport {
  const failOn = [...new Set(input.failOn)].sort();
  return {
    schemaVersion: 1,
    kind: 'diff',
    tool: { name: 'policy-check', version: input.toolVersion },
    old: { file: input.oldFile },
    new: { file: input.newFile },
    failOn,
    fails: diffFails(diff, failOn),
    summary: diff.summary,
    rows: diff.rows,
    notes: diff.notes,
  };
}
