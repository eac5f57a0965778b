export { explainError, type ExplainedFields } from './explain.js';
export { knownSignatures } from './signatures/index.js';
export { MAX_EXPLAIN_INPUT } from './unwrap.js';
