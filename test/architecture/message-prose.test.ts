// Notes, assumptions, unresolved entries and what a denial depends on are data (model/notes.ts): below
// cli/ and report/ no sentence goes into them. Every src file outside those two layers is parsed with the
// TypeScript compiler; a string literal or template of four words or more anywhere in what is pushed or
// added to such a list, or in the value of a property or variable of that name, is a violation (file:line).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

const LISTS = new Set(['notes', 'assumptions', 'unresolved', 'dependsOn', 'assumption']);
const WORDED_LAYERS = new Set(['cli', 'report']);

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

/** Every place prose enters a note, assumption, unresolved entry or dependsOn in `text`, as line numbers. */
function proseSites(text: string, fileName = 'file.ts'): number[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const report = (nodes: readonly ts.Node[]): void => {
    for (const node of nodes) lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ['push', 'add', 'unshift'].includes(node.expression.name.text) &&
      LISTS.has(nameOf(node.expression.expression) ?? '')
    )
      for (const argument of node.arguments) report(proseIn(argument));
    if (
      (ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node) || ts.isBinaryExpression(node)) &&
      LISTS.has(nameOf(ts.isBinaryExpression(node) ? node.left : node.name) ?? '')
    ) {
      const value = ts.isBinaryExpression(node) ? node.right : node.initializer;
      if (value && (!ts.isBinaryExpression(node) || node.operatorToken.kind === ts.SyntaxKind.EqualsToken))
        report(proseIn(value));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    })
    .sort();
}

describe('notes, assumptions, unresolved entries and dependsOn are data below cli/ and report/', () => {
  it('no prose goes into them', () => {
    const violations = sourceFiles()
      .map((file) => relative(SRC, file).split(sep).join('/'))
      .filter((file) => !WORDED_LAYERS.has(file.split('/')[0]!))
      .flatMap((file) => proseSites(readFileSync(join(SRC, file), 'utf8'), file).map((line) => `src/${file}:${line}`));
    expect(violations).toEqual([]);
  });

  it('finds prose pushed, added or assigned, and lets codes and parameters through', () => {
    const planted = [
      "notes.push('the caller is the account root user');",
      'assumptions.push(`SCPs are assumed at ${level} and everywhere`);',
      "const unresolved = [message('x'), 'the model could not be expanded'];",
      "result.notes.add(message('code', { text: 'a sentence smuggled as a parameter' }));",
      "return { dependsOn: 'depending on the caller account' };",
      "notes.push(message('root-user', { policiesIgnored: true }));",
      "assumptions.push(message('region-from', { source, region: 'us-east-1' }));",
      "const notes = [message('expansion-note', { text })];",
    ].join('\n');
    expect(proseSites(planted)).toEqual([1, 2, 3, 4, 5]);
  });
});
