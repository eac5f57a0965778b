import type { AccountModel } from '../../model/index.js';
import {
  isAccountSnapshotText,
  parsePolicyStoreFile,
  parseSnapshot,
  policyStoreOf,
  type ManagedPolicyExtract,
  type PolicyStore,
} from '../../parse/index.js';
import { iamData } from '../iam-data.js';
import { InputError } from '../input-error.js';
import { requireValid } from '../policy-files.js';
import { shippedManagedPolicyExtract } from './managed-policy-extract.js';
import { isDirectory, type SnapshotInput, snapshotInput } from './snapshot-directory.js';
import { readSnapshotText } from './snapshot-text.js';

/**
 * Reads snapshots (GAAD output or policy-check snapshots, plain or gzip-compressed), one account per file,
 * in the order given; a directory stands for its `*.json` / `*.json.gz` files, sorted, with the managed
 * policy versions of its `policies/` folder (see snapshot-directory.ts). The first invalid file throws an
 * InputError naming file:line:column. AWS managed policies the files do not include come from `extract`
 * (by default the shipped one).
 */
export function loadAccountFiles(
  paths: readonly string[],
  extract: ManagedPolicyExtract | undefined = shippedManagedPolicyExtract(),
): AccountModel[] {
  return loadSnapshotFiles(paths, extract).accounts;
}

/** As loadAccountFiles, with what each path was found to hold (its files, a directory's shard records). */
export function loadSnapshotFiles(
  paths: readonly string[],
  extract: ManagedPolicyExtract | undefined = shippedManagedPolicyExtract(),
): { readonly accounts: AccountModel[]; readonly inputs: readonly SnapshotInput[] } {
  const inputs: SnapshotInput[] = [];
  const accounts = paths.flatMap((path) => {
    const input = snapshotInput(path);
    inputs.push(input);
    return accountsOfTexts(input.accountFiles.map(fileText), input.storeFiles?.map(fileText), extract);
  });
  return { accounts, inputs };
}

/** A snapshot file's name (for messages) and its text, read from disk or held in memory. */
export interface SnapshotText {
  readonly file: string;
  readonly text: () => string;
}

function fileText(file: string): SnapshotText {
  return { file, text: () => readSnapshotText(file) };
}

/**
 * Account snapshots with the policy store files (`policies/`) they may refer to, as a snapshot directory
 * is read. Each text is asked for when it is parsed, so files are read (and dropped) one at a time.
 */
export function accountsOfTexts(
  accounts: readonly SnapshotText[],
  storeFiles: readonly SnapshotText[] | undefined,
  extract: ManagedPolicyExtract | undefined = shippedManagedPolicyExtract(),
): AccountModel[] {
  const store = storeFiles ? loadPolicyStore(storeFiles) : undefined;
  return accounts.map(({ file, text }) => {
    const parsed = parseSnapshot(text(), file, extract, {
      ...(store ? { store } : {}),
      actionNames: iamData(),
    });
    return requireValid(parsed.account, parsed.issues, file);
  });
}

function loadPolicyStore(files: readonly SnapshotText[]): PolicyStore {
  const parsed = files.map(({ file, text }) => {
    const result = parsePolicyStoreFile(text(), file);
    requireValid(result.versions, result.issues, file);
    return { file, result };
  });
  const { store, issues } = policyStoreOf(parsed, iamData());
  const error = issues[0];
  if (error) throw new InputError(error.file, error.line, error.column, error.message);
  return store;
}

/** Whether `diff` is given snapshots rather than matrix reports: a directory, or a (gzip) snapshot file. */
export function isSnapshotPath(path: string): boolean {
  return isDirectory(path) || isAccountSnapshotText(readSnapshotText(path));
}
