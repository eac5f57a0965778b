import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliBin, EXAMPLES, requireBuiltCli, ROOT } from './helpers.js';

// Issue 8: a one-shot check pays for what it loads. These pin start-up costs found with callgrind: node:zlib
// (and the ~20 stream modules it pulls in) is only for gzip snapshots, node:module (0.3 ms) only for createRequire,
// and the catalog's JSON text must be a one-byte string (an em dash made V8 parse it as two-byte, the slower
// path). Issue 11: the AWS SDK of the live scan (dist/live.cjs, 1.7G instructions and 100 MB to load) is never
// required by an offline check, nor is any other bundle built apart.
const PROBE = `
const fs = require('node:fs');
const readFileSync = fs.readFileSync;
const reads = [];
fs.readFileSync = function (path, ...rest) {
  reads.push(String(path));
  return readFileSync.call(this, path, ...rest);
};
const parse = JSON.parse;
const catalogs = [];
JSON.parse = function (text, reviver) {
  if (typeof text === 'string' && text.startsWith('{"compiledOn"')) catalogs.push(/[^\\x00-\\xff]/.test(text));
  return parse.call(this, text, reviver);
};
process.on('exit', () => {
  // Straight to the descriptor: process.stderr would load the stream modules this probe looks for.
  fs.writeSync(2, 'PROBE ' + JSON.stringify({ modules: process.moduleLoadList, catalogs, files: Object.keys(require.cache), reads }) + '\\n');
});
`;

interface Probe {
  readonly modules: readonly string[];
  readonly catalogs: readonly boolean[];
  /** The files required (the bin, the bundle, and nothing else: the SDK of the live scan is dist/live.cjs). */
  readonly files: readonly string[];
  /** The paths read whole with fs.readFileSync. */
  readonly reads: readonly string[];
}

function probeRun(args: readonly string[]): Probe {
  const dir = mkdtempSync(join(tmpdir(), 'policy-check-startup-'));
  const probe = join(dir, 'probe.cjs');
  writeFileSync(probe, PROBE);
  const result = spawnSync(process.execPath, ['-r', probe, cliBin(), ...args], { cwd: ROOT, encoding: 'utf8' });
  const line = result.stderr.split('\n').find((text) => text.startsWith('PROBE '));
  if (!line) throw new Error(`no probe output: ${result.stderr}`);
  return JSON.parse(line.slice('PROBE '.length)) as Probe;
}

describe('what a one-shot check loads', () => {
  beforeAll(requireBuiltCli);

  const policy = join(EXAMPLES, 'allowed-foundation-model', 'policy.json');
  for (const args of [
    [policy, '--model', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['check', policy, '--model', 'anthropic.claude-3-haiku-20240307-v1:0', '--format', 'json'],
  ]) {
    it(`${args[0] === 'check' ? 'check FILE' : 'FILE'}: no zlib or streams, and the catalog parsed as one-byte text`, () => {
      const probe = probeRun(args);
      expect(probe.modules.filter((name) => /\b(zlib|stream)\b/.test(name))).toEqual([]);
      // Nor node:module, which loads Node's ES module loader: yargs and the IAM data need createRequire rarely.
      expect(probe.modules).not.toContain('NativeModule module');
      expect(probe.catalogs).toEqual([false]);
      // Only the bin is required: the bundles built apart (commands, other validators, other report formats)
      // and the live scan's SDK stay unread.
      expect(
        probe.files.filter((file) => !file.endsWith(join('bin', 'policy-check.cjs')) && !file.endsWith('probe.cjs')),
      ).toEqual([]);
      expect(probe.files.some((file) => file.endsWith('policy-check.cjs'))).toBe(true);
      // yargs' own start-up reads neither a package.json (to guess a version that run-cli.ts sets) nor a
      // translation file outside the package (scripts/build.mjs).
      expect(probe.reads.filter((file) => /package\.json$|locales/.test(file))).toEqual([]);
      expect(probe.reads.some((file) => file.endsWith('cli.cjs.cache'))).toBe(true);
      expect(probe.reads.some((file) => file.endsWith(join('dist', 'catalog.txt')))).toBe(true);
    });
  }

  // The other side: what a run needs of the bundles built apart is loaded, and only that.
  const apartBundles = (probe: Probe) =>
    probe.files.filter((file) => file.includes(`dist`)).map((file) => basename(file));
  it('a SARIF report loads its format, and nothing else built apart', () => {
    const probe = probeRun(['check', policy, '--model', 'anthropic.claude-3-haiku-20240307-v1:0', '--format', 'sarif']);
    expect(apartBundles(probe)).toEqual(['report-sarif.cjs']);
  });

  it('an SCP-levels file loads the other validators', () => {
    const gaad = join(EXAMPLES, 'account-gaad');
    const probe = probeRun([
      '--snapshot',
      join(gaad, 'gaad.json'),
      '--scp-levels',
      join(gaad, 'scp-levels.json'),
      '--principal',
      'arn:aws:iam::111122223333:user/engineering/alice',
      '--model',
      'us.anthropic.claude-sonnet-4-6',
    ]);
    expect(apartBundles(probe)).toEqual(['validators.cjs']);
  });
});
