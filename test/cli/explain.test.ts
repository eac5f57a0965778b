// `policy-check explain` through the built binary: the argument and stdin forms, re-evaluation with
// policies (reproduced exactly, or not), runtime errors and fragments, unrecognised text, and usage errors. 16 spawns.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliBin,
  expectInputError,
  expectNoAnsi,
  expectUnchanged,
  FIXTURES,
  PRINCIPAL,
  requireBuiltCli,
  ROOT,
  snapshotFiles,
  type RunResult,
} from './helpers.js';

const DENY_CLAUDE = join('test', 'cli', 'fixtures', 'explain', 'deny-claude.json');
const ALLOW_INVOKE = join('test', 'cli', 'fixtures', 'allow-invoke.json');
const HAIKU_ARN = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';
const EXPLICIT_DENY = `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${HAIKU_ARN} with an explicit deny in an identity-based policy`;
const BOTO3_TEXT = `botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the InvokeModel operation: ${EXPLICIT_DENY}`;
const JS_TEXT = [
  `AccessDeniedException: ${EXPLICIT_DENY}`,
  '    at de_AccessDeniedExceptionRes (/app/node_modules/@aws-sdk/client-bedrock-runtime/dist-cjs/index.js:1170:21)',
  '    at de_CommandError (/app/node_modules/@aws-sdk/client-bedrock-runtime/dist-cjs/index.js:1516:19) {',
  "  '$fault': 'client',",
  "  '$metadata': { httpStatusCode: 403, requestId: '3b1e0f2a-5c7d-4e8f-9a0b-1c2d3e4f5a6b', attempts: 1, totalRetryDelay: 0 }",
  '}',
  '',
].join('\n');

/** Like helpers.runCli, with text on stdin (a pipe, so not a TTY). */
function explain(args: readonly string[], input = ''): RunResult {
  const result = spawnSync(process.execPath, [cliBin(), 'explain', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
    input,
    timeout: 15_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validateExplain = ajv.compile(schema('explain.schema.json'));

interface ExplainJson {
  readonly verdict: string;
  readonly explanation: {
    readonly status: string;
    readonly rule: string | null;
    readonly signature: string | null;
    readonly message: string;
    readonly client: string | null;
    readonly fields: Record<string, unknown>;
  };
  readonly reproduction: {
    readonly status: string;
    readonly reason: string;
    readonly sameText: boolean;
    readonly predictedMessage: string | null;
    readonly statements: readonly { file: string; line: number; sid: string | null; effect: string }[];
    readonly check: { decision: string } | null;
  } | null;
}

function parseExplain(result: RunResult): ExplainJson {
  const report = JSON.parse(result.stdout) as ExplainJson;
  expect(validateExplain(report), ajv.errorsText(validateExplain.errors)).toBe(true);
  return report;
}

describe('policy-check explain', () => {
  let before: Map<string, Buffer>;
  beforeAll(() => {
    requireBuiltCli();
    before = snapshotFiles(FIXTURES);
  });
  afterAll(() => expectUnchanged(before, FIXTURES));

  it('reproduces an identity explicit deny exactly from the argument, naming the Deny statement (json)', () => {
    const result = explain([BOTO3_TEXT, DENY_CLAUDE, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = parseExplain(result);
    expect(report.verdict).toBe('reproduced');
    expect(report.explanation).toMatchObject({
      rule: 'identity-policy',
      signature: 'identity-policy/explicit-deny',
      message: EXPLICIT_DENY,
      client: 'boto3',
    });
    expect(report.reproduction).toMatchObject({
      status: 'reproduced',
      sameText: true,
      predictedMessage: EXPLICIT_DENY,
      check: { decision: 'explicit-deny' },
    });
    expect(report.reproduction?.statements).toEqual([
      expect.objectContaining({ file: DENY_CLAUDE, line: 10, sid: 'DenyAnthropic', effect: 'Deny' }),
    ]);
  });

  it('says the same for people: verdict first, then the statement as file:line and Sid (text)', () => {
    const result = explain([BOTO3_TEXT, DENY_CLAUDE]);
    expect(result.code, result.stderr).toBe(0);
    expectNoAnsi(result.stdout);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      'reproduced: explicit deny in an identity-based policy [identity-policy] — the policies give exactly this error',
    );
    expect(lines).toContain(`  Deny  ${DENY_CLAUDE}:10  Sid DenyAnthropic  (identity-based policy deny-claude.json)`);
    expect(result.stdout).toContain('  result     reproduced: the policies produce exactly this message');
  });

  it('reads the text from stdin when no argument is given', () => {
    const result = explain(['--format', 'json'], BOTO3_TEXT);
    expect(result.code, result.stderr).toBe(0);
    const report = parseExplain(result);
    expect(report).toMatchObject({
      verdict: 'explained',
      reproduction: null,
      explanation: { signature: 'identity-policy/explicit-deny' },
    });
  });

  it('reads a JS SDK error from stdin with "-" and re-evaluates the files that follow', () => {
    const result = explain(['-', DENY_CLAUDE, '--format', 'json'], JS_TEXT);
    expect(result.code, result.stderr).toBe(0);
    const report = parseExplain(result);
    expect(report.verdict).toBe('reproduced');
    expect(report.explanation).toMatchObject({ message: EXPLICIT_DENY, client: 'AWS SDK for JavaScript v3' });
  });

  it('exits 1 when the policies do not reproduce the message, and says why', () => {
    const scpDeny = EXPLICIT_DENY.replace('an identity-based policy', 'a service control policy');
    const result = explain([scpDeny, ALLOW_INVOKE, '--format', 'json']);
    expect(result.code, result.stderr).toBe(1);
    const report = parseExplain(result);
    expect(report.verdict).toBe('not-reproduced');
    expect(report.reproduction).toMatchObject({
      status: 'not-reproduced',
      sameText: false,
      check: { decision: 'allowed' },
    });
    expect(report.reproduction?.reason).toContain('no SCPs were given (--scp, --scp-levels)');
  });

  it('exits 1 when policies are given for a text no policy evaluation produces', () => {
    const result = explain([
      "AccessDeniedException: You don't have access to the model with the specified model ID.",
      ALLOW_INVOKE,
      '--format',
      'json',
    ]);
    expect(result.code, result.stderr).toBe(1);
    const report = parseExplain(result);
    expect(report).toMatchObject({
      verdict: 'not-reproduced',
      explanation: { rule: 'model-access' },
      reproduction: { status: 'not-applicable' },
    });
  });

  it('exits 1 with an honest verdict for text it does not know', () => {
    const result = explain(['ValidationException: A conversation must start with a user message.']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe('unrecognised: not a Bedrock error policy-check knows');
    expect(result.stdout).toContain('exception  ValidationException');
  });

  it('explains throttling as no authorization failure, and skips re-evaluating the policies given (json)', () => {
    const throttled =
      'An error occurred (ThrottlingException) when calling the InvokeModel operation (reached max retries: 4): Too many requests, please wait before trying again.';
    expect(explain([throttled]).stdout.split('\n')[0]).toBe(
      'explained: the request was throttled (ThrottlingException, HTTP 429)',
    );
    const result = explain([throttled, ALLOW_INVOKE, '--format', 'json']);
    expect(result.code, result.stderr).toBe(1);
    const report = parseExplain(result);
    expect(report).toMatchObject({
      verdict: 'not-reproduced',
      explanation: { rule: null, signature: 'other/throttling' },
      reproduction: { status: 'not-applicable' },
    });
    expect(report.reproduction?.reason).toContain('is not an authorization failure');
  });

  it('explains a fragment with the fields it carries and the rest unknown (text)', () => {
    const result = explain(['because no service control policy allows the bedrock:InvokeModel action']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'explained: no service control policy allows the action (fragment: principal and resource not in the text) [service-control-policy]',
    );
    expect(result.stdout).toContain('  action     bedrock:InvokeModel');
    expect(result.stdout).toContain('  unknown    principal, resource (not in the text)');
  });

  describe('usage and input errors exit 2 with one line on stderr', () => {
    it.each([
      ['an unknown flag', [BOTO3_TEXT, '--bogus'], '', /^unknown option --bogus$/],
      [
        '--principal without policies',
        [BOTO3_TEXT, '--principal', PRINCIPAL],
        '',
        /--principal applies only when policies are given/,
      ],
      [
        'a bad --region',
        [BOTO3_TEXT, ALLOW_INVOKE, '--region', 'mars-1'],
        '',
        /--region "mars-1" is not an AWS Region in the list dated/,
      ],
      ['empty stdin', [], '', /no error text on stdin/],
      ['a missing policy file', [BOTO3_TEXT, 'no-such-policy.json'], '', /no-such-policy\.json.*no such file/],
      [
        '--scp with --scp-levels',
        [BOTO3_TEXT, '--scp', ALLOW_INVOKE, '--scp-levels', ALLOW_INVOKE],
        '',
        /either --scp or --scp-levels/,
      ],
    ] as const)('%s', (_name, args, input, message) => {
      expect(expectInputError(explain(args, input))).toMatch(message);
    });
  });
});
