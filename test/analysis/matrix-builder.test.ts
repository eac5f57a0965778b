import { describe, expect, it } from 'vitest';
import { matrix, matrixBuilder, type MatrixOptions } from '../../src/analysis/matrix.js';
import { shippedCatalog } from '../../src/bedrock/index.js';
import type { AccessMatrix, AccountModel, AccountRole, AccountUser } from '../../src/model/index.js';
import { ACCOUNT_ID, account, inlinePolicy, managedPolicy, role, user } from '../helpers/account.js';
import { doc, fullAwsAccess, policy, scpLevel } from '../helpers/policies.js';
import { renderCliHints } from '../../src/report/cli-hints.js';

const NOVA = 'amazon.nova-pro-v1:0';
const LITE = 'amazon.nova-lite-v1:0';
const options: MatrixOptions = {
  region: 'us-east-1',
  actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
  catalog: shippedCatalog(),
  now: new Date('2026-06-01T00:00:00Z'),
  toolVersion: 'test',
  models: [NOVA, LITE],
};
const chosen = { models: [NOVA, LITE], modelsFrom: 'option' as const };

const allowBedrock = managedPolicy(
  'BedrockInvoke',
  doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: 'arn:aws:bedrock:*::foundation-model/*' }),
);
// A statement every account lacks the same way: one cause across the accounts, its shared policy fixed once.
const readOnly = managedPolicy(
  'BedrockReadOnly',
  doc({ Effect: 'Allow', Action: ['bedrock:List*', 'bedrock:Get*'], Resource: '*' }),
);
const denyNova = managedPolicy(
  'DenyNova',
  doc({ Effect: 'Deny', Action: 'bedrock:*', Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-pro*' }),
);
const scp = scpLevel(
  'Root',
  fullAwsAccess(),
  policy(
    doc({
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/blocked-*' } },
    }),
    {
      type: 'scp',
      file: 'scp.json',
      name: 'DenyBlocked',
      arn: 'arn:aws:organizations::1:policy/o-1/service_control_policy/p-1',
    },
  ),
);

const IDS = ['444455556666', ACCOUNT_ID, '777788889999'];
const inAccount = <T extends AccountRole | AccountUser>(id: string, principal: T): T => ({
  ...principal,
  arn: principal.arn.replace(ACCOUNT_ID, id),
});
function principalsOf(id: string): { roles: AccountRole[]; users: AccountUser[] } {
  return {
    roles: [
      inAccount(id, role('reader', [readOnly])),
      inAccount(id, role('reader-2', [readOnly])),
      inAccount(id, role('blocked-app', [allowBedrock])),
      inAccount(id, role('app', [allowBedrock, denyNova])),
      inAccount(
        id,
        role(`own-${id}`, [
          inlinePolicy(`own-${id}`, 'x', doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' })),
        ]),
      ),
    ],
    users: [inAccount(id, user('alice', [readOnly]))],
  };
}
const accounts: AccountModel[] = IDS.map((id) => account({ id, scpLevels: [scp], ...principalsOf(id) }));

function built(list: readonly AccountModel[], keepReports = true): AccessMatrix {
  const builder = matrixBuilder(options, chosen, { keepReports });
  for (const item of list) builder.add(item);
  return builder.finish();
}

/** What the output formats read of a matrix, as text; the accounts listed as given. */
const shown = ({ accounts: _accounts, ...rest }: AccessMatrix) => JSON.stringify(rest);

describe('matrixBuilder', () => {
  it('gives, account by account and in any order, the matrix of all their principals at once', () => {
    // Oracle: one model holding every account's principals is one chunk, its causes collected in one pass.
    const together = built([
      account({
        scpLevels: [scp],
        roles: IDS.flatMap((id) => principalsOf(id).roles),
        users: IDS.flatMap((id) => principalsOf(id).users),
      }),
    ]);
    const [a, b, c] = accounts as [AccountModel, AccountModel, AccountModel];
    for (const order of [
      [a, b, c],
      [c, a, b],
      [b, c, a],
    ]) {
      const matrix = built(order);
      expect(shown(matrix)).toBe(shown(together));
      expect(matrix.accounts.map((entry) => entry.id)).toEqual(order.map((entry) => entry.accountId));
    }
    // The shared policy's missing statement: one cause per model naming the readers of every account, in ARN order.
    const cause = renderCliHints(together.causes).find(
      (entry) => entry.model === NOVA && entry.fixes[0]?.fix.summary?.includes('BedrockReadOnly'),
    );
    expect(cause?.principals).toHaveLength(9);
    expect(cause?.principals).toEqual([...(cause?.principals ?? [])].sort());
    expect(cause?.fixes).toHaveLength(1);
    expect(together.cells.some((cell) => cell.verdict === 'allowed')).toBe(true);
    expect(
      together.cells.filter((cell) => cell.principal.includes('role/blocked-')).map((cell) => cell.verdict),
    ).toEqual(Array(6).fill('denied'));
  });

  it('without reports keeps every cell, cause and message the table formats show', () => {
    const full = built(accounts);
    const compact = built([...accounts].reverse(), false);
    expect(compact.results).toEqual([]);
    expect(full.results.length).toBe(full.summary.evaluations);
    const { results: _full, accounts: _a, ...fullShown } = full;
    const { results: _compact, accounts: _b, ...compactShown } = compact;
    expect(JSON.stringify(compactShown)).toBe(JSON.stringify(fullShown));
  });

  it('finishes once: the cells it gave are numbered in place, so a second finish would number them again', () => {
    const builder = matrixBuilder(options, chosen, { keepReports: false });
    for (const item of accounts) builder.add(item);
    const first = builder.finish();
    const results = first.cells.map((cell) => cell.result);
    expect(() => builder.finish()).toThrow('a matrix is finished once');
    expect(first.cells.map((cell) => cell.result)).toEqual(results);
  });

  it('reads several snapshots of one account as that account, whatever comes between them', () => {
    const { roles, users } = principalsOf(ACCOUNT_ID);
    // The account's principals split across two snapshots: their ARNs interleave, and readers of both share a group.
    const first = account({ scpLevels: [scp], roles: roles.filter((_, index) => index % 2 === 0), users });
    const second = account({ scpLevels: [scp], roles: roles.filter((_, index) => index % 2 === 1) });
    const [a, , c] = accounts as [AccountModel, AccountModel, AccountModel];
    const split = matrix([first, c, a, second], options);
    expect(shown(split)).toBe(shown(built(accounts)));
    expect(split.accounts.map((entry) => entry.id)).toEqual([ACCOUNT_ID, IDS[2], IDS[0], ACCOUNT_ID]);
  });
});
