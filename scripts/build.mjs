// Builds the library (tsc → dist/lib) and the one-file CLI bundle (esbuild → dist/cli.cjs) with its
// V8 code cache, so that a one-shot run starts close to bare Node.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// string-width creates an Intl.Segmenter when it loads, which costs a one-shot run more than all of
// its own work (ICU data); yargs needs it only to lay out --help, so create it on first use.
const lazySegmenter = {
  name: 'lazy-intl-segmenter',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // The RGI_Emoji property set is as costly to compile, and is only ever used through .test().
      const contents = source
        .replace(
          /const segmenter = new Intl\.Segmenter\(\);/,
          () =>
            'let realSegmenter; const segmenter = { segment: (text) => (realSegmenter ??= new Intl.Segmenter()).segment(text) };',
        )
        .replace(
          /const rgiEmojiRegex = \/\^\\p\{RGI_Emoji\}\$\/v;/,
          () =>
            'let realRgiEmojiRegex; const rgiEmojiRegex = { test: (text) => (realRgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(text) };',
        );
      return { contents, loader: 'js' };
    });
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

// Rule ids first: they are written into schemas/, which the validators are compiled from.
execFileSync(process.execPath, [join(root, 'scripts', 'generate-rule-ids.mjs')], { stdio: 'inherit', cwd: root });

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
  // Keeps /v regular expressions as literals, which V8 compiles on first use rather than at load.
  target: 'node22',
  format: 'cjs',
  // jsonc-parser's "main" is a UMD build whose dynamic requires a bundle cannot follow.
  mainFields: ['module', 'main'],
  minify: process.env.POLICY_CHECK_UNMINIFIED !== '1',
  legalComments: 'linked',
  // yargs is ESM and reads import.meta.url; in the CommonJS bundle that is the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl=require('node:url').pathToFileURL(__filename).href;" },
  alias: { assert: join(root, 'scripts', 'assert-lite.cjs') },
  plugins: [lazySegmenter],
  logLevel: 'warning',
});

// Run the CLI once so V8 records the compiled code; the bin loader reads it back on every start.
// Exit code 1 is a finding about the sample policy, not a failed build; 2 or more is.
const warmup = spawnSync(
  process.execPath,
  [
    join(root, 'bin', 'policy-check.cjs'),
    join(root, 'policies-examples', 'allowed-foundation-model', 'policy.json'),
    '--model',
    'anthropic.claude-3-haiku-20240307-v1:0',
    '--format',
    'json',
  ],
  {
    cwd: root,
    env: { ...process.env, POLICY_CHECK_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (warmup.error) throw warmup.error;
if (warmup.status !== 0 && warmup.status !== 1)
  throw new Error(`the CLI exited with ${warmup.status ?? warmup.signal} on the sample policy`);
