import { message, type Note, type ScanSelection } from '../model/index.js';

/**
 * What the shard records of an organization scan say is missing from the accounts read: shards that never
 * saved (a job of the scheduler that failed or never ran), and accounts a shard was asked for but whose
 * snapshot is not there. Either leaves the matrix short of accounts it was meant to cover.
 */
export function scanCompleteness(selections: readonly ScanSelection[], present: readonly string[]): Note[] {
  const read = new Set(present);
  const notes: Note[] = [];
  const organizations = [...new Set(selections.map((selection) => selection.organization))].sort();
  for (const organization of organizations) {
    const mine = selections.filter((selection) => selection.organization === organization);
    for (const count of [...new Set(mine.map((selection) => selection.shard.count))].sort((a, b) => a - b)) {
      const saved = new Set(mine.filter((s) => s.shard.count === count).map((s) => s.shard.index));
      const missing = Array.from({ length: count }, (_, i) => i + 1)
        .filter((index) => !saved.has(index))
        .map(String);
      if (missing.length > 0) notes.push(message('org-shards-missing', { organization, count, missing }));
    }
    const unread = [...new Set(mine.flatMap((selection) => selection.accounts))].filter((id) => !read.has(id)).sort();
    if (unread.length > 0) notes.push(message('org-accounts-missing', { organization, accounts: unread }));
  }
  return notes;
}
