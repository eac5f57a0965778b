// `policy-check iac DIR` over a repository with Terraform, Python and TypeScript code and their manifests: the
// code check's findings (sdk-too-old, wrong-api) and the model ids in code that the principal running it cannot
// invoke (code-model-access) at their file and line in every format, suppressions applied, include/exclude kept.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iacReportValidator, requireBuiltCli, ROOT, runCli } from './helpers.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'iac', 'code-and-terraform');
const schema = iacReportValidator();

interface Finding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  fingerprint: string;
}

const temporary: string[] = [];
afterAll(() => {
  for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
});
beforeAll(requireBuiltCli);

/** A copy of the fixture with another .policy-check.yml, or with files added. */
function copy(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'policy-check-iac-code-'));
  temporary.push(directory);
  cpSync(FIXTURE, directory, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(directory, path), text);
  return directory;
}

function json(directory: string, ...args: string[]) {
  const result = runCli(['iac', directory, '--format', 'json', ...args]);
  const report = JSON.parse(result.stdout) as {
    findings: Finding[];
    suppressed: { finding: Finding }[];
    files: string[];
    models: string[];
  };
  return { ...result, report };
}

const at = (finding: Finding) =>
  `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule}`;

describe('policy-check iac: code and dependency manifests', () => {
  it('json: each finding at its file, line and column; the suppressed one left out of the findings', () => {
    const { code, report, stderr } = json(FIXTURE);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(schema.validate(report), schema.errorsText()).toBe(true);
    expect(report.findings.map(at)).toEqual([
      // code: maps batch/** to a role the repository does not declare.
      '.policy-check.yml:8:5 error code-model-access',
      // converse(modelId="amazon.nova-lite-v1:0"): the worker is granted Nova Pro only.
      'services/worker/app.py:18:17 error code-model-access',
      // control.invoke_model on boto3.client("bedrock").
      'services/worker/app.py:24:20 error wrong-api',
      // boto3==1.26.0, older than bedrock-runtime (1.28.57).
      'services/worker/requirements.txt:3:1 error sdk-too-old',
      // ^3.400.0 allows versions without Converse, which handler.ts calls.
      'web/package.json:6:5 warning sdk-too-old',
      // InvokeModelCommand with amazon.nova-pro-v1:0: web-app is granted Nova Lite only.
      'web/src/handler.ts:17:57 error code-model-access',
      'web/src/handler.ts:17:10 error wrong-api',
    ]);
    const message = (file: string, rule: string) =>
      report.findings.find((finding) => finding.file === file && finding.rule === rule)!.message;
    expect(message('services/worker/app.py', 'code-model-access')).toBe(
      'aws_iam_role.worker runs this code (code: at .policy-check.yml:4) and cannot invoke amazon.nova-lite-v1:0 in us-east-1: denied: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/worker/SESSION-NAME is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0 because no identity-based policy allows the bedrock:InvokeModel action',
    );
    expect(message('services/worker/requirements.txt', 'sdk-too-old')).toContain(
      "It fails with UnknownServiceError: Unknown service: 'bedrock-runtime'. Fix: Upgrade boto3 to 1.34.116 or later.",
    );
    expect(message('web/src/handler.ts', 'wrong-api')).toContain(
      'It fails with ValidationException: The requested operation is not recognized by the service.',
    );
    // The model the web role may call through its profile raises nothing; the ids in mapped code are checked.
    expect(report.models).toEqual(['amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0', 'us.amazon.nova-lite-v1:0']);
    expect(report.suppressed.map((entry) => at(entry.finding))).toEqual([
      'legacy/requirements.txt:1:1 error sdk-too-old',
    ]);
    expect(report.files).toEqual([
      'infra/main.tf',
      'legacy/requirements.txt',
      'services/worker/app.py',
      'services/worker/requirements.txt',
      'web/package.json',
      'web/src/handler.ts',
    ]);
    expect(new Set(report.findings.map((finding) => finding.fingerprint)).size).toBe(report.findings.length);
  });

  it('text: file:line:column, severity and rule; --fail-on none exits 0', () => {
    const result = runCli(['iac', FIXTURE]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('services/worker/requirements.txt:3:1  error  sdk-too-old  boto3 1.26.0 is older');
    expect(result.stdout).toContain('web/src/handler.ts:17:10  error  wrong-api  InvokeModelCommand sent with');
    expect(result.stdout).toContain('6 error(s), 1 warning(s), 0 note(s), 1 suppressed: fails (--fail-on error)');
    expect(runCli(['iac', FIXTURE, '--fail-on', 'none']).code).toBe(0);
  });

  it('sarif: the code rules with security-severity and tags, results at their line, own fingerprints', () => {
    const log = JSON.parse(runCli(['iac', FIXTURE, '--format', 'sarif']).stdout);
    const [run] = log.runs;
    const rules = new Map(
      run.tool.driver.rules.map((rule: { id: string; properties: object }) => [rule.id, rule.properties]),
    );
    for (const id of ['code-model-access', 'sdk-too-old', 'wrong-api'])
      expect(rules.get(id)).toMatchObject({
        'security-severity': expect.stringMatching(/^\d+\.\d$/),
        tags: expect.any(Array),
      });
    const results = run.results.map(
      (result: {
        ruleId: string;
        level: string;
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        partialFingerprints: Record<string, string>;
      }) =>
        `${result.locations[0]!.physicalLocation.artifactLocation.uri}:${result.locations[0]!.physicalLocation.region.startLine} ${result.level} ${result.ruleId} ${/^[0-9a-f]{32}$/.test(result.partialFingerprints['policyCheckIac/v1']!)}`,
    );
    expect(results).toEqual([
      '.policy-check.yml:8 error code-model-access true',
      'services/worker/app.py:18 error code-model-access true',
      'services/worker/app.py:24 error wrong-api true',
      'services/worker/requirements.txt:3 error sdk-too-old true',
      'web/package.json:6 warning sdk-too-old true',
      'web/src/handler.ts:17 error code-model-access true',
      'web/src/handler.ts:17 error wrong-api true',
    ]);
  });

  it('github and markdown: annotations and rows at the code lines', () => {
    const github = runCli(['iac', FIXTURE, '--format', 'github']).stdout;
    expect(github).toContain(
      '::error file=services/worker/requirements.txt,line=3,endLine=3,col=1,title=sdk-too-old%3A SDK or CLI too old',
    );
    expect(github).toContain('::warning file=web/package.json,line=6,endLine=6,col=5,title=sdk-too-old%3A ');
    expect(github).not.toContain('legacy/');
    const markdown = runCli(['iac', FIXTURE, '--format', 'markdown']).stdout;
    expect(markdown).toContain('| ❌ | `services/worker/app.py:24` | `wrong-api` |');
    expect(markdown).toContain('| ⚠️ | `web/package.json:6` | `sdk-too-old` |');
  });

  it('exclude: and include: keep code files out as they do IaC files', () => {
    const config = readFileSync(join(FIXTURE, '.policy-check.yml'), 'utf8');
    const excluded = json(copy({ '.policy-check.yml': `${config}exclude: ["web/**", "services/**/*.txt"]\n` }));
    expect(excluded.report.findings.map(at)).toEqual([
      '.policy-check.yml:8:5 error code-model-access',
      'services/worker/app.py:18:17 error code-model-access',
      'services/worker/app.py:24:20 error wrong-api',
    ]);
    const included = json(copy({ '.policy-check.yml': `${config}include: ["infra/**", "web/package.json"]\n` }));
    expect(included.report.findings.map(at)).toEqual([
      '.policy-check.yml:8:5 error code-model-access',
      // No code calls Converse among the files read: only Converse would fail, a note.
      'web/package.json:6:5 note sdk-too-old',
    ]);
  });

  it('a broken lock is an input error naming file:line, exit 2', () => {
    const result = runCli([
      'iac',
      copy({ 'services/worker/poetry.lock': '[[package]]\nname = "boto3"\nversion = \n' }),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('services/worker/poetry.lock:3');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
