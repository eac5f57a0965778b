import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Policy, PolicyType } from '../../model/index.js';
import { parsePolicyDocument, type ManagedPolicyExtract } from '../../parse/index.js';

/** data/aws-managed-policies.json, written by scripts/refresh-managed-policies.mjs. */
interface ExtractFile {
  readonly source: string;
  readonly date: string;
  readonly policies: readonly { readonly arn: string; readonly versionId: string; readonly document: unknown }[];
}

const EXTRACT_FILE = join('data', 'aws-managed-policies.json');

let shared: ManagedPolicyExtract | undefined;

/**
 * The shipped extract of AWS managed policies, read on first use only (2.5 MB: a check that names none
 * never pays for it). Undefined when the file cannot be found, and every ARN it would resolve stays unresolved.
 */
export function shippedManagedPolicyExtract(): ManagedPolicyExtract | undefined {
  if (shared) return shared;
  const file = extractFilePath();
  if (!file) return undefined;
  shared = managedPolicyExtractFrom(JSON.parse(readFileSync(file, 'utf8')) as ExtractFile);
  return shared;
}

/** The policies of an extract, each parsed on first use per type and then shared. */
function managedPolicyExtractFrom(extract: ExtractFile): ManagedPolicyExtract {
  const byArn = new Map(extract.policies.map((entry) => [entry.arn, entry]));
  const parsed = new Map<string, Policy | undefined>();
  return {
    date: extract.date,
    source: extract.source,
    has: (arn: string) => byArn.has(arn),
    policy(arn: string, type: PolicyType): Policy | undefined {
      const key = `${type} ${arn}`;
      if (parsed.has(key)) return parsed.get(key);
      const entry = byArn.get(arn);
      // Shown as `aws iam get-policy-version` prints the document; its spans point into that text.
      const result = entry
        ? parsePolicyDocument(JSON.stringify(entry.document, null, 2), arn, {
            type,
            name: arn.slice(arn.lastIndexOf('/') + 1),
            arn,
          })
        : undefined;
      // Size warnings are dropped: the quotas bind the policies customers write, not AWS's own.
      const policy = result?.policy;
      parsed.set(key, policy);
      return policy;
    },
  };
}

// From the sources (src/sources/snapshot), the library (dist/lib/sources/snapshot) or the CLI bundle (dist/),
// the data folder sits beside package.json some levels up.
function extractFilePath(): string | undefined {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(directory, EXTRACT_FILE);
    if (existsSync(candidate)) return candidate;
    directory = dirname(directory);
  }
  return undefined;
}
