import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { directorySink } from '../../../src/sources/snapshot/organization-snapshots.js';
import { readScanSelections } from '../../../src/sources/snapshot/scan-selections.js';
import { snapshotInput } from '../../../src/sources/snapshot/snapshot-directory.js';

const scratch = mkdtempSync(join(tmpdir(), 'policy-check-scan-selections-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const SCAN = { organization: 'o-exampleorgid', region: 'us-east-1', models: ['amazon.nova-pro-v1:0'] };

describe('readScanSelections', () => {
  it('reads back what a saving scan recorded, in every directory given; a file has none', () => {
    const one = join(scratch, 'one');
    const two = join(scratch, 'two');
    directorySink(one, SCAN).recordSelection({
      organization: SCAN.organization,
      shard: { index: 1, count: 2 },
      accounts: ['333333333333', '111111111111'],
    });
    directorySink(two, SCAN).recordSelection({
      organization: SCAN.organization,
      shard: { index: 2, count: 2 },
      accounts: ['222222222222'],
    });
    const file = join(scratch, 'account.json');
    writeFileSync(file, '{}');
    // The account files beside the records (snapshotInput lists them with the records; none is parsed here).
    for (const directory of [one, two]) writeFileSync(join(directory, 'account.json'), '{}');
    expect(readScanSelections([one, two, file].map(snapshotInput))).toEqual([
      {
        organization: SCAN.organization,
        shard: { index: 1, count: 2 },
        accounts: ['111111111111', '333333333333'],
        file: join(one, '.policy-check-shard-1-of-2.json'),
      },
      {
        organization: SCAN.organization,
        shard: { index: 2, count: 2 },
        accounts: ['222222222222'],
        file: join(two, '.policy-check-shard-2-of-2.json'),
      },
    ]);
  });

  it('a broken record is an input error naming it', () => {
    const broken = join(scratch, 'broken');
    mkdirSync(broken);
    writeFileSync(
      join(broken, '.policy-check-shard-3-of-2.json'),
      '{"organization":"o-x","shard":{"index":3,"count":2},"accounts":[]}',
    );
    writeFileSync(join(broken, 'account.json'), '{}');
    expect(() => readScanSelections([snapshotInput(broken)])).toThrow(
      /\.policy-check-shard-3-of-2\.json: not the shard record/,
    );
  });
});
