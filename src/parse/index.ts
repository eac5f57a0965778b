export {
  parsePolicyDocument,
  parsePolicyDocumentNode,
  type PolicyMeta,
  type PolicyParseResult,
} from './policy-document.js';
export {
  assembleScpLevels,
  parseScpLevels,
  type ScpDocumentEntry,
  type ScpFileEntry,
  type ScpLevelEntry,
  type ScpLevelsParseResult,
  type ScpPolicyEntry,
} from './scp-levels.js';
export { parseJsonDocument, type JsonParseResult } from './json-with-spans.js';
export {
  findProperty,
  resolvePointer,
  toPlainValue,
  type JsonArrayNode,
  type JsonBooleanNode,
  type JsonDocument,
  type JsonNode,
  type JsonNullNode,
  type JsonNumberNode,
  type JsonObjectNode,
  type JsonProperty,
  type JsonStringNode,
  type NodeLocation,
  type PointerTarget,
} from './json-tree.js';
export {
  parseConditionOperator,
  type ConditionOperator,
  type OperatorFamily,
  type SetQualifier,
} from './condition-operators.js';
export { checkActionNames, globMatches, type ActionNameCheck, type IamActionNames } from './action-names.js';
export { decodeUtf8Input, MAX_INPUT_BYTES, type DecodeResult } from './utf8-text.js';
export { codePointName, MAX_TOKEN_LENGTH, quoteToken } from './quote-token.js';
export { parseMatrixReport, type MatrixReportParseResult } from './matrix-report.js';
export { parsePolicyValue } from './policy-value.js';
export { parseSnapshot, type ManagedPolicyExtract } from './snapshot.js';
