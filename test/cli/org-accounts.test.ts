import { describe, expect, it } from 'vitest';
import { parseAccountIds, parseConcurrency, parseShard, selectAccounts } from '../../src/cli/org-accounts.js';

const listed = ['555555555555', '111111111111', '444444444444', '222222222222', '333333333333'].map((id) => ({
  id,
  state: id === '444444444444' ? 'SUSPENDED' : 'ACTIVE',
}));

describe('selectAccounts', () => {
  it('keeps the ACTIVE accounts, sorted, and names the others', () => {
    const selection = selectAccounts(listed, undefined, undefined);
    expect(selection.ids).toEqual(['111111111111', '222222222222', '333333333333', '555555555555']);
    expect(selection.inactive).toEqual([{ id: '444444444444', state: 'SUSPENDED' }]);
  });

  it('shard I/N takes positions I, I+N, … of the sorted ids; the shards partition the accounts', () => {
    const shards = [1, 2, 3].map((index) => selectAccounts(listed, undefined, { index, count: 3 }).ids);
    expect(shards).toEqual([['111111111111', '555555555555'], ['222222222222'], ['333333333333']]);
    expect(shards.flat().sort()).toEqual(selectAccounts(listed, undefined, undefined).ids);
    // The order ListAccounts returns them in does not matter.
    expect(selectAccounts([...listed].reverse(), undefined, { index: 1, count: 3 }).ids).toEqual(shards[0]);
  });

  it('--accounts narrows before sharding; an id outside the organization is a usage error', () => {
    expect(selectAccounts(listed, ['222222222222', '555555555555'], { index: 2, count: 2 }).ids).toEqual([
      '555555555555',
    ]);
    expect(() => selectAccounts(listed, ['999999999999'], undefined)).toThrow(
      '--accounts: 999999999999 is not in the organization',
    );
  });
});

describe('option values', () => {
  it('--shard I/N with 1 ≤ I ≤ N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '-1/2']) expect(() => parseShard(bad), bad).toThrow(/--shard/);
  });

  it('--concurrency 1–64, default 4', () => {
    expect(parseConcurrency(undefined)).toBe(4);
    expect(parseConcurrency('16')).toBe(16);
    for (const bad of ['0', '65', '1.5', 'x']) expect(() => parseConcurrency(bad), bad).toThrow(/--concurrency/);
  });

  it('--accounts: comma-separated or repeated 12-digit ids, sorted, once each', () => {
    expect(parseAccountIds(['222222222222,111111111111', '222222222222'])).toEqual(['111111111111', '222222222222']);
    expect(parseAccountIds(undefined)).toBeUndefined();
    expect(() => parseAccountIds(['12345'])).toThrow('"12345" is not a 12-digit account id');
  });
});
