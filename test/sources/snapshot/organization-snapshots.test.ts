import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAccountFiles } from '../../../src/sources/snapshot/load-snapshot.js';
import { directorySink, memorySink } from '../../../src/sources/snapshot/organization-snapshots.js';

const scratch = mkdtempSync(join(tmpdir(), 'policy-check-org-snapshots-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ARN = 'arn:aws:iam::aws:policy/AmazonBedrockReadOnly';
const invoke = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }],
};
const snapshot = (accountId: string) => ({
  snapshotVersion: 1,
  accountId,
  RoleDetailList: [
    {
      Path: '/',
      RoleName: 'app',
      Arn: `arn:aws:iam::${accountId}:role/app`,
      AttachedManagedPolicies: [{ PolicyName: 'AmazonBedrockReadOnly', PolicyArn: ARN }],
    },
  ],
  Policies: [
    {
      PolicyName: 'AmazonBedrockReadOnly',
      Arn: ARN,
      Path: '/',
      DefaultVersionId: 'v7',
      PolicyVersionList: [{ Document: invoke, VersionId: 'v7', IsDefaultVersion: true }],
    },
  ],
});

const SCAN = { organization: 'o-exampleorgid', region: 'us-east-1', models: ['amazon.nova-pro-v1:0'] };

describe('directorySink', () => {
  it('writes each account once and a shared version once; the directory loads as `scan --snapshot DIR` reads it', () => {
    const directory = join(scratch, 'save');
    const sink = directorySink(directory, SCAN);
    expect(sink.complete('111122223333')).toBe(false);
    sink.put('111122223333', snapshot('111122223333'));
    sink.put('444455556666', snapshot('444455556666'));
    expect(sink.complete('111122223333')).toBe(true);
    expect(readdirSync(directory).sort()).toEqual([
      '.policy-check-scan.json',
      '111122223333.json.gz',
      '444455556666.json.gz',
      'policies',
    ]);
    expect(readdirSync(join(directory, 'policies'))).toHaveLength(1);
    const fromSink = [...sink.accounts(['111122223333', '444455556666'])];
    const fromDirectory = loadAccountFiles([directory]);
    for (const accounts of [fromSink, fromDirectory]) {
      expect(accounts.map((account) => account.roles[0]?.policies[0]?.statements[0]?.action)).toEqual([
        ['bedrock:InvokeModel'],
        ['bedrock:InvokeModel'],
      ]);
      expect(accounts.flatMap((account) => account.roles[0]?.unresolvedPolicies ?? [])).toEqual([]);
    }
  });

  it('takes a truncated account file for an incomplete one (it is scanned again)', () => {
    const directory = join(scratch, 'truncated');
    const sink = directorySink(directory, SCAN);
    sink.put('111122223333', snapshot('111122223333'));
    const file = join(directory, '111122223333.json.gz');
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 8));
    expect(sink.complete('111122223333')).toBe(false);
  });

  it('resumes only the scan it was saved by: another Region, models or organization is an input error', () => {
    const directory = join(scratch, 'resume');
    directorySink(directory, SCAN).put('111122223333', snapshot('111122223333'));
    // A model added since: the saved accounts lack its availability, so they cannot stand for this scan.
    expect(() => directorySink(directory, { ...SCAN, models: [...SCAN.models, 'amazon.nova-lite-v1:0'] })).toThrow(
      /\.policy-check-scan\.json: the saved scan was made for models amazon\.nova-pro-v1:0, not amazon\.nova-lite-v1:0,amazon\.nova-pro-v1:0: resume it with the same Region and models, or save to another directory$/,
    );
    // The same scan (the same models in another order, as each shard of one scan asks) resumes.
    expect(directorySink(directory, { ...SCAN, models: [...SCAN.models].reverse() }).complete('111122223333')).toBe(
      true,
    );
  });

  it('refuses a directory whose scan is not recorded, and one with a broken record, naming the file', () => {
    const directory = join(scratch, 'resume');
    const sink = directorySink(directory, SCAN);
    sink.put('111122223333', snapshot('111122223333'));
    expect(() => directorySink(directory, { ...SCAN, region: 'eu-west-1' })).toThrow(
      /made for Region us-east-1, not eu-west-1/,
    );
    expect(() => directorySink(directory, { ...SCAN, organization: 'o-other' })).toThrow(
      /made for organization o-exampleorgid, not o-other/,
    );
    const unrecorded = join(scratch, 'unrecorded');
    directorySink(unrecorded, SCAN).put('111122223333', snapshot('111122223333'));
    rmSync(join(unrecorded, '.policy-check-scan.json'));
    expect(() => directorySink(unrecorded, SCAN)).toThrow(/unrecorded: holds snapshots of a scan whose organization/);
    writeFileSync(join(unrecorded, '.policy-check-scan.json'), '{"organization": 1}');
    expect(() => directorySink(unrecorded, SCAN)).toThrow(/\.policy-check-scan\.json: not the scan record/);
  });

  it('memory gives the same accounts as a directory', () => {
    const memory = memorySink('<live scan>');
    memory.put('111122223333', snapshot('111122223333'));
    const [account] = [...memory.accounts(['111122223333'])];
    expect(account?.roles[0]?.policies[0]?.statements[0]?.action).toEqual(['bedrock:InvokeModel']);
  });
});
