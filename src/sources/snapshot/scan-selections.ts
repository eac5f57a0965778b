import { readFileSync } from 'node:fs';
import type { ScanSelection } from '../../model/index.js';
import { InputError } from '../input-error.js';
import type { SnapshotInput } from './snapshot-directory.js';

/**
 * The shard records (`scan --org --save DIR`) of the snapshot directories among `inputs`, as their listing found
 * them (the directories are not listed again); files have none.
 */
export function readScanSelections(inputs: readonly Pick<SnapshotInput, 'selectionFiles'>[]): ScanSelection[] {
  return inputs.flatMap((input) => (input.selectionFiles ?? []).map(readSelection));
}

function readSelection(file: string): ScanSelection {
  const invalid = () => new InputError(file, null, null, 'not the shard record policy-check writes');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw invalid();
  }
  const record = value as { organization?: unknown; shard?: { index?: unknown; count?: unknown }; accounts?: unknown };
  const index = record?.shard?.index;
  const count = record?.shard?.count;
  if (
    typeof record?.organization !== 'string' ||
    !Number.isInteger(index) ||
    !Number.isInteger(count) ||
    (index as number) < 1 ||
    (index as number) > (count as number) ||
    !Array.isArray(record.accounts) ||
    !record.accounts.every((account) => typeof account === 'string')
  )
    throw invalid();
  return {
    organization: record.organization,
    shard: { index: index as number, count: count as number },
    accounts: record.accounts as string[],
    file,
  };
}
