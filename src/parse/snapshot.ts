import {
  hasErrors,
  sortInputIssues,
  type AccountBedrockState,
  type AccountGroup,
  type AccountModel,
  type AccountRole,
  type AccountUser,
  type AccountVpcEndpoint,
  type ActionCorrection,
  type InputIssue,
  type Policy,
  type PolicyType,
  type ScpLevel,
  type UnreadablePart,
  type UnresolvedPolicy,
} from '../model/index.js';
import { errorAt, warningAt } from './issue-factory.js';
import { parseJsonDocument } from './json-with-spans.js';
import { findProperty, toPlainValue, type JsonDocument, type JsonNode, type JsonObjectNode } from './json-tree.js';
import { checkSnapshotPolicyActions, type IamActionNames } from './action-names.js';
import type { PolicyStore } from './policy-store.js';
import { parsePolicyValue } from './policy-value.js';
import { quoteToken } from './quote-token.js';
import { schemaIssues } from './schema-issues.js';
import { schemaErrors, snapshotValidator } from './schema-validation.js';

/** The dated extract of AWS managed policies (read by the caller; parse does no I/O). */
export interface ManagedPolicyExtract {
  readonly date: string;
  readonly source: string;
  /** The default version of an AWS managed policy, parsed as `type`; undefined when the extract does not know it. */
  policy(arn: string, type: PolicyType): Policy | undefined;
  /** Whether the extract holds the ARN at all (it may hold a document policy-check cannot read). */
  has(arn: string): boolean;
}

export interface SnapshotParseResult {
  /** Present when there is no error. */
  readonly account?: AccountModel;
  readonly issues: readonly InputIssue[];
}

/** What the account files of one snapshot directory share. */
export interface SnapshotSharedInputs {
  /** The directory's `policies/` files: versions an account file names by DefaultVersionId only. */
  readonly store?: PolicyStore;
  /** IAM's action names: misspelt actions become warnings (once per policy) and corrections for the fix planner. */
  readonly actionNames?: IamActionNames;
}

const AWS_MANAGED_ARN = /^arn:[^:]+:iam::aws:policy\//;
const PRINCIPAL_ARN = /^arn:([^:]+):iam::(\d{12}):(?:user|group|role)\//;

/**
 * Reads `aws iam get-account-authorization-details` output, or a policy-check snapshot
 * (schemas/snapshot.schema.json, a superset of it), into the account model. Only the default version of
 * each managed policy counts; an AWS managed policy the file does not include comes from the extract;
 * what neither holds becomes an unresolved policy of the principals that refer to it. Never throws.
 */
export function parseSnapshot(
  text: string,
  file: string,
  extract?: ManagedPolicyExtract,
  shared: SnapshotSharedInputs = {},
): SnapshotParseResult {
  const parsed = parseJsonDocument(text, file);
  if (!parsed.document) return { issues: parsed.issues };
  const { document } = parsed;
  const root = document.root;
  const structure = schemaIssues(schemaErrors(snapshotValidator, toPlainValue(root)), {
    file,
    root,
    rootName: 'the snapshot',
    documentKind: 'a snapshot',
  });
  const early = sortInputIssues([...parsed.issues, ...structure]);
  if (hasErrors(early) || root.kind !== 'object') return { issues: early };
  const reader = new SnapshotReader(document, root, extract, shared);
  const account = reader.read();
  // A managed policy used both as identity policy and as boundary is parsed (and checked) once per use.
  const issues = uniqueIssues(sortInputIssues([...early, ...reader.issues]));
  if (hasErrors(issues)) return { issues };
  const corrections = reader.actionCorrections;
  return {
    account: { ...account, warnings: issues, ...(corrections.length > 0 ? { actionCorrections: corrections } : {}) },
    issues,
  };
}

class SnapshotReader {
  readonly issues: InputIssue[] = [];
  readonly actionCorrections: ActionCorrection[] = [];
  private readonly managed = new Map<string, { readonly node: JsonObjectNode; readonly pointer: string }>();
  private readonly parsedManaged = new Map<string, Policy | undefined>();
  private readonly fromExtract = new Set<string>();
  private readonly reportedUnresolved = new Set<string>();
  private accountId = '';
  private partition = 'aws';

  constructor(
    private readonly document: JsonDocument,
    private readonly root: JsonObjectNode,
    private readonly extract: ManagedPolicyExtract | undefined,
    private readonly shared: SnapshotSharedInputs,
  ) {}

  read(): Omit<AccountModel, 'warnings'> {
    const truncated = findProperty(this.root, 'IsTruncated')?.value;
    if (truncated?.kind === 'boolean' && truncated.value) {
      this.error(
        truncated,
        'truncated-snapshot',
        '"IsTruncated": true: this is one page of get-account-authorization-details, so principals and policies are missing; run it without --max-items or --no-paginate so that the AWS CLI merges every page',
      );
    }
    this.readAccountId();
    this.indexManagedPolicies();
    const groups = this.list('GroupDetailList').map(({ node, pointer }) => this.group(node, pointer));
    const users = this.list('UserDetailList').map(({ node, pointer }) => this.user(node, pointer, groups));
    const roles = this.list('RoleDetailList').map(({ node, pointer }) => this.role(node, pointer));
    const organization = this.objectAt(this.root, 'organization');
    const organizationId = organization ? this.string(organization, 'id') : undefined;
    const managementAccountId = organization ? this.string(organization, 'managementAccountId') : undefined;
    const scpLevels = this.scpLevels();
    const bedrock = findProperty(this.root, 'bedrock')?.value;
    const regionsNode = findProperty(this.root, 'regions')?.value;
    const regions = regionsNode ? [...new Set(toPlainValue(regionsNode) as string[])].sort() : [];
    const isSnapshot = findProperty(this.root, 'snapshotVersion') !== undefined;
    const unreadable = findProperty(this.root, 'unreadable')?.value;
    const vpcEndpoints = this.vpcEndpoints();
    return {
      accountId: this.accountId,
      partition: this.partition,
      ...(organizationId !== undefined ? { organizationId } : {}),
      ...(scpLevels ? { scpLevels } : {}),
      ...(managementAccountId !== undefined ? { managementAccount: managementAccountId === this.accountId } : {}),
      users: sortByArn(users),
      groups: sortByArn(groups),
      roles: sortByArn(roles),
      regions,
      ...(bedrock ? { bedrock: this.bedrockState(bedrock, regions) } : {}),
      ...(unreadable ? { unreadable: toPlainValue(unreadable) as UnreadablePart[] } : {}),
      ...(vpcEndpoints ? { vpcEndpoints } : {}),
      origin: { kind: isSnapshot ? 'snapshot' : 'gaad', file: this.document.file },
      ...(this.extract && this.fromExtract.size > 0
        ? {
            managedPolicyExtract: {
              date: this.extract.date,
              source: this.extract.source,
              arns: [...this.fromExtract].sort(),
            },
          }
        : {}),
    };
  }

  /** The account id as given, else the one every principal ARN names; a principal of another account is an error. */
  private readAccountId(): void {
    const given = this.string(this.root, 'accountId');
    const partition = this.string(this.root, 'partition');
    if (partition !== undefined) this.partition = partition;
    let first: { readonly account: string; readonly partition: string } | undefined;
    for (const key of ['UserDetailList', 'GroupDetailList', 'RoleDetailList']) {
      for (const { node } of this.list(key)) {
        const arnNode = findProperty(node, 'Arn')?.value;
        if (arnNode?.kind !== 'string') continue;
        const match = PRINCIPAL_ARN.exec(arnNode.value);
        if (!match) {
          this.error(
            arnNode,
            'invalid-principal-arn',
            `${quoteToken(arnNode.value)} is not an IAM user, group or role ARN`,
          );
          continue;
        }
        const account = match[2] ?? '';
        const expected = given ?? first?.account;
        if (expected !== undefined && account !== expected) {
          this.error(
            arnNode,
            'mixed-accounts',
            `${quoteToken(arnNode.value)} belongs to account ${account}, not ${expected}: one snapshot describes one account (give one file per account)`,
          );
          continue;
        }
        first ??= { account, partition: match[1] ?? 'aws' };
      }
    }
    this.accountId = given ?? first?.account ?? '';
    if (partition === undefined && first) this.partition = first.partition;
  }

  private indexManagedPolicies(): void {
    for (const { node, pointer } of this.list('Policies')) {
      const arn = this.string(node, 'Arn') ?? '';
      const previous = this.managed.get(arn);
      if (previous) {
        this.error(
          findProperty(node, 'Arn')?.value ?? node,
          'duplicate-policy',
          `policy ${quoteToken(arn)} is listed twice in Policies (first at ${previous.node.line}:${previous.node.column})`,
        );
        continue;
      }
      if (!findProperty(node, 'PolicyVersionList') && !findProperty(node, 'DefaultVersionId')) {
        this.error(
          findProperty(node, 'Arn')?.value ?? node,
          'missing-policy-versions',
          `policy ${quoteToken(arn)} has neither PolicyVersionList nor DefaultVersionId: give its versions, or the default version's id with the document in the policies/ folder of a snapshot directory`,
        );
      }
      this.managed.set(arn, { node, pointer });
    }
  }

  /** The default version of a managed policy, parsed as `type` once and shared by every principal that has it. */
  private managedPolicy(arn: string, type: PolicyType, at: JsonNode, owner: string): Policy | UnresolvedPolicy {
    const key = `${type} ${arn}`;
    if (this.parsedManaged.has(key)) {
      const cached = this.parsedManaged.get(key);
      if (cached) return cached;
    } else {
      const policy = this.readManagedPolicy(arn, type);
      this.parsedManaged.set(key, policy);
      if (policy) return policy;
    }
    if (this.managed.has(arn))
      return {
        arn,
        reason: AWS_MANAGED_ARN.test(arn) ? 'unknown-aws-managed-policy' : 'missing-customer-managed-policy',
      };
    return this.unresolved(arn, at, owner);
  }

  private readManagedPolicy(arn: string, type: PolicyType): Policy | undefined {
    const entry = this.managed.get(arn);
    if (!entry) {
      if (!AWS_MANAGED_ARN.test(arn)) return undefined;
      const policy = this.extract?.policy(arn, type);
      if (policy) this.fromExtract.add(arn);
      return policy;
    }
    const versions = findProperty(entry.node, 'PolicyVersionList')?.value;
    if (!versions) return this.storedPolicy(entry.node, arn, type);
    if (versions.kind !== 'array') return undefined;
    const defaults = versions.items.flatMap((item, index) => {
      if (item.kind !== 'object') return [];
      const flag = findProperty(item, 'IsDefaultVersion')?.value;
      return flag?.kind === 'boolean' && flag.value ? [{ item, index }] : [];
    });
    const [chosen, extra] = defaults;
    if (!chosen || extra) {
      this.error(
        versions,
        'default-version',
        `policy ${quoteToken(arn)}: ${chosen ? 'more than one' : 'no'} version has "IsDefaultVersion": true; IAM applies exactly one, its default version`,
      );
      return undefined;
    }
    const documentNode = findProperty(chosen.item, 'Document')?.value;
    if (!documentNode) return undefined;
    const name = this.string(entry.node, 'PolicyName') ?? arn;
    return this.parsePolicy(documentNode, {
      type,
      name,
      arn,
      pointer: `${entry.pointer}/PolicyVersionList/${chosen.index}/Document`,
    });
  }

  /**
   * A Policies entry without PolicyVersionList: its default version is in the directory's policies/ files
   * (what a live scan writes, each version stored once for every account). Missing there, it is unresolved.
   */
  private storedPolicy(node: JsonObjectNode, arn: string, type: PolicyType): Policy | undefined {
    const versionNode = findProperty(node, 'DefaultVersionId')?.value;
    if (versionNode?.kind !== 'string') return undefined; // reported when the Policies list was indexed
    const name = this.string(node, 'PolicyName') ?? arn;
    const stored = this.shared.store?.policy(arn, versionNode.value, type, name);
    if (!stored) {
      this.issues.push(
        warningAt(
          this.document.file,
          versionNode,
          'unresolved-policy',
          `version ${versionNode.value} of ${JSON.stringify(arn)} is not in this file, and ${this.shared.store ? 'not in the policies/ files of its directory' : 'the file was not read from a snapshot directory with policies/ files'}: the checks of every principal it applies to are incomplete`,
        ),
      );
      return undefined;
    }
    this.issues.push(...stored.issues);
    this.actionCorrections.push(...stored.corrections);
    return stored.policy;
  }

  private unresolved(arn: string, at: JsonNode, owner: string): UnresolvedPolicy {
    const awsManaged = AWS_MANAGED_ARN.test(arn);
    if (!this.reportedUnresolved.has(arn)) {
      this.reportedUnresolved.add(arn);
      const unreadable = awsManaged && this.extract?.has(arn) === true;
      const why = unreadable
        ? `an AWS managed policy whose document in the extract (${this.extract?.source}, ${this.extract?.date}) policy-check cannot read`
        : awsManaged
          ? `an AWS managed policy neither in the file nor in the extract of AWS managed policies${this.extract ? ` (${this.extract.source}, ${this.extract.date})` : ''}`
          : 'a customer managed policy the file does not include (Policies)';
      this.issues.push(
        warningAt(
          this.document.file,
          at,
          'unresolved-policy',
          `${JSON.stringify(arn)} (attached to ${owner}) is ${why}: the checks of every principal it applies to are incomplete`,
        ),
      );
    }
    return { arn, reason: awsManaged ? 'unknown-aws-managed-policy' : 'missing-customer-managed-policy' };
  }

  private principalPolicies(
    node: JsonObjectNode,
    pointer: string,
    inlineKey: string,
    owner: string,
  ): { policies: Policy[]; unresolvedPolicies: UnresolvedPolicy[] } {
    const policies: Policy[] = [];
    const unresolvedPolicies: UnresolvedPolicy[] = [];
    const inline = findProperty(node, inlineKey)?.value;
    if (inline?.kind === 'array') {
      inline.items.forEach((item, index) => {
        if (item.kind !== 'object') return;
        const documentNode = findProperty(item, 'PolicyDocument')?.value;
        if (!documentNode) return;
        const policy = this.parsePolicy(documentNode, {
          type: 'identity',
          name: this.string(item, 'PolicyName') ?? `${inlineKey}[${index}]`,
          pointer: `${pointer}/${inlineKey}/${index}/PolicyDocument`,
        });
        if (policy) policies.push(policy);
      });
    }
    const attached = findProperty(node, 'AttachedManagedPolicies')?.value;
    if (attached?.kind === 'array') {
      for (const item of attached.items) {
        if (item.kind !== 'object') continue;
        const arnNode = findProperty(item, 'PolicyArn')?.value;
        if (arnNode?.kind !== 'string') continue;
        const resolved = this.managedPolicy(arnNode.value, 'identity', arnNode, owner);
        if ('statements' in resolved) policies.push(resolved);
        else unresolvedPolicies.push(resolved);
      }
    }
    return { policies, unresolvedPolicies };
  }

  private boundary(node: JsonObjectNode, owner: string): Policy | UnresolvedPolicy | undefined {
    const boundary = this.objectAt(node, 'PermissionsBoundary');
    const arnNode = boundary ? findProperty(boundary, 'PermissionsBoundaryArn')?.value : undefined;
    if (arnNode?.kind !== 'string') return undefined;
    return this.managedPolicy(arnNode.value, 'permissions-boundary', arnNode, owner);
  }

  private group(node: JsonObjectNode, pointer: string): AccountGroup {
    const arn = this.string(node, 'Arn') ?? '';
    return {
      arn,
      name: this.string(node, 'GroupName') ?? '',
      path: this.string(node, 'Path') ?? '/',
      ...this.principalPolicies(node, pointer, 'GroupPolicyList', arn),
    };
  }

  private user(node: JsonObjectNode, pointer: string, groups: readonly AccountGroup[]): AccountUser {
    const arn = this.string(node, 'Arn') ?? '';
    const own = this.principalPolicies(node, pointer, 'UserPolicyList', arn);
    const groupNames: string[] = [];
    const groupList = findProperty(node, 'GroupList')?.value;
    for (const item of groupList?.kind === 'array' ? groupList.items : []) {
      if (item.kind !== 'string') continue;
      groupNames.push(item.value);
      if (!groups.some((group) => group.name === item.value)) {
        const groupArn = `arn:${this.partition}:iam::${this.accountId}:group/${item.value}`;
        own.unresolvedPolicies.push({ arn: groupArn, reason: 'missing-group' });
        this.issues.push(
          warningAt(
            this.document.file,
            item,
            'unresolved-group',
            `group ${quoteToken(item.value)} of ${arn} is not in GroupDetailList: its policies are unknown, so the user's checks are incomplete`,
          ),
        );
      }
    }
    const boundary = this.boundary(node, arn);
    return {
      arn,
      name: this.string(node, 'UserName') ?? '',
      path: this.string(node, 'Path') ?? '/',
      ...own,
      groups: [...new Set(groupNames)].sort(),
      tags: this.tags(node),
      ...(boundary ? { permissionsBoundary: boundary } : {}),
    };
  }

  private role(node: JsonObjectNode, pointer: string): AccountRole {
    const arn = this.string(node, 'Arn') ?? '';
    const path = this.string(node, 'Path') ?? '/';
    const boundary = this.boundary(node, arn);
    return {
      arn,
      name: this.string(node, 'RoleName') ?? '',
      path,
      ...this.principalPolicies(node, pointer, 'RolePolicyList', arn),
      tags: this.tags(node),
      ...(boundary ? { permissionsBoundary: boundary } : {}),
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
      serviceLinked: path.startsWith('/aws-service-role/'),
    };
  }

  private tags(node: JsonObjectNode): Record<string, string> {
    const tags: Record<string, string> = {};
    const list = findProperty(node, 'Tags')?.value;
    for (const item of list?.kind === 'array' ? list.items : []) {
      if (item.kind !== 'object') continue;
      const key = this.string(item, 'Key');
      const value = this.string(item, 'Value');
      if (key !== undefined && value !== undefined) tags[key] = value;
    }
    return tags;
  }

  private scpLevels(): ScpLevel[] | undefined {
    const levels = findProperty(this.root, 'scpLevels')?.value;
    if (levels?.kind !== 'array') return undefined;
    const names = new Set<string>();
    return levels.items.flatMap((level, levelIndex) => {
      if (level.kind !== 'object') return [];
      const name = this.string(level, 'name') ?? '';
      if (names.has(name)) {
        this.error(
          findProperty(level, 'name')?.value ?? level,
          'duplicate-scp-level',
          `two levels are named ${quoteToken(name)}: give each level of the chain its own name (e.g. the OU's name or id)`,
        );
      }
      names.add(name);
      const policiesNode = findProperty(level, 'policies')?.value;
      const policies = (policiesNode?.kind === 'array' ? policiesNode.items : []).flatMap((item, index) => {
        if (item.kind !== 'object') return [];
        const documentNode = findProperty(item, 'document')?.value;
        const arn = this.string(item, 'arn');
        const policy = documentNode
          ? this.parsePolicy(documentNode, {
              type: 'scp',
              name: this.string(item, 'name') ?? '',
              ...(arn !== undefined ? { arn } : {}),
              pointer: `/scpLevels/${levelIndex}/policies/${index}/document`,
            })
          : undefined;
        return policy ? [policy] : [];
      });
      if (policiesNode?.kind === 'array' && policiesNode.items.length === 0) {
        this.issues.push(
          warningAt(
            this.document.file,
            policiesNode,
            'empty-scp-level',
            `level ${quoteToken(name)} has no policies, so it allows nothing: AWS requires at least one SCP on every root, OU and account`,
          ),
        );
      }
      return [{ name, policies }];
    });
  }

  /** The bedrock-runtime interface endpoints, each policy parsed as a VPC endpoint policy; sorted by id. */
  private vpcEndpoints(): AccountVpcEndpoint[] | undefined {
    if (!findProperty(this.root, 'vpcEndpoints')) return undefined;
    const endpoints = this.list('vpcEndpoints').map(({ node, pointer }) => {
      const id = this.string(node, 'id') ?? '';
      const vpcId = this.string(node, 'vpcId');
      const documentNode = findProperty(node, 'policyDocument')?.value;
      const policy = documentNode
        ? this.parsePolicy(documentNode, { type: 'vpc-endpoint', name: id, pointer: `${pointer}/policyDocument` })
        : undefined;
      const privateDns = findProperty(node, 'privateDnsEnabled')?.value;
      return {
        id,
        ...(vpcId !== undefined ? { vpcId } : {}),
        serviceName: this.string(node, 'serviceName') ?? '',
        region: this.string(node, 'region') ?? '',
        ...(policy ? { policy } : {}),
        privateDns: privateDns?.kind === 'boolean' && privateDns.value,
      };
    });
    return endpoints.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private parsePolicy(
    node: JsonNode,
    meta: { type: PolicyType; name: string; arn?: string; pointer: string },
  ): Policy | undefined {
    const parsed = parsePolicyValue(this.document, node, meta, meta.pointer.slice(1).replace(/\//g, '.'));
    this.issues.push(...parsed.issues);
    if (parsed.policy && this.shared.actionNames) {
      const actions = checkSnapshotPolicyActions(parsed.policy, this.document.text, this.shared.actionNames);
      this.issues.push(...actions.issues);
      this.actionCorrections.push(...actions.corrections);
    }
    return parsed.policy;
  }

  private list(key: string): { node: JsonObjectNode; pointer: string }[] {
    const value = findProperty(this.root, key)?.value;
    if (value?.kind !== 'array') return [];
    return value.items.flatMap((node, index) =>
      node.kind === 'object' ? [{ node, pointer: `/${key}/${index}` }] : [],
    );
  }

  private objectAt(node: JsonObjectNode, key: string): JsonObjectNode | undefined {
    const value = findProperty(node, key)?.value;
    return value?.kind === 'object' ? value : undefined;
  }

  private string(node: JsonObjectNode, key: string): string | undefined {
    const value = findProperty(node, key)?.value;
    return value?.kind === 'string' ? value.value : undefined;
  }

  /**
   * Profiles and model access are answers of one Region's endpoint. Snapshots written before
   * `bedrock.region` existed say it only in `regions`, which then holds that one Region.
   */
  private bedrockState(node: JsonNode, regions: readonly string[]): AccountBedrockState {
    const state = toPlainValue(node) as AccountBedrockState;
    if (state.region !== undefined) return state;
    if (
      state.inferenceProfiles === undefined &&
      state.modelAvailability === undefined &&
      state.routingResources === undefined
    )
      return state;
    const [only] = regions;
    if (regions.length === 1 && only !== undefined) return { ...state, region: only };
    this.error(
      node,
      'bedrock-region-missing',
      `"bedrock" holds inferenceProfiles, modelAvailability or routingResources but no "region", and "regions" names ${regions.length === 0 ? 'none' : `${regions.length} Regions`}: say which Region's Bedrock endpoint reported them`,
    );
    return state;
  }

  private error(node: JsonNode, code: string, message: string): void {
    this.issues.push(errorAt(this.document.file, node, code, message));
  }
}

function sortByArn<T extends { readonly arn: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

function uniqueIssues(issues: readonly InputIssue[]): InputIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.line}:${issue.column}:${issue.file}:${issue.message}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}
