import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsEnvironment, READ_OPERATION } from '../live/fake-aws/environment.js';
import { FIXTURE_MODELS, fixtureAccount, type FakeAccount } from '../live/fake-aws/fixture.js';
import { startFakeAws, type Faults } from '../live/fake-aws/server.js';
import { requireBuiltCli, ROOT } from './helpers.js';
import { runAsync, stable } from './spawn-cli.js';

requireBuiltCli();

const directory = mkdtempSync(join(tmpdir(), 'policy-check-live-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function liveScan(
  args: readonly string[],
  faults: Faults = {},
  account: FakeAccount = fixtureAccount(),
  models: readonly string[] = FIXTURE_MODELS,
) {
  const server = await startFakeAws(account, faults);
  try {
    const result = await runAsync(['scan', '--models', models.join(','), '--format', 'json', ...args], {
      ...fakeAwsEnvironment(server.url),
    });
    return { ...result, operations: server.operations };
  } finally {
    await server.close();
  }
}

function allowedCells(json: string): number {
  return JSON.parse(json).matrix.filter((cell: { verdict: string }) => cell.verdict === 'allowed').length;
}

describe('policy-check scan (live, through the loopback endpoint)', () => {
  it('scans the account, saves a schema-valid snapshot, and the saved snapshot gives the same matrix', async () => {
    const saved = join(directory, 'account.json');
    const live = await liveScan(['--save', saved]);
    expect(live.stderr).not.toMatch(/failed/);
    expect([0, 1]).toContain(live.code);
    expect(live.operations.filter((operation) => !READ_OPERATION.test(operation))).toEqual([]);

    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'snapshot.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    const snapshot = JSON.parse(readFileSync(saved, 'utf8'));
    expect(validate(snapshot), JSON.stringify(validate.errors)).toBe(true);

    const offline = await runAsync(
      ['scan', '--snapshot', saved, '--models', FIXTURE_MODELS.join(','), '--format', 'json'],
      { AWS_REGION: 'us-east-1' },
    );
    expect(offline.code).toBe(live.code);
    expect(stable(offline.stdout)).toEqual(stable(live.stdout));

    // The SCP on the OU denies Nova; the group's policy allows every model, so alice reaches Haiku only.
    const matrix = JSON.parse(live.stdout);
    const verdicts = Object.fromEntries(
      matrix.matrix.map((cell: { principal: string; model: string; verdict: string }) => [
        `${cell.principal.split(':').pop()} ${cell.model}`,
        cell.verdict,
      ]),
    );
    expect(verdicts).toMatchObject({
      [`user/alice ${FIXTURE_MODELS[0]}`]: 'allowed',
      [`user/alice ${FIXTURE_MODELS[1]}`]: 'denied',
      [`role/nothing ${FIXTURE_MODELS[0]}`]: 'denied',
    });
  });

  it('gives the same matrix under throttling, 5xx and small pages', async () => {
    const plain = await liveScan([]);
    const faulted = await liveScan([], {
      pageSize: 1,
      throttleOnce: ['iam:GetAccountAuthorizationDetails', 'organizations:DescribePolicy'],
      serverErrorOnce: ['organizations:ListParents', 'bedrock:ListFoundationModels'],
    });
    expect(faulted.code).toBe(plain.code);
    expect(stable(faulted.stdout)).toEqual(stable(plain.stdout));
  });

  it('reports a denied Organizations read with its API and error, and no cell it governs is allowed', async () => {
    const denied = await liveScan([], { accessDenied: ['organizations:ListParents'] });
    // Without the fault, some cells are allowed.
    expect(allowedCells((await liveScan([])).stdout)).toBeGreaterThan(0);
    expect(denied.stderr).toMatch(
      /account 111122223333: organizations:ListParents failed \(AccessDeniedException: .*\): the SCP chain is unknown/,
    );
    expect(allowedCells(denied.stdout)).toBe(0);
    expect(denied.code).toBe(1);
  });

  it('reports denied model access reads, and no cell is allowed', async () => {
    const denied = await liveScan([], { accessDenied: ['bedrock:GetFoundationModelAvailability'] });
    expect(denied.stderr).toMatch(/bedrock:GetFoundationModelAvailability failed \(AccessDeniedException: /);
    expect(allowedCells(denied.stdout)).toBe(0);
  });

  it('a Marketplace model the account is not entitled to: no cell of it is allowed', async () => {
    // "Request access to models": a third-party model is subscribed through AWS Marketplace on its first call,
    // which needs aws-marketplace:Subscribe and ViewSubscriptions from the caller
    // (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html).
    const cohere = 'cohere.embed-v4:0';
    const base = fixtureAccount();
    const account: FakeAccount = {
      ...base,
      bedrock: {
        ...base.bedrock,
        models: [...base.bedrock.models, cohere],
        availability: { [cohere]: { agreement: 'NOT_AVAILABLE', entitlement: 'NOT_AVAILABLE' } },
      },
    };
    const live = await liveScan([], {}, account, [...FIXTURE_MODELS, cohere]);
    const cells = JSON.parse(live.stdout).matrix.filter((cell: { model: string }) => cell.model === cohere);
    // alice's group policy allows every model, but no Marketplace action: IAM allows, Bedrock refuses.
    const alice = cells.find((cell: { principal: string }) => cell.principal.endsWith(':user/alice'));
    expect(alice.verdict).toBe('allowed');
    expect(alice.findings).toContainEqual(
      expect.objectContaining({
        rule: 'model-access',
        severity: 'error',
        predictedError: expect.objectContaining({
          exception: 'AccessDeniedException',
          message: expect.stringMatching(/^Model access is denied due to IAM user or service role is not authorized/),
        }),
      }),
    );
    const reads = (cell: { verdict: string; findings: { severity: string }[] }) =>
      cell.verdict === 'allowed' && !cell.findings.some((finding) => finding.severity === 'error');
    expect(cells.filter(reads)).toEqual([]);
    expect(live.code).toBe(1);
  });

  it('fails with one line and exit 2 when the caller cannot be identified', async () => {
    const failed = await liveScan([], { accessDenied: ['sts:GetCallerIdentity'] });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^policy-check: live scan failed: .*\(AccessDenied\)$/m);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });
});
