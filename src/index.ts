// The public library API: pure functions over in-memory policies; no process, console or file system.
import { check as analyse, type CheckInput } from './analysis/check.js';
import { matrix as analyseMatrix, type MatrixOptions } from './analysis/matrix.js';
import { expandModel as expandBedrockModel, shippedCatalog, type Expansion } from './bedrock/index.js';
import type { AccessMatrix, AccountModel } from './model/index.js';
import { renderCliHints } from './report/cli-hints.js';
import type { Worded } from './report/words/message-words.js';
import type { CheckReport } from './report/words/worded-reports.js';

export type { CheckInput } from './analysis/check.js';
export { DEFAULT_MATRIX_MODELS, type PoliciesOf } from './analysis/index.js';
export { formatMatrixText, cellSymbol } from './report/matrix-text.js';
export { formatMatrixJson, matrixJsonChunks } from './report/matrix-json.js';
export { accessDiffReport, diffFails, diffMatrices } from './analysis/index.js';
export { parseMatrixReport } from './parse/matrix-report.js';
export { formatDiffJson } from './report/diff-json.js';
export { formatDiffMarkdown } from './report/diff-markdown.js';
export { formatDiffText } from './report/diff-text.js';
export { formatMatrixHtml } from './report/matrix-html.js';

/**
 * Every selected principal of the accounts × model: check()'s result per cell, evaluated once per group
 * of principals with the same effective policies. The catalog defaults to the shipped one.
 */
export function matrix(
  accounts: AccountModel | readonly AccountModel[],
  options: Omit<MatrixOptions, 'catalog'> & { readonly catalog?: MatrixOptions['catalog'] },
): AccessMatrix {
  return analyseMatrix(accounts, { ...options, catalog: options.catalog ?? shippedCatalog() });
}
export type { MatrixOptions } from './analysis/matrix.js';
export { checkInputFrom, type CheckOptions } from './analysis/check-input-from.js';

/**
 * The analysis, with its messages (report/words/) and hints (model/cli-hint.ts) in the CLI's words, as the
 * library has always returned them.
 */
export function check(input: CheckInput): CheckReport {
  return renderCliHints(analyse(input));
}

/** The requests AWS authorizes for a model id, with hints in the CLI's words as for check(). */
export function expandModel(...args: Parameters<typeof expandBedrockModel>): Worded<Expansion> {
  return renderCliHints(expandBedrockModel(...args));
}
export { accountPrincipalArns, principalPoliciesOf } from './analysis/principal-policies-of.js';
export { evaluate, type EvaluationInput } from './engine/evaluate.js';
export {
  parsePolicyDocument,
  parseScpLevels,
  assembleScpLevels,
  parseSnapshot,
  type ManagedPolicyExtract,
  type PolicyMeta,
  type PolicyParseResult,
} from './parse/index.js';
export {
  accessDeniedMessage,
  catalogDate,
  classifyModel,
  normalizeActions,
  API_KEY_UNSUPPORTED_OPERATIONS,
  SERVICE_TIERS,
  type AuthorizationRequest,
  type Expansion,
  type ModelIdentifier,
} from './bedrock/index.js';
export * from './model/index.js';
export { formatText } from './report/text.js';
export { formatJson } from './report/json.js';
export { formatMarkdown } from './report/markdown.js';
export { statementLocationText } from './report/location-text.js';
export { formatSarif, type RuleDescriptor } from './report/sarif.js';
