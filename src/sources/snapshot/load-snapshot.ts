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
  return [...eachAccountFile(paths, extract)];
}

/**
 * `loadAccountFiles`, one account at a time: each file is read and parsed when the next account is asked
 * for, so a caller that drops each account before asking for the next holds one at a time. `inputs`, when
 * given, receives what each path was found to hold (its files, a directory's shard records) as it is read.
 */
export function* eachAccountFile(
  paths: readonly string[],
  extract: ManagedPolicyExtract | undefined = shippedManagedPolicyExtract(),
  inputs?: SnapshotInput[],
): Generator<AccountModel> {
  for (const path of paths) {
    const input = snapshotInput(path);
    inputs?.push(input);
    yield* eachAccountOfTexts(input.accountFiles.map(fileText), input.storeFiles?.map(fileText), extract);
  }
}

/**
 * The models the accounts of the paths name as in use (`bedrock.modelsInUse`), in account order. Only a file
 * whose text may hold that key (or an escape that could spell it) is parsed.
 */
export function modelsInUseOf(
  paths: readonly string[],
  extract: ManagedPolicyExtract | undefined = shippedManagedPolicyExtract(),
): string[] {
  return paths.flatMap((path) => {
    const input = snapshotInput(path);
    return modelsInUseOfTexts(input.accountFiles.map(fileText), input.storeFiles?.map(fileText), extract);
  });
}

/** `modelsInUseOf` for account texts and their policy store (`eachAccountOfTexts`'s arguments). */
export function modelsInUseOfTexts(
  accounts: readonly SnapshotText[],
  storeFiles: readonly SnapshotText[] | undefined,
  extract: ManagedPolicyExtract | undefined = shippedManagedPolicyExtract(),
): string[] {
  const naming = accounts.filter(({ text }) => mayNameModelsInUse(text()));
  if (naming.length === 0) return [];
  return [...eachAccountOfTexts(naming, storeFiles, extract)].flatMap((account) => account.bedrock?.modelsInUse ?? []);
}

/** Whether a snapshot text may name models in use: it spells the key, or holds an escape that could. */
function mayNameModelsInUse(text: string): boolean {
  return text.includes('modelsInUse') || text.includes('\\u');
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
 * is read, one account at a time: each text is asked for when it is parsed, so files are read (and dropped)
 * one at a time, and a caller that drops each account before asking for the next holds one at a time.
 */
export function* eachAccountOfTexts(
  accounts: readonly SnapshotText[],
  storeFiles: readonly SnapshotText[] | undefined,
  extract: ManagedPolicyExtract | undefined = shippedManagedPolicyExtract(),
): Generator<AccountModel> {
  const store = storeFiles ? loadPolicyStore(storeFiles) : undefined;
  for (const { file, text } of accounts) {
    const parsed = parseSnapshot(text(), file, extract, {
      ...(store ? { store } : {}),
      actionNames: iamData(),
    });
    yield requireValid(parsed.account, parsed.issues, file);
  }
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
