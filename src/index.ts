// The public library API: pure functions over in-memory policies; no process, console or file system.
export { check, type CheckInput } from './analysis/check.js';
export { checkInputFrom, type CheckOptions } from './analysis/check-input-from.js';
export { evaluate, type EvaluationInput } from './engine/evaluate.js';
export { parsePolicyDocument, parseScpLevels, assembleScpLevels, type PolicyMeta, type PolicyParseResult } from './parse/index.js';
export {
  accessDeniedMessage,
  catalogDate,
  classifyModel,
  expandModel,
  normalizeActions,
  type AuthorizationRequest,
  type Expansion,
  type ModelIdentifier,
} from './bedrock/index.js';
export * from './model/index.js';
export { formatText } from './report/text.js';
export { formatJson } from './report/json.js';
export { formatMarkdown } from './report/markdown.js';
export { formatSarif, type RuleDescriptor } from './report/sarif.js';
