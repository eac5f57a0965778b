// `policy-check scan --org --assume-role NAME` through the loopback endpoint, with the real SDK clients.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsEnvironment, READ_OPERATION } from '../live/fake-aws/environment.js';
import { FIXTURE_MODELS } from '../live/fake-aws/fixture.js';
import { type OrganizationFaults, startFakeOrganization } from '../live/fake-aws/organization.js';
import {
  fixtureOrganization,
  MANAGEMENT,
  SANDBOX,
  SUSPENDED,
  WORKLOAD,
} from '../live/fake-aws/organization-fixture.js';
import { requireBuiltCli } from './helpers.js';
import { runAsync, stable } from './spawn-cli.js';

requireBuiltCli();

const directory = mkdtempSync(join(tmpdir(), 'policy-check-org-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const MODELS = ['--models', FIXTURE_MODELS.join(',')];
const ROLE = ['--org', '--assume-role', 'PolicyCheckScan'];

async function orgScan(args: readonly string[], faults: OrganizationFaults = {}) {
  const server = await startFakeOrganization(fixtureOrganization(), faults);
  try {
    const result = await runAsync(
      ['scan', ...ROLE, ...MODELS, '--format', 'json', ...args],
      fakeAwsEnvironment(server.url),
    );
    return { ...result, calls: server.calls, operations: server.operations, assumed: server.assumed };
  } finally {
    await server.close();
  }
}

interface Cell {
  readonly principal: string;
  readonly model: string;
  readonly verdict: string;
}

function verdicts(json: string): Record<string, string> {
  return Object.fromEntries(
    JSON.parse(json).matrix.map((cell: Cell) => [`${cell.principal} ${cell.model}`, cell.verdict]),
  );
}

function accountsOf(json: string): string[] {
  return [...new Set(JSON.parse(json).matrix.map((cell: Cell) => cell.principal.split(':')[4]))].sort() as string[];
}

const count = (operations: readonly string[], name: string) => operations.filter((entry) => entry === name).length;

describe('policy-check scan --org (live, through the loopback endpoint)', () => {
  it('scans every ACTIVE account through the role, reading the structure and SCPs once, calling only reads and AssumeRole', async () => {
    const scan = await orgScan([]);
    expect(scan.stderr).not.toMatch(/failed/);
    expect(accountsOf(scan.stdout)).toEqual([...WORKLOAD, SANDBOX, MANAGEMENT].sort());
    // Only reads, and AssumeRole: the one STS call that is no read.
    expect(scan.operations.filter((name) => !READ_OPERATION.test(name) && name !== 'sts:AssumeRole')).toEqual([]);
    // One role per member, none for the caller's own (management) account, none for the suspended one.
    expect(scan.assumed.map((entry) => entry.roleArn).sort()).toEqual(
      [...WORKLOAD, SANDBOX].map((id) => `arn:aws:iam::${id}:role/PolicyCheckScan`).sort(),
    );
    // The session policy allows the member reads only.
    expect(JSON.parse(scan.assumed[0]?.policy ?? '{}').Statement[0].Action).toEqual([
      'iam:GetAccountAuthorizationDetails',
      'bedrock:ListFoundationModels',
      'bedrock:ListInferenceProfiles',
      'bedrock:GetFoundationModelAvailability',
      'bedrock:ListPromptRouters',
      'ec2:DescribeVpcEndpoints',
    ]);
    // The structure and SCPs once: a parent per account and OU, SCPs per target, each SCP once.
    expect(count(scan.operations, 'organizations:ListParents')).toBe(5);
    expect(count(scan.operations, 'organizations:ListPoliciesForTarget')).toBe(6);
    expect(count(scan.operations, 'organizations:DescribePolicy')).toBe(2);
    // Organizations is read with the caller's credentials only; IAM once in each account with its own.
    expect(
      scan.calls.filter((call) => call.operation.startsWith('organizations:') && call.accountId !== MANAGEMENT),
    ).toEqual([]);
    expect(
      scan.calls
        .filter((call) => call.operation === 'iam:GetAccountAuthorizationDetails')
        .map((call) => call.accountId)
        .sort(),
    ).toEqual([...WORKLOAD, SANDBOX, MANAGEMENT].sort());

    const cells = verdicts(scan.stdout);
    // The workload OU's SCP denies Nova; the sandbox's does not; SCPs do not apply to the management account.
    expect(cells[`arn:aws:iam::${WORKLOAD[0]}:user/alice ${FIXTURE_MODELS[1]}`]).toBe('denied');
    expect(cells[`arn:aws:iam::${SANDBOX}:user/alice ${FIXTURE_MODELS[1]}`]).toBe('allowed');
    expect(cells[`arn:aws:iam::${MANAGEMENT}:user/alice ${FIXTURE_MODELS[1]}`]).toBe('allowed');
    const notes: string[] = JSON.parse(scan.stdout).notes;
    expect(notes).toContain(
      `account ${MANAGEMENT} is the organization's management account: SCPs do not apply to it, so none were read`,
    );
    expect(notes).toContain(`account ${SUSPENDED} was not scanned: Organizations reports it SUSPENDED, not ACTIVE`);
  });

  it('reports a role it cannot assume for that account, scans the others, and does not exit 0', async () => {
    const scan = await orgScan([], { assumeRoleDenied: [SANDBOX] });
    const line = new RegExp(
      `account ${SANDBOX} was not scanned: sts:AssumeRole failed \\(arn:aws:iam::${SANDBOX}:role/PolicyCheckScan: AccessDenied: `,
    );
    expect(scan.stderr).toMatch(line);
    expect(JSON.parse(scan.stdout).notes.some((note: string) => line.test(note))).toBe(true);
    expect(accountsOf(scan.stdout)).toEqual([...WORKLOAD, MANAGEMENT].sort());
    expect(scan.code).toBe(1);
  });

  it('a member that cannot read its model access: its cells are incomplete, never allowed; the others are unchanged', async () => {
    const plain = verdicts((await orgScan([])).stdout);
    const scan = await orgScan([], { deniedIn: { [SANDBOX]: ['bedrock:GetFoundationModelAvailability'] } });
    expect(scan.stderr).toMatch(
      new RegExp(`account ${SANDBOX}: bedrock:GetFoundationModelAvailability failed \\(AccessDeniedException: `),
    );
    const cells = verdicts(scan.stdout);
    const sandbox = Object.entries(cells).filter(([key]) => key.includes(`::${SANDBOX}:`));
    expect(sandbox.length).toBeGreaterThan(0);
    expect(sandbox.filter(([, verdict]) => verdict === 'allowed')).toEqual([]);
    expect(Object.values(plain).filter((verdict) => verdict === 'allowed').length).toBeGreaterThan(0);
    for (const [key, verdict] of Object.entries(cells))
      if (!key.includes(`::${SANDBOX}:`)) expect(verdict).toBe(plain[key]);
  });

  it('a member whose authorization details cannot be read is not scanned; the others are', async () => {
    const scan = await orgScan([], { deniedIn: { [WORKLOAD[1]]: ['iam:GetAccountAuthorizationDetails'] } });
    expect(scan.stderr).toMatch(
      new RegExp(`account ${WORKLOAD[1]} was not scanned: iam:GetAccountAuthorizationDetails failed \\(AccessDenied: `),
    );
    expect(accountsOf(scan.stdout)).toEqual([WORKLOAD[0], SANDBOX, MANAGEMENT].sort());
    expect(scan.code).toBe(1);
  });

  it('an SCP chain Organizations will not give: every member check it could restrict is incomplete, the management account unchanged', async () => {
    const scan = await orgScan([], { accessDenied: ['organizations:ListPoliciesForTarget'] });
    expect(scan.stderr).toMatch(
      new RegExp(
        `account ${SANDBOX}: organizations:ListPoliciesForTarget failed \\(AccessDeniedException: .*\\): the SCP chain is unknown`,
      ),
    );
    const cells = Object.entries(verdicts(scan.stdout));
    expect(cells.filter(([key, verdict]) => !key.includes(`::${MANAGEMENT}:`) && verdict === 'allowed')).toEqual([]);
    expect(
      cells.filter(([key, verdict]) => key.includes(`::${MANAGEMENT}:`) && verdict === 'allowed').length,
    ).toBeGreaterThan(0);
  });

  it('gives the same matrix under throttling, 5xx and pages of one', async () => {
    const plain = await orgScan([]);
    const faulted = await orgScan(['--concurrency', '2'], {
      accountsPageSize: 1,
      pageSize: 1,
      throttleOnce: ['sts:AssumeRole', 'organizations:ListAccounts', 'iam:GetAccountAuthorizationDetails'],
      serverErrorOnce: ['organizations:ListParents', 'organizations:DescribePolicy'],
    });
    expect(faulted.operations.length).toBeGreaterThan(plain.operations.length);
    expect(faulted.code).toBe(plain.code);
    expect(stable(faulted.stdout)).toEqual(stable(plain.stdout));
  });

  it('--shard I/N: the shards split the sorted accounts between them, and their saves merge into the whole', async () => {
    const whole = await orgScan([]);
    const saves = [1, 2].map((index) => join(directory, `shard-${index}`));
    const shards = await Promise.all(
      saves.map((save, index) => orgScan(['--shard', `${index + 1}/2`, '--save', save])),
    );
    const ids = [...WORKLOAD, SANDBOX, MANAGEMENT].sort();
    expect(accountsOf(shards[0]!.stdout)).toEqual([ids[0], ids[2]]);
    expect(accountsOf(shards[1]!.stdout)).toEqual([ids[1], ids[3]]);
    const merged = await runAsync(
      ['scan', '--snapshot', saves[0]!, '--snapshot', saves[1]!, ...MODELS, '--format', 'json'],
      { AWS_REGION: 'us-east-1' },
    );
    expect(verdicts(merged.stdout)).toEqual(verdicts(whole.stdout));
    expect(merged.stderr).not.toMatch(/shard|no snapshot here/);

    // A shard whose job never ran, or an account file lost since: the matrix says which, and never exits 0.
    const half = await runAsync(['scan', '--snapshot', saves[0]!, ...MODELS, '--format', 'json'], {
      AWS_REGION: 'us-east-1',
    });
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/organization o-\w+: shard 2 of 2 saved no record in the snapshot directories given/);
    expect(JSON.parse(half.stdout).noteCodes).toContainEqual(
      expect.objectContaining({ code: 'org-shards-missing', params: expect.objectContaining({ missing: ['2'] }) }),
    );
    rmSync(join(saves[1]!, `${ids[1]}.json.gz`));
    const lost = await runAsync(['scan', '--snapshot', saves[0]!, '--snapshot', saves[1]!, ...MODELS], {
      AWS_REGION: 'us-east-1',
    });
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain(`1 account a shard was asked to read has no snapshot here: ${ids[1]}`);
  });

  it('--save DIR writes one gzip snapshot per account and each AWS managed policy version once; a second run resumes', async () => {
    const save = join(directory, 'org');
    const first = await orgScan(['--save', save], { assumeRoleDenied: [SANDBOX] });
    expect(readdirSync(save).sort()).toEqual([
      '.policy-check-scan.json',
      '.policy-check-shard-1-of-1.json',
      ...[...WORKLOAD, MANAGEMENT].sort().map((id) => `${id}.json.gz`),
      'policies',
    ]);
    expect(readdirSync(join(save, 'policies'))).toEqual([
      expect.stringMatching(/^IAMReadOnlyAccess\.v3\.[0-9a-f]{8}\.json\.gz$/),
    ]);

    const second = await orgScan(['--save', save]);
    expect(second.stderr).toMatch(/resumed 3 accounts from .* \(their files are complete\); scanning 1\n/);
    expect(
      second.calls
        .filter((call) => call.operation === 'iam:GetAccountAuthorizationDetails')
        .map((call) => call.accountId),
    ).toEqual([SANDBOX]);
    const fresh = await orgScan([]);
    expect(verdicts(second.stdout)).toEqual(verdicts(fresh.stdout));
    expect(first.code).toBe(1);

    // The directory is what `scan --snapshot DIR` reads: the same matrix offline.
    const offline = await runAsync(['scan', '--snapshot', save, ...MODELS, '--format', 'json'], {
      AWS_REGION: 'us-east-1',
    });
    expect(offline.stderr).not.toMatch(/error/i);
    expect(verdicts(offline.stdout)).toEqual(verdicts(fresh.stdout));

    // Resumed with other models, its files would stand for checks they were not read for: exit 2, one line.
    const server = await startFakeOrganization(fixtureOrganization());
    try {
      const other = await runAsync(
        ['scan', ...ROLE, '--models', FIXTURE_MODELS.slice(1).join(','), '--save', save],
        fakeAwsEnvironment(server.url),
      );
      expect(other.code).toBe(2);
      expect(other.stderr).toMatch(
        /^policy-check: .*\.policy-check-scan\.json: the saved scan was made for models .*: resume it with the same Region and models, or save to another directory\n$/,
      );
    } finally {
      await server.close();
    }
  });

  it('--accounts limits the scan; --quiet prints no progress; progress lines otherwise', async () => {
    const limited = await orgScan(['--accounts', `${SANDBOX},${WORKLOAD[0]}`, '--quiet']);
    expect(accountsOf(limited.stdout)).toEqual([WORKLOAD[0], SANDBOX]);
    expect(limited.stderr).toBe('');
    const loud = await orgScan(['--accounts', SANDBOX]);
    expect(loud.stderr).toMatch(new RegExp(`^policy-check: \\[1/1\\] account ${SANDBOX}: 3 principals$`, 'm'));
  });

  it.each([
    [['--org'], '--org needs --assume-role NAME'],
    [['--assume-role', 'X'], '--assume-role is for an organization scan: add --org'],
    [['--org', '--assume-role', 'arn:aws:iam::111122223333:role/X'], '--assume-role takes the role name'],
    [[...ROLE, '--shard', '3/2'], '--shard 3/2: give I/N with 1 ≤ I ≤ N'],
    [[...ROLE, '--concurrency', '0'], '--concurrency 0: give a whole number from 1 to 64'],
    [[...ROLE, '--accounts', '123'], '--accounts: "123" is not a 12-digit account id'],
    [[...ROLE, '--accounts', '123456789012'], '--accounts: 123456789012 is not in the organization'],
  ])('%j is a usage error', async (args, message) => {
    const server = await startFakeOrganization(fixtureOrganization());
    try {
      const result = await runAsync(['scan', ...MODELS, ...args], fakeAwsEnvironment(server.url));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    } finally {
      await server.close();
    }
  });
});
