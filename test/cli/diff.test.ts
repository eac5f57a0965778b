// policy-check diff OLD NEW on two matrix reports, through the built CLI: each format, the exit code
// --fail-on asks for, --output, standard input, and one-line errors for what is not a matrix report.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  expectInputError,
  expectUnchanged,
  ROOT,
  requireBuiltCli,
  runCli,
  snapshotFiles,
} from './helpers.js';

const PAIR = join(EXAMPLES, 'diff-scp-region-deny');
const ARGS = ['diff', 'old.json', 'new.json'];

const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validateDiff = ajv.compile(schema('diff.schema.json'));

let inputs: Map<string, Buffer>;
let work: string;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES);
  requireBuiltCli();
  work = mkdtempSync(join(tmpdir(), 'policy-check-diff-'));
  // A pair whose only change is a gain: the batch role's Nova Pro cell, before and after.
  for (const side of ['old', 'new']) {
    const report = JSON.parse(readFileSync(join(PAIR, `${side}.json`), 'utf8'));
    report.matrix = report.matrix.filter(
      (cell: { principal: string; model: string }) =>
        cell.principal.endsWith('role/apps/batch') && cell.model === 'amazon.nova-pro-v1:0',
    );
    writeFileSync(join(work, `gain-${side}.json`), JSON.stringify(report, null, 2));
  }
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  expectUnchanged(inputs, EXAMPLES);
});

const inPair = (args: readonly string[], input?: string) =>
  runCli(args, { cwd: PAIR, ...(input !== undefined ? { input } : {}) });
const inWork = (args: readonly string[]) => runCli(args, { cwd: work });

describe('policy-check diff', () => {
  it('text: exit 1 when access is lost, the most severe change first', () => {
    const result = inPair(ARGS);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '' });
    expect(result.stdout.split('\n')[0]).toBe(
      'ACCESS LOST — 2 lost, 1 possibly lost, 2 gained, 2 cause changed, 2 only in NEW, 2 only in OLD, 1 unchanged (principal × model × Region)',
    );
    expect(result.stdout).toContain(
      'arn:aws:iam::111122223333:role/apps/chat-app × us.anthropic.claude-sonnet-4-5-20250929-v1:0 in us-east-1: allowed → denied',
    );
    expect(result.stdout).toContain(
      'arn:aws:iam::111122223333:role/apps/analyst × amazon.nova-pro-v1:0 in us-east-1: allowed → conditional',
    );
  });

  it('json: valid against schemas/diff.schema.json, deterministic', () => {
    const result = inPair([...ARGS, '--format', 'json']);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(validateDiff(document), ajv.errorsText(validateDiff.errors)).toBe(true);
    expect(document).toMatchObject({
      kind: 'diff',
      old: { file: 'old.json' },
      new: { file: 'new.json' },
      failOn: ['lost'],
      fails: true,
      summary: { lost: 2, 'possibly-lost': 1, gained: 2, 'cause-changed': 2, added: 2, removed: 2, unchanged: 1 },
    });
    expect(inPair([...ARGS, '--format', 'json']).stdout).toBe(result.stdout);
  });

  it('markdown: the pull-request comment starts with the summary line', () => {
    const result = inPair([...ARGS, '--format', 'markdown']);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(/^\*\*policy-check diff: ACCESS LOST\*\* — 2 lost, /);
    expect(result.stdout).toContain('#### Access lost (allowed → denied) — 2');
  });

  it('exit 0 with NO CHANGE for a report and itself', () => {
    const result = inPair(['diff', 'old.json', 'old.json']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('NO CHANGE — 8 unchanged (principal × model × Region)');
  });

  it('exit 0 when access is only gained; 1 with --fail-on gained or any; 0 with --fail-on none', () => {
    const pair = ['diff', 'gain-old.json', 'gain-new.json'];
    const gained = inWork(pair);
    expect(gained.code, gained.stderr).toBe(0);
    expect(gained.stdout).toMatch(/^ACCESS GAINED — 1 gained/);
    expect(inWork([...pair, '--fail-on', 'gained']).code).toBe(1);
    expect(inWork([...pair, '--fail-on', 'lost', '--fail-on', 'gained']).code).toBe(1);
    expect(inWork([...pair, '--fail-on', 'any']).code).toBe(1);
    expect(inWork([...pair, '--fail-on', 'none']).code).toBe(0);
    // The other way round the gain is a loss.
    expect(inWork(['diff', 'gain-new.json', 'gain-old.json']).code).toBe(1);
  });

  it('--output writes the report and keeps the exit code', () => {
    const result = runCli(
      [
        ...ARGS.slice(0, 1),
        join(PAIR, 'old.json'),
        join(PAIR, 'new.json'),
        '--format',
        'json',
        '--output',
        'diff.json',
      ],
      {
        cwd: work,
      },
    );
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: '',
    });
    expect(validateDiff(JSON.parse(readFileSync(join(work, 'diff.json'), 'utf8')))).toBe(true);
  });

  it('--output never overwrites an input', () => {
    expect(expectInputError(inPair([...ARGS, '--output', 'new.json']))).toBe(
      'new.json: --output names one of the input files; refusing to overwrite it',
    );
  });

  it('reads OLD from standard input ("-")', () => {
    const result = inPair(['diff', '-', 'new.json', '--format', 'json'], readFileSync(join(PAIR, 'old.json'), 'utf8'));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).old.file).toBe('<stdin>');
  });
});

describe('policy-check diff of two account snapshots', () => {
  it('scans both sides alike and finds the same changes as the diff of their matrix reports', () => {
    const options = JSON.parse(readFileSync(join(PAIR, 'matrix-options.json'), 'utf8'));
    const fromReports = JSON.parse(inPair([...ARGS, '--format', 'json']).stdout);
    const scanned = inPair([
      'diff',
      'old/snapshot.json',
      'new/snapshot.json',
      '--region',
      options.region,
      '--models',
      options.models.join(','),
      '--format',
      'json',
    ]);
    expect(scanned.code).toBe(1);
    const fromSnapshots = JSON.parse(scanned.stdout);
    expect(validateDiff(fromSnapshots), ajv.errorsText(validateDiff.errors)).toBe(true);
    expect(fromSnapshots.summary).toEqual(fromReports.summary);
    // The reports were made from the repository root, this scan from the example's folder: same files.
    const relative = (rows: unknown) => JSON.stringify(rows).replaceAll('policies-examples/diff-scp-region-deny/', '');
    expect(relative(fromSnapshots.rows)).toBe(relative(fromReports.rows));
  });

  it('takes directories of snapshots (plain or gzip) as it takes snapshot files', () => {
    const options = JSON.parse(readFileSync(join(PAIR, 'matrix-options.json'), 'utf8'));
    const scope = ['--region', options.region, '--models', options.models.join(','), '--format', 'json'];
    for (const side of ['old', 'new']) {
      mkdirSync(join(work, `dir-${side}`));
      writeFileSync(
        join(work, `dir-${side}`, 'account.json.gz'),
        gzipSync(readFileSync(join(PAIR, side, 'snapshot.json'))),
      );
    }
    const fromDirectories = inWork(['diff', 'dir-old', 'dir-new', ...scope]);
    const fromFiles = inPair(['diff', 'old/snapshot.json', 'new/snapshot.json', ...scope]);
    expect(fromDirectories.code).toBe(1);
    expect(JSON.parse(fromDirectories.stdout).summary).toEqual(JSON.parse(fromFiles.stdout).summary);
  });

  it('without --models, NEW is scanned for the models of OLD: no row appears only because defaults differ', () => {
    const result = inPair([
      'diff',
      'old/snapshot.json',
      'new/snapshot.json',
      '--region',
      'us-east-1',
      '--format',
      'json',
    ]);
    const document = JSON.parse(result.stdout);
    const oldModels = new Set(
      document.rows.filter((row: { old?: unknown }) => row.old).map((row: { model: string }) => row.model),
    );
    for (const row of document.rows as { model: string }[]) expect(oldModels.has(row.model)).toBe(true);
  });
});

describe('policy-check diff: errors (exit 2, one line naming file:line)', () => {
  it('a snapshot against a matrix report is a usage error: both sides must be of one kind', () => {
    const result = inPair(['diff', 'old/snapshot.json', 'new.json']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'policy-check: OLD and NEW must both be matrix reports or both be account snapshots',
    );
  });

  it('a check report is not a matrix report', () => {
    writeFileSync(join(work, 'check.json'), '{\n  "schemaVersion": 1,\n  "verdict": "allowed",\n  "checks": []\n}\n');
    expect(expectInputError(inWork(['diff', 'check.json', 'gain-new.json']))).toMatch(
      /^check\.json:1:1: is a check report, not a matrix report/,
    );
  });

  it('invalid JSON names its line', () => {
    writeFileSync(join(work, 'broken.json'), '{\n  "kind": "matrix",\n  "matrix": [\n');
    expect(expectInputError(inWork(['diff', 'gain-old.json', 'broken.json']))).toMatch(/^broken\.json:\d+:\d+: /);
  });

  it('a matrix entry with a bad verdict names its line', () => {
    const report = readFileSync(join(work, 'gain-new.json'), 'utf8').replace(
      '"verdict": "allowed"',
      '"verdict": "yes"',
    );
    writeFileSync(join(work, 'bad-verdict.json'), report);
    const line = report.split('\n').findIndex((text) => text.includes('"verdict": "yes"')) + 1;
    expect(expectInputError(inWork(['diff', 'gain-old.json', 'bad-verdict.json']))).toMatch(
      new RegExp(
        `^bad-verdict\\.json:${line}:\\d+: "verdict" must be one of allowed, denied, conditional, incomplete$`,
      ),
    );
  });

  it('a missing file', () => {
    expect(expectInputError(inPair(['diff', 'old.json', 'nope.json']))).toMatch(/^nope\.json: /);
  });

  it('standard input for both sides, a bad --fail-on, none with another value', () => {
    expect(expectInputError(inPair(['diff', '-', '-']))).toBe(
      'standard input can be read only once: give OLD or NEW as a file',
    );
    expect(expectInputError(inPair([...ARGS, '--fail-on', 'lots']))).toMatch(/fail-on/);
    expect(expectInputError(inPair([...ARGS, '--fail-on', 'none', '--fail-on', 'lost']))).toBe(
      '--fail-on none cannot be combined with another --fail-on',
    );
  });
});
