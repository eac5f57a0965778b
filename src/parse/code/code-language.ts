import type { CodeLanguage } from './tree-sitter.js';

const BY_EXTENSION: Readonly<Record<string, CodeLanguage>> = {
  py: 'python',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
};

/** The grammar a code file is parsed with, by its extension; undefined for other files (and `.d.ts`). */
export function codeLanguageOf(path: string): CodeLanguage | undefined {
  if (/\.d\.[cm]?ts$/.test(path)) return undefined;
  return BY_EXTENSION[path.slice(path.lastIndexOf('.') + 1)];
}
