// Usage and input errors: exit 2, nothing on stdout, ONE line on stderr naming file:line[:col] when a
// file is at fault, no stack trace — and no input file touched (issue #2, DESIGN.md exit codes).
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  EXAMPLES,
  expectInputError,
  expectUnchanged,
  FIXTURES,
  ON_DEMAND_MODEL,
  requireBuiltCli,
  runCli,
  snapshotFiles,
} from './helpers.js';

const MODEL = ['--model', ON_DEMAND_MODEL];
const OK = 'allow-invoke.json';

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES, FIXTURES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES, FIXTURES));

/** Runs in test/cli/fixtures and returns the error line without its "policy-check: " prefix. */
const fail = (args: readonly string[], env?: Record<string, string>) =>
  expectInputError(runCli(args, { cwd: FIXTURES, ...(env ? { env } : {}) }));

describe('invalid policy files name file:line:column', () => {
  it.each([
    ['truncated JSON', 'truncated.json', /^truncated\.json:8:1: .*(end of file|unexpected)/i],
    ['Effect "allow" (values are case-sensitive)', 'effect-lowercase.json', /^effect-lowercase\.json:5:17: .*"allow"/],
    [
      'an unknown condition operator',
      'unknown-operator.json',
      /^unknown-operator\.json:9:9: .*"StringEqualz".*StringEquals/,
    ],
    [
      'a resource ARN without its empty account segment',
      'bad-resource-arn.json',
      /^bad-resource-arn\.json:7:19: .*"arn:aws:bedrock:us-east-1:foundatio\.\.\.".*found 5/,
    ],
    ['a bad CIDR in IpAddress', 'bad-cidr.json', /^bad-cidr\.json:9:59: .*"10\.0\.0\.0\/33"/],
  ])('%s', (_name, file, expected) => {
    expect(fail([file, ...MODEL])).toMatch(expected);
  });

  it('an SCP file named by --scp-levels is reported at its own line', () => {
    expect(fail([OK, ...MODEL, '--scp-levels', 'scp-levels-bad-scp.json'])).toMatch(/^effect-lowercase\.json:5:17: /);
  });

  it('a missing SCP file named by --scp-levels is reported at the entry that names it', () => {
    expect(fail([OK, ...MODEL, '--scp-levels', 'scp-levels-missing-file.json'])).toMatch(
      /^scp-levels-missing-file\.json:5:\d+: .*no-such-scp\.json.*no such file/,
    );
  });
});

describe('unreadable inputs', () => {
  it('a missing file', () => {
    expect(fail(['no-such-policy.json', ...MODEL])).toBe('no-such-policy.json: no such file');
  });

  it('a directory instead of a file (as --boundary)', () => {
    expect(fail([OK, ...MODEL, '--boundary', '.'])).toMatch(/^\.: .*directory/);
  });

  // root reads any file, so the check needs an ordinary user.
  it.skipIf(process.getuid?.() === 0)('a file without read permission', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-check-unreadable-'));
    try {
      copyFileSync(join(FIXTURES, OK), join(dir, 'secret.json'));
      chmodSync(join(dir, 'secret.json'), 0o000);
      expect(expectInputError(runCli(['secret.json', ...MODEL], { cwd: dir }))).toBe('secret.json: permission denied');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad flags', () => {
  it.each([
    [
      '--principal that is not an IAM principal ARN',
      [OK, ...MODEL, '--principal', 'arn:aws:s3:::my-bucket'],
      /^--principal "arn:aws:s3:::my-bucket": /,
    ],
    ['an unknown --action', [OK, ...MODEL, '--action', 'InvokeAgent'], /^--action: .*"InvokeAgent"/],
    [
      'a --region that is not a Region name',
      [OK, ...MODEL, '--region', 'us-east'],
      /^--region "us-east" is not an AWS Region in the list dated \d{4}-\d\d-\d\d; did you mean us-east-1, us-east-2\?$/,
    ],
    [
      '--scp together with --scp-levels',
      [OK, ...MODEL, '--scp', OK, '--scp-levels', 'scp-levels-ou-allows-s3-only.json'],
      /--scp.*--scp-levels/,
    ],
    ['a missing --model', [OK], /^Missing required argument: model/],
    [
      'no policy file',
      [...MODEL],
      /^give at least one identity-based policy file, or --snapshot FILE --principal ARN$/,
    ],
    ['an unknown flag', [OK, ...MODEL, '--regoin', 'us-east-1'], /^unknown option --regoin; did you mean --region\?$/],
    [
      'a single-valued flag given twice',
      [OK, ...MODEL, '--model', 'amazon.nova-lite-v1:0'],
      /^--model was given more than once/,
    ],
    ['a file flag without its value', [OK, ...MODEL, '--session-policy'], /^--session-policy needs a value/],
    [
      'a --profile-regions entry that is not a Region',
      [OK, ...MODEL, '--profile-regions', 'us-east-1,useast2'],
      /^--profile-regions: "useast2"/,
    ],
    [
      'a --context entry without =',
      [OK, ...MODEL, '--context', 'aws:SourceIp'],
      /^--context "aws:SourceIp": expected KEY=VALUE/,
    ],
  ])('%s', (_name, args, expected) => {
    expect(fail(args)).toMatch(expected);
  });

  it('an AWS_REGION that is not a Region name is named as such', () => {
    expect(fail([OK, ...MODEL], { AWS_REGION: 'Frankfurt' })).toMatch(
      /^AWS_REGION "Frankfurt" is not an AWS Region in the list dated \d{4}-\d\d-\d\d \(like us-east-1\)$/,
    );
  });
});

describe('bad input never crashes (issue #6)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-check-bad-input-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string | Buffer): string => {
    writeFileSync(join(dir, name), content);
    return name;
  };
  const failIn = (args: readonly string[], input?: string) =>
    expectInputError(runCli(args, { cwd: dir, ...(input !== undefined ? { input } : {}) }));
  const ok = () => copyFileSync(join(FIXTURES, OK), join(dir, OK));

  it('100,000 nested brackets: exit 2 at the first bracket too deep, no stack overflow', () => {
    expect(failIn([write('deep.json', '['.repeat(100_000)), ...MODEL])).toBe(
      'deep.json:1:65: JSON nested more than 64 levels deep: no policy document comes near that',
    );
  });

  it('a multi-megabyte file: exit 2 naming the cap and AWS quotas', () => {
    const line = failIn([write('huge.json', `{"Statement":"${'a'.repeat(3 * 1024 * 1024)}"}`), ...MODEL]);
    expect(line).toMatch(/^huge\.json:1:\d+: the file is larger than 1,048,576 bytes.*10,240 characters/);
  });

  it('invalid UTF-8 in a --session-policy file: exit 2 at the first bad byte', () => {
    ok();
    const file = write(
      'latin1.json',
      Buffer.concat([
        Buffer.from('{\n  "Version": "2012-10-17",\n  "Statement": "caf'),
        Buffer.from([0xe9]),
        Buffer.from('"\n}'),
      ]),
    );
    expect(failIn([OK, ...MODEL, '--session-policy', file])).toBe(
      'latin1.json:3:20: invalid UTF-8 (byte 0xE9): save the file as UTF-8',
    );
  });

  it('a lookalike in an SCP-levels inline Deny is a loud warning naming file:line and U+XXXX', () => {
    ok();
    const levels = {
      levels: [
        {
          name: 'Root',
          policies: [
            {
              name: 'FullAWSAccess',
              document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
            },
          ],
        },
        {
          name: 'Account',
          policies: [
            {
              name: 'FullAWSAccess',
              document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
            },
            {
              name: 'DenyNova',
              document: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Deny',
                    Action: 'bedrock:*',
                    Resource: 'arn:aws:bedrock:*::foundation-model/amazon.n\u043eva-*',
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const result = runCli([OK, ...MODEL, '--scp-levels', write('levels.json', JSON.stringify(levels, null, 2))], {
      cwd: dir,
    });
    expect(result.stderr).toMatch(
      /^policy-check: levels\.json:\d+:\d+: warning: Resource ".*\\u043eva-\*" contains U\+043E .*this Deny statement may not deny what it appears to/m,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a credentials file given by mistake: the error shows at most a short escaped token, not the secret', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const line = failIn([
      write('credentials', `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${secret}\n`),
      ...MODEL,
    ]);
    expect(line).toMatch(/^credentials:1:\d+: /);
    expect(line).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(line).not.toContain(secret.slice(0, 12));
    const quoted = line.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
    for (const token of quoted) expect(token.length).toBeLessThanOrEqual(40);
  });

  it('a one-line secret after a syntax error is cut to a short token', () => {
    const line = failIn([write('env.json', `{"Version": SECRET_${'x'.repeat(200)}}`), ...MODEL]);
    expect(line.length).toBeLessThan(160);
    expect(line).not.toContain('x'.repeat(40));
  });
});

describe('"-" reads a policy from standard input', () => {
  const policy = readFileSync(join(FIXTURES, OK), 'utf8');

  it('as an identity policy', () => {
    const result = runCli(['-', ...MODEL, '--format', 'json'], { cwd: FIXTURES, input: policy });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).input.policies[0]).toMatchObject({ file: '<stdin>' });
  });

  it('as a boundary, with errors located at <stdin>:line:column', () => {
    expect(fail([OK, ...MODEL, '--boundary', '-'])).toBe('<stdin>:1:1: the file is empty: expected a JSON object');
    expect(
      expectInputError(runCli([OK, ...MODEL, '--boundary', '-'], { cwd: FIXTURES, input: '{\n  "Statement": [\n' })),
    ).toMatch(/^<stdin>:3:1: unexpected end of file/);
  });

  it("not for explain's error text and a policy at once", () => {
    expect(
      expectInputError(runCli(['explain', '--boundary', '-'], { cwd: FIXTURES, input: 'AccessDeniedException' })),
    ).toMatch(/^standard input can be read only once/);
  });

  it('only once', () => {
    expect(
      expectInputError(runCli(['-', ...MODEL, '--session-policy', '-'], { cwd: FIXTURES, input: policy })),
    ).toMatch(/^<stdin>: standard input \("-"\) can be read only once/);
  });
});

describe('AWS CLI output is accepted as a policy file', () => {
  it('get-role-policy output, named by its PolicyName', () => {
    const document = JSON.parse(readFileSync(join(FIXTURES, OK), 'utf8')) as unknown;
    const input = JSON.stringify(
      { RoleName: 'BedrockApp', PolicyName: 'InvokeModels', PolicyDocument: document },
      null,
      2,
    );
    const result = runCli(['-', ...MODEL, '--format', 'json'], { cwd: FIXTURES, input });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).input.policies[0]).toMatchObject({ name: 'InvokeModels', file: '<stdin>' });
  });

  it('get-policy-version output with a URL-encoded document, errors pointing at the string', () => {
    const input = JSON.stringify(
      {
        PolicyVersion: {
          Document: encodeURIComponent(
            '{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}',
          ),
          VersionId: 'v1',
        },
      },
      null,
      2,
    );
    expect(expectInputError(runCli(['-', ...MODEL], { cwd: FIXTURES, input }))).toMatch(
      /^<stdin>:3:17: .*"allow".*\(in PolicyVersion\.Document \(URL-decoded\), at its line 1, column \d+\)$/,
    );
  });
});

describe('SCP-levels file entries', () => {
  it('resolve relative to the SCP-levels file, not the working directory', () => {
    const line = expectInputError(
      runCli([
        join('test', 'cli', 'fixtures', OK),
        ...MODEL,
        '--scp-levels',
        join('test', 'cli', 'fixtures', 'scp-levels-bad-scp.json'),
      ]),
    );
    expect(line).toMatch(/^test\/cli\/fixtures\/effect-lowercase\.json:5:17: /);
  });
});

describe('a reader that closes the pipe early (| head)', () => {
  it('ends quietly with the exit code of the verdict, without "Error: write EPIPE"', async () => {
    const child = spawn(process.execPath, [BIN, OK, ...MODEL, '--format', 'sarif'], {
      cwd: FIXTURES,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
