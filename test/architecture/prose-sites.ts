// Where prose (a string literal or template of four words or more) enters a value of one of the given names:
// an argument pushed or added to a list of that name, or the value of a property or variable of that name.
// Used by the architecture tests that keep messages and findings data below cli/ and report/.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function proseIn(node: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child)) {
      if (wordCount(child.text) >= 4) found.push(child);
      return;
    }
    if (ts.isTemplateExpression(child)) {
      const text = [child.head.text, ...child.templateSpans.map((span) => span.literal.text)].join(' ');
      if (wordCount(text) >= 4) found.push(child);
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word)).length;
}

function nameOf(node: ts.Node): string | undefined {
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isStringLiteral(node)) return node.text;
  return undefined;
}

/** Every place prose enters a value named one of `names` in `text`, as line numbers. */
export function proseSites(text: string, names: ReadonlySet<string>, fileName = 'file.ts'): number[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  // A literal inside two named values (a fix's summary in `fixes`) is one site.
  const seen = new Set<ts.Node>();
  const report = (nodes: readonly ts.Node[]): void => {
    for (const node of nodes) {
      if (seen.has(node)) continue;
      seen.add(node);
      lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    }
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ['push', 'add', 'unshift'].includes(node.expression.name.text) &&
      names.has(nameOf(node.expression.expression) ?? '')
    )
      for (const argument of node.arguments) report(proseIn(argument));
    if (
      (ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node) || ts.isBinaryExpression(node)) &&
      names.has(nameOf(ts.isBinaryExpression(node) ? node.left : node.name) ?? '')
    ) {
      const value = ts.isBinaryExpression(node) ? node.right : node.initializer;
      if (value && (!ts.isBinaryExpression(node) || node.operatorToken.kind === ts.SyntaxKind.EqualsToken))
        report(proseIn(value));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines.sort((a, b) => a - b);
}

/** Every .ts file under `dir` (generated code left out), as absolute paths, sorted. */
export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    })
    .sort();
}
