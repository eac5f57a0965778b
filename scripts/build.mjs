// Builds the library (tsc → dist/lib) and the one-file CLI bundle (esbuild → dist/cli.cjs) with its
// V8 code cache, so that a one-shot run starts close to bare Node.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

const generator = join(root, 'scripts', 'generate-validators.mjs');
if (existsSync(generator)) execFileSync(process.execPath, [generator], { stdio: 'inherit', cwd: root });

execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
  cwd: root,
});

await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile: join(dist, 'cli.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's "main" is a UMD build whose dynamic requires a bundle cannot follow.
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'linked',
  // yargs is ESM and reads import.meta.url; in the CommonJS bundle that is the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl=require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// Run the CLI once so V8 records the compiled code; the bin loader reads it back on every start.
execFileSync(process.execPath, [join(root, 'bin', 'policy-check.cjs'), '--version'], {
  cwd: root,
  env: { ...process.env, POLICY_CHECK_WRITE_CODE_CACHE: '1' },
  stdio: 'ignore',
});
