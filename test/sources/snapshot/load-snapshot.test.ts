import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/sources/input-error.js';
import { eachAccountFile, loadAccountFiles, modelsInUseOf } from '../../../src/sources/snapshot/load-snapshot.js';

const EXAMPLE = new URL('../../../policies-examples/account-gaad/gaad.json', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'policy-check-load-snapshot-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('loadAccountFiles', () => {
  it('reads several files, one account each, in the order given', () => {
    const other = join(scratch, 'other.json');
    writeFileSync(
      other,
      JSON.stringify({ RoleDetailList: [{ Path: '/', RoleName: 'r', Arn: 'arn:aws:iam::444455556666:role/r' }] }),
    );
    const accounts = loadAccountFiles([EXAMPLE, other]);
    expect(accounts.map((account) => account.accountId)).toEqual(['111122223333', '444455556666']);
    expect(accounts[0]?.users.map((user) => user.name)).toEqual(['alice', 'bob']);
    expect(accounts[0]?.managedPolicyExtract?.arns).toEqual(['arn:aws:iam::aws:policy/AmazonBedrockReadOnly']);
  });

  it('throws one InputError naming file:line:column for the first invalid file', () => {
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, '{\n  "Policies": [1]\n}\n');
    let caught: unknown;
    try {
      loadAccountFiles([EXAMPLE, bad]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).message).toMatch(new RegExp(`^${bad}:2:\\d+: `));
    expect((caught as InputError).message).not.toContain('\n');
  });

  it('reads one file at a time when asked for accounts one by one', () => {
    const bad = join(scratch, 'bad-later.json');
    writeFileSync(bad, '{\n  "Policies": [1]\n}\n');
    const accounts = eachAccountFile([EXAMPLE, bad]);
    // The first account comes before the second file is read: its error waits for the next account asked for.
    expect(accounts.next().value?.accountId).toBe('111122223333');
    expect(() => accounts.next()).toThrow(InputError);
  });
});

describe('modelsInUseOf', () => {
  it('gives the models the files name as in use, in file order, without the accounts', () => {
    const using = (id: string, models: string[]) => {
      const file = join(scratch, `using-${id}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          snapshotVersion: 1,
          accountId: id,
          RoleDetailList: [{ Path: '/', RoleName: 'r', Arn: `arn:aws:iam::${id}:role/r` }],
          bedrock: { modelsInUse: models },
        }),
      );
      return file;
    };
    // A key spelt with an escape is the same key: the file is parsed, not searched.
    const escaped = join(scratch, 'escaped.json');
    writeFileSync(
      escaped,
      '{"snapshotVersion": 1, "accountId": "777788889999", "RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::777788889999:role/r"}], "bedrock": {"models\\u0049nUse": ["cohere.embed-v4:0"]}}',
    );
    expect(
      modelsInUseOf([
        using('444455556666', ['amazon.nova-pro-v1:0']),
        EXAMPLE,
        escaped,
        using('555566667777', ['amazon.nova-lite-v1:0']),
      ]),
    ).toEqual(['amazon.nova-pro-v1:0', 'cohere.embed-v4:0', 'amazon.nova-lite-v1:0']);
  });
});
