import { hasErrors, sortInputIssues, type InputIssue, type Policy, type ScpLevel, type Span } from '../model/index.js';
import { errorAt, warningAt } from './issue-factory.js';
import { parseJsonDocument } from './json-with-spans.js';
import {
  findProperty,
  pointerSegments,
  toPlainValue,
  type JsonDocument,
  type JsonNode,
  type JsonObjectNode,
} from './json-tree.js';
import { parsePolicyDocumentNode } from './policy-document.js';
import { quoteToken } from './quote-token.js';
import { schemaIssues } from './schema-issues.js';
import { schemaErrors, scpLevelsValidator } from './schema-validation.js';

/** An SCP written inline in the SCP-levels file, already parsed. */
interface ScpDocumentEntry {
  readonly kind: 'document';
  readonly name: string;
  readonly arn?: string;
  /** Where the entry stands in the SCP-levels file. */
  readonly span: Span;
  readonly policy: Policy;
}

/**
 * An SCP kept in its own file. Reading it is the caller's job (parse does no I/O): resolve `path`
 * against the SCP-levels file's directory, then `parsePolicyDocument(text, resolvedPath,
 * { type: 'scp', name, arn })`; report an unreadable file at `pathSpan`.
 */
export interface ScpFileEntry {
  readonly kind: 'file';
  readonly name: string;
  readonly arn?: string;
  readonly span: Span;
  /** As written in the SCP-levels file. */
  readonly path: string;
  readonly pathSpan: Span;
}

type ScpPolicyEntry = ScpDocumentEntry | ScpFileEntry;

export interface ScpLevelEntry {
  readonly name: string;
  readonly span: Span;
  readonly policies: readonly ScpPolicyEntry[];
}

export interface ScpLevelsParseResult {
  /** Ordered root → OUs → account; present when there is no error. */
  readonly levels?: readonly ScpLevelEntry[];
  readonly issues: readonly InputIssue[];
}

/**
 * Parses an `--scp-levels` file:
 * `{"levels":[{"name":"Root","policies":[{"name":"FullAWSAccess","document":{…}},{"name":"x","file":"x.json","arn":"arn:…"}]}]}`.
 */
export function parseScpLevels(text: string, file: string): ScpLevelsParseResult {
  const parsed = parseJsonDocument(text, file);
  if (!parsed.document) return { issues: parsed.issues };
  const { document } = parsed;
  const structure = schemaIssues(
    withoutEmbeddedDocumentErrors(schemaErrors(scpLevelsValidator, toPlainValue(document.root))),
    {
      file,
      root: document.root,
      rootName: 'the SCP-levels file',
      documentKind: 'an SCP-levels file',
    },
  );
  const read = readLevels(document);
  const issues = sortInputIssues([...parsed.issues, ...structure, ...read.issues]);
  return hasErrors(issues) ? { issues } : { levels: read.levels, issues };
}

/**
 * Builds the model's SCP chain once the caller has parsed every file entry.
 * `policyForFile` returns the policy parsed from that entry's file.
 */
export function assembleScpLevels(
  levels: readonly ScpLevelEntry[],
  policyForFile: (entry: ScpFileEntry) => Policy,
): ScpLevel[] {
  return levels.map((level) => ({
    name: level.name,
    policies: level.policies.map((entry) => (entry.kind === 'document' ? entry.policy : policyForFile(entry))),
  }));
}

/** Embedded documents are validated by the policy parser itself, which phrases errors for policies. */
function withoutEmbeddedDocumentErrors<T extends { readonly instancePath: string }>(errors: readonly T[]): T[] {
  return errors.filter((error) => {
    const segments = pointerSegments(error.instancePath);
    return !(
      segments.length >= 5 &&
      segments[0] === 'levels' &&
      segments[2] === 'policies' &&
      segments[4] === 'document'
    );
  });
}

interface LevelsReadResult {
  readonly levels: ScpLevelEntry[];
  readonly issues: InputIssue[];
}

function readLevels(document: JsonDocument): LevelsReadResult {
  const result: LevelsReadResult = { levels: [], issues: [] };
  const root = document.root;
  const levelsNode = root.kind === 'object' ? findProperty(root, 'levels')?.value : undefined;
  if (levelsNode?.kind !== 'array') return result;
  for (const levelNode of levelsNode.items) {
    if (levelNode.kind !== 'object') continue;
    const name = stringValue(levelNode, 'name') ?? '';
    // Levels are told apart by name in reports and fixes, so two of the same name would be confused.
    if (result.levels.some((level) => level.name === name)) {
      const nameNode = findProperty(levelNode, 'name')?.value ?? levelNode;
      result.issues.push(
        errorAt(
          document.file,
          nameNode,
          'duplicate-scp-level',
          `two levels are named ${quoteToken(name)}: give each level of the chain its own name (e.g. the OU's name or id)`,
        ),
      );
    }
    const policiesNode = findProperty(levelNode, 'policies')?.value;
    const entries =
      policiesNode?.kind === 'array'
        ? policiesNode.items.flatMap((node) => readEntry(node, document, result.issues))
        : [];
    if (policiesNode?.kind === 'array' && policiesNode.items.length === 0) {
      result.issues.push(
        warningAt(
          document.file,
          policiesNode,
          'empty-scp-level',
          `level ${quoteToken(name)} has no policies, so it allows nothing: AWS requires at least one SCP on every root, OU and account`,
        ),
      );
    }
    result.levels.push({ name, span: spanOf(document, levelNode), policies: entries });
  }
  return result;
}

function readEntry(node: JsonNode, document: JsonDocument, issues: InputIssue[]): ScpPolicyEntry[] {
  if (node.kind !== 'object') return [];
  const name = stringValue(node, 'name') ?? '';
  const arn = stringValue(node, 'arn');
  const common = { name, ...(arn !== undefined ? { arn } : {}), span: spanOf(document, node) };
  const documentNode = findProperty(node, 'document')?.value;
  if (documentNode) {
    const parsed = parsePolicyDocumentNode(document, documentNode, {
      type: 'scp',
      name,
      ...(arn !== undefined ? { arn } : {}),
    });
    issues.push(...parsed.issues);
    return parsed.policy ? [{ kind: 'document', ...common, policy: parsed.policy }] : [];
  }
  const fileNode = findProperty(node, 'file')?.value;
  if (fileNode?.kind !== 'string') return [];
  return [{ kind: 'file', ...common, path: fileNode.value, pathSpan: spanOf(document, fileNode) }];
}

function stringValue(node: JsonObjectNode, key: string): string | undefined {
  const value = findProperty(node, key)?.value;
  return value?.kind === 'string' ? value.value : undefined;
}

function spanOf(document: JsonDocument, node: JsonNode): Span {
  return { file: document.file, line: node.line, column: node.column };
}
