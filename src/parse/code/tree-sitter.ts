import { Language, type Node, Parser } from 'web-tree-sitter';
import type { InputIssue, Span } from '../../model/index.js';

export type { Node as SyntaxNode } from 'web-tree-sitter';

/** The grammars code is parsed with; `tsx` also reads `.jsx`-style TypeScript. */
export type CodeLanguage = 'python' | 'typescript' | 'tsx' | 'javascript';

/** The WASM binaries of the tree-sitter runtime and of each grammar (read by sources/, never here). */
export type GrammarBinaries = { readonly runtime: Uint8Array } & Readonly<Record<CodeLanguage, Uint8Array>>;

export interface Grammars {
  /** The syntax tree of `text`, and an issue when tree-sitter had to recover from a syntax error. */
  parse(file: string, language: CodeLanguage, text: string): { root: Node; issues: InputIssue[]; done(): void };
}

let runtime: Promise<void> | undefined;

/**
 * Loads the grammars from their WASM binaries. The runtime is initialised once per process (web-tree-sitter
 * keeps it in module state); each call gets its own languages and parser.
 */
export async function loadGrammars(binaries: GrammarBinaries): Promise<Grammars> {
  runtime ??= Parser.init({ wasmBinary: binaries.runtime });
  await runtime;
  const entries = await Promise.all(
    (['python', 'typescript', 'tsx', 'javascript'] as const).map(
      async (language) => [language, await Language.load(binaries[language])] as const,
    ),
  );
  const languages = new Map<CodeLanguage, Language>(entries);
  const parser = new Parser();
  return {
    parse(file, language, text) {
      parser.setLanguage(languages.get(language) ?? null);
      const tree = parser.parse(text);
      if (!tree) throw new Error(`tree-sitter returned no tree for ${file}`);
      const root = tree.rootNode;
      const issues: InputIssue[] = [];
      if (root.hasError) {
        const error = firstError(root);
        const at = spanOf(file, error ?? root);
        issues.push({
          severity: 'warning',
          file,
          line: at.line,
          column: at.column,
          code: 'code-syntax',
          message: `${language} syntax error: the rest of the file is read as far as the parser could recover`,
        });
      }
      return { root, issues, done: () => tree.delete() };
    },
  };
}

function firstError(node: Node): Node | undefined {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const child of node.children) {
    if (child?.hasError) return firstError(child) ?? child;
  }
  return undefined;
}

/** Where a node is written: 1-based line and column, with its exclusive end. */
export function spanOf(file: string, node: Node): Span {
  return {
    file,
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** Every node under `root` (itself included) in document order. */
export function* descendants(root: Node): Generator<Node> {
  const cursor = root.walk();
  let descending = true;
  while (true) {
    if (descending) {
      yield cursor.currentNode;
      if (cursor.gotoFirstChild()) continue;
    }
    if (cursor.gotoNextSibling()) {
      descending = true;
      continue;
    }
    if (!cursor.gotoParent()) break;
    descending = false;
  }
  cursor.delete();
}
