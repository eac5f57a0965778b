// The call options a report records (issue 12), through the built CLI: check --format json, and diff of two matrix
// reports scanned with different --auth. API keys: https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  expectUnchanged,
  FIXTURES,
  ON_DEMAND_MODEL,
  parseReport,
  ROOT,
  requireBuiltCli,
  runCli,
  snapshotFiles,
} from './helpers.js';

let inputs: Map<string, Buffer>;
let work: string;
beforeAll(() => {
  requireBuiltCli();
  inputs = snapshotFiles(EXAMPLES, FIXTURES);
  work = mkdtempSync(join(tmpdir(), 'policy-check-call-options-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  expectUnchanged(inputs, EXAMPLES, FIXTURES);
});

const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validateMatrix = ajv.compile(schema('matrix.schema.json'));
const validateDiff = ajv.compile(schema('diff.schema.json'));
const validateExplain = ajv.compile(schema('explain.schema.json'));

const CHECK = [
  'allow-invoke.json',
  '--model',
  ON_DEMAND_MODEL,
  '--region',
  'us-east-1',
  '--principal',
  'arn:aws:sts::111122223333:assumed-role/App/s1',
  '--format',
  'json',
];
const VPCE = join(EXAMPLES, 'vpc-endpoint-policy-deny', 'vpce-policy.json');

describe('check --format json: the call options in input', () => {
  it('records every option given, valid against schemas/report.schema.json', () => {
    const result = runCli(
      [
        ...CHECK,
        '--auth',
        'api-key=short-term',
        '--guardrail',
        'gr1abc:2',
        '--service-tier',
        'priority',
        '--action',
        'InvokeModelWithBidirectionalStream',
        '--vpce-policy',
        VPCE,
      ],
      { cwd: FIXTURES },
    );
    const input = parseReport(result.stdout).input as unknown as Record<string, unknown>;
    expect(input).toMatchObject({
      actions: ['bedrock:InvokeModel'],
      auth: { method: 'api-key', kind: 'short-term' },
      guardrail: { identifier: 'gr1abc', version: '2' },
      serviceTier: 'priority',
      operations: ['InvokeModelWithBidirectionalStream'],
    });
    expect(input.policies).toContainEqual(expect.objectContaining({ type: 'vpc-endpoint', file: VPCE }));
  });

  it('records none without options, and --auth sigv4 is the default: nothing to record', () => {
    for (const extra of [[], ['--auth', 'sigv4'], ['--action', 'Converse']]) {
      const input = parseReport(runCli([...CHECK, ...extra], { cwd: FIXTURES }).stdout).input;
      expect(Object.keys(input)).toEqual([
        'model',
        'modelKind',
        'region',
        'principal',
        'principalIsPlaceholder',
        'actions',
        'policies',
      ]);
    }
  });

  it('text: one call line under the verdict', () => {
    const text = runCli([...CHECK.slice(0, -2), '--auth', 'api-key', '--service-tier', 'flex'], {
      cwd: FIXTURES,
    }).stdout;
    expect(text.split('\n')[1]).toBe('  Call: Amazon Bedrock API key, service tier flex');
  });
});

describe('explain --format json: how the reproduced call was made', () => {
  it('an AccessDenied on bedrock:CallWithBearerToken is re-evaluated as an API-key call, and says so', () => {
    const message =
      'User: arn:aws:sts::111122223333:assumed-role/App/s1 is not authorized to perform: bedrock:CallWithBearerToken ' +
      'on resource: * because no identity-based policy allows the bedrock:CallWithBearerToken action';
    const args = ['explain', '-', 'allow-invoke.json', '--model', ON_DEMAND_MODEL, '--region', 'us-east-1'];
    const result = runCli([...args, '--service-tier', 'flex', '--format', 'json'], { cwd: FIXTURES, input: message });
    const report = JSON.parse(result.stdout) as {
      reproduction: { status: string; evaluated: Record<string, unknown> };
    };
    expect(validateExplain(report), ajv.errorsText(validateExplain.errors)).toBe(true);
    expect(report.reproduction.status).toBe('reproduced');
    expect(report.reproduction.evaluated).toMatchObject({ auth: { method: 'api-key' }, serviceTier: 'flex' });
  });
});

describe('diff of two matrices scanned with different --auth', () => {
  const pair = join(EXAMPLES, 'diff-scp-region-deny');
  const scan = (extra: readonly string[]) => {
    const result = runCli(
      [
        'scan',
        '--snapshot',
        'old/snapshot.json',
        '--models',
        'amazon.nova-pro-v1:0',
        '--region',
        'us-east-1',
        '--format',
        'json',
        ...extra,
      ],
      { cwd: pair },
    );
    const matrix = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(validateMatrix(matrix), JSON.stringify(validateMatrix.errors)).toBe(true);
    return { matrix, text: result.stdout };
  };

  it('the matrix records --auth; the diff notes sigv4 → api-key and still reports the access lost', () => {
    const signed = scan([]);
    const withKeys = scan(['--auth', 'api-key']);
    expect(signed.matrix).not.toHaveProperty('auth');
    expect(withKeys.matrix.auth).toEqual({ method: 'api-key' });
    const oldFile = join(work, 'sigv4.json');
    const newFile = join(work, 'api-key.json');
    writeFileSync(oldFile, signed.text);
    writeFileSync(newFile, withKeys.text);

    const json = runCli(['diff', oldFile, newFile, '--format', 'json']);
    const diff = JSON.parse(json.stdout) as {
      summary: Record<string, number>;
      notes: string[];
      noteCodes: { code: string; params: Record<string, unknown> }[];
      fails: boolean;
    };
    expect(validateDiff(diff), JSON.stringify(validateDiff.errors)).toBe(true);
    expect(diff.noteCodes).toContainEqual({
      code: 'diff-call-option',
      params: { option: 'auth', old: null, new: 'api-key' },
    });
    // The same snapshot on both sides: what changed is the call, and the diff shows it (no grant of
    // bedrock:CallWithBearerToken), with --fail-on lost failing as for any lost access.
    expect(diff.summary.lost).toBeGreaterThan(0);
    expect(diff.fails).toBe(true);
    expect(json.code).toBe(1);

    const text = runCli(['diff', oldFile, newFile, '--fail-on', 'none']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'OLD and NEW were made with different call options: authentication (--auth) sigv4 → api-key',
    );
  });

  it('two matrices made alike have no such note', () => {
    const file = join(work, 'same.json');
    writeFileSync(file, scan(['--auth', 'api-key']).text);
    const diff = JSON.parse(runCli(['diff', file, file, '--format', 'json']).stdout) as {
      noteCodes?: { code: string }[];
    };
    expect((diff.noteCodes ?? []).map((note) => note.code)).not.toContain('diff-call-option');
  });
});
