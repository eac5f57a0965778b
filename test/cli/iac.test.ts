// `policy-check iac DIR`, run as users run it (the built binary), against fixture repositories in
// test/fixtures/iac/ and, for --base, git repositories made in temporary directories.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, ROOT, runCli } from './helpers.js';
import { git } from '../helpers/git.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'iac', 'policy-json');
const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schema('report.schema.json'));
const validate = ajv.compile(schema('iac.schema.json'));

interface Finding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  message: string;
  fingerprint: string;
}

function json(args: readonly string[], env: Record<string, string> = {}) {
  const result = runCli(['iac', ...args, '--format', 'json'], { env });
  return { ...result, report: JSON.parse(result.stdout) as { findings: Finding[]; [key: string]: unknown } };
}

const temporary: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'policy-check-iac-test-'));
  temporary.push(directory);
  return directory;
}
afterAll(() => {
  for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
});

beforeAll(requireBuiltCli);

describe('policy-check iac: plain policy JSON with expectations', () => {
  it('reports each failed expectation at the line of the principal, and the built-in rules at their statements', () => {
    const { code, report, stderr } = json([FIXTURE]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    const found = report.findings.map(
      (finding) => `${finding.file}:${finding.line} ${finding.severity} ${finding.rule}`,
    );
    expect(found).toEqual([
      'policies/analyst.json:1 error expectation',
      'policies/analyst.json:4 warning broad-grant',
      'policies/analyst.json:4 warning deny-shadows-allow',
      'policies/app-invoke.json:1 error expectation',
      'policies/app-invoke.json:4 warning streaming-action',
    ]);
    const [analyst] = report.findings;
    // The predicted AWS error, with the principal in the account the config names.
    expect(analyst!.message).toContain(
      'expected allowed, is denied: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/analyst/SESSION-NAME is not authorized to perform: bedrock:InvokeModel',
    );
    expect(analyst!.message).toContain('with an explicit deny in an identity-based policy');
    expect(report.findings[3]!.message).toContain(
      'because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action',
    );
  });

  it('text lists the findings at file:line and exits 1; --fail-on none exits 0', () => {
    const text = runCli(['iac', FIXTURE]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('policies/app-invoke.json:4:5  warning  streaming-action');
    expect(runCli(['iac', FIXTURE, '--fail-on', 'none']).code).toBe(0);
    expect(runCli(['iac', FIXTURE, '--fail-on', 'bad']).code).toBe(2);
  });

  it('sarif: one run, repository-relative URIs, startLine ≥ 1, rules with security-severity and tags, own fingerprints', () => {
    const result = runCli(['iac', FIXTURE, '--format', 'sarif']);
    const log = JSON.parse(result.stdout);
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run.results).toHaveLength(5);
    for (const entry of run.results) {
      const location = entry.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toMatch(/^policies\//);
      expect(location.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(location.region.startLine).toBeGreaterThanOrEqual(1);
      expect(entry.partialFingerprints['policyCheckIac/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    for (const rule of run.tool.driver.rules) {
      expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
      expect(rule.properties.tags.length).toBeGreaterThan(0);
    }
  });

  it('github: escaped annotations, at most 10 per level, the rest in $GITHUB_STEP_SUMMARY', () => {
    const summary = join(temporaryDirectory(), 'summary.md');
    writeFileSync(summary, '');
    const result = runCli(['iac', FIXTURE, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=policies\/analyst\.json,line=1,endLine=1,col=1,title=expectation%3A /);
    // Fewer than 10 per level: nothing for the step summary.
    expect(readFileSync(summary, 'utf8')).toBe('');
  });

  it('markdown: a pull-request comment within 65,536 characters', () => {
    const result = runCli(['iac', FIXTURE, '--format', 'markdown']);
    expect(result.stdout.length).toBeLessThanOrEqual(65_536);
    expect(result.stdout).toContain('## policy-check iac: ❌ 2 error(s), 3 warning(s), 0 note(s)');
    expect(result.stdout).toContain('| ❌ | `policies/analyst.json:1` | `expectation` |');
  });
});

describe('policy-check iac: config and input errors', () => {
  const repository = (config: string, files: Record<string, string> = {}) => {
    const directory = temporaryDirectory();
    writeFileSync(join(directory, '.policy-check.yml'), config);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(directory, path, '..'), { recursive: true });
      writeFileSync(join(directory, path), text);
    }
    return directory;
  };

  it.each([
    ['account: 111122223333\n', '.policy-check.yml:1:10: account: must be a string: quote it ("111122223333")'],
    [
      'region: us-east-1\nexpect:\n  - principal: app\n    models: [amazon.nova-pro-v1:0]\n    acess: allowed\n',
      '.policy-check.yml:3:5: expect[0]: ',
    ],
    [
      'suppress:\n  - rule: broad-grant\n    path: "*.tf"\n    reason: legacy\n    expires: 2026-02-30\n',
      '.policy-check.yml:5:14: suppress[0].expires: 2026-02-30 is no calendar date',
    ],
    [
      'region: [\n',
      '.policy-check.yml:1:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['policies:\n  - path: p.json\n    principal: app\n    type: identity\n', 'p.json'],
  ])('%j: one line naming file:line, exit 2', (config, message) => {
    const directory = repository(config, {
      'p.json':
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"*",}]}',
    });
    const result = runCli(['iac', directory]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a directory that does not exist is an input error', () => {
    const result = runCli(['iac', join(temporaryDirectory(), 'missing')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing: no such directory/);
  });
});

describe('policy-check iac --base', () => {
  const policy = (actions: string[]) =>
    `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0' }] }, null, 2)}\n`;

  it('reports access gained per principal × model, and leaves the working tree and index as they were', () => {
    const directory = temporaryDirectory();
    git(directory, 'init', '-q', '-b', 'main');
    writeFileSync(
      join(directory, '.policy-check.yml'),
      'region: us-east-1\naccount: "111122223333"\npolicies:\n  - path: app.json\n    principal: app\n    type: identity\n',
    );
    writeFileSync(join(directory, 'app.json'), policy(['bedrock:InvokeModel']));
    git(directory, 'add', '.');
    git(directory, 'commit', '-q', '-m', 'base');
    writeFileSync(
      join(directory, 'app.json'),
      policy(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']),
    );
    const status = git(directory, 'status', '--porcelain');
    const { code, report } = json([directory, '--base', 'main', '--models', 'amazon.nova-pro-v1:0']);
    expect(code).toBe(0);
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    const diff = report.diff as { base: string; rows: { principal: string; model: string; changes: string[] }[] };
    expect(diff.base).toBe('main');
    expect(diff.rows.map((row) => [row.principal, row.model, row.changes[0]])).toEqual([
      ['role/app', 'amazon.nova-pro-v1:0', 'gained'],
    ]);
    expect(git(directory, 'status', '--porcelain')).toBe(status);
    expect(git(directory, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  /** A repository whose commit on main grants `base` and whose working tree grants `head`. */
  const changed = (base: string[], head: string[]) => {
    const directory = temporaryDirectory();
    git(directory, 'init', '-q', '-b', 'main');
    writeFileSync(
      join(directory, '.policy-check.yml'),
      'region: us-east-1\naccount: "111122223333"\npolicies:\n  - path: app.json\n    principal: app\n    type: identity\n',
    );
    writeFileSync(join(directory, 'app.json'), policy(base));
    git(directory, 'add', '.');
    git(directory, 'commit', '-q', '-m', 'base');
    writeFileSync(join(directory, 'app.json'), policy(head));
    git(directory, 'commit', '-q', '--allow-empty', '-am', 'head');
    return directory;
  };
  const both = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
  const iac = (directory: string, ...args: string[]) =>
    runCli(['iac', directory, '--base', 'HEAD~1', '--models', 'amazon.nova-pro-v1:0', ...args]);

  it('access lost since the base fails the run by default, as diff does; --fail-on none does not', () => {
    const directory = changed(both, ['bedrock:ListFoundationModels']);
    const lost = iac(directory);
    expect(lost.code).toBe(1);
    expect(lost.stdout).toContain('lost  role/app  amazon.nova-pro-v1:0  us-east-1: allowed → denied');
    expect(lost.stdout).toContain('fails (access changed since HEAD~1: --fail-on lost)');
    const { report } = json([directory, '--base', 'HEAD~1', '--models', 'amazon.nova-pro-v1:0']);
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    expect(report.diff).toMatchObject({ failOn: ['lost'], fails: true });
    expect(iac(directory, '--fail-on', 'none').code).toBe(0);
    // Only the access gained fails the run: a loss does not.
    expect(iac(directory, '--fail-on', 'gained').code).toBe(0);
  });

  it('access gained fails the run with --fail-on gained (or any), beside a severity', () => {
    const directory = changed(['bedrock:ListFoundationModels'], both);
    expect(iac(directory).code).toBe(0);
    const gained = iac(directory, '--fail-on', 'gained', '--format', 'markdown');
    expect(gained.code).toBe(1);
    expect(gained.stdout).toContain('### Access changes since `HEAD~1` (fail the check: --fail-on gained)');
    expect(iac(directory, '--fail-on', 'any').code).toBe(1);
    expect(iac(directory, '--fail-on', 'warning', '--fail-on', 'gained').code).toBe(1);
  });

  it('--fail-on: one severity at most, none alone', () => {
    const directory = changed(both, both);
    expect(iac(directory).code).toBe(0);
    for (const args of [
      ['--fail-on', 'error', '--fail-on', 'warning'],
      ['--fail-on', 'none', '--fail-on', 'lost'],
      ['--fail-on', 'changed'],
    ]) {
      const result = iac(directory, ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/fail-on/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('an unknown revision is a usage error', () => {
    const directory = temporaryDirectory();
    git(directory, 'init', '-q', '-b', 'main');
    const result = runCli(['iac', directory, '--base', 'no-such-branch']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base no-such-branch: no such commit');
  });
});
