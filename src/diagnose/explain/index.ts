export { explainError, type ExplainedFields, type Explanation } from './explain.js';
export { reproduceError, type ReproduceInput, type Reproduction, type ReproductionStatus } from './reproduce.js';
export { explainReport, type ExplainReport, type ExplainVerdict } from './report.js';
export { KNOWN_SIGNATURES, type KnownSignature } from './signatures/index.js';
export { MAX_EXPLAIN_INPUT, unwrap, type Unwrapped, type WrapperKind } from './unwrap.js';
