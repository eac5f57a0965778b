// scan --snapshot FILE…: the access matrix of whole accounts, through the built CLI.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSarif } from '../report/sarif-schema.js';
import {
  EXAMPLES,
  expectInputError,
  expectNoAnsi,
  FIXTURES,
  hasAnsi,
  ROOT,
  requireBuiltCli,
  runCli,
} from './helpers.js';

const GAAD_FOLDER = join(EXAMPLES, 'account-gaad');
const SHARED = join(FIXTURES, 'scan', 'shared-policy.json');
const ACCOUNT = '111122223333';
const ROLE = (name: string) => `arn:aws:iam::${ACCOUNT}:role/apps/${name}`;
const NOVA = ['--models', 'amazon.nova-pro-v1:0,amazon.nova-lite-v1:0', '--region', 'us-east-1'];
/** The account-gaad example scanned as the README's examples table shows it. */
const GAAD_SCAN = [
  'scan',
  '--snapshot',
  'gaad.json',
  '--scp-levels',
  'scp-levels.json',
  '--models',
  'us.anthropic.claude-sonnet-4-6,amazon.nova-pro-v1:0',
  '--region',
  'us-east-1',
];

const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validateMatrix = ajv.compile(schema('matrix.schema.json'));

interface MatrixJson {
  readonly summary: Record<string, number>;
  readonly models: string[];
  readonly modelsFrom: string;
  readonly assumptions: string[];
  readonly matrix: {
    principal: string;
    model: string;
    verdict: string;
    checks: { deniedBy: string | null; message: string | null }[];
    findings: { rule: string; severity: string }[];
    causes: number[];
  }[];
  readonly causes: {
    rule: string;
    severity: string;
    principals: string[];
    fixes: { fix: { file: string | null; summary: string }; principals: string[] }[];
  }[];
}

function parseMatrix(stdout: string): MatrixJson {
  const document = JSON.parse(stdout) as MatrixJson;
  expect(validateMatrix(document), ajv.errorsText(validateMatrix.errors)).toBe(true);
  return document;
}

function scan(args: readonly string[], cwd = ROOT) {
  return runCli(['scan', ...args], { cwd });
}

let scratch: string;
beforeAll(() => {
  requireBuiltCli();
  scratch = mkdtempSync(join(tmpdir(), 'policy-check-scan-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('scan, text', () => {
  it('prints the principal × model table and one block per cause for the account-gaad example (exit 1)', () => {
    const result = runCli(GAAD_SCAN, { cwd: GAAD_FOLDER });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expectNoAnsi(result.stdout);
    expect(result.stdout).toMatch(
      /^10 checks: 0 allowed, 6 denied, 4 conditional or incomplete \(5 principals × 2 models in us-east-1\)/,
    );
    expect(result.stdout).toMatch(/^user alice +✗ {2}✗$/m);
    // An AWS managed policy no one knows: incomplete, never allowed.
    expect(result.stdout).toMatch(/^role legacy-batch +\? {2}\?$/m);
    expect(result.stdout).toMatch(/^role AWSServiceRoleForSupport +\? {2}\?$/m);
    expect(result.stdout).toContain('arn:aws:iam::111122223333:policy/boundaries/DeveloperBoundary');
    // The SCP chain given replaces the snapshot's absent one: nothing says the account is outside an organization.
    expect(result.stdout).not.toContain('the snapshot holds no SCP chain');
  });

  it('exits 0 when every cell is allowed, and says where the Region came from when not given', () => {
    const result = scan(['--snapshot', SHARED, '--models', 'amazon.nova-lite-v1:0']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^4 checks: 4 allowed, 0 denied/);
    expect(result.stdout).toContain('no --region, AWS_REGION or AWS_DEFAULT_REGION: Region us-east-1 assumed');
  });

  it('exits 1 when the only cells not allowed are incomplete, as check does for INCOMPLETE', () => {
    const result = runCli([...GAAD_SCAN, '--principals', 'legacy-batch'], { cwd: GAAD_FOLDER });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^2 checks: 0 allowed, 0 denied, 2 conditional or incomplete/);
  });

  it('colors only when asked (--color), never into a file', () => {
    expectNoAnsi(scan(['--snapshot', SHARED, ...NOVA]).stdout);
    const result = scan(['--snapshot', SHARED, ...NOVA, '--color']);
    expect(hasAnsi(result.stdout)).toBe(true);
    const output = join(scratch, 'colored.txt');
    scan(['--snapshot', SHARED, ...NOVA, '--color', '--output', output]);
    expectNoAnsi(readFileSync(output, 'utf8'));
  });
});

describe('scan, a managed policy shared by several roles', () => {
  it('is one cause listing the roles, with one fix to the policy (exit 1)', () => {
    const result = scan(['--snapshot', SHARED, ...NOVA, '--format', 'json']);
    expect(result.code).toBe(1);
    const matrix = parseMatrix(result.stdout);
    expect(matrix.summary).toMatchObject({ cells: 8, allowed: 5, denied: 3 });
    const errors = matrix.causes.filter((cause) => cause.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.rule).toBe('identity-policy');
    expect(errors[0]!.principals).toEqual([ROLE('app-a'), ROLE('app-b'), ROLE('app-c')]);
    expect(errors[0]!.fixes).toHaveLength(1);
    expect(errors[0]!.fixes[0]!.fix.summary).toContain('BedrockNovaLite');
    expect(errors[0]!.fixes[0]!.principals).toHaveLength(3);
    // Each cell's own message names its own role.
    const appB = matrix.matrix.find(
      (cell) => cell.principal === ROLE('app-b') && cell.model === 'amazon.nova-pro-v1:0',
    );
    expect(appB!.checks.find((check) => check.message)!.message).toContain('assumed-role/app-b/');
  });
});

describe('scan, JSON', () => {
  it('is one document valid against schemas/matrix.schema.json, cells sorted by principal then model', () => {
    const result = runCli([...GAAD_SCAN, '--format', 'json'], { cwd: GAAD_FOLDER });
    const matrix = parseMatrix(result.stdout);
    expect(matrix.modelsFrom).toBe('option');
    expect(matrix.matrix).toHaveLength(10);
    const keys = matrix.matrix.map((cell) => cell.principal);
    expect(keys).toEqual([...keys].sort());
    const alice = matrix.matrix.find((cell) => cell.principal.endsWith('user/engineering/alice'));
    expect(alice!.checks.some((check) => check.deniedBy === 'permissions-boundary')).toBe(true);
  });

  it('is deterministic', () => {
    const first = runCli([...GAAD_SCAN, '--format', 'json'], { cwd: GAAD_FOLDER }).stdout;
    expect(runCli([...GAAD_SCAN, '--format', 'json'], { cwd: GAAD_FOLDER }).stdout).toBe(first);
  });
});

describe('scan, Markdown', () => {
  it('is a table with a column per model and a section per cause', () => {
    const result = scan(['--snapshot', SHARED, ...NOVA, '--format', 'markdown']);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('### policy-check scan: 5 of 8 allowed');
    expect(lines).toContain('| Principal | amazon.nova-pro-v1:0 | amazon.nova-lite-v1:0 |');
    expect(lines).toContain('| role app-a | ✗ 1 | ✓ |');
    expect(lines).toContain('| role chat | ✓ | ✓ |');
    expect(lines.filter((line) => line.startsWith('##### '))).toEqual([
      '##### 1. ERROR: No identity-based policy allows the call',
    ]);
    expectNoAnsi(result.stdout);
  });
});

describe('scan, SARIF', () => {
  it('is a valid SARIF log with one result per cause at the policy in the snapshot', () => {
    const result = scan(['--snapshot', SHARED, ...NOVA, '--format', 'sarif']);
    expect(result.code).toBe(1);
    const log = parseSarif(result.stdout);
    const results = log.runs[0].results;
    expect(results).toHaveLength(1);
    expect(results[0].ruleId).toBe('identity-policy');
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/shared-policy\.json$/);
    expect(results[0].message.text).toContain('3 principals: arn:aws:iam::111122223333:role/apps/app-a');
  });

  it('gives the unevaluable and conditional cells results of their own', () => {
    const result = runCli([...GAAD_SCAN, '--format', 'sarif'], { cwd: GAAD_FOLDER });
    const log = parseSarif(result.stdout);
    const rules = new Set(log.runs[0].results.map((entry: { ruleId: string }) => entry.ruleId));
    expect(rules).toContain('incomplete-evaluation');
    expect(rules).toContain('permissions-boundary');
  });
});

describe('scan options', () => {
  it('--principals selects by glob on the ARN or the name', () => {
    const byName = parseMatrix(
      scan(['--snapshot', SHARED, ...NOVA, '--principals', 'app-?', '--format', 'json']).stdout,
    );
    expect([...new Set(byName.matrix.map((cell) => cell.principal))]).toEqual([
      ROLE('app-a'),
      ROLE('app-b'),
      ROLE('app-c'),
    ]);
    const result = scan(['--snapshot', SHARED, ...NOVA, '--principals', 'arn:aws:iam::*:role/apps/chat']);
    expect(result.code).toBe(0);
  });

  it('--principals matching no one is a usage error with did-you-mean', () => {
    const line = expectInputError(scan(['--snapshot', SHARED, ...NOVA, '--principals', 'app-d']));
    expect(line).toMatch(/^--principals "app-d": no user or role of the snapshots matches.*; did you mean app-a/);
    const path = expectInputError(
      scan(['--snapshot', SHARED, ...NOVA, '--principals', `arn:aws:iam::${ACCOUNT}:role/chat`]),
    );
    expect(path).toMatch(/; did you mean arn:aws:iam::111122223333:role\/apps\/chat\b/);
  });

  it('an --models id the catalog does not know is an error finding in its cells (exit 1), never allowed', () => {
    const result = scan(['--snapshot', SHARED, '--models', 'amazon.nova-ultra-v9:0', '--format', 'json']);
    expect(result.code).toBe(1);
    const matrix = parseMatrix(result.stdout);
    for (const cell of matrix.matrix) {
      expect(cell.findings.some((finding) => finding.rule === 'model-access' && finding.severity === 'error')).toBe(
        true,
      );
    }
    expect(matrix.summary.allowed).toBe(0);
  });

  it('--models text that is no model id is a usage error with did-you-mean', () => {
    const line = expectInputError(scan(['--snapshot', SHARED, '--models', 'amazon.nova-pro-v1:0,nova pro']));
    expect(line).toMatch(/^--models "nova pro": /);
  });

  it('--scp replaces the snapshot SCP chain', () => {
    const scp = join(scratch, 'deny-pro.json');
    writeFileSync(
      scp,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', Action: 'bedrock:*', Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-pro*' },
        ],
      }),
    );
    const result = scan(['--snapshot', SHARED, ...NOVA, '--principals', 'chat', '--scp', scp, '--format', 'json']);
    expect(result.code).toBe(1);
    const matrix = parseMatrix(result.stdout);
    const pro = matrix.matrix.find((cell) => cell.model === 'amazon.nova-pro-v1:0')!;
    expect(pro.verdict).toBe('denied');
    expect(pro.checks.some((check) => check.deniedBy === 'scp')).toBe(true);
    expect(matrix.assumptions.join('\n')).not.toContain('the snapshot holds no SCP chain');
  });

  it('--scp leaves the management account alone: SCPs do not restrict it', () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
    const shared = JSON.parse(readFileSync(SHARED, 'utf8'));
    const snapshot = join(scratch, 'management.json');
    writeFileSync(
      snapshot,
      JSON.stringify({
        snapshotVersion: 1,
        accountId: ACCOUNT,
        organization: { id: 'o-exampleorg1', managementAccountId: ACCOUNT },
        ...shared,
      }),
    );
    const scp = join(scratch, 'deny-all.json');
    writeFileSync(
      scp,
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }),
    );
    const result = scan(['--snapshot', snapshot, ...NOVA, '--principals', 'chat', '--scp', scp, '--format', 'json']);
    expect(result.code).toBe(0);
    const matrix = parseMatrix(result.stdout);
    expect(matrix.matrix.map((cell) => cell.verdict)).toEqual(['allowed', 'allowed']);
    expect(matrix.assumptions).toContain(
      "the account is the organization's management account: SCPs do not apply to it",
    );
    expect(matrix.assumptions.join('\n')).not.toContain('the snapshot holds no SCP chain');
  });

  it('--scp with --scp-levels is a usage error', () => {
    const line = expectInputError(runCli([...GAAD_SCAN, '--scp', 'scp-levels.json'], { cwd: GAAD_FOLDER }));
    expect(line).toBe('use either --scp or --scp-levels, not both');
  });

  it('--context values are typed as for check', () => {
    const line = expectInputError(scan(['--snapshot', SHARED, ...NOVA, '--context', 'aws:SourceIp=nowhere']));
    expect(line).toMatch(/^--context aws:SourceIp: "nowhere" is not/);
  });

  it('--region outside the shipped list is a usage error', () => {
    expectInputError(scan(['--snapshot', SHARED, '--models', 'amazon.nova-pro-v1:0', '--region', 'us-east-9']));
  });

  it("--principal (check's option) suggests --principals", () => {
    expect(expectInputError(scan(['--snapshot', SHARED, '--principal', 'chat']))).toBe(
      'unknown option --principal; did you mean --principals?',
    );
  });

  it('without --snapshot, a live scan without credentials fails with one line', () => {
    const result = runCli(['scan', '--models', 'amazon.nova-pro-v1:0'], {
      env: {
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/nonexistent/aws-config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
      },
    });
    expect(expectInputError(result)).toMatch(/^live scan failed: .*credentials/i);
  });

  it('--output writes the report to the file, not stdout, with the exit code of the matrix', () => {
    const output = join(scratch, 'matrix.md');
    const result = scan(['--snapshot', SHARED, ...NOVA, '--format', 'markdown', '--output', output]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toMatch(/^### policy-check scan: 5 of 8 allowed/);
  });

  it('--output writes the JSON (written in pieces) byte for byte as stdout has it', () => {
    const output = join(scratch, 'matrix.json');
    const args = ['--snapshot', SHARED, ...NOVA, '--format', 'json'];
    expect(scan([...args, '--output', output]).code).toBe(1);
    expect(readFileSync(output, 'utf8')).toBe(scan(args).stdout);
    parseMatrix(readFileSync(output, 'utf8'));
  });

  it('--output never overwrites a snapshot', () => {
    const copy = join(scratch, 'snapshot.json');
    writeFileSync(copy, readFileSync(SHARED));
    expectInputError(scan(['--snapshot', copy, ...NOVA, '--output', copy]));
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(SHARED, 'utf8'));
  });
});

describe('scan, several snapshots', () => {
  it('puts the principals of every account in one matrix', () => {
    const gaad = join(GAAD_FOLDER, 'gaad.json');
    const result = scan([
      '--snapshot',
      SHARED,
      '--snapshot',
      gaad,
      '--models',
      'amazon.nova-pro-v1:0',
      '--format',
      'json',
    ]);
    const matrix = parseMatrix(result.stdout);
    expect(matrix.summary.cells).toBe(9);
    expect(new Set(matrix.matrix.map((cell) => cell.principal)).size).toBe(9);
  });

  it('refuses the same account twice (exit 2)', () => {
    expect(expectInputError(scan(['--snapshot', SHARED, '--snapshot', SHARED, ...NOVA]))).toMatch(
      /^--snapshot: arn:aws:iam::111122223333:role\/apps\/app-a is in more than one snapshot/,
    );
  });
});

describe('scan, snapshot warnings', () => {
  it('go to stderr once, however many principals and cells the policy is in', () => {
    const gaad = JSON.parse(readFileSync(SHARED, 'utf8'));
    // A zero-width space in a Deny's Resource: a warning at the character (the policy is shared by three roles).
    gaad.Policies[0].PolicyVersionList[0].Document.Statement.push({
      Effect: 'Deny',
      Action: 'bedrock:InvokeModel',
      Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-pro\u200b*',
    });
    const file = join(scratch, 'zero-width.json');
    // Escaped, as the IAM API and the AWS CLI write it.
    writeFileSync(file, JSON.stringify(gaad, null, 2).replace(/\u200b/g, '\\u200b'));
    const result = scan(['--snapshot', file, ...NOVA]);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.includes('U+200B'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^policy-check: .*zero-width\.json:\d+:\d+: warning: /);
  });
});

describe('scan, bad snapshots', () => {
  it('a snapshot that is not JSON is exit 2, one line naming file:line', () => {
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, '{\n  "UserDetailList": [],\n  "RoleDetailList": [,]\n}\n');
    const line = expectInputError(scan(['--snapshot', bad, ...NOVA]));
    expect(line).toMatch(/bad\.json:3:\d+: /);
  });

  it('a missing snapshot is exit 2 naming the file', () => {
    const line = expectInputError(scan(['--snapshot', join(scratch, 'absent.json'), ...NOVA]));
    expect(line).toMatch(/absent\.json: no such file/);
    expect(existsSync(join(scratch, 'absent.json'))).toBe(false);
  });
});

describe('scan, a directory of snapshots', () => {
  it('scans every *.json and *.json.gz in it as one account each, as the files given one by one', () => {
    const dir = join(scratch, 'accounts');
    mkdirSync(dir);
    writeFileSync(join(dir, 'shared.json'), readFileSync(SHARED));
    writeFileSync(join(dir, 'gaad.json.gz'), gzipSync(readFileSync(join(GAAD_FOLDER, 'gaad.json'))));
    const fromDirectory = scan(['--snapshot', dir, '--models', 'amazon.nova-pro-v1:0', '--format', 'json']);
    const fromFiles = scan([
      '--snapshot',
      join(GAAD_FOLDER, 'gaad.json'),
      '--snapshot',
      SHARED,
      '--models',
      'amazon.nova-pro-v1:0',
      '--format',
      'json',
    ]);
    expect(fromDirectory.code).toBe(fromFiles.code);
    const cells = (stdout: string) => parseMatrix(stdout).matrix.map((cell) => [cell.principal, cell.verdict]);
    expect(cells(fromDirectory.stdout)).toEqual(cells(fromFiles.stdout));
    expect(cells(fromDirectory.stdout)).toHaveLength(9);
  });

  it('a damaged gzip snapshot is exit 2, one line naming the file', () => {
    const file = join(scratch, 'damaged.json.gz');
    writeFileSync(file, gzipSync(readFileSync(SHARED)).subarray(0, 40));
    expect(expectInputError(scan(['--snapshot', file, ...NOVA]))).toBe(
      `${file}: is gzip-compressed but cannot be decompressed: the file ends early (truncated)`,
    );
  });
});

describe('scan, a misspelt action in a policy shared by three roles', () => {
  const typoFile = () => {
    const gaad = JSON.parse(readFileSync(SHARED, 'utf8'));
    gaad.Policies[0].PolicyVersionList[0].Document.Statement[0].Action[0] = 'bedrock:InvokeModle';
    const file = join(scratch, 'typo.json');
    writeFileSync(file, JSON.stringify(gaad, null, 2));
    return file;
  };
  const LITE = ['--models', 'amazon.nova-lite-v1:0', '--region', 'us-east-1'];
  const WARNING = /action "bedrock:InvokeModle" matches no bedrock action .*did you mean "bedrock:InvokeModel"\?/;

  it('is one warning in the JSON report, and the fix corrects the action once for the three roles', () => {
    const file = typoFile();
    const matrix = parseMatrix(scan(['--snapshot', file, ...LITE, '--format', 'json']).stdout) as MatrixJson & {
      warnings: { file: string; line: number; code: string; message: string }[];
    };
    const warnings = matrix.warnings.filter((warning) => warning.code === 'unknown-action');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.file).toBe(file);
    expect(warnings[0]?.message).toMatch(
      /^policy "arn:aws:iam::111122223333:policy\/BedrockNovaLite" \(\/Policies\/0\/PolicyVersionList\/0\/Document\): /,
    );
    expect(warnings[0]?.message).toMatch(WARNING);
    const fixes = matrix.causes.flatMap((cause) => cause.fixes);
    expect(fixes.map((entry) => [entry.fix.summary, entry.principals.length])).toEqual([
      [`Correct the action "bedrock:InvokeModle" to "bedrock:InvokeModel" at ${file}:${warnings[0]?.line}`, 3],
    ]);
  });

  it('is in the text, Markdown, SARIF and HTML reports once', () => {
    const file = typoFile();
    const count = (text: string) => text.split('\n').filter((line) => WARNING.test(line)).length;
    expect(count(scan(['--snapshot', file, ...LITE]).stdout)).toBe(1);
    const markdown = scan(['--snapshot', file, ...LITE, '--format', 'markdown']).stdout;
    expect(markdown).toContain('**Warnings:**');
    expect(count(markdown)).toBe(1);
    const sarif = parseSarif(scan(['--snapshot', file, ...LITE, '--format', 'sarif']).stdout);
    const results = (sarif.runs[0].results as { ruleId: string; level: string; message: { text: string } }[]).filter(
      (result) => result.ruleId === 'input-warning',
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.level).toBe('warning');
    expect(JSON.stringify(results[0])).toContain('typo.json');
    expect(results[0]?.message.text).toMatch(WARNING);
    const html = scan(['--snapshot', file, ...LITE, '--format', 'html']).stdout;
    expect(html.match(/matches no bedrock action/g)).toHaveLength(1);
  });
});
