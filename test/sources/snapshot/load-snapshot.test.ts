import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/sources/input-error.js';
import { loadAccountFiles } from '../../../src/sources/snapshot/load-snapshot.js';

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
});
