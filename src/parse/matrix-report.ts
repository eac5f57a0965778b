// Reads a matrix JSON report (`{"schemaVersion": 1, "kind": "matrix", "matrix": [...]}`, as
// `policy-check scan --format json` writes it) into what the diff compares. Only the fields the diff
// reads are checked, each with the line it is on; others are ignored, so a newer report still reads.
import {
  cliHint,
  type CallOptions,
  type DiffableCell,
  type DiffableCheck,
  type DiffableCondition,
  type DiffableFinding,
  type DiffableMatrix,
  type DiffableStatement,
  type InputIssue,
} from '../model/index.js';
import { findProperty, type JsonNode, type JsonObjectNode } from './json-tree.js';
import { parseJsonDocument } from './json-with-spans.js';

export interface MatrixReportParseResult {
  readonly matrix?: DiffableMatrix;
  readonly issues: readonly InputIssue[];
}

const VERDICTS = ['allowed', 'denied', 'conditional', 'incomplete'] as const;
const DECISIONS = ['allowed', 'explicit-deny', 'implicit-deny', 'conditional'] as const;
const POLICY_TYPES = ['identity', 'scp', 'permissions-boundary', 'session-policy', 'vpc-endpoint'] as const;
const SEVERITIES = ['error', 'warning', 'note'] as const;
const CONDITION_KINDS = ['allow-if-any', 'deny-if'] as const;
const EFFECTS = ['Allow', 'Deny'] as const;

/** Stops the walk at the first problem; caught below and turned into an issue, never thrown out. */
class Malformed extends Error {
  constructor(
    readonly node: JsonNode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export function parseMatrixReport(text: string, file: string): MatrixReportParseResult {
  const parsed = parseJsonDocument(text, file);
  if (!parsed.document) return { issues: parsed.issues };
  const errors = parsed.issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) return { issues: errors };
  try {
    return { matrix: readMatrix(parsed.document.root, file), issues: [] };
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    const { line, column } = error.node;
    return {
      issues: [{ severity: 'error', file, line, column, code: 'invalid-matrix-report', message: error.detail }],
    };
  }
}

function readMatrix(root: JsonNode, file: string): DiffableMatrix {
  const object = asObject(root, 'a matrix report is a JSON object');
  const kind = findProperty(object, 'kind');
  if (!kind) throw new Malformed(root, notAMatrix(object, file));
  if (kind.value.kind !== 'string' || kind.value.value !== 'matrix')
    throw new Malformed(
      kind.value,
      `"kind" is ${JSON.stringify(kind.value.kind === 'string' ? kind.value.value : kind.value.kind)}: policy-check diff compares two matrix reports ("kind": "matrix", from ${cliHint('matrix-report-command')})`,
    );
  const version = required(object, 'schemaVersion');
  if (version.kind !== 'number' || version.value !== 1)
    throw new Malformed(version, 'unsupported "schemaVersion": this policy-check reads matrix reports of version 1');
  const cellNodes = asArray(required(object, 'matrix'), '"matrix" must be an array').items;
  const cells = cellNodes.map(readCell);
  requireUnique(
    cellNodes,
    cells.map((cell) => [cell.principal, cell.model, cell.region]),
    ([principal, model, region]) => `${principal} × ${model} in ${region}`,
  );
  const catalogDate = optionalString(object, 'catalogDate');
  const extractDates = managedPolicyExtractDates(object);
  const tool = findProperty(object, 'tool');
  const toolVersion = tool ? optionalString(asObject(tool.value, '"tool" must be an object'), 'version') : undefined;
  const callOptions = readCallOptions(object);
  return {
    matrix: cells,
    assumptions: optionalStrings(object, 'assumptions'),
    notes: optionalStrings(object, 'notes'),
    ...(catalogDate !== undefined ? { catalogDate } : {}),
    ...(toolVersion !== undefined ? { toolVersion } : {}),
    ...(extractDates.length > 0 ? { managedPolicyExtractDates: extractDates } : {}),
    ...(Object.keys(callOptions).length > 0 ? { callOptions } : {}),
  };
}

const AUTH_METHODS = ['api-key'] as const;
const API_KEY_KINDS = ['short-term', 'long-term'] as const;

/** How the matrix's calls were made (`auth`, `guardrail`, `serviceTier`, `operations`): what was given only. */
function readCallOptions(object: JsonObjectNode): CallOptions {
  const auth = findProperty(object, 'auth');
  const authObject = auth ? asObject(auth.value, '"auth" must be an object') : undefined;
  const kind = authObject ? nullableEnum(authObject, 'kind', API_KEY_KINDS) : null;
  const guardrail = findProperty(object, 'guardrail');
  const guardrailObject = guardrail ? asObject(guardrail.value, '"guardrail" must be an object') : undefined;
  const version = guardrailObject ? optionalString(guardrailObject, 'version') : undefined;
  const serviceTier = optionalString(object, 'serviceTier');
  const operations = optionalStrings(object, 'operations');
  return {
    ...(authObject
      ? { auth: { method: requiredEnum(authObject, 'method', AUTH_METHODS), ...(kind ? { kind } : {}) } }
      : {}),
    ...(guardrailObject
      ? {
          guardrail: {
            identifier: requiredString(guardrailObject, 'identifier'),
            ...(version !== undefined ? { version } : {}),
          },
        }
      : {}),
    ...(serviceTier !== undefined ? { serviceTier } : {}),
    ...(operations.length > 0 ? { operations: [...operations].sort() } : {}),
  };
}

/** The dates of the AWS managed policy extracts the accounts used (`accounts[].managedPolicyExtract.date`). */
function managedPolicyExtractDates(object: JsonObjectNode): string[] {
  const accounts = findProperty(object, 'accounts');
  if (!accounts) return [];
  const dates = asArray(accounts.value, '"accounts" must be an array').items.flatMap((item) => {
    const extract = findProperty(asObject(item, 'an account must be an object'), 'managedPolicyExtract');
    return extract ? [requiredString(asObject(extract.value, '"managedPolicyExtract" must be an object'), 'date')] : [];
  });
  return [...new Set(dates)].sort();
}

/** Names what the file is instead, when it can tell: the usual mistake is passing the scan's input. */
function notAMatrix(object: JsonObjectNode, file: string): string {
  const has = (key: string) => findProperty(object, key) !== undefined;
  if (SNAPSHOT_KEYS.some(has))
    return `is an account snapshot, not a matrix report: run ${cliHint('scan-snapshot-command', file)} first and diff the two matrix reports`;
  if (has('checks') && has('verdict'))
    return `is a check report, not a matrix report: policy-check diff compares two reports of ${cliHint('matrix-report-command')}`;
  return `is not a matrix report (no "kind": "matrix"): policy-check diff compares two reports of ${cliHint('matrix-report-command')}`;
}

/** Keys only a snapshot has: get-account-authorization-details' lists, or policy-check's own snapshot version. */
const SNAPSHOT_KEYS = ['snapshotVersion', 'UserDetailList', 'RoleDetailList', 'GroupDetailList', 'Policies'];

/** True when the text is a JSON object with a key only an account snapshot has (diff then scans it). */
export function isAccountSnapshotText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      SNAPSHOT_KEYS.some((key) => Object.hasOwn(value, key))
    );
  } catch {
    return false;
  }
}

function readCell(node: JsonNode): DiffableCell {
  const cell = asObject(node, 'a matrix entry must be an object');
  return {
    principal: requiredString(cell, 'principal'),
    principalType: requiredString(cell, 'principalType'),
    model: requiredString(cell, 'model'),
    region: requiredString(cell, 'region'),
    verdict: requiredEnum(cell, 'verdict', VERDICTS),
    checks: readChecks(required(cell, 'checks')),
    findings: asArray(required(cell, 'findings'), '"findings" must be an array').items.map(readFinding),
  };
}

/** A second entry for the same key would make the diff pick one silently. */
function requireUnique(nodes: readonly JsonNode[], keys: readonly string[][], name: (key: string[]) => string): void {
  const seen = new Map<string, JsonNode>();
  keys.forEach((key, i) => {
    const joined = key.join('\u0000');
    const first = seen.get(joined);
    if (first) throw new Malformed(nodes[i]!, `${name(key)} is listed twice (also at line ${first.line})`);
    seen.set(joined, nodes[i]!);
  });
}

function readChecks(node: JsonNode): DiffableCheck[] {
  const nodes = asArray(node, '"checks" must be an array').items;
  const checks = nodes.map(readCheck);
  requireUnique(
    nodes,
    checks.map((check) => [check.action, check.resource, check.requestedRegion]),
    ([action, resource, region]) => `the check ${action} on ${resource} (${region})`,
  );
  return checks;
}

function readCheck(node: JsonNode): DiffableCheck {
  const check = asObject(node, 'a check must be an object');
  const conditions = findProperty(check, 'conditions');
  const outcomes = findProperty(check, 'possibleOutcomes');
  return {
    action: requiredString(check, 'action'),
    resource: requiredString(check, 'resource'),
    requestedRegion: requiredString(check, 'requestedRegion'),
    decision: requiredEnum(check, 'decision', DECISIONS),
    deniedBy: nullableEnum(check, 'deniedBy', POLICY_TYPES),
    deniedAtLevel: nullableString(check, 'deniedAtLevel'),
    message: nullableString(check, 'message'),
    statements: asArray(required(check, 'statements'), '"statements" must be an array').items.map(readStatement),
    ...(conditions
      ? { conditions: asArray(conditions.value, '"conditions" must be an array').items.map(readCondition) }
      : {}),
    ...(outcomes
      ? {
          possibleOutcomes: asArray(outcomes.value, '"possibleOutcomes" must be an array').items.map((item) => ({
            message: requiredString(asObject(item, 'a possible outcome must be an object'), 'message'),
          })),
        }
      : {}),
  };
}

function readStatement(node: JsonNode): DiffableStatement {
  const statement = asObject(node, 'a statement must be an object');
  const policyArn = optionalString(statement, 'policyArn');
  const level = optionalString(statement, 'level');
  const builtIn = findProperty(statement, 'builtIn');
  if (builtIn && (builtIn.value.kind !== 'boolean' || !builtIn.value.value))
    throw new Malformed(builtIn.value, '"builtIn" must be true');
  const conditional = findProperty(statement, 'conditional');
  if (conditional && conditional.value.kind !== 'boolean')
    throw new Malformed(conditional.value, '"conditional" must be true or false');
  return {
    policyType: requiredEnum(statement, 'policyType', POLICY_TYPES),
    policyName: requiredString(statement, 'policyName'),
    ...(policyArn !== undefined ? { policyArn } : {}),
    ...(level !== undefined ? { level } : {}),
    sid: nullableString(statement, 'sid'),
    effect: requiredEnum(statement, 'effect', EFFECTS),
    conditional: conditional?.value.kind === 'boolean' && conditional.value.value,
    // A built-in statement has no place; a report from before this had its name as `file`: not read.
    ...(builtIn ? { builtIn: true as const } : placeOf(statement)),
  };
}

function placeOf(statement: JsonObjectNode): { file: string; line: number } {
  const line = required(statement, 'line');
  if (line.kind !== 'number' || !Number.isInteger(line.value)) throw new Malformed(line, '"line" must be an integer');
  return { file: requiredString(statement, 'file'), line: line.value };
}

function readCondition(node: JsonNode): DiffableCondition {
  const condition = asObject(node, 'a condition must be an object');
  const level = optionalString(condition, 'level');
  return {
    kind: requiredEnum(condition, 'kind', CONDITION_KINDS),
    policyType: requiredEnum(condition, 'policyType', POLICY_TYPES),
    ...(level !== undefined ? { level } : {}),
    alternatives: asArray(required(condition, 'alternatives'), '"alternatives" must be an array').items.map((item) => {
      const alternative = asObject(item, 'an alternative must be an object');
      return {
        statement: readStatement(required(alternative, 'statement')),
        clauses: asArray(required(alternative, 'clauses'), '"clauses" must be an array').items.map((clauseNode) => {
          const clause = asObject(clauseNode, 'a clause must be an object');
          return {
            operator: requiredString(clause, 'operator'),
            key: requiredString(clause, 'key'),
            values: requiredStrings(clause, 'values'),
          };
        }),
      };
    }),
  };
}

function readFinding(node: JsonNode): DiffableFinding {
  const finding = asObject(node, 'a finding must be an object');
  const predicted = findProperty(finding, 'predictedError');
  const predictedError =
    predicted && predicted.value.kind !== 'null'
      ? (() => {
          const error = asObject(predicted.value, '"predictedError" must be an object');
          return { exception: requiredString(error, 'exception'), message: requiredString(error, 'message') };
        })()
      : undefined;
  return {
    rule: requiredString(finding, 'rule'),
    severity: requiredEnum(finding, 'severity', SEVERITIES),
    title: requiredString(finding, 'title'),
    ...(predictedError ? { predictedError } : {}),
  };
}

function asObject(node: JsonNode, message: string): JsonObjectNode {
  if (node.kind !== 'object') throw new Malformed(node, message);
  return node;
}

function asArray(node: JsonNode, message: string): Extract<JsonNode, { kind: 'array' }> {
  if (node.kind !== 'array') throw new Malformed(node, message);
  return node;
}

function required(object: JsonObjectNode, key: string): JsonNode {
  const property = findProperty(object, key);
  if (!property) throw new Malformed(object, `missing "${key}"`);
  return property.value;
}

function requiredString(object: JsonObjectNode, key: string): string {
  const value = required(object, key);
  if (value.kind !== 'string') throw new Malformed(value, `"${key}" must be a string`);
  return value.value;
}

function requiredStrings(object: JsonObjectNode, key: string): string[] {
  return asArray(required(object, key), `"${key}" must be an array of strings`).items.map((item) => {
    if (item.kind !== 'string') throw new Malformed(item, `"${key}" must be an array of strings`);
    return item.value;
  });
}

function optionalString(object: JsonObjectNode, key: string): string | undefined {
  const property = findProperty(object, key);
  if (!property) return undefined;
  if (property.value.kind !== 'string') throw new Malformed(property.value, `"${key}" must be a string`);
  return property.value.value;
}

function optionalStrings(object: JsonObjectNode, key: string): string[] {
  return findProperty(object, key) ? requiredStrings(object, key) : [];
}

function nullableString(object: JsonObjectNode, key: string): string | null {
  const property = findProperty(object, key);
  if (!property || property.value.kind === 'null') return null;
  if (property.value.kind !== 'string') throw new Malformed(property.value, `"${key}" must be a string or null`);
  return property.value.value;
}

function requiredEnum<T extends string>(object: JsonObjectNode, key: string, values: readonly T[]): T {
  const value = required(object, key);
  if (value.kind !== 'string' || !(values as readonly string[]).includes(value.value))
    throw new Malformed(value, `"${key}" must be one of ${values.join(', ')}`);
  return value.value as T;
}

function nullableEnum<T extends string>(object: JsonObjectNode, key: string, values: readonly T[]): T | null {
  const property = findProperty(object, key);
  if (!property || property.value.kind === 'null') return null;
  return requiredEnum(object, key, values);
}
