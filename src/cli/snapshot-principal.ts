import { accountPrincipalArns, gatingEndpoints, principalPoliciesOf } from '../analysis/index.js';
import { suggestNames, type AccountModel, type AccountVpcEndpoint, type PrincipalPolicies } from '../model/index.js';
import { loadAccountFiles } from '../sources/snapshot/load-snapshot.js';
import { loadPolicySet, type PolicyFiles } from '../sources/policy-set.js';
import { writeSnapshotWarnings, withGivenScpChain } from './snapshot-inputs.js';
import { UsageError } from './usage-error.js';

/**
 * `check --snapshot FILE… --principal ARN`: the principal's policies from the snapshot that holds it.
 * --scp / --scp-levels replace the snapshot's SCP chain (a GAAD file has none); --session-policy adds
 * session policies. The snapshots' other warnings go to stderr once. `endpoints`: the bedrock-runtime interface
 * endpoints of the principal's account in the Region whose policy may deny (a live scan records them).
 */
export function snapshotPrincipalPolicies(
  snapshots: readonly string[],
  principalArn: string,
  files: PolicyFiles,
  region: string,
): { readonly policies: PrincipalPolicies; readonly endpoints: readonly AccountVpcEndpoint[] } {
  const accounts = loadAccountFiles(snapshots);
  const { policies, account } = findPrincipal(accounts, principalArn);
  writeSnapshotWarnings(accounts);
  const extra = loadPolicySet({
    ...(files.scp ? { scp: files.scp } : {}),
    ...(files.scpLevels !== undefined ? { scpLevels: files.scpLevels } : {}),
    ...(files.sessionPolicy ? { sessionPolicy: files.sessionPolicy } : {}),
  });
  return {
    policies: {
      ...withGivenScpChain(policies, extra),
      sessionPolicies: extra.sessionPolicies,
      warnings: extra.warnings,
    },
    endpoints: gatingEndpoints(account, region),
  };
}

function findPrincipal(
  accounts: readonly AccountModel[],
  principalArn: string,
): { readonly policies: PrincipalPolicies; readonly account: AccountModel } {
  for (const account of accounts) {
    const found = principalPoliciesOf(account, principalArn);
    if (found) return { policies: found, account };
  }
  const known = accounts.flatMap(accountPrincipalArns);
  // The same name under another path (or another account) is likelier meant than a near spelling.
  const name = principalArn.slice(principalArn.lastIndexOf('/') + 1).toLowerCase();
  const sameName = known.filter((arn) => arn.slice(arn.lastIndexOf('/') + 1).toLowerCase() === name);
  const suggestions = [...new Set([...sameName, ...suggestNames(principalArn, known)])].slice(0, 3);
  const hint =
    suggestions.length > 0
      ? `; did you mean ${suggestions.join(', ')}?`
      : known.length === 0
        ? '; the snapshots hold no user or role'
        : '';
  throw new UsageError(
    `--principal ${JSON.stringify(principalArn)}: no user or role of the snapshots has this ARN${hint}`,
  );
}
