import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AccountModel, ScanSelection } from '../../model/index.js';
import { InputError } from '../input-error.js';
import { eachAccountOfTexts, modelsInUseOfTexts, type SnapshotText } from './load-snapshot.js';
import { splitSharedPolicies } from './shared-policies.js';
import { snapshotInput } from './snapshot-directory.js';
import { readSnapshotText } from './snapshot-text.js';

/**
 * Where an organization scan puts each account's snapshot as it ends: a snapshot directory (`--save DIR`,
 * the layout `scan --snapshot DIR` reads) or memory. Either way the accounts are parsed at the end as
 * `scan --snapshot DIR` parses them, so a saved scan and its directory give the same matrix.
 */
export interface SnapshotSink {
  /** Whether the account's snapshot is already complete (a resumed scan skips it). */
  complete(accountId: string): boolean;
  put(accountId: string, snapshot: Record<string, unknown>): void;
  /** The accounts, parsed with the shared policy store one at a time, as they are asked for. */
  accounts(accountIds: readonly string[]): Iterable<AccountModel>;
  /** The models the accounts name as in use (`bedrock.modelsInUse`), read before the accounts themselves. */
  modelsInUse(accountIds: readonly string[]): string[];
  /** Records which accounts this run (its shard) was asked to read, so a later read of the directory can tell gaps. */
  recordSelection(selection: Omit<ScanSelection, 'file'>): void;
}

const POLICY_STORE = 'policies';

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 1)}\n`;
}

export function memorySink(label: string): SnapshotSink {
  // Compressed: the accounts wait here until the scan ends, and a snapshot's JSON shrinks about tenfold.
  const accounts = new Map<string, Buffer>();
  const store = new Map<string, string>();
  const texts = (accountIds: readonly string[]) =>
    accountIds.flatMap((id): SnapshotText[] => {
      const bytes = accounts.get(id);
      return bytes === undefined
        ? []
        : [{ file: `${label}/${id}.json`, text: () => gunzipSync(bytes).toString('utf8') }];
    });
  const storeTexts = () =>
    [...store].map(([name, text]) => ({
      file: `${label}/${POLICY_STORE}/${name}`,
      text: () => text,
    }));
  return {
    complete: () => false,
    recordSelection: () => undefined,
    put(accountId, snapshot) {
      const { account, shared } = splitSharedPolicies(snapshot);
      for (const version of shared) if (!store.has(version.name)) store.set(version.name, jsonText(version.store));
      accounts.set(accountId, gzipSync(jsonText(account)));
    },
    accounts: (accountIds) => eachAccountOfTexts(texts(accountIds), storeTexts()),
    modelsInUse: (accountIds) => modelsInUseOfTexts(texts(accountIds), storeTexts()),
  };
}

/** What decides the content of an account's snapshot: a resumed scan must ask for the same. */
export interface ScanParameters {
  readonly organization: string;
  readonly region: string;
  readonly models: readonly string[];
}

// Hidden (a leading dot), so that `scan --snapshot DIR` never takes them for an account's snapshot.
const MANIFEST = '.policy-check-scan.json';

/** The record of one shard's selection (scan-selections.ts reads them back). */
function selectionFileName(shard: { readonly index: number; readonly count: number }): string {
  return `.policy-check-shard-${shard.index}-of-${shard.count}.json`;
}

/**
 * A snapshot directory: one `<account id>.json.gz` per account and the AWS managed policy versions under
 * `policies/`, one file each (named by ARN and version, so scans writing the same directory at once write
 * the same file). Every file is written to a temporary name and renamed, store files before the account
 * file that refers to them: an account file that exists is complete.
 */
export function directorySink(directory: string, parameters: ScanParameters): SnapshotSink {
  const storeDirectory = join(directory, POLICY_STORE);
  try {
    mkdirSync(storeDirectory, { recursive: true });
  } catch (error) {
    throw new InputError(
      directory,
      null,
      null,
      `cannot create the snapshot directory (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  claimDirectory(directory, parameters);
  const accountFile = (accountId: string) => join(directory, `${accountId}.json.gz`);
  return {
    complete: (accountId) => isCompleteGzip(accountFile(accountId)),
    recordSelection({ organization, shard, accounts }) {
      const file = join(directory, selectionFileName(shard));
      writeAtomically(file, Buffer.from(jsonText({ organization, shard, accounts: [...accounts].sort() })));
    },
    put(accountId, snapshot) {
      const { account, shared } = splitSharedPolicies(snapshot);
      for (const version of shared) {
        const file = join(storeDirectory, version.name);
        if (!existsSync(file)) writeAtomically(file, gzipSync(jsonText(version.store)));
      }
      writeAtomically(accountFile(accountId), gzipSync(jsonText(account)));
    },
    accounts(accountIds) {
      const storeFiles = snapshotInput(directory).storeFiles ?? [];
      return eachAccountOfTexts(
        accountIds.map((id) => fileText(accountFile(id))),
        storeFiles.map(fileText),
      );
    },
    modelsInUse(accountIds) {
      const storeFiles = snapshotInput(directory).storeFiles ?? [];
      return modelsInUseOfTexts(
        accountIds.map((id) => fileText(accountFile(id))),
        storeFiles.map(fileText),
      );
    },
  };
}

function fileText(file: string): SnapshotText {
  return { file, text: () => readSnapshotText(file) };
}

/** A gzip file that decompresses whole (its length and CRC check out). */
function isCompleteGzip(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    gunzipSync(readFileSync(file));
    return true;
  } catch {
    return false;
  }
}

function writeAtomically(file: string, bytes: Buffer): void {
  // Hidden (a leading dot), so that a directory read while it is written never takes it for a snapshot.
  const unique = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
  const hidden = join(dirname(file), `.${basename(file)}.${unique}.tmp`);
  try {
    writeFileSync(hidden, bytes, { flag: 'wx' });
    renameSync(hidden, file);
  } catch (error) {
    rmSync(hidden, { force: true });
    throw new InputError(file, null, null, `cannot write the snapshot (${(error as NodeJS.ErrnoException).code})`);
  }
}

/**
 * Records the scan's parameters in the directory, or checks that a resumed scan asks for the same: an account
 * file read in another Region, or without the availability of a model now in scope, would be skipped as
 * complete and answer for a scan it was not made for. Shards of one scan write the same manifest.
 */
function claimDirectory(directory: string, parameters: ScanParameters): void {
  const manifest = join(directory, MANIFEST);
  const wanted = {
    organization: parameters.organization,
    region: parameters.region,
    models: [...new Set(parameters.models)].sort(),
  };
  if (!existsSync(manifest)) {
    if (readdirSync(directory).some((name) => /\.json(\.gz)?$/i.test(name) && !name.startsWith('.')))
      throw new InputError(
        directory,
        null,
        null,
        'holds snapshots of a scan whose organization, Region and models are not recorded: it cannot be resumed; save to another directory',
      );
    writeAtomically(manifest, Buffer.from(jsonText(wanted)));
    return;
  }
  const saved = savedParameters(manifest);
  const differences = [
    ...(saved.organization !== wanted.organization
      ? [`organization ${saved.organization}, not ${wanted.organization}`]
      : []),
    ...(saved.region !== wanted.region ? [`Region ${saved.region}, not ${wanted.region}`] : []),
    ...(saved.models.join(',') !== wanted.models.join(',')
      ? [`models ${saved.models.join(',') || '(none)'}, not ${wanted.models.join(',') || '(none)'}`]
      : []),
  ];
  if (differences.length > 0)
    throw new InputError(
      manifest,
      null,
      null,
      `the saved scan was made for ${differences.join('; ')}: resume it with the same Region and models, or save to another directory`,
    );
}

function savedParameters(manifest: string): { organization: string; region: string; models: string[] } {
  const invalid = () =>
    new InputError(manifest, null, null, 'not the scan record policy-check writes: save to another directory');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    throw invalid();
  }
  const record = value as { organization?: unknown; region?: unknown; models?: unknown };
  if (
    typeof record?.organization !== 'string' ||
    typeof record.region !== 'string' ||
    !Array.isArray(record.models) ||
    !record.models.every((model) => typeof model === 'string')
  )
    throw invalid();
  return { organization: record.organization, region: record.region, models: record.models as string[] };
}
