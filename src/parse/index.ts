export {
  parsePolicyDocument,
  type PolicyMeta,
  type PolicyParseResult,
} from './policy-document.js';
export {
  assembleScpLevels,
  parseScpLevels,
  type ScpFileEntry,
} from './scp-levels.js';
export { checkActionNames, globMatches, type IamActionNames } from './action-names.js';
export { decodeUtf8Input, MAX_INPUT_BYTES } from './utf8-text.js';
export { quoteToken } from './quote-token.js';
export { isAccountSnapshotText, parseMatrixReport } from './matrix-report.js';
export { parseSnapshot, type ManagedPolicyExtract } from './snapshot.js';
export { createHclParser, type HclParser } from './hcl/parse-hcl.js';
export { parseTfJson, parseTfvarsJson } from './hcl/tf-json.js';
export type {
  HclBlock,
  HclBody,
  HclExpression,
  HclRange,
  HclStep,
} from './hcl/hcl-tree.js';
export { parseJsonDocument } from './json-with-spans.js';
export type { JsonNode } from './json-tree.js';
export { parsePolicyStoreFile, policyStoreOf, type PolicyStore } from './policy-store.js';
export { parseIacConfig } from './iac-config.js';
