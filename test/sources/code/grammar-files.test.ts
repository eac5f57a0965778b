import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { bundleOptions } from '../../../scripts/bundle-options.mjs';
import { GRAMMAR_FILES, grammarFilePaths } from '../../../src/sources/code/grammar-files.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const temporary: string[] = [];
afterAll(() => {
  for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'policy-check-grammars-'));
  temporary.push(path);
  return path;
}

describe('grammarFilePaths', () => {
  it('finds the WASM files in the packages that ship them, from the sources', () => {
    const paths = grammarFilePaths(pathToFileURL(join(ROOT, 'src', 'sources', 'code', 'grammar-files.ts')).href);
    expect(paths.python).toBe(join(ROOT, 'node_modules', 'tree-sitter-python', 'tree-sitter-python.wasm'));
    expect(paths.runtime).toBe(join(ROOT, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'));
    expect(Object.values(paths).every((path) => existsSync(path))).toBe(true);
  });

  it('prefers wasm/ beside the module, as in dist/', () => {
    const dist = folder();
    mkdirSync(join(dist, 'wasm'));
    for (const [, file] of Object.values(GRAMMAR_FILES)) writeFileSync(join(dist, 'wasm', file), '');
    const paths = grammarFilePaths(pathToFileURL(join(dist, 'cli.cjs')).href);
    expect(Object.values(paths)).toEqual(Object.values(GRAMMAR_FILES).map(([, file]) => join(dist, 'wasm', file)));
  });

  it('says which file is missing where neither exists', () => {
    expect(() => grammarFilePaths(pathToFileURL(join(folder(), 'cli.cjs')).href)).toThrow(
      /web-tree-sitter\.wasm was found neither in .*wasm nor in the web-tree-sitter package/,
    );
  });
});

describe('the code checker bundled as the CLI is', () => {
  it('parses with the WASM files of dist/wasm, with no node_modules to fall back on', async () => {
    // npm run build (the tests' global setup) copies the WASM files to dist/wasm.
    expect(existsSync(join(ROOT, 'dist', 'wasm', 'tree-sitter-python.wasm'))).toBe(true);
    const out = folder();
    expect(() => createRequire(join(out, 'x.js')).resolve('web-tree-sitter/web-tree-sitter.wasm')).toThrow();
    const entry = join(out, 'entry.ts');
    writeFileSync(
      entry,
      `import { checkCode } from ${JSON.stringify(join(ROOT, 'src', 'cli', 'code', 'check-code.ts'))};\n` +
        'checkCode([{ path: "app.py", text: "import boto3\\nc = boto3.client(\\"bedrock\\")\\nc.converse(modelId=\\"m\\")\\n" },' +
        ' { path: "a.ts", text: "import { BedrockClient } from \\"@aws-sdk/client-bedrock\\";\\nconst c = new BedrockClient({});\\nc.send(new InvokeModelCommand({}));\\n" }])' +
        '.then((check) => process.stdout.write(JSON.stringify(check.findings.map((f) => f.locations[0].file + ":" + f.locations[0].line))));\n',
    );
    // Bundled with the options of the CLI's bundle and started by the CLI's own loader (a vm.Script, which
    // cannot import() a module), from a copy that has no node_modules to fall back on.
    await build({
      ...bundleOptions(ROOT),
      entryPoints: [entry],
      outfile: join(out, 'dist', 'cli.cjs'),
      logLevel: 'error',
    });
    cpSync(join(ROOT, 'dist', 'wasm'), join(out, 'dist', 'wasm'), { recursive: true });
    mkdirSync(join(out, 'bin'));
    cpSync(join(ROOT, 'bin', 'policy-check.cjs'), join(out, 'bin', 'policy-check.cjs'));
    const run = spawnSync(process.execPath, [join(out, 'bin', 'policy-check.cjs')], { cwd: out, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['a.ts:3', 'app.py:3']);
  }, 60_000);
});
