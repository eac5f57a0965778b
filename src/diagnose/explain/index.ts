export { explainError, type ExplainedFields } from './explain.js';
export { reproduceError, type ReproduceInput, type Reproduction } from './reproduce.js';
export { explainReport } from './report.js';
export { KNOWN_SIGNATURES } from './signatures/index.js';
export { MAX_EXPLAIN_INPUT } from './unwrap.js';
