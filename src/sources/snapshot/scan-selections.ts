import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanSelection } from '../../model/index.js';
import { InputError } from '../input-error.js';
import { isDirectory } from './snapshot-directory.js';

const SELECTION_FILE = /^\.policy-check-shard-(\d+)-of-(\d+)\.json$/;

/** The shard records (`scan --org --save DIR`) of the snapshot directories among `paths`; files have none. */
export function readScanSelections(paths: readonly string[]): ScanSelection[] {
  return paths.filter(isDirectory).flatMap((directory) =>
    readdirSync(directory)
      .filter((name) => SELECTION_FILE.test(name))
      .sort()
      .map((name) => readSelection(join(directory, name))),
  );
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
