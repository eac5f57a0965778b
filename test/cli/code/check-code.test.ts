import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CodeCheck, checkCode } from '../../../src/cli/code/check-code.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/iac/code/', import.meta.url));

function filesUnder(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) =>
      statSync(join(folder, name)).isDirectory() ? filesUnder(join(folder, name)) : [join(folder, name)],
    );
}

/** The fixture repository `name`, read as the iac command hands it over: repository-relative paths and texts. */
function repository(name: string) {
  const root = join(FIXTURES, name);
  return filesUnder(root).map((file) => ({ path: relative(root, file), text: readFileSync(file, 'utf8') }));
}

const summary = (check: CodeCheck) =>
  check.findings.map(
    (finding) =>
      `${finding.severity} ${finding.rule} ${finding.locations.map((at) => `${at.file}:${at.line}`).join(' ')} ${finding.title}`,
  );
const ids = (check: CodeCheck) => check.modelIds.map((use) => `${use.file}:${use.line}:${use.column} ${use.id}`);

describe('checkCode: dependency manifests and locks (sdk-too-old)', () => {
  it('requirements files: an exact pin is an error, a range allowing old versions a warning, includes followed', async () => {
    const check = await checkCode(repository('requirements'));
    expect(summary(check)).toEqual([
      'warning sdk-too-old common/base.txt:1 botocore >=1.29,<2 allows versions older than the bedrock-runtime service (1.31.57)',
      'error sdk-too-old requirements.txt:3 boto3 1.26.0 is older than the bedrock-runtime service (1.28.57)',
    ]);
    expect(check.findings[1]).toMatchObject({
      predictedError: { exception: 'UnknownServiceError', message: "Unknown service: 'bedrock-runtime'" },
    });
    // The findings are data (the IaC findings quote them); the report words them.
    expect(renderCliHints(check.findings[1]!).cause).toContain('(when python_version >= "3.8")');
    expect(check.issues).toEqual([]);
  });

  it('pyproject.toml (PEP 621): the lowest version a range admits decides', async () => {
    expect(summary(await checkCode(repository('pyproject-pep621')))).toEqual([
      'warning sdk-too-old pyproject.toml:6 boto3 >=1.20,<2 allows versions older than the bedrock-runtime service (1.28.57)',
    ]);
  });

  it('Poetry: poetry.lock decides over pyproject.toml and says so', async () => {
    const check = await checkCode(repository('poetry'));
    expect(summary(check)).toEqual([
      'error sdk-too-old poetry.lock:15 botocore 1.29.0 is older than the bedrock-runtime service (1.31.57)',
    ]);
    expect(renderCliHints(check.findings[0]!).cause).toContain('The lock decides over pyproject.toml:8 (~1.29)');
  });

  it('uv.lock and Pipfile.lock; Converse is an error only where code calls it', async () => {
    expect(summary(await checkCode(repository('uv')))).toEqual([
      'error sdk-too-old uv.lock:11 boto3 1.28.0 is older than the bedrock-runtime service (1.28.57)',
    ]);
    const pipenv = await checkCode(repository('pipenv'));
    expect(summary(pipenv)).toEqual([
      'error sdk-too-old Pipfile.lock:10 boto3 1.33.0 is older than the Converse API (1.34.116)',
    ]);
    expect(pipenv.findings[0]?.predictedError).toEqual({
      exception: 'AttributeError',
      message: "'BedrockRuntime' object has no attribute 'converse'",
    });
    expect(ids(pipenv)).toEqual(['app.py:5:13 anthropic.claude-3-haiku-20240307-v1:0']);
  });

  it('npm locks: package-lock.json, pnpm-lock.yaml, yarn.lock v1 and berry (which beats an exact package.json pin)', async () => {
    expect(summary(await checkCode(repository('npm-lock')))).toEqual([
      'note sdk-too-old package-lock.json:13 @aws-sdk/client-bedrock-runtime 3.500.0 is older than the Converse API (3.587.0)',
    ]);
    expect(summary(await checkCode(repository('pnpm')))).toEqual([
      'note sdk-too-old pnpm-lock.yaml:12 @aws-sdk/client-bedrock-runtime 3.450.0 is older than the Converse API (3.587.0)',
    ]);
    expect(summary(await checkCode(repository('yarn-v1')))).toEqual([
      'note sdk-too-old yarn.lock:6 @aws-sdk/client-bedrock-runtime 3.430.0 is older than the Converse API (3.587.0)',
    ]);
    expect(summary(await checkCode(repository('yarn-berry')))).toEqual([]);
  });

  it('reports nothing for versions new enough', async () => {
    expect(await checkCode(repository('fine'))).toEqual({ findings: [], issues: [], modelIds: [], inferenceCalls: [] });
  });

  it('names an include it was not given, and a broken lock as an error at its line', async () => {
    const check = await checkCode([
      { path: 'requirements.txt', text: 'boto3>=1.34.116\n-r ../outside.txt\n' },
      { path: 'poetry.lock', text: '[[package]]\nname = "boto3"\nversion = \n' },
    ]);
    expect(check.issues.map((issue) => `${issue.severity} ${issue.file}:${issue.line} ${issue.code}`)).toEqual([
      'error poetry.lock:3 toml-syntax',
      'warning requirements.txt:2 include-not-read',
    ]);
  });
});

describe('checkCode: inference calls on the control plane (wrong-api)', () => {
  it('Python: boto3 bedrock clients through assignments, sessions, self attributes and multi-line calls', async () => {
    const check = await checkCode(repository('python-control-plane'));
    expect(summary(check)).toEqual([
      "error wrong-api app.py:16 app.py:8 invoke_model called on a boto3 'bedrock' (control-plane) client",
      "error wrong-api app.py:24 app.py:23 converse_stream called on a boto3 'bedrock' (control-plane) client",
      'error wrong-api app.py:28 app.py:26 bedrock-runtime client pointed at the control-plane endpoint https://bedrock.us-west-2.amazonaws.com',
      "error wrong-api app.py:37 app.py:34 converse called on a boto3 'bedrock' (control-plane) client",
      "error wrong-api app.py:44 app.py:47 invoke_model_with_response_stream called on a boto3 'bedrock' (control-plane) client",
    ]);
    expect(check.findings[0]).toMatchObject({
      predictedError: { exception: 'AttributeError', message: "'Bedrock' object has no attribute 'invoke_model'" },
      locations: [
        { file: 'app.py', line: 16, column: 18, endLine: 19, endColumn: 6 },
        { line: 8, column: 11 },
      ],
    });
    expect(check.findings[2]?.predictedError).toEqual({
      exception: 'ValidationException',
      message: 'The requested operation is not recognized by the service.',
    });
    expect(ids(check)).toEqual([
      'app.py:6:9 anthropic.claude-3-haiku-20240307-v1:0',
      'app.py:24:33 amazon.nova-lite-v1:0',
      'app.py:38:21 arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0',
    ]);
  });

  it('TypeScript and JavaScript: BedrockClient sending runtime commands, Bedrock.invokeModel, a bedrock. endpoint', async () => {
    const check = await checkCode(repository('ts-control-plane'));
    expect(summary(check)).toEqual([
      'error wrong-api handler.ts:14 handler.ts:10 InvokeModelCommand sent with a BedrockClient (control plane) of @aws-sdk/client-bedrock',
      'error wrong-api handler.ts:28 handler.ts:24 ConverseCommand sent with a BedrockClient (control plane) of @aws-sdk/client-bedrock',
      'error wrong-api handler.ts:34 handler.ts:32 bedrock-runtime client pointed at the control-plane endpoint https://bedrock.us-west-2.amazonaws.com',
      'error wrong-api legacy.js:5 legacy.js:3 invokeModel called on a Bedrock (control-plane) client of @aws-sdk/client-bedrock',
    ]);
    expect(check.findings[0]?.predictedError?.message).toBe(
      'The requested operation is not recognized by the service.',
    );
    expect(ids(check)).toEqual([
      'handler.ts:8:18 anthropic.claude-3-haiku-20240307-v1:0',
      'handler.ts:27:52 amazon.nova-lite-v1:0',
      'legacy.js:6:14 arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-express-v1',
    ]);
  });

  // InvokeModelWithBidirectionalStream is a bedrock-runtime operation (Bedrock API Reference:
  // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithBidirectionalStream.html): on a
  // control-plane client it is wrong-api; every call is listed for the IaC rules (API keys cannot make it).
  it('InvokeModelWithBidirectionalStream: TypeScript command and Python method, on either client', async () => {
    const check = await checkCode([
      {
        path: 'voice.ts',
        text: [
          "import { BedrockRuntimeClient, InvokeModelWithBidirectionalStreamCommand } from '@aws-sdk/client-bedrock-runtime';",
          "import { BedrockClient } from '@aws-sdk/client-bedrock';",
          '',
          "const runtime = new BedrockRuntimeClient({ region: 'us-east-1' });",
          "const control = new BedrockClient({ region: 'us-east-1' });",
          '',
          'export async function talk(body: AsyncIterable<never>) {',
          "  await runtime.send(new InvokeModelWithBidirectionalStreamCommand({ modelId: 'amazon.nova-sonic-v1:0', body }));",
          '  await control.send(',
          "    new InvokeModelWithBidirectionalStreamCommand({ modelId: 'amazon.nova-sonic-v1:0', body }),",
          '  );',
          '}',
          '',
        ].join('\n'),
      },
      {
        path: 'voice.py',
        text: [
          'import boto3',
          '',
          'control = boto3.client("bedrock")',
          'runtime = boto3.client(',
          '    "bedrock-runtime",',
          ')',
          '',
          'control.invoke_model_with_bidirectional_stream(modelId="amazon.nova-sonic-v1:0")',
          'runtime.invoke_model_with_bidirectional_stream(',
          '    modelId="amazon.nova-sonic-v1:0",',
          ')',
          '',
        ].join('\n'),
      },
    ]);
    expect(summary(check)).toEqual([
      "error wrong-api voice.py:8 voice.py:3 invoke_model_with_bidirectional_stream called on a boto3 'bedrock' (control-plane) client",
      'error wrong-api voice.ts:9 voice.ts:5 InvokeModelWithBidirectionalStreamCommand sent with a BedrockClient (control plane) of @aws-sdk/client-bedrock',
    ]);
    expect(check.findings[0]?.predictedError).toEqual({
      exception: 'AttributeError',
      message: "'Bedrock' object has no attribute 'invoke_model_with_bidirectional_stream'",
    });
    // What the control plane answers a bidirectional stream is not documented: no error text is predicted.
    expect(check.findings[1]?.predictedError).toBeUndefined();
    expect(
      check.inferenceCalls.map(
        (call) => `${call.service} ${call.operation} ${call.at.file}:${call.at.line} client ${call.client.line}`,
      ),
    ).toEqual([
      'bedrock InvokeModelWithBidirectionalStream voice.py:8 client 3',
      'bedrock-runtime InvokeModelWithBidirectionalStream voice.py:9 client 4',
      'bedrock-runtime InvokeModelWithBidirectionalStream voice.ts:8 client 4',
      'bedrock InvokeModelWithBidirectionalStream voice.ts:9 client 5',
    ]);
  });

  it('does not flag correct use: control-plane operations, a runtime client, reassignment, unknown clients', async () => {
    const python = await checkCode(repository('python-correct'));
    expect(summary(python)).toEqual([]);
    expect(ids(python)).toEqual(['app.py:11:30 amazon.titan-text-express-v1', 'app.py:17:25 not-bedrock']);
    const tsx = await checkCode(repository('ts-correct'));
    expect(summary(tsx)).toEqual([]);
    expect(tsx.issues).toEqual([]);
    expect(ids(tsx)).toEqual(['app.tsx:9:67 amazon.nova-lite-v1:0']);
  });

  it('reports a syntax error as a warning at its line and still reads the rest of the file', async () => {
    const check = await checkCode([
      {
        path: 'broken.py',
        text: 'import boto3\nc = boto3.client("bedrock")\ndef f(:\n    pass\nc.invoke_model(modelId="m")\n',
      },
    ]);
    expect(check.issues.map((issue) => `${issue.severity} ${issue.file}:${issue.line} ${issue.code}`)).toEqual([
      'warning broken.py:3 code-syntax',
    ]);
    expect(summary(check)).toEqual([
      "error wrong-api broken.py:5 broken.py:2 invoke_model called on a boto3 'bedrock' (control-plane) client",
    ]);
  });
});
