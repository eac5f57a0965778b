import { NO_SCP_CHAIN } from '../analysis/index.js';
import { formatInputIssue, type AccountModel, type PrincipalPolicies } from '../model/index.js';
import type { LoadedPolicySet } from '../sources/policy-set.js';
import { writeStderr } from './standard-streams.js';

// What a principal could not resolve is in its own report (unresolved), not a warning of the run.
const PRINCIPAL_WARNINGS: ReadonlySet<string> = new Set(['unresolved-policy', 'unresolved-group']);

/** The snapshots' warnings, once each, on stderr (`check --snapshot` and `scan` alike). */
export function writeSnapshotWarnings(accounts: readonly AccountModel[]): void {
  for (const account of accounts)
    for (const warning of account.warnings)
      if (!PRINCIPAL_WARNINGS.has(warning.code)) writeStderr(`policy-check: ${formatInputIssue(warning)}\n`);
}

/**
 * The principal's policies with the SCP chain given by --scp / --scp-levels in place of the snapshot's
 * (a GAAD file has none), and what that chain's files assumed; unchanged when none was given.
 */
export function withGivenScpChain(policies: PrincipalPolicies, given: LoadedPolicySet): PrincipalPolicies {
  if (!given.scpChain) return policies;
  return {
    ...policies,
    scpLevels: given.scpChain.levels,
    actionCorrections: [...(policies.actionCorrections ?? []), ...given.actionCorrections],
    assumptions: [
      ...(policies.assumptions ?? []).filter((text) => text !== NO_SCP_CHAIN),
      ...given.assumptions,
      ...(policies.assumptions?.includes(NO_SCP_CHAIN)
        ? []
        : ["the SCP chain given with --scp/--scp-levels replaces the snapshot's"]),
    ],
  };
}
