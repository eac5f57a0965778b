// Builds the library (tsc → dist/lib) and the one-file CLI bundle (esbuild → dist/cli.cjs) with its
// V8 code cache, so that a one-shot run starts close to bare Node.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.mjs';
import { catalogLinesPlugin, writeCatalogLines } from './catalog-lines.mjs';
import { buildModulesApart } from './modules-apart.mjs';

// What a one-shot check of policy files never runs, each bundled into a file of its own (scripts/modules-apart.mjs).
const APART_MODULES = [
  { source: 'src/cli/run-iac.ts', file: 'iac.cjs' },
  { source: 'src/cli/run-scan.ts', file: 'scan.cjs' },
  { source: 'src/cli/run-diff.ts', file: 'diff.cjs' },
  // The validators of snapshots, SCP levels, IaC configurations and VPC endpoint policies: two-thirds of the
  // generated validation code, which a check of policy files never runs.
  { source: 'src/parse/generated/other-schema-validators.ts', file: 'validators.cjs' },
  { source: 'src/cli/run-explain.ts', file: 'explain.cjs' },
  // Report formats other than the check's text and JSON: each is loaded when a run writes it.
  ...[
    'diff-json',
    'diff-markdown',
    'diff-text',
    'explain',
    'iac-github',
    'iac-json',
    'iac-markdown',
    'iac-sarif',
    'iac-text',
    'markdown',
    'matrix-html',
    'matrix-json',
    'matrix-markdown',
    'matrix-sarif',
    'matrix-text',
    'sarif',
  ].map((name) => ({ source: `src/report/${name}.ts`, file: `report-${name}.cjs` })),
];

/**
 * Rewrites a dependency's source while bundling. Each replacement must match exactly once (or, marked
 * `ifPresent`, at most once): a new version of the dependency that no longer has the text fails the build
 * rather than silently losing the fix.
 */
function patchSource(name, filter, replacements) {
  return {
    name,
    setup(builder) {
      builder.onLoad({ filter }, async (args) => {
        let contents = await readFile(args.path, 'utf8');
        for (const [pattern, replacement, { ifPresent = false } = {}] of replacements) {
          const found = contents.split(pattern).length - 1;
          if (found > 1 || (found === 0 && !ifPresent))
            throw new Error(`${name}: expected "${pattern}" once in ${args.path}, found it ${found} times`);
          contents = contents.replace(pattern, () => replacement);
        }
        return { contents, loader: 'js' };
      });
    },
  };
}

// yargs lays out help text with cliui and string-width, whose modules build large Unicode tables and regular
// expressions when they load; a run that shows no help should not pay for them. Its shim also creates the
// stdout stream when it loads, for the terminal width only help needs. (A require() of an ES module makes
// esbuild initialise it on first call; for cliui that is the function itself, as its `module.exports` export asks.)
const lazyHelpLayout = patchSource('lazy-help-layout', /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/, [
  // node:module loads Node's ES module loader (~0.3 ms), for createRequire only: loaded on first use.
  [
    "import { createRequire } from 'node:module';",
    "const createRequire = (url) => process.getBuiltinModule('node:module').createRequire(url);",
  ],
  // A require function for configuration files, which policy-check never has yargs read: made on first use.
  ['const require = createRequire(import.meta.url);', 'const require = (id) => createRequire(import.meta.url)(id);'],
  // The bundle's folder: where yargs would look for a package.json (package configuration, a version guess),
  // which policy-check never has it do, and y18n's locale folder, which it never reads (noLocaleFiles) nor writes
  // (updateFiles: false). Found when asked for, not at load.
  [
    "const __dirname = fileURLToPath(import.meta.url);\nconst mainFilename = __dirname.substring(0, __dirname.lastIndexOf('node_modules'));",
    'const bundleFolder = () => fileURLToPath(import.meta.url);',
  ],
  [
    '  mainFilename: mainFilename || process.cwd(),',
    "  get mainFilename() { const folder = bundleFolder(); return folder.substring(0, folder.lastIndexOf('node_modules')) || process.cwd(); },",
  ],
  ["    directory: resolve(__dirname, '../../../locales'),\n", ''],
  ["import cliui from 'cliui'", "const cliui = (options) => require('cliui')(options)"],
  ["import stringWidth from 'string-width';", "const stringWidth = (text) => require('string-width').default(text);"],
  [
    "stdColumns: typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null",
    "get stdColumns() { return typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null }",
  ],
]);

// yargs-parser makes a require function at load for configuration files, which policy-check never has it read
// (and loads node:module for it);
// jsonc-parser builds 1,200 indentation strings at load for its formatter, which only a fix's edit uses. Each
// cost a one-shot run over a millisecond: made on first use instead.
const lazyParserRequire = patchSource('lazy-parser-require', /[\\/]yargs-parser[\\/]build[\\/]lib[\\/]index\.js$/, [
  [
    "import { createRequire } from 'node:module';",
    "const createRequire = (url) => process.getBuiltinModule('node:module').createRequire(url);",
  ],
  [
    'const require = createRequire ? createRequire(import.meta.url) : undefined;',
    'const require = createRequire ? (path) => createRequire(import.meta.url)(path) : undefined;',
  ],
]);
const lazyIndentStrings = patchSource(
  'lazy-indent-strings',
  /[\\/]jsonc-parser[\\/]lib[\\/]esm[\\/]impl[\\/]string-intern\.js$/,
  [
    ['export const cachedBreakLinesWithSpaces = {', 'let breakLines;\nconst allBreakLines = () => (breakLines ??= {'],
    [
      '    }\n};\nexport const supportedEols',
      "    }\n});\nexport const cachedBreakLinesWithSpaces = { get ' '() { return allBreakLines()[' ']; }, get '\\t'() { return allBreakLines()['\\t']; } };\nexport const supportedEols",
    ],
  ],
);

// After running a command other than the default one, yargs renders that command's whole help text and keeps
// it, in case the program shows help later (showHelp() after parsing, or a failure without a fail handler).
// policy-check never does either: its fail handler throws a one-line error and help is only shown for
// --help, which yargs renders before any command runs. Rendering it cost `policy-check check …` about as
// much as the rest of the run.
const noHelpCacheAfterCommand = patchSource(
  'no-help-cache-after-command',
  /[\\/]yargs[\\/]build[\\/]lib[\\/]usage\.js$/,
  [['cachedHelpMessage = this.help();', 'cachedHelpMessage = undefined;']],
);

// string-width (both of the versions yargs and cliui use) creates an Intl.Segmenter when it loads, which
// costs --help more than all of its own work (ICU data); create it on first use. The RGI_Emoji property set
// of the newer one is as costly to compile, and is only ever used through .test().
const lazySegmenter = patchSource('lazy-intl-segmenter', /[\\/]string-width[\\/]index\.js$/, [
  [
    'const segmenter = new Intl.Segmenter();',
    'let realSegmenter; const segmenter = { segment: (text) => (realSegmenter ??= new Intl.Segmenter()).segment(text) };',
  ],
  [
    'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    'let realRgiEmojiRegex; const rgiEmojiRegex = { test: (text) => (realRgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(text) };',
    { ifPresent: true },
  ],
]);

// The AWS SDK, which only the live scan uses, is its own bundle (dist/live.cjs): the main bundle requires it
// from beside itself when a live scan starts, so the offline commands neither load nor compile it.
const liveScanApart = {
  name: 'live-scan-apart',
  setup(builder) {
    builder.onResolve({ filter: /[\\/]sources[\\/]live[\\/]live-snapshot\.js$/ }, () => ({
      path: 'live-snapshot',
      namespace: 'live-scan-apart',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'live-scan-apart' }, () => ({
      contents: "module.exports = require(require('node:path').join(__dirname, 'live.cjs'));",
      loader: 'js',
    }));
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

// A new yargs instance guesses the program's version by searching upwards for a package.json and reading it;
// run-cli.ts always sets the version itself, which replaces the guess, so the search is only cost.
// Its --help option is declared the same way, and run-cli.ts declares it again.
const noDefaultHelpAndVersion = patchSource(
  'no-default-help-and-version',
  /[\\/]yargs[\\/]build[\\/]lib[\\/]yargs-factory\.js$/,
  [['        yargs.help();\n        yargs.version();\n', '']],
);

// Every call of yargs' API checks its own arguments against a signature string that it parses each time: a
// guard against a program calling yargs wrongly, which policy-check's types and tests already rule out.
const noApiArgumentChecks = patchSource('no-api-argument-checks', /[\\/]yargs[\\/]build[\\/]lib[\\/]argsert\.js$/, [
  ['export function argsert(arg1, arg2, arg3) {\n', 'export function argsert(arg1, arg2, arg3) {\n    return;\n'],
]);

// yargs' translations are not in the bundle: y18n would read locales/<LANG>.json beside the folder policy-check
// is installed in (node_modules/locales/ in a project), a file that is not policy-check's (one that is not
// JSON would break every run). policy-check speaks English, yargs' built-in words.
const noLocaleFiles = patchSource('no-locale-files', /[\\/]y18n[\\/]build[\\/]lib[\\/]index\.js$/, [
  ['    _readLocaleFile() {\n', '    _readLocaleFile() {\n        this.cache[this.locale] = {};\n        return;\n'],
]);

// yaml's CST marks tokens with C0 control characters that esbuild prints raw in string literals, which would
// make the bundle non-ASCII (see below): the same strings, parsed at load (esbuild folds String.fromCharCode).
const yamlControlCharacters = patchSource('yaml-control-characters', /[\\/]yaml[\\/]dist[\\/]parse[\\/]cst\.js$/, [
  ["const DOCUMENT = '\\x02';", `const DOCUMENT = JSON.parse('"\\\\u0002"');`],
  ["const FLOW_END = '\\x18';", `const FLOW_END = JSON.parse('"\\\\u0018"');`],
  ["const SCALAR = '\\x1f';", `const SCALAR = JSON.parse('"\\\\u001f"');`],
]);

await writeCatalogLines(root);

// The modules of APART_MODULES are bundled apart (scripts/modules-apart.mjs): a one-shot check neither reads nor
// compiles their code.
await buildModulesApart(
  root,
  {
    ...bundleOptions(root),
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: join(dist, 'cli.cjs'),
    // POLICY_CHECK_UNMINIFIED=1 keeps the names, for a readable profile (comments still go: they may not be ASCII).
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: process.env.POLICY_CHECK_UNMINIFIED !== '1',
    legalComments: 'linked',
    plugins: [
      catalogLinesPlugin,
      lazyHelpLayout,
      lazyParserRequire,
      lazyIndentStrings,
      noHelpCacheAfterCommand,
      lazySegmenter,
      noDefaultHelpAndVersion,
      noApiArgumentChecks,
      noLocaleFiles,
      yamlControlCharacters,
      liveScanApart,
    ],
    logLevel: 'warning',
  },
  APART_MODULES,
);

await build({
  entryPoints: [join(root, 'src', 'sources', 'live', 'live-snapshot.ts')],
  outfile: join(dist, 'live.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: process.env.POLICY_CHECK_UNMINIFIED !== '1',
  legalComments: 'linked',
  logLevel: 'warning',
});

// The tree-sitter runtime and grammars the code reader of `policy-check iac` parses with, beside the bundle
// (src/sources/code/grammar-files.ts looks in dist/wasm/ first, then in the packages).
const requireFromRoot = createRequire(join(root, 'package.json'));
mkdirSync(join(dist, 'wasm'), { recursive: true });
for (const file of [
  'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-python/tree-sitter-python.wasm',
  'tree-sitter-typescript/tree-sitter-typescript.wasm',
  'tree-sitter-typescript/tree-sitter-tsx.wasm',
  'tree-sitter-javascript/tree-sitter-javascript.wasm',
]) {
  copyFileSync(requireFromRoot.resolve(file), join(dist, 'wasm', file.slice(file.indexOf('/') + 1)));
}

// V8 keeps a script whose text is all ASCII as one byte per character; one other character anywhere
// (esbuild cannot escape it inside String.raw or a regular expression) doubles it, in memory and to read.
// esbuild prints C0 control characters of string literals as they are (yaml's CST markers '\x02', '\x18', '\x1f').
// Outside a literal, a regular expression or a comment they cannot stand, and inside any of these the escape
// means the same: write them as escapes. (\v and \f, which may also be whitespace between tokens, are left to
// the check below.)
// The apart bundles too: the main bundle requires them, and Node reads a file as UTF-8 into a one-byte
// string only when it is all ASCII.
for (const file of ['cli.cjs', ...APART_MODULES.map((command) => command.file)]) {
  const printedText = await readFile(join(dist, file), 'latin1');
  const bundleText = printedText.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be escaped
    /[\x00-\x08\x0e-\x1f]/g,
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  if (bundleText !== printedText) await writeFile(join(dist, file), bundleText, 'latin1');
  const nonAscii = /[^\t\n\r\x20-\x7e]/.exec(bundleText);
  if (nonAscii) {
    const line = bundleText.slice(0, nonAscii.index).split('\n').length;
    throw new Error(
      `dist/${file} line ${line} holds a non-ASCII byte (${JSON.stringify(bundleText.slice(nonAscii.index - 40, nonAscii.index + 40))}): write it as a \\u escape in the source`,
    );
  }
}

// Run the CLI once so V8 records the compiled code; the bin loader reads it back on every start. The run is
// `check` with its text report, the one-shot run people (and the bench) make most: what it did not compile, a
// run compiles on first use.
// Exit code 1 is a finding about the sample policy, not a failed build; 2 or more is.
const warmup = spawnSync(
  process.execPath,
  [
    join(root, 'bin', 'policy-check.cjs'),
    'check',
    join(root, 'policies-examples', 'allowed-foundation-model', 'policy.json'),
    '--model',
    'anthropic.claude-3-haiku-20240307-v1:0',
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
