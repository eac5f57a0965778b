import {
  hasErrors,
  sortInputIssues,
  type ActionCorrection,
  type InputIssue,
  type WrittenPolicy,
  type PolicyType,
} from '../model/index.js';
import { checkSnapshotPolicyActions, type IamActionNames } from './action-names.js';
import { errorAt } from './issue-factory.js';
import { parseJsonDocument } from './json-with-spans.js';
import { findProperty, toPlainValue, type JsonDocument, type JsonNode } from './json-tree.js';
import { parsePolicyValue } from './policy-value.js';
import { quoteToken } from './quote-token.js';
import { schemaIssues } from './schema-issues.js';
import { schemaErrors, snapshotValidator } from './schema-validation.js';

/**
 * Managed policy versions shared by the account files of a snapshot directory (its `policies/` files):
 * an account file's Policies entry that gives `DefaultVersionId` but no `PolicyVersionList` takes that
 * version's document from here, so a policy attached in 100 accounts is stored, parsed and checked once.
 */
export interface PolicyStore {
  /** The document of one version, parsed as `type` on first use and then shared by every account. */
  policy(arn: string, versionId: string, type: PolicyType, name: string): StoredPolicy | undefined;
}

interface StoredPolicy {
  readonly policy?: WrittenPolicy;
  /** The issues of the first parse only: a shared document's warnings are reported once. */
  readonly issues: readonly InputIssue[];
  /** Every time: each account that attaches the policy gives them to its principals' fix planner. */
  readonly corrections: readonly ActionCorrection[];
}

interface StoredVersion {
  readonly document: JsonDocument;
  readonly node: JsonNode;
  readonly pointer: string;
}

export interface PolicyStoreParseResult {
  readonly versions?: ReadonlyMap<string, StoredVersion>;
  readonly issues: readonly InputIssue[];
}

const PRINCIPAL_LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList'];

/**
 * One `policies/` file: a snapshot (schemas/snapshot.schema.json) that holds only `Policies`, each with
 * the versions it stores. Never throws.
 */
export function parsePolicyStoreFile(text: string, file: string): PolicyStoreParseResult {
  const parsed = parseJsonDocument(text, file);
  if (!parsed.document) return { issues: parsed.issues };
  const { document } = parsed;
  const root = document.root;
  const issues = [
    ...parsed.issues,
    ...schemaIssues(schemaErrors(snapshotValidator, toPlainValue(root)), {
      file,
      root,
      rootName: 'the policy store',
      documentKind: 'a snapshot holding only Policies',
    }),
  ];
  if (hasErrors(issues) || root.kind !== 'object') return { issues: sortInputIssues(issues) };
  for (const key of PRINCIPAL_LISTS) {
    const list = findProperty(root, key);
    if (list)
      issues.push(
        errorAt(
          file,
          list.keyNode,
          'principals-in-policy-store',
          `a file under policies/ holds only Policies shared by the account files; move ${key} to an account file`,
        ),
      );
  }
  const versions = new Map<string, StoredVersion>();
  const policies = findProperty(root, 'Policies')?.value;
  (policies?.kind === 'array' ? policies.items : []).forEach((entry, index) => {
    if (entry.kind !== 'object') return;
    const arn = findProperty(entry, 'Arn')?.value;
    const list = findProperty(entry, 'PolicyVersionList')?.value;
    if (arn?.kind !== 'string' || list?.kind !== 'array') return;
    list.items.forEach((version, versionIndex) => {
      if (version.kind !== 'object') return;
      const id = findProperty(version, 'VersionId')?.value;
      const node = findProperty(version, 'Document')?.value;
      if (!node) return;
      if (id?.kind !== 'string') {
        issues.push(
          errorAt(
            file,
            version,
            'missing-version-id',
            `a stored version of ${quoteToken(arn.value)} needs its VersionId`,
          ),
        );
        return;
      }
      const key = versionKey(arn.value, id.value);
      const previous = versions.get(key);
      if (previous) {
        issues.push(
          errorAt(
            file,
            id,
            'duplicate-policy-version',
            `version ${id.value} of ${quoteToken(arn.value)} is stored twice (first at ${previous.node.line}:${previous.node.column})`,
          ),
        );
        return;
      }
      versions.set(key, { document, node, pointer: `/Policies/${index}/PolicyVersionList/${versionIndex}/Document` });
    });
  });
  const sorted = sortInputIssues(issues);
  return hasErrors(sorted) ? { issues: sorted } : { versions, issues: sorted };
}

/**
 * The store of several `policies/` files. The same ARN and version in two files is an error, as within one
 * file: two documents for one version cannot both be what IAM holds.
 */
export function policyStoreOf(
  files: readonly { readonly file: string; readonly result: PolicyStoreParseResult }[],
  actionNames?: IamActionNames,
): {
  readonly store: PolicyStore;
  readonly issues: readonly InputIssue[];
} {
  const versions = new Map<string, StoredVersion>();
  const issues: InputIssue[] = [];
  for (const { file, result } of files) {
    for (const [key, version] of result.versions ?? []) {
      const previous = versions.get(key);
      if (previous) {
        const [arn, id] = key.split('\n');
        issues.push(
          errorAt(
            file,
            version.node,
            'duplicate-policy-version',
            `version ${id} of ${quoteToken(arn ?? '')} is also stored in ${previous.document.file}:${previous.node.line}`,
          ),
        );
        continue;
      }
      versions.set(key, version);
    }
  }
  const parsed = new Map<string, StoredPolicy | undefined>();
  return {
    issues,
    store: {
      policy(arn, versionId, type, name) {
        const cacheKey = `${type} ${versionKey(arn, versionId)}`;
        if (parsed.has(cacheKey)) {
          const cached = parsed.get(cacheKey);
          return cached && { ...cached, issues: [] };
        }
        const version = versions.get(versionKey(arn, versionId));
        let stored: StoredPolicy | undefined;
        if (version) {
          const result = parsePolicyValue(
            version.document,
            version.node,
            { type, name, arn, pointer: version.pointer },
            version.pointer.slice(1).replace(/\//g, '.'),
          );
          const actions =
            result.policy && actionNames
              ? checkSnapshotPolicyActions(result.policy, version.document.text, actionNames)
              : { issues: [], corrections: [] };
          stored = {
            ...(result.policy ? { policy: result.policy } : {}),
            issues: [...result.issues, ...actions.issues],
            corrections: actions.corrections,
          };
        }
        parsed.set(cacheKey, stored);
        return stored;
      },
    },
  };
}

function versionKey(arn: string, versionId: string): string {
  return `${arn}\n${versionId}`;
}
