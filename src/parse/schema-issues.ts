import type { ErrorObject } from 'ajv';
import type { InputIssue } from '../model/index.js';
import { explainUnknownOperator } from './condition-operators.js';
import { errorAt } from './issue-factory.js';
import {
  describePath,
  findProperty,
  kindWithArticle,
  pointerSegments,
  resolvePointer,
  type JsonNode,
  type NodeLocation,
  type PointerTarget,
} from './json-tree.js';
import { actionProblem, arnProblem, resourceProblem } from './policy-strings.js';
import { lookalikeNote } from './lookalike-characters.js';
import { quoteToken } from './quote-token.js';
import { suggestName } from './suggest-name.js';

export interface SchemaIssueContext {
  readonly file: string;
  /** The node that was validated; ajv's instancePath is relative to it. */
  readonly root: JsonNode;
  /** How to name the root in messages, e.g. "the policy document". */
  readonly rootName: string;
  /** What the document is, for rules that depend on it, e.g. "an identity-based policy". */
  readonly documentKind: string;
}

interface Described {
  readonly at: NodeLocation;
  readonly code: string;
  readonly message: string;
}

/** Turns ajv errors into issues that point at the offending node, phrased for people. */
export function schemaIssues(errors: readonly ErrorObject[], context: SchemaIssueContext): InputIssue[] {
  const issues = new Map<string, InputIssue>();
  for (const error of relevantErrors(errors)) {
    const target = resolvePointer(context.root, error.instancePath);
    if (!target) continue;
    const described = describe(error, target, pointerSegments(error.instancePath), context);
    const note =
      described.code === 'unknown-condition-operator' ? '' : lookalikeNote(offendingText(error, target.node));
    const issue = errorAt(context.file, described.at, described.code, described.message + note);
    issues.set(`${issue.line}:${issue.column}:${issue.message}`, issue);
  }
  return [...issues.values()];
}

/** The text an error is about (a property name or a string value), to point out a lookalike character in it. */
function offendingText(error: ErrorObject, node: JsonNode): string | undefined {
  if (error.keyword === 'additionalProperties') return String(error.params.additionalProperty);
  if (error.propertyName !== undefined) return error.propertyName;
  return error.keyword === 'pattern' || error.keyword === 'enum'
    ? node.kind === 'string'
      ? node.value
      : undefined
    : undefined;
}

/**
 * Drops errors that only restate another: `if` (its branch reports the cause), the outer
 * `propertyNames` (the inner error names the property), the branches of a `oneOf` (the `oneOf`
 * itself says what is missing or conflicting), and anything else said of a node of the wrong type.
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfs = errors.filter((error) => error.keyword === 'oneOf');
  const wrongType = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  return errors.filter(
    (error) =>
      error.keyword !== 'if' &&
      error.keyword !== 'propertyNames' &&
      (error.keyword === 'type' || !wrongType.has(error.instancePath)) &&
      !oneOfs.some(
        (oneOf) => oneOf.instancePath === error.instancePath && error.schemaPath.startsWith(`${oneOf.schemaPath}/`),
      ),
  );
}

function describe(
  error: ErrorObject,
  target: PointerTarget,
  segments: string[],
  context: SchemaIssueContext,
): Described {
  const where = segments.length === 0 ? context.rootName : describePath(segments);
  const node = target.node;
  switch (error.keyword) {
    case 'required':
      return {
        at: node,
        code: 'missing-element',
        message: `${where} is missing ${quote(String(error.params.missingProperty))}`,
      };
    case 'additionalProperties':
      return unknownElement(String(error.params.additionalProperty), node, where, error);
    case 'false schema':
      return elementNotAllowed(segments.at(-1) ?? '', target, context);
    case 'type':
      return {
        at: node,
        code: 'invalid-type',
        message: `${where} must be ${typePhrase(error.params.type)}, found ${kindWithArticle(node)}`,
      };
    case 'enum':
      return invalidEnumValue(node, where, segments.at(-1), error.params.allowedValues);
    case 'minItems':
      return { at: node, code: 'empty-list', message: `${where} must not be empty` };
    case 'oneOf':
      return exclusiveChoice(ruleName(error), node, where, error.params.passingSchemas !== null);
    case 'pattern':
      return malformedText(ruleName(error), target, where, error.propertyName);
    default:
      return { at: node, code: 'invalid-structure', message: `${where} ${error.message ?? 'is invalid'}` };
  }
}

/** The `$defs` entry a keyword belongs to: `#/$defs/actionString/pattern` → `actionString`. */
function ruleName(error: ErrorObject): string {
  return /#\/\$defs\/([^/]+)\//.exec(error.schemaPath)?.[1] ?? '';
}

function unknownElement(name: string, node: JsonNode, where: string, error: ErrorObject): Described {
  const property = node.kind === 'object' ? findProperty(node, name) : undefined;
  const allowed = allowedElements(error.parentSchema);
  const suggestion = suggestName(name, allowed);
  const hint = suggestion
    ? suggestion.toLowerCase() === name.toLowerCase()
      ? `: element names are case-sensitive, write ${quote(suggestion)}`
      : `: did you mean ${quote(suggestion)}?`
    : allowed.length > 0
      ? ` (expected ${allowed.map(quote).join(', ')})`
      : '';
  return {
    at: property?.keyNode ?? node,
    code: 'unknown-element',
    message: `unknown element ${quote(name)} in ${where}${hint}`,
  };
}

function allowedElements(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null || !('properties' in schema)) return [];
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties)
    .filter(([name, rule]) => rule !== false && name !== '$schema')
    .map(([name]) => name);
}

function elementNotAllowed(name: string, target: PointerTarget, context: SchemaIssueContext): Described {
  const at = target.property?.keyNode ?? target.node;
  // An endpoint policy names its principals in Principal, which it must contain (PrivateLink's endpoint policy page).
  if (name === 'NotPrincipal' && context.documentKind === 'a VPC endpoint policy') {
    return {
      at,
      code: 'principal-not-allowed',
      message: `${quote(name)} is not allowed in ${context.documentKind}: name the principals in "Principal"`,
    };
  }
  if (name === 'Principal' || name === 'NotPrincipal') {
    return {
      at,
      code: 'principal-not-allowed',
      message: `${quote(name)} is not allowed in ${context.documentKind}: Principal and NotPrincipal belong in resource-based policies and role trust policies`,
    };
  }
  return { at, code: 'element-not-allowed', message: `${quote(name)} is not allowed in ${context.documentKind}` };
}

function invalidEnumValue(
  node: JsonNode,
  where: string,
  element: string | undefined,
  allowedValues: unknown,
): Described {
  const allowed = Array.isArray(allowedValues) ? allowedValues.map(String) : [];
  const found = node.kind === 'string' ? node.value : undefined;
  const caseHint =
    found !== undefined && allowed.some((value) => value.toLowerCase() === found.toLowerCase())
      ? ' (values are case-sensitive)'
      : '';
  const code = element === 'Effect' ? 'invalid-effect' : element === 'Version' ? 'invalid-version' : 'invalid-value';
  return {
    at: node,
    code,
    message: `${where} must be ${orList(allowed.map(quote))}, found ${found !== undefined ? quote(found) : kindWithArticle(node)}${caseHint}`,
  };
}

/** The schema's `oneOf` rules: exactly one of two elements, and what choosing means. */
const EXCLUSIVE_CHOICES: Readonly<Record<string, readonly [string, string, string]>> = {
  actionOrNotAction: ['Action', 'NotAction', ''],
  resourceOrNotResource: ['Resource', 'NotResource', ''],
  documentOrFile: ['document', 'file', ' (an inline policy, or the path of a policy file)'],
};

function exclusiveChoice(rule: string, node: JsonNode, where: string, bothPresent: boolean): Described {
  const choice = EXCLUSIVE_CHOICES[rule];
  if (!choice)
    return { at: node, code: 'invalid-structure', message: `${where} does not match exactly one allowed form` };
  const [first, second, purpose] = choice;
  return bothPresent
    ? {
        at: node,
        code: 'conflicting-elements',
        message: `${where} cannot contain both ${quote(first)} and ${quote(second)}`,
      }
    : {
        at: node,
        code: 'missing-element',
        message: `${where} must contain ${quote(first)} or ${quote(second)}${purpose}`,
      };
}

function malformedText(
  rule: string,
  target: PointerTarget,
  where: string,
  propertyName: string | undefined,
): Described {
  const property =
    propertyName !== undefined && target.node.kind === 'object' ? findProperty(target.node, propertyName) : undefined;
  const at = property?.keyNode ?? target.node;
  const text = propertyName ?? (target.node.kind === 'string' ? target.node.value : '');
  switch (rule) {
    case 'sid':
      return {
        at,
        code: 'invalid-sid',
        message: `Sid ${quote(text)} may contain only ASCII letters and digits (A-Z, a-z, 0-9)`,
      };
    case 'actionString':
      return {
        at,
        code: 'invalid-action',
        message: `malformed action ${quote(text)}: ${actionProblem(text) ?? 'expected "*" or "service:action"'}`,
      };
    case 'resourceString':
      return {
        at,
        code: 'invalid-resource',
        message: `malformed resource ${quote(text)}: ${resourceProblem(text) ?? 'expected "*" or an ARN'}`,
      };
    case 'conditionOperatorName':
      return { at, code: 'unknown-condition-operator', message: explainUnknownOperator(text) };
    case 'conditionKeyName':
      return {
        at,
        code: 'invalid-condition-key',
        message: `condition key ${quote(text)} must start with a service prefix and a colon, e.g. "aws:SourceIp"`,
      };
    case 'arn':
      return {
        at,
        code: 'invalid-arn',
        message: `malformed ARN ${quote(text)}: ${arnProblem(text) ?? 'expected arn:partition:service:region:account:resource'}`,
      };
    case 'nonEmptyText':
      return { at, code: 'empty-value', message: `${where} must not be empty` };
    default:
      return { at, code: 'invalid-value', message: `${where} has an invalid value ${quote(text)}` };
  }
}

function typePhrase(type: unknown): string {
  const types = (Array.isArray(type) ? type.map(String) : String(type).split(',')).map((name) =>
    name === 'object' || name === 'array' ? `an ${name}` : `a ${name}`,
  );
  return orList(types);
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function quote(text: string): string {
  return quoteToken(text);
}
