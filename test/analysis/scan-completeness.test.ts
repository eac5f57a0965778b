// `scan --org --shard I/N --save DIR` records each shard's accounts; `scan --snapshot` of the saves says what is missing.
import { describe, expect, it } from 'vitest';
import { scanCompleteness } from '../../src/analysis/scan-completeness.js';
import { message, type ScanSelection } from '../../src/model/index.js';

const ORG = 'o-exampleorgid';
const shard = (index: number, count: number, accounts: string[], organization = ORG): ScanSelection => ({
  organization,
  shard: { index, count },
  accounts,
  file: `save-${index}/.policy-check-shard-${index}-of-${count}.json`,
});

describe('scanCompleteness', () => {
  it('every shard saved and every account read: nothing to say', () => {
    const selections = [shard(1, 2, ['111111111111', '333333333333']), shard(2, 2, ['222222222222'])];
    expect(scanCompleteness(selections, ['111111111111', '222222222222', '333333333333'])).toEqual([]);
    expect(scanCompleteness([], ['111111111111'])).toEqual([]);
  });

  it('names the shards that saved no record, and the accounts a saved shard lacks', () => {
    const selections = [shard(1, 4, ['111111111111', '555555555555']), shard(3, 4, ['333333333333'])];
    expect(scanCompleteness(selections, ['111111111111', '333333333333'])).toEqual([
      message('org-shards-missing', { organization: ORG, count: 4, missing: ['2', '4'] }),
      message('org-accounts-missing', { organization: ORG, accounts: ['555555555555'] }),
    ]);
  });

  it('keeps organizations apart, and a second split of the same organization apart from the first', () => {
    const selections = [
      shard(1, 1, ['111111111111'], 'o-bbbbbbbbbb'),
      shard(1, 2, ['222222222222'], 'o-aaaaaaaaaa'),
      shard(1, 3, ['222222222222'], 'o-aaaaaaaaaa'),
    ];
    expect(scanCompleteness(selections, ['111111111111', '222222222222'])).toEqual([
      message('org-shards-missing', { organization: 'o-aaaaaaaaaa', count: 2, missing: ['2'] }),
      message('org-shards-missing', { organization: 'o-aaaaaaaaaa', count: 3, missing: ['2', '3'] }),
    ]);
  });
});
