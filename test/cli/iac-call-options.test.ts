// The call the pipeline's code makes, in .policy-check.yml (issue 12): `auth`, `serviceTier` and `guardrail` apply to
// every cell of `policy-check iac` as --auth, --service-tier and --guardrail do for scan, are recorded in each
// format, and a change of them since --base is a diff-call-option note.
// API keys: https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html
// Service tiers (bedrock:ServiceTier): https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html
// Guardrails (bedrock:ApplyGuardrail on the guardrail): https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInputError, iacReportValidator, requireBuiltCli, runCli } from './helpers.js';
import { git } from '../helpers/git.js';

const MODEL = 'amazon.nova-pro-v1:0';
const GUARDRAIL_ARN = 'arn:aws:bedrock:us-east-1:111122223333:guardrail/gr1abc';

const temporary: string[] = [];
beforeAll(() => requireBuiltCli());
afterAll(() => {
  for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
});

/** A repository whose one role may invoke Nova Pro at the flex tier, with API keys and the guardrail gr1abc. */
function repository(call: string, statements: readonly object[] = STATEMENTS): string {
  const directory = mkdtempSync(join(tmpdir(), 'policy-check-iac-call-'));
  temporary.push(directory);
  writeFileSync(join(directory, '.policy-check.yml'), config(call));
  writeFileSync(join(directory, 'app.json'), policy(statements));
  return directory;
}

const config = (call: string) =>
  `region: us-east-1\naccount: "111122223333"\n${call}policies:\n  - path: app.json\n    principal: app\n    type: identity\n`;
const policy = (statements: readonly object[]) =>
  `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;

const STATEMENTS = [
  {
    Sid: 'InvokeFlex',
    Effect: 'Allow',
    Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    Resource: `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`,
    Condition: { StringEquals: { 'bedrock:ServiceTier': 'flex' } },
  },
  { Sid: 'Keys', Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*' },
  { Sid: 'Guardrail', Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: GUARDRAIL_ARN },
];
const ALL = 'auth: api-key=short-term\nserviceTier: flex\nguardrail: gr1abc:2\n';

function iac(directory: string, format: string, ...extra: string[]) {
  return runCli(['iac', directory, '--models', MODEL, '--format', format, ...extra]);
}
function json(directory: string, ...extra: string[]) {
  const result = iac(directory, 'json', ...extra);
  return { ...result, report: JSON.parse(result.stdout) as Record<string, unknown> };
}
const verdicts = (report: Record<string, unknown>) =>
  (report.cells as { principal: string; verdict: string }[]).map((cell) => [cell.principal, cell.verdict]);

describe('policy-check iac: the call in .policy-check.yml', () => {
  it('applies to every cell and is recorded in JSON (valid against the schema), text, markdown and SARIF', () => {
    const directory = repository(ALL);
    const { code, report } = json(directory);
    expect(code).toBe(0);
    expect(verdicts(report)).toEqual([['role/app', 'allowed']]);
    expect(report).toMatchObject({
      auth: { method: 'api-key', kind: 'short-term' },
      guardrail: { identifier: 'gr1abc', version: '2' },
      serviceTier: 'flex',
    });
    const { validate, errorsText } = iacReportValidator();
    expect(validate(report), errorsText()).toBe(true);
    expect(iac(directory, 'text').stdout).toContain(
      'Call: Amazon Bedrock API key (short-term), guardrail gr1abc:2, service tier flex\n',
    );
    // The note names the configuration key that set the tier: iac has no --service-tier.
    expect(report.notes).toContain(
      'The bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream requests carry bedrock:ServiceTier = "flex" (`serviceTier:` in .policy-check.yml).',
    );
    expect(iac(directory, 'markdown').stdout).toContain(
      '**Call:** Amazon Bedrock API key (short-term), guardrail `gr1abc:2`, service tier `flex`',
    );
    const sarif = JSON.parse(iac(directory, 'sarif').stdout) as { runs: { properties: Record<string, unknown> }[] };
    expect(sarif.runs[0]!.properties).toMatchObject({
      auth: { method: 'api-key', kind: 'short-term' },
      guardrail: { identifier: 'gr1abc', version: '2' },
      serviceTier: 'flex',
    });
  });

  it.each([
    ['another service tier', 'auth: api-key=short-term\nserviceTier: priority\nguardrail: gr1abc:2\n', STATEMENTS],
    ['an API key without bedrock:CallWithBearerToken', ALL, STATEMENTS.filter((entry) => entry.Sid !== 'Keys')],
    ['a guardrail without bedrock:ApplyGuardrail', ALL, STATEMENTS.filter((entry) => entry.Sid !== 'Guardrail')],
  ])('each option decides the cells: %s is denied', (_name, call, statements) => {
    expect(verdicts(json(repository(call, statements)).report)).toEqual([['role/app', 'denied']]);
  });

  it('without the keys the calls are SigV4 calls with neither tier nor guardrail, and none is recorded', () => {
    const { report } = json(repository(''));
    // The tier is unknown without serviceTier: the Allow on flex makes the cell conditional, never allowed.
    expect(verdicts(report)).toEqual([['role/app', 'conditional']]);
    expect(report).not.toHaveProperty('auth');
    expect(report).not.toHaveProperty('guardrail');
    expect(report).not.toHaveProperty('serviceTier');
    expect(iac(repository(''), 'text').stdout).not.toContain('Call:');
  });

  it.each([
    [
      'auth: bearer\n',
      '.policy-check.yml:3:7: auth: must be one of "sigv4", "api-key", "api-key=short-term", "api-key=long-term"',
    ],
    [
      'serviceTier: Priority\n',
      '.policy-check.yml:3:14: serviceTier: unknown tier "Priority" (did you mean "priority"?',
    ],
    ['guardrail: "gr-1:2"\n', '.policy-check.yml:3:12: guardrail: "gr-1:2": "gr-1" is neither a guardrail id'],
    ['guardrail: gr1:latest\n', '.policy-check.yml:3:12: guardrail: "gr1:latest": version "latest" is neither'],
  ])('an invalid value (%j) is one line naming .policy-check.yml and its line, exit 2', (call, start) => {
    expect(expectInputError(iac(repository(call), 'text'))).toContain(start);
  });
});

describe('policy-check iac: code that calls InvokeModelWithBidirectionalStream', () => {
  // "You can't use them with the following API operations: InvokeModelWithBidirectionalStream":
  // https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-reference.html
  const withCode = (call: string) => {
    const directory = repository(call);
    writeFileSync(
      join(directory, 'voice.ts'),
      [
        "import { BedrockRuntimeClient, InvokeModelWithBidirectionalStreamCommand } from '@aws-sdk/client-bedrock-runtime';",
        '',
        "const client = new BedrockRuntimeClient({ region: 'us-east-1' });",
        'export const talk = (body: AsyncIterable<never>) =>',
        "  client.send(new InvokeModelWithBidirectionalStreamCommand({ modelId: 'amazon.nova-sonic-v1:0', body }));",
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(directory, 'voice.py'),
      'import boto3\n\nruntime = boto3.client("bedrock-runtime")\n\n\nruntime.invoke_model_with_bidirectional_stream(\n    modelId="amazon.nova-sonic-v1:0",\n)\n',
    );
    return directory;
  };
  const rule = (report: Record<string, unknown>) =>
    (report.findings as { rule: string; file: string; line: number; severity: string }[])
      .filter((finding) => finding.rule === 'api-key-bidirectional-stream')
      .map((finding) => `${finding.severity} ${finding.file}:${finding.line}`);

  it('with auth: api-key, each call on a runtime client is an error at its line', () => {
    const { code, report } = json(withCode(ALL));
    expect(rule(report)).toEqual(['error voice.py:6', 'error voice.ts:5']);
    expect(code).toBe(1);
  });

  it('without an API key the calls are fine', () => {
    expect(rule(json(withCode('serviceTier: flex\n')).report)).toEqual([]);
    expect(rule(json(withCode('auth: sigv4\n')).report)).toEqual([]);
  });
});

describe('policy-check iac --base: a changed call option', () => {
  it('is a diff-call-option note of the base and the working tree, each evaluated with its own call', () => {
    const directory = repository('auth: api-key=short-term\nserviceTier: flex\nguardrail: gr1abc:1\n');
    git(directory, 'init', '-q', '-b', 'main');
    git(directory, 'add', '.');
    git(directory, 'commit', '-q', '-m', 'base');
    writeFileSync(join(directory, '.policy-check.yml'), config('serviceTier: priority\nguardrail: gr1abc:2\n'));
    const { report } = json(directory, '--base', 'main', '--fail-on', 'none');
    const diff = report.diff as {
      rows: { principal: string; changes: string[] }[];
      notes: string[];
    };
    // The flex Allow no longer matches the priority calls: access lost, explained by the changed options.
    expect(diff.rows.map((row) => [row.principal, row.changes[0]])).toEqual([['role/app', 'lost']]);
    const notes = diff.notes.filter((note) => note.includes('different call options'));
    expect(notes).toHaveLength(3);
    expect(notes.join('\n')).toMatch(/api-key=short-term → sigv4.*\n.*gr1abc:1 → gr1abc:2.*\n.*flex → priority/);
    // iac takes its call options from .policy-check.yml, not from --auth, --guardrail or --service-tier.
    expect(notes[2]).toContain('service tier (`serviceTier:` in .policy-check.yml) flex → priority');
    expect(notes.join('\n')).not.toMatch(/--(auth|guardrail|service-tier)\b/);
    expect(iac(directory, 'text', '--base', 'main', '--fail-on', 'none').stdout).toMatch(
      /Access changes since main\n.*lost.*\n(\s+note: .*\n)*\s+note: .*flex → priority/,
    );
  });
});
