/**
 * What one organization scan saved with `--save DIR` was asked to read: its shard of the organization's ACTIVE
 * accounts (1 of 1 without `--shard`). Read back, the records of every shard say whether the snapshot
 * directories given to `scan --snapshot` hold the whole organization.
 */
export interface ScanSelection {
  readonly organization: string;
  readonly shard: { readonly index: number; readonly count: number };
  readonly accounts: readonly string[];
  /** Where the record was read, for messages. */
  readonly file: string;
}
