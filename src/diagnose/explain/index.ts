export { explainError, type ExplainedFields } from './explain.js';
export { KNOWN_SIGNATURES } from './signatures/index.js';
export { MAX_EXPLAIN_INPUT } from './unwrap.js';
