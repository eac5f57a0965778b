import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/sources/input-error.js';
import { isSnapshotPath, loadAccountFiles } from '../../../src/sources/snapshot/load-snapshot.js';
import { snapshotInput } from '../../../src/sources/snapshot/snapshot-directory.js';

const EXAMPLE = new URL('../../../policies-examples/account-gaad/gaad.json', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'policy-check-snapshot-directory-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const role = (account: string, name: string, attached: readonly string[] = []) => ({
  Path: '/',
  RoleName: name,
  Arn: `arn:aws:iam::${account}:role/${name}`,
  AttachedManagedPolicies: attached.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn })),
});
const account = (id: string, extra: object = {}) => ({ RoleDetailList: [role(id, 'r')], ...extra });
const SHARED_ARN = 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess';
const INVOKE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }],
};

function directory(name: string): string {
  const path = join(scratch, name);
  mkdirSync(path, { recursive: true });
  return path;
}

function caught(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('snapshot directories', () => {
  it('reads every *.json and *.json.gz directly in the directory, sorted by name, and no other folder', () => {
    const dir = directory('accounts');
    writeFileSync(join(dir, 'b.json'), JSON.stringify(account('222222222222')));
    writeFileSync(join(dir, 'a.json.gz'), gzipSync(JSON.stringify(account('111111111111'))));
    writeFileSync(join(dir, 'notes.txt'), 'not a snapshot');
    mkdirSync(join(dir, 'older'));
    writeFileSync(join(dir, 'older', 'c.json'), JSON.stringify(account('333333333333')));
    expect(snapshotInput(dir).accountFiles).toEqual([join(dir, 'a.json.gz'), join(dir, 'b.json')]);
    expect(loadAccountFiles([dir]).map((model) => model.accountId)).toEqual(['111111111111', '222222222222']);
    expect(isSnapshotPath(dir)).toBe(true);
  });

  it('an empty directory is an error naming it', () => {
    const dir = directory('empty');
    expect(caught(() => loadAccountFiles([dir])).message).toBe(
      `${dir}: the directory holds no *.json or *.json.gz snapshot file`,
    );
  });
});

describe('gzip snapshots', () => {
  it('are recognized by their first bytes, whatever the name', () => {
    const file = join(scratch, 'gaad-compressed.json');
    writeFileSync(file, gzipSync(readFileSync(EXAMPLE)));
    const [model] = loadAccountFiles([file]);
    expect(model?.users.map((user) => user.name)).toEqual(['alice', 'bob']);
    expect(isSnapshotPath(file)).toBe(true);
  });

  it('a JSON error inside names the file and the line of the decompressed text', () => {
    const file = join(scratch, 'bad-json.json.gz');
    writeFileSync(file, gzipSync('{\n  "RoleDetailList": [\n    oops\n  ]\n}\n'));
    expect(caught(() => loadAccountFiles([file])).message).toMatch(new RegExp(`^${file}:3:\\d+: `));
  });

  it('a damaged or truncated stream is an error naming the file', () => {
    const whole = gzipSync(JSON.stringify(account('111111111111')));
    const truncated = join(scratch, 'truncated.json.gz');
    writeFileSync(truncated, whole.subarray(0, whole.length - 12));
    expect(caught(() => loadAccountFiles([truncated])).message).toBe(
      `${truncated}: is gzip-compressed but cannot be decompressed: the file ends early (truncated)`,
    );
    const damaged = join(scratch, 'damaged.json.gz');
    writeFileSync(damaged, Buffer.concat([whole.subarray(0, 10), Buffer.alloc(20, 0xff)]));
    const error = caught(() => loadAccountFiles([damaged]));
    expect(error.message).toMatch(new RegExp(`^${damaged}: is gzip-compressed but cannot be decompressed: `));
    expect(error.line).toBeNull();
  });
});

describe("a directory's policies/ folder", () => {
  const stored = (versions: readonly { id: string; document: object }[]) => ({
    Policies: [
      {
        PolicyName: 'AmazonBedrockFullAccess',
        Arn: SHARED_ARN,
        PolicyVersionList: versions.map((version) => ({
          VersionId: version.id,
          IsDefaultVersion: false,
          Document: version.document,
        })),
      },
    ],
  });
  const byVersion = (id: string, versionId: string) =>
    account(id, {
      RoleDetailList: [role(id, 'r', [SHARED_ARN])],
      Policies: [{ PolicyName: 'AmazonBedrockFullAccess', Arn: SHARED_ARN, DefaultVersionId: versionId }],
    });

  it('gives the version an account file names by DefaultVersionId, one Policy shared by the accounts', () => {
    const dir = directory('store');
    mkdirSync(join(dir, 'policies'));
    writeFileSync(
      join(dir, 'policies', 'aws.json.gz'),
      gzipSync(
        JSON.stringify(
          stored([
            {
              id: 'v1',
              document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] },
            },
            { id: 'v2', document: INVOKE },
          ]),
        ),
      ),
    );
    writeFileSync(join(dir, '111111111111.json.gz'), gzipSync(JSON.stringify(byVersion('111111111111', 'v2'))));
    writeFileSync(join(dir, '222222222222.json'), JSON.stringify(byVersion('222222222222', 'v2')));
    const [first, second] = loadAccountFiles([dir]);
    const policy = first?.roles[0]?.policies[0];
    expect(policy?.statements[0]?.effect).toBe('Allow');
    expect(policy?.file).toBe(join(dir, 'policies', 'aws.json.gz'));
    expect(policy?.pointer).toBe('/Policies/0/PolicyVersionList/1/Document');
    expect(second?.roles[0]?.policies[0]).toBe(policy);
    expect(first?.roles[0]?.unresolvedPolicies).toEqual([]);
  });

  it("a stored policy's misspelt action is one warning for all accounts, and a correction in each", () => {
    const dir = directory('store-typo');
    mkdirSync(join(dir, 'policies'));
    const typo = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModle', Resource: '*' }],
    };
    writeFileSync(join(dir, 'policies', 'aws.json'), JSON.stringify(stored([{ id: 'v2', document: typo }]), null, 2));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(byVersion('111111111111', 'v2')));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(byVersion('222222222222', 'v2')));
    const accounts = loadAccountFiles([dir]);
    const warnings = accounts.flatMap((model) => model.warnings).filter((warning) => warning.code === 'unknown-action');
    // Line 15 of the stored file: "Action": "bedrock:InvokeModle" as JSON.stringify(…, null, 2) lays it out.
    expect(warnings.map((warning) => [warning.file, warning.line])).toEqual([[join(dir, 'policies', 'aws.json'), 15]]);
    expect(accounts.map((model) => model.actionCorrections?.map((correction) => correction.to))).toEqual([
      ['bedrock:InvokeModel'],
      ['bedrock:InvokeModel'],
    ]);
  });

  it('a version the folder lacks leaves the policy unresolved, with a warning at the version id', () => {
    const dir = directory('store-missing');
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policies', 'aws.json'), JSON.stringify(stored([{ id: 'v1', document: INVOKE }])));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(byVersion('111111111111', 'v9'), null, 2));
    const [model] = loadAccountFiles([dir]);
    expect(model?.roles[0]?.policies).toEqual([]);
    expect(model?.roles[0]?.unresolvedPolicies).toEqual([{ arn: SHARED_ARN, reason: 'unknown-aws-managed-policy' }]);
    expect(model?.warnings.map((warning) => [warning.file, warning.code])).toContainEqual([
      join(dir, 'a.json'),
      'unresolved-policy',
    ]);
  });

  it('the same file given on its own, outside its directory, cannot resolve the version: unresolved, never allowed', () => {
    const file = join(scratch, 'alone.json');
    writeFileSync(file, JSON.stringify(byVersion('111111111111', 'v2')));
    const [model] = loadAccountFiles([file]);
    expect(model?.roles[0]?.unresolvedPolicies).toHaveLength(1);
    expect(model?.warnings[0]?.message).toContain('was not read from a snapshot directory');
  });

  it('a stored version given twice, or principals in a policies/ file, is an error naming file:line', () => {
    const dir = directory('store-twice');
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policies', 'a.json'), JSON.stringify(stored([{ id: 'v1', document: INVOKE }])));
    writeFileSync(join(dir, 'policies', 'b.json'), JSON.stringify(stored([{ id: 'v1', document: INVOKE }])));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(byVersion('111111111111', 'v1')));
    expect(caught(() => loadAccountFiles([dir])).message).toMatch(
      new RegExp(
        `^${join(dir, 'policies', 'b.json')}:1:\\d+: version v1 of .* is also stored in ${join(dir, 'policies', 'a.json')}:1$`,
      ),
    );
    writeFileSync(join(dir, 'policies', 'b.json'), JSON.stringify({ RoleDetailList: [] }, null, 2));
    expect(caught(() => loadAccountFiles([dir])).message).toBe(
      `${join(dir, 'policies', 'b.json')}:2:3: a file under policies/ holds only Policies shared by the account files; move RoleDetailList to an account file`,
    );
  });

  it('an entry with neither PolicyVersionList nor DefaultVersionId is an error', () => {
    const file = join(scratch, 'no-versions.json');
    writeFileSync(
      file,
      JSON.stringify({ ...account('111111111111'), Policies: [{ PolicyName: 'p', Arn: SHARED_ARN }] }, null, 2),
    );
    expect(caught(() => loadAccountFiles([file])).message).toContain(
      'has neither PolicyVersionList nor DefaultVersionId',
    );
  });
});
