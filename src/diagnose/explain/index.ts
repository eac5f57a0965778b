export { explainError, type ExplainedFields, type Explanation } from './explain.js';
export { KNOWN_SIGNATURES, type KnownSignature } from './signatures/index.js';
export { MAX_EXPLAIN_INPUT, unwrap, type Unwrapped, type WrapperKind } from './unwrap.js';
