export { check } from './check.js';
export { checkInputFrom, type CheckOptions } from './check-input-from.js';
export { reproduceError, type ReproduceInput, type Reproduction } from './reproduce.js';
export { explainReport } from './explain-report.js';
export { accountPrincipalArns, NO_SCP_CHAIN, principalPoliciesOf } from './principal-policies-of.js';
export type { PoliciesOf } from './matrix-principals.js';
export { DEFAULT_MATRIX_MODELS } from './matrix-models.js';
