import { createHash } from 'node:crypto';

/** One managed policy version of the policy store, with the file name it is stored under. */
export interface SharedPolicyVersion {
  readonly name: string;
  readonly store: Record<string, unknown>;
}

const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;

/**
 * An account snapshot with its AWS managed policies moved to the policy store: the same ARN and version is
 * the same document in every account, so it is stored (and later parsed) once. Each managed policy keeps only
 * its default version, the only one that counts; customer managed policies, whose ARN names the account,
 * stay in the account's file.
 */
export function splitSharedPolicies(snapshot: Record<string, unknown>): {
  readonly account: Record<string, unknown>;
  readonly shared: readonly SharedPolicyVersion[];
} {
  const shared: SharedPolicyVersion[] = [];
  const policies = Array.isArray(snapshot.Policies) ? (snapshot.Policies as Record<string, unknown>[]) : [];
  const kept = policies.map((entry) => {
    const defaultVersion = defaultVersionOf(entry);
    if (!defaultVersion) return entry;
    const { PolicyVersionList: _versions, ...rest } = entry;
    const arn = String(entry.Arn);
    const versionId = String(defaultVersion.VersionId);
    if (!AWS_MANAGED.test(arn)) return { ...rest, PolicyVersionList: [defaultVersion] };
    shared.push({
      name: storeFileName(arn, versionId),
      store: { snapshotVersion: 1, Policies: [{ ...rest, PolicyVersionList: [defaultVersion] }] },
    });
    return { ...rest, DefaultVersionId: versionId };
  });
  return { account: { ...snapshot, Policies: kept }, shared };
}

function defaultVersionOf(entry: Record<string, unknown>): Record<string, unknown> | undefined {
  const versions = Array.isArray(entry.PolicyVersionList) ? (entry.PolicyVersionList as Record<string, unknown>[]) : [];
  const found = versions.find((version) => version.IsDefaultVersion === true);
  if (!found || typeof found.VersionId !== 'string' || typeof entry.Arn !== 'string') return undefined;
  if (entry.DefaultVersionId !== undefined && entry.DefaultVersionId !== found.VersionId) return undefined;
  return found;
}

/** Readable and unique: the policy's path and name, its version, and a hash of both against clashes. */
function storeFileName(arn: string, versionId: string): string {
  const readable = `${arn.slice(arn.indexOf(':policy/') + ':policy/'.length)}.${versionId}`.replace(
    /[^A-Za-z0-9._-]/g,
    '_',
  );
  const hash = createHash('sha256').update(`${arn}\n${versionId}`).digest('hex').slice(0, 8);
  return `${readable}.${hash}.json.gz`;
}
