export { check, evaluateChecks, type CheckInput } from './check.js';
export { checkInputFrom, type CheckOptions } from './check-input-from.js';
export { reproduceError, type ReproduceInput, type Reproduction } from './reproduce.js';
export { explainReport, type ExplainReport } from './explain-report.js';
export { diffFails, diffMatrices } from './diff.js';
export { accessDiffReport, type DiffReportInput } from './diff-report.js';
