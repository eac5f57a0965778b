// The esbuild options that decide how the CLI bundle resolves and wraps its modules: scripts/build.mjs builds
// dist/cli.cjs with them, and test/sources/code/grammar-files.test.ts bundles the code checker the same way.
import { join } from 'node:path';

/** Declares `__bundle.url`, what import.meta.url becomes in a bundle (`require` and `__filename` in scope). */
export const BUNDLE_URL =
  "const __bundle={get url(){return this.href??=require('node:url').pathToFileURL(__filename).href}};";

export function bundleOptions(root) {
  return {
    bundle: true,
    platform: 'node',
    // Keeps /v regular expressions as literals, which V8 compiles on first use rather than at load.
    target: 'node22',
    format: 'cjs',
    // jsonc-parser's "main" is a UMD build whose dynamic requires a bundle cannot follow.
    mainFields: ['module', 'main'],
    // yargs is ESM and reads import.meta.url; in the CommonJS bundle that is the bundle's own URL, made when first
    // read (BUNDLE_URL): the first pathToFileURL costs a one-shot run about 0.2 ms, and a check never reads it.
    define: { 'import.meta.url': '__bundle.url' },
    // The bundle is the CommonJS wrapper function itself, which bin/policy-check.cjs compiles as is: wrapping
    // it at run time would copy all of its text once more (see BUNDLE_PARAMETERS there).
    banner: {
      js: `(function (exports, require, module, __filename, __dirname) {${BUNDLE_URL}`,
    },
    footer: { js: '})' },
    alias: {
      assert: join(root, 'scripts', 'assert-lite.cjs'),
      // The ES module build of web-tree-sitter loads node:module with import(), which a script compiled by
      // vm.Script (bin/policy-check.cjs) cannot do; its CommonJS build uses require().
      'web-tree-sitter': join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.cjs'),
    },
  };
}
