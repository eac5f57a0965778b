import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../input-error.js';

/** The folder of a snapshot directory whose files hold managed policy versions shared by its account files. */
const POLICY_STORE_FOLDER = 'policies';

const SNAPSHOT_NAME = /\.json(\.gz)?$/i;

/** The shard record a saving organization scan writes into its directory (`scan --org --save DIR --shard I/N`). */
const SELECTION_FILE = /^\.policy-check-shard-\d+-of-\d+\.json$/;

/** One --snapshot argument: the account files it stands for, and the policy store files beside them. */
export interface SnapshotInput {
  readonly accountFiles: readonly string[];
  /** Present for a directory (possibly empty): the `policies/` files its account files may refer to. */
  readonly storeFiles?: readonly string[];
  /** Present for a directory: its shard records, found in the same listing as its account files. */
  readonly selectionFiles?: readonly string[];
}

/**
 * A file stands for itself. A directory stands for every `*.json` and `*.json.gz` file directly in it
 * (sorted by name; not recursive, so other folders — backups, older scans — are not read by accident),
 * plus the same files of its `policies/` folder as the shared policy store.
 */
export function snapshotInput(path: string): SnapshotInput {
  if (!isDirectory(path)) return { accountFiles: [path] };
  const names = namesIn(path);
  const accountFiles = snapshotFilesOf(path, names);
  if (accountFiles.length === 0)
    throw new InputError(path, null, null, 'the directory holds no *.json or *.json.gz snapshot file');
  const store = join(path, POLICY_STORE_FOLDER);
  return {
    accountFiles,
    storeFiles: isDirectory(store) ? snapshotFilesOf(store, namesIn(store)) : [],
    selectionFiles: names
      .filter((name) => SELECTION_FILE.test(name))
      .sort()
      .map((name) => join(path, name)),
  };
}

/** Whether the path names a directory (through a symbolic link too); a missing path is left to the file reader. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function namesIn(directory: string): string[] {
  try {
    return readdirSync(directory);
  } catch (error) {
    throw new InputError(
      directory,
      null,
      null,
      `the directory cannot be read (${(error as NodeJS.ErrnoException).code})`,
    );
  }
}

function snapshotFilesOf(directory: string, names: readonly string[]): string[] {
  return names
    .filter((name) => SNAPSHOT_NAME.test(name) && !name.startsWith('.'))
    .sort()
    .map((name) => join(directory, name))
    .filter((file) => !isDirectory(file));
}
