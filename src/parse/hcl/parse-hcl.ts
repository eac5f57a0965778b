import { Language, type Node, Parser } from 'web-tree-sitter';
import type { InputIssue } from '../../model/index.js';
import type { HclBlock, HclBody, HclExpression, HclRange, HclStep, HclTemplatePart } from './hcl-tree.js';

/** A parser for HCL2 (Terraform's grammar), made once from the two WASM files the caller reads. */
export interface HclParser {
  parse(text: string, file: string): HclParseResult;
  /**
   * A string's content read as an HCL template (`${…}` interpolations, `%{…}` directives), as the JSON
   * syntax reads its strings; undefined when it is not a valid template. Ranges are those of a one-line
   * wrapper: the caller places them.
   */
  template(content: string): HclExpression | undefined;
}

interface HclParseResult {
  /** Present unless the text has a syntax error. */
  readonly body?: HclBody;
  readonly issues: readonly InputIssue[];
}

let runtime: Promise<void> | undefined;

/**
 * `runtimeWasm` is web-tree-sitter's own web-tree-sitter.wasm, `grammarWasm` the Terraform grammar of
 * @tree-sitter-grammars/tree-sitter-hcl; passing the bytes keeps file access (and the bundle's paths) in sources.
 */
export async function createHclParser(runtimeWasm: Uint8Array, grammarWasm: Uint8Array): Promise<HclParser> {
  runtime ??= Parser.init({ wasmBinary: runtimeWasm });
  await runtime;
  const language = await Language.load(grammarWasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(text, file) {
      const tree = parser.parse(text);
      if (!tree) return { issues: [syntaxIssue(file, 1, 1, 'the HCL parser gave no result')] };
      try {
        const root = tree.rootNode;
        if (root.hasError) {
          const bad = firstError(root) ?? root;
          return {
            issues: [
              syntaxIssue(
                file,
                bad.startPosition.row + 1,
                bad.startPosition.column + 1,
                `HCL syntax error near ${JSON.stringify(bad.text.slice(0, 40))}`,
              ),
            ],
          };
        }
        const body = root.namedChildren.find((child) => child?.type === 'body');
        return { body: body ? readBody(body) : { attributes: [], blocks: [] }, issues: [] };
      } finally {
        tree.delete();
      }
    },
    template(content) {
      // A heredoc takes the text as it is: quotes inside interpolations need no escaping, unlike a quoted string.
      let marker = 'POLICY_CHECK_JSON_STRING';
      while (content.includes(marker)) marker += '_';
      const tree = parser.parse(`x = <<${marker}\n${content}\n${marker}\n`);
      if (!tree) return undefined;
      try {
        const body = tree.rootNode.hasError
          ? undefined
          : tree.rootNode.namedChildren.find((child) => child?.type === 'body');
        const value = body ? readBody(body).attributes[0]?.value : undefined;
        if (value?.kind !== 'template') return value;
        const { heredocLine: _line, ...template } = value;
        return { ...template, parts: withoutFinalNewline(template.parts) };
      } finally {
        tree.delete();
      }
    },
  };
}

/** The parts of a heredoc without the newline before its closing marker. */
function withoutFinalNewline(parts: readonly HclTemplatePart[]): HclTemplatePart[] {
  const last = parts[parts.length - 1];
  if (last?.kind !== 'text' || !last.text.endsWith('\n')) return [...parts];
  const text = last.text.slice(0, -1);
  return text === '' ? parts.slice(0, -1) : [...parts.slice(0, -1), { kind: 'text', text }];
}

function syntaxIssue(file: string, line: number, column: number, message: string): InputIssue {
  return { severity: 'error', file, line, column, message, code: 'hcl-syntax' };
}

function firstError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child?.hasError || child?.isMissing) return firstError(child) ?? child;
  }
  return undefined;
}

function rangeOf(node: Node): HclRange {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

const named = (node: Node): Node[] => node.namedChildren.filter((child): child is Node => child !== null);

function readBody(node: Node): HclBody {
  const attributes: HclBody['attributes'][number][] = [];
  const blocks: HclBlock[] = [];
  for (const child of named(node)) {
    if (child.type === 'attribute') {
      const [name, value] = named(child);
      if (name && value) attributes.push({ name: name.text, value: readExpression(value), range: rangeOf(child) });
    } else if (child.type === 'block') {
      blocks.push(readBlock(child));
    }
  }
  return { attributes, blocks };
}

function readBlock(node: Node): HclBlock {
  const children = named(node);
  const type = children[0]?.text ?? '';
  const labels: string[] = [];
  let body: HclBody = { attributes: [], blocks: [] };
  for (const child of children.slice(1)) {
    if (child.type === 'string_lit') labels.push(templateText(readTemplateParts(child, false)));
    else if (child.type === 'identifier') labels.push(child.text);
    else if (child.type === 'body') body = readBody(child);
  }
  return { type, labels, body, range: rangeOf(node) };
}

function templateText(parts: readonly HclTemplatePart[]): string {
  return parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
}

function readExpression(node: Node): HclExpression {
  const base = { range: rangeOf(node), source: node.text };
  switch (node.type) {
    case 'expression': {
      const children = named(node);
      const first = children[0];
      if (!first) return { ...base, kind: 'unsupported' };
      const steps = children.slice(1).flatMap(readSteps);
      if (first.type === 'variable_expr') {
        return { ...base, kind: 'traversal', root: named(first)[0]?.text ?? first.text, steps };
      }
      const target = readExpression(first);
      if (steps.length === 0) return { ...target, range: base.range, source: base.source };
      return { ...base, kind: 'access', target, steps };
    }
    case 'variable_expr':
      return { ...base, kind: 'traversal', root: named(node)[0]?.text ?? node.text, steps: [] };
    case 'literal_value':
      return readLiteral(named(node)[0] ?? node, base);
    case 'template_expr': {
      const inner = named(node)[0];
      if (!inner) return { ...base, kind: 'unsupported' };
      if (inner.type === 'heredoc_template') return readHeredoc(inner, base);
      return { ...base, kind: 'template', parts: readTemplateParts(inner, false) };
    }
    case 'collection_value':
      return readExpression(named(node)[0] ?? node);
    case 'tuple':
      return {
        ...base,
        kind: 'tuple',
        items: named(node)
          .filter((c) => c.type === 'expression')
          .map(readExpression),
      };
    case 'object':
      return {
        ...base,
        kind: 'object',
        items: named(node)
          .filter((c) => c.type === 'object_elem')
          .map((elem) => {
            const [key, value] = named(elem);
            return { key: readExpression(key!), value: readExpression(value!) };
          }),
      };
    case 'function_call': {
      const [name, args] = named(node);
      const argNodes = args ? named(args) : [];
      return {
        ...base,
        kind: 'call',
        name: name?.text ?? '',
        args: argNodes.filter((c) => c.type === 'expression').map(readExpression),
        expand: argNodes.some((c) => c.type === 'ellipsis'),
      };
    }
    case 'conditional': {
      const [condition, whenTrue, whenFalse] = named(node).map(readExpression);
      return { ...base, kind: 'conditional', condition: condition!, whenTrue: whenTrue!, whenFalse: whenFalse! };
    }
    case 'operation':
      return readExpression(named(node)[0] ?? node);
    case 'unary_operation': {
      const operand = named(node)[0];
      return { ...base, kind: 'unary', operator: node.child(0)?.text ?? '', operand: readExpression(operand!) };
    }
    case 'binary_operation': {
      const [left, right] = named(node);
      const operator = node.children.find((c) => c !== null && !c.isNamed)?.text ?? '';
      return { ...base, kind: 'binary', operator, left: readExpression(left!), right: readExpression(right!) };
    }
    case 'for_expr':
      return readFor(named(node)[0] ?? node, base);
    default:
      // A parenthesised expression arrives as its inner expression with the parentheses around it.
      if (node.childCount === 3 && node.child(0)?.text === '(') return readExpression(node.child(1)!);
      return { ...base, kind: 'unsupported' };
  }
}

function readLiteral(node: Node, base: { range: HclRange; source: string }): HclExpression {
  switch (node.type) {
    case 'numeric_lit':
      return { ...base, kind: 'literal', value: Number(node.text) };
    case 'bool_lit':
      return { ...base, kind: 'literal', value: node.text === 'true' };
    case 'null_lit':
      return { ...base, kind: 'literal', value: null };
    case 'string_lit':
      return { ...base, kind: 'template', parts: readTemplateParts(node, false) };
    default:
      return { ...base, kind: 'unsupported' };
  }
}

function readSteps(node: Node): HclStep[] {
  switch (node.type) {
    case 'get_attr':
      return [{ kind: 'attr', name: named(node)[0]?.text ?? '' }];
    case 'index': {
      const inner = named(node)[0];
      if (inner?.type === 'legacy_index') return [{ kind: 'index', index: legacyIndex(inner) }];
      const expression = inner ? named(inner)[0] : undefined;
      return expression ? [{ kind: 'index', index: readExpression(expression) }] : [];
    }
    case 'splat':
      return [{ kind: 'splat' }, ...named(named(node)[0] ?? node).flatMap(readSteps)];
    default:
      return [];
  }
}

/** `x.0`: the old index form. */
function legacyIndex(node: Node): HclExpression {
  const digits = node.text.replace(/^\./, '');
  return { range: rangeOf(node), source: digits, kind: 'literal', value: Number(digits) };
}

function readFor(node: Node, base: { range: HclRange; source: string }): HclExpression {
  const children = named(node);
  const intro = children.find((c) => c.type === 'for_intro');
  const names = intro ? named(intro).filter((c) => c.type === 'identifier') : [];
  const collection = intro ? named(intro).find((c) => c.type === 'expression') : undefined;
  const expressions = children.filter((c) => c.type === 'expression');
  const condition = children.find((c) => c.type === 'for_cond');
  const object = node.type === 'for_object_expr';
  const valueName = names.length === 2 ? names[1]!.text : (names[0]?.text ?? '');
  if (!collection || expressions.length < (object ? 2 : 1)) return { ...base, kind: 'unsupported' };
  const conditionExpression = condition ? named(condition)[0] : undefined;
  return {
    ...base,
    kind: 'for',
    object,
    ...(names.length === 2 ? { keyName: names[0]!.text } : {}),
    valueName,
    collection: readExpression(collection),
    ...(object ? { key: readExpression(expressions[0]!) } : {}),
    value: readExpression(expressions[object ? 1 : 0]!),
    ...(conditionExpression ? { condition: readExpression(conditionExpression) } : {}),
    group: children.some((c) => c.type === 'ellipsis'),
  };
}

function readTemplateParts(node: Node, heredoc: boolean): HclTemplatePart[] {
  const parts: HclTemplatePart[] = [];
  for (const child of named(node)) {
    if (child.type === 'template_literal') parts.push({ kind: 'text', text: decodeEscapes(child.text, heredoc) });
    else if (child.type === 'template_interpolation') {
      const expression = named(child).find((c) => c.type === 'expression');
      if (expression) parts.push({ kind: 'interpolation', expression: readExpression(expression) });
    } else if (child.type === 'template_directive') parts.push({ kind: 'directive', text: child.text });
  }
  return parts;
}

/**
 * A heredoc's content is taken from the source text between its two markers, not from the grammar's literal
 * nodes, which leave out leading blanks: indentation matters to `<<-` and lines to positions.
 */
function readHeredoc(node: Node, base: { range: HclRange; source: string }): HclExpression {
  const indented = node.children.some((c) => c?.type === 'heredoc_start' && c.text === '<<-');
  const markers = node.children.filter((c): c is Node => c?.type === 'heredoc_identifier');
  const whole = node.text;
  const origin = node.startIndex;
  const open = markers[0];
  const close = markers[markers.length - 1];
  if (!open || !close || open === close) return { ...base, kind: 'unsupported' };
  const start = whole.indexOf('\n', open.endIndex - origin) + 1;
  const end = close.startIndex - origin;
  const parts: HclTemplatePart[] = [];
  let at = start;
  for (const child of named(node)) {
    if (child.type !== 'template_interpolation' && child.type !== 'template_directive') continue;
    const from = child.startIndex - origin;
    if (from < start || from >= end) continue;
    if (from > at) parts.push({ kind: 'text', text: decodeEscapes(whole.slice(at, from), true) });
    if (child.type === 'template_directive') parts.push({ kind: 'directive', text: child.text });
    else {
      const expression = named(child).find((c) => c.type === 'expression');
      if (expression) parts.push({ kind: 'interpolation', expression: readExpression(expression) });
    }
    at = child.endIndex - origin;
  }
  // The blanks before the closing marker belong to its line, not to the content.
  const tail = whole.slice(at, end).replace(/[ \t]+$/, '');
  if (tail !== '') parts.push({ kind: 'text', text: decodeEscapes(tail, true) });
  return { ...base, kind: 'template', parts: indented ? stripIndent(parts) : parts, heredocLine: base.range.line + 1 };
}

/** `<<-`: the smallest indentation of the non-blank lines is removed from each line. */
function stripIndent(parts: readonly HclTemplatePart[]): HclTemplatePart[] {
  let smallest = Number.POSITIVE_INFINITY;
  let atLineStart = true;
  for (const part of parts) {
    if (part.kind !== 'text') {
      atLineStart = false;
      continue;
    }
    const lines = part.text.split('\n');
    lines.forEach((line, i) => {
      if (i === 0 && !atLineStart) return;
      const indent = line.length - line.trimStart().length;
      if (line.trim() !== '' || (i === lines.length - 1 && parts.indexOf(part) < parts.length - 1))
        smallest = Math.min(smallest, indent);
    });
    atLineStart = part.text.endsWith('\n');
  }
  if (!Number.isFinite(smallest) || smallest === 0) return [...parts];
  atLineStart = true;
  return parts.map((part) => {
    if (part.kind !== 'text') {
      atLineStart = false;
      return part;
    }
    const text = part.text
      .split('\n')
      .map((line, i) =>
        i === 0 && !atLineStart ? line : line.slice(Math.min(smallest, line.length - line.trimStart().length)),
      )
      .join('\n');
    atLineStart = part.text.endsWith('\n');
    return { kind: 'text', text };
  });
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function decodeEscapes(text: string, heredoc: boolean): string {
  const marked = text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  if (heredoc) return marked;
  return marked.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (whole, sequence: string) => {
    if (sequence.length > 1) return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
    return ESCAPES[sequence] ?? whole;
  });
}
