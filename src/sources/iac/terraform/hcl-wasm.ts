import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createHclParser, type HclParser } from '../../../parse/index.js';

let shared: Promise<HclParser> | undefined;

/**
 * The HCL parser, made once per process from web-tree-sitter's runtime and the Terraform grammar, both WASM
 * files of installed packages: resolved from this module, the library in dist/lib or the CLI bundle in dist/.
 */
export function hclParser(): Promise<HclParser> {
  shared ??= (async () => {
    const require = createRequire(import.meta.url);
    const [runtime, grammar] = await Promise.all([
      readFile(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
      readFile(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')),
    ]);
    return createHclParser(runtime, grammar);
  })();
  return shared;
}
