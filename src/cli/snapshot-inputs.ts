import { NO_SCP_CHAIN } from '../analysis/index.js';
import {
  formatInputIssue,
  message,
  sortInputIssues,
  type AccountModel,
  type InputIssue,
  type PrincipalPolicies,
} from '../model/index.js';
import type { LoadedPolicySet } from '../sources/policy-set.js';
import { writeStderr } from './standard-streams.js';

// What a principal could not resolve is in its own report (unresolved), not a warning of the run.
const PRINCIPAL_WARNINGS: ReadonlySet<string> = new Set(['unresolved-policy', 'unresolved-group']);

/** The snapshots' warnings, once each, on stderr (`check --snapshot` and `scan` alike). */
export function writeSnapshotWarnings(accounts: readonly AccountModel[]): void {
  for (const warning of snapshotWarnings(accounts)) writeStderr(`policy-check: ${formatInputIssue(warning)}\n`);
}

/**
 * The warnings of the snapshots and of the SCP files given with them, for the matrix report: each once
 * (a snapshot reports a policy's problem once however many principals carry it), sorted by file and line.
 */
function snapshotWarnings(
  accounts: readonly AccountModel[],
  scpFileWarnings: readonly InputIssue[] = [],
): InputIssue[] {
  return sortInputIssues([...accounts.flatMap(accountWarnings), ...scpFileWarnings]);
}

/** An account's warnings for the run (`snapshotWarnings` sorts those of every account). */
export function accountWarnings(account: AccountModel): InputIssue[] {
  return account.warnings.filter((warning) => warning.severity === 'warning' && !PRINCIPAL_WARNINGS.has(warning.code));
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
      ...(policies.assumptions ?? []).filter((assumption) => assumption.code !== NO_SCP_CHAIN.code),
      ...given.assumptions,
      ...(policies.assumptions?.some((assumption) => assumption.code === NO_SCP_CHAIN.code)
        ? []
        : [message('scp-chain-replaced')]),
    ],
  };
}
