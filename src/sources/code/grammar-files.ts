import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GrammarBinaries } from '../../parse/code/tree-sitter.js';

/** Each WASM file: the package that ships it and its path there. The build copies them to dist/wasm/. */
export const GRAMMAR_FILES = {
  runtime: ['web-tree-sitter', 'web-tree-sitter.wasm'],
  python: ['tree-sitter-python', 'tree-sitter-python.wasm'],
  typescript: ['tree-sitter-typescript', 'tree-sitter-typescript.wasm'],
  tsx: ['tree-sitter-typescript', 'tree-sitter-tsx.wasm'],
  javascript: ['tree-sitter-javascript', 'tree-sitter-javascript.wasm'],
} as const satisfies Record<keyof GrammarBinaries, readonly [string, string]>;

/**
 * Where each WASM file is: `wasm/` beside the running module (the CLI bundle, dist/cli.cjs, has dist/wasm/),
 * else in the package that ships it, resolved from the module as Node resolves it (the sources and
 * dist/lib/). `moduleUrl` is this module's URL; tests pass another.
 */
export function grammarFilePaths(moduleUrl: string = import.meta.url): Record<keyof GrammarBinaries, string> {
  const here = dirname(fileURLToPath(moduleUrl));
  const require = createRequire(moduleUrl);
  const locate = ([pkg, file]: readonly [string, string]) => {
    const beside = join(here, 'wasm', file);
    if (existsSync(beside)) return beside;
    try {
      return require.resolve(`${pkg}/${file}`);
    } catch {
      throw new Error(
        `${file} was found neither in ${join(here, 'wasm')} nor in the ${pkg} package: reinstall policy-check`,
      );
    }
  };
  return Object.fromEntries(
    Object.entries(GRAMMAR_FILES).map(([name, location]) => [name, locate(location)]),
  ) as Record<keyof GrammarBinaries, string>;
}

let binaries: Promise<GrammarBinaries> | undefined;

/** The WASM binaries the code readers parse with, read once per process. */
export function grammarBinaries(): Promise<GrammarBinaries> {
  binaries ??= (async () => {
    const paths = grammarFilePaths();
    const entries = await Promise.all(
      Object.entries(paths).map(async ([name, path]) => [name, new Uint8Array(await readFile(path))] as const),
    );
    return Object.fromEntries(entries) as unknown as GrammarBinaries;
  })();
  return binaries;
}
