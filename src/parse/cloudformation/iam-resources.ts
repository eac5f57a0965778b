import {
  type AccountGroup,
  type AccountRole,
  type AccountUser,
  type IacPrincipal,
  PLACEHOLDER_ACCOUNT,
  type Policy,
  type PolicyType,
  type UnresolvedPolicy,
} from '../../model/index.js';
import { warningAt } from '../issue-factory.js';
import { findProperty, type JsonNode } from '../json-tree.js';
import { quoteToken } from '../quote-token.js';
import { partitionOf, type TemplateInputs } from './pseudo-parameters.js';
import type { TemplateReader } from './template-reader.js';
import type { TemplateResource } from './template-sections.js';

type PrincipalKind = 'role' | 'user' | 'group';

const PRINCIPAL_TYPES: Readonly<Record<string, { kind: PrincipalKind; nameProperty: string }>> = {
  'AWS::IAM::Role': { kind: 'role', nameProperty: 'RoleName' },
  'AWS::IAM::User': { kind: 'user', nameProperty: 'UserName' },
  'AWS::IAM::Group': { kind: 'group', nameProperty: 'GroupName' },
};

/** Standalone policies and what attaches them, by type: the property naming each kind of principal. */
const ATTACHING_POLICIES: Readonly<Record<string, readonly (readonly [PrincipalKind, string])[]>> = {
  'AWS::IAM::Policy': [
    ['role', 'Roles'],
    ['user', 'Users'],
    ['group', 'Groups'],
  ],
  'AWS::IAM::ManagedPolicy': [
    ['role', 'Roles'],
    ['user', 'Users'],
    ['group', 'Groups'],
  ],
  'AWS::IAM::RolePolicy': [['role', 'RoleName']],
  'AWS::IAM::UserPolicy': [['user', 'UserName']],
  'AWS::IAM::GroupPolicy': [['group', 'GroupName']],
};

interface Draft {
  readonly kind: PrincipalKind;
  readonly resource: TemplateResource;
  readonly address: string;
  readonly name: string;
  readonly nameUnknown: boolean;
  readonly path: string;
  readonly policies: Policy[];
  readonly unresolved: UnresolvedPolicy[];
  readonly groups: string[];
  readonly tags: Record<string, string>;
  boundary?: Policy | UnresolvedPolicy;
}

export interface IamResources {
  readonly users: IacPrincipal<AccountUser>[];
  readonly groups: IacPrincipal<AccountGroup>[];
  readonly roles: IacPrincipal<AccountRole>[];
  readonly managedPolicies: Policy[];
}

const AWS_MANAGED_ARN = /^arn:[^:]+:iam::aws:policy\//;

/**
 * The IAM principals of one template with their inline, attached and boundary policies, wherever the
 * template attaches them (the principal's own properties, AWS::IAM::Policy, ManagedPolicy, *Policy,
 * UserToGroupAddition). AWS managed policy ARNs stay ARNs, resolved later from the shipped extract.
 */
export function readIamResources(reader: TemplateReader, inputs: TemplateInputs): IamResources {
  const resources = [...reader.sections.resources.values()].filter((resource) => reader.isCreated(resource) !== false);
  const drafts = new Map<string, Draft>();
  for (const resource of resources) {
    const principal = PRINCIPAL_TYPES[resource.type];
    if (principal) drafts.set(resource.logicalId, draft(reader, resource, principal.kind, principal.nameProperty));
  }
  const managed = new ManagedPolicies(reader, resources);
  const findPrincipal = (kind: PrincipalKind, node: JsonNode): Draft | undefined => {
    const reference = reader.resolver.reference(node);
    if (reference) {
      const found = drafts.get(reference.logicalId);
      return found?.kind === kind ? found : undefined;
    }
    const name = reader.knownText(node);
    return [...drafts.values()].find((candidate) => candidate.kind === kind && candidate.name === name);
  };

  for (const item of drafts.values()) {
    const { resource } = item;
    for (const [index, entry] of reader.items(resource, 'Policies').entries()) {
      if (entry.kind !== 'object') {
        // An entry known only at deployment (an undecided !If): the principal's checks are incomplete.
        reader.noteExpression(entry, item.address);
        item.unresolved.push({ arn: reader.resolver.expression(entry), reason: 'missing-customer-managed-policy' });
        continue;
      }
      const document = findProperty(entry, 'PolicyDocument')?.value;
      const name = reader.knownText(findProperty(entry, 'PolicyName')?.value) ?? `${item.address}.Policies[${index}]`;
      if (document) addPolicy(reader, item, document, name, item.address);
    }
    for (const arnNode of reader.items(resource, 'ManagedPolicyArns')) {
      const attached = managed.byArn(arnNode, 'identity', item.address);
      if (attached && 'statements' in attached) item.policies.push(attached);
      else if (attached) item.unresolved.push(attached);
    }
    const boundary = reader.property(resource, 'PermissionsBoundary');
    if (boundary && item.kind !== 'group') {
      const policy = managed.byArn(boundary, 'permissions-boundary', item.address);
      if (policy) item.boundary = policy;
    }
    if (item.kind === 'user') {
      for (const group of reader.items(resource, 'Groups'))
        item.groups.push(groupName(reader, drafts, group, resource.logicalId));
    }
  }

  for (const resource of resources) {
    const targets = ATTACHING_POLICIES[resource.type];
    if (targets) attachStandalone(reader, resource, targets, managed, findPrincipal);
    if (resource.type === 'AWS::IAM::UserToGroupAddition') {
      const group = reader.property(resource, 'GroupName');
      const name = group ? groupName(reader, drafts, group, resource.logicalId) : undefined;
      const created = reader.isCreated(resource);
      for (const user of reader.items(resource, 'Users')) {
        const found = findPrincipal('user', user);
        if (!found || name === undefined) reportOutside(reader, user, 'user', resource.logicalId);
        // A membership decided at deployment makes the user's checks incomplete rather than guessed.
        else if (created === undefined) found.unresolved.push({ arn: name, reason: 'missing-group' });
        else found.groups.push(name);
      }
    }
  }

  const all = [...drafts.values()];
  const of = (kind: PrincipalKind) =>
    all.filter((item) => item.kind === kind).map((item) => finish(reader, item, inputs));
  return {
    users: of('user').map((forms) => forms.user),
    groups: of('group').map((forms) => forms.group),
    roles: of('role').map((forms) => forms.role),
    managedPolicies: managed.all(),
  };
}

function draft(reader: TemplateReader, resource: TemplateResource, kind: PrincipalKind, nameProperty: string): Draft {
  const address = reader.address(resource);
  const nameNode = reader.property(resource, nameProperty);
  const known = reader.knownText(nameNode);
  if (known === undefined && nameNode) reader.noteExpression(nameNode, address);
  else if (known === undefined)
    reader.note(`${nameProperty} (generated by CloudFormation)`, 'computed-attribute', resource.at, address);
  const tags: Record<string, string> = {};
  for (const tag of reader.items(resource, 'Tags')) {
    if (tag.kind !== 'object') continue;
    const key = reader.knownText(findProperty(tag, 'Key')?.value);
    const valueNode = findProperty(tag, 'Value')?.value;
    const value = reader.knownText(valueNode);
    if (key !== undefined && value !== undefined) tags[key] = value;
    else reader.noteExpression(valueNode ?? tag, address);
  }
  return {
    kind,
    resource,
    address,
    name: known ?? address,
    nameUnknown: known === undefined,
    path: reader.knownText(reader.property(resource, 'Path')) ?? '/',
    policies: [],
    unresolved: [],
    groups: [],
    tags,
  };
}

function addPolicy(reader: TemplateReader, target: Draft, document: JsonNode, name: string, affects: string): void {
  const result = reader.policy(document, 'identity', name, affects);
  if (result?.kind === 'policy') target.policies.push(result.policy);
  else if (result?.kind === 'unknown')
    target.unresolved.push({ arn: result.expression, reason: 'missing-customer-managed-policy' });
}

function attachStandalone(
  reader: TemplateReader,
  resource: TemplateResource,
  targets: readonly (readonly [PrincipalKind, string])[],
  managed: ManagedPolicies,
  findPrincipal: (kind: PrincipalKind, node: JsonNode) => Draft | undefined,
): void {
  const created = reader.isCreated(resource);
  const address = reader.address(resource);
  const isManaged = resource.type === 'AWS::IAM::ManagedPolicy';
  const inline = isManaged ? undefined : inlinePolicy(reader, resource, address);
  for (const [kind, property] of targets) {
    for (const node of reader.items(resource, property)) {
      const principal = findPrincipal(kind, node);
      if (!principal) {
        reportOutside(reader, node, kind, resource.logicalId);
        continue;
      }
      // Whether the policy exists is decided at deployment: its principals' checks are incomplete, not guessed.
      if (created === undefined) {
        principal.unresolved.push({ arn: address, reason: 'missing-customer-managed-policy' });
        continue;
      }
      const policy = isManaged ? managed.byLogicalId(resource.logicalId, 'identity') : inline;
      if (policy && 'statements' in policy) principal.policies.push(policy);
      else if (policy) principal.unresolved.push(policy);
    }
  }
}

function inlinePolicy(
  reader: TemplateReader,
  resource: TemplateResource,
  address: string,
): Policy | UnresolvedPolicy | undefined {
  const document = reader.property(resource, 'PolicyDocument');
  if (!document) return undefined;
  const name = reader.knownText(reader.property(resource, 'PolicyName')) ?? address;
  const result = reader.policy(document, 'identity', name, address);
  if (result?.kind === 'policy') return result.policy;
  return result?.kind === 'unknown' ? { arn: result.expression, reason: 'missing-customer-managed-policy' } : undefined;
}

/** A group's name; one the template does not declare is named as written, with a warning at `owner`. */
function groupName(reader: TemplateReader, drafts: ReadonlyMap<string, Draft>, node: JsonNode, owner: string): string {
  const reference = reader.resolver.reference(node);
  const byReference = reference ? drafts.get(reference.logicalId) : undefined;
  if (byReference?.kind === 'group') return byReference.name;
  const name = reader.knownText(node);
  const byName = [...drafts.values()].find((item) => item.kind === 'group' && item.name === name);
  if (byName) return byName.name;
  reportOutside(reader, node, 'group', owner);
  return name ?? reader.resolver.expression(node);
}

function reportOutside(reader: TemplateReader, node: JsonNode, kind: PrincipalKind, owner: string): void {
  const what = reader.knownText(node) ?? reader.resolver.expression(node);
  reader.issues.push(
    warningAt(
      reader.file,
      node,
      'cloudformation-outside-principal',
      `${owner} applies to ${kind} ${quoteToken(what)}, which this template does not declare: policy-check does not see that ${kind}'s other policies`,
    ),
  );
}

function finish(reader: TemplateReader, item: Draft, inputs: TemplateInputs) {
  const account = inputs.accountId ?? PLACEHOLDER_ACCOUNT;
  const common = {
    arn: `arn:${partitionOf(inputs)}:iam::${account}:${item.kind}${item.path}${item.name}`,
    name: item.name,
    path: item.path,
    policies: sortById(item.policies),
    unresolvedPolicies: item.unresolved,
    address: item.address,
    declaredAt: reader.span(item.resource.at),
    ...(item.nameUnknown ? { nameUnknown: true } : {}),
  };
  const boundary = item.boundary ? { permissionsBoundary: item.boundary } : {};
  return {
    user: { ...common, ...boundary, groups: [...new Set(item.groups)].sort(), tags: item.tags },
    role: { ...common, ...boundary, tags: item.tags, serviceLinked: item.path.startsWith('/aws-service-role/') },
    group: common,
  };
}

function sortById(policies: readonly Policy[]): Policy[] {
  const unique = new Map(policies.map((policy) => [policy.id, policy]));
  return [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The template's managed policies, each parsed once per policy type it is used as. */
class ManagedPolicies {
  private readonly parsed = new Map<string, Policy | UnresolvedPolicy | undefined>();
  private readonly managed: TemplateResource[];

  constructor(
    private readonly reader: TemplateReader,
    resources: readonly TemplateResource[],
  ) {
    this.managed = resources.filter((resource) => resource.type === 'AWS::IAM::ManagedPolicy');
  }

  /** Every managed policy the template declares, created for sure or maybe. */
  all(): Policy[] {
    return this.managed.flatMap((resource) => {
      const policy = this.document(resource.logicalId, 'identity');
      return policy && 'statements' in policy ? [policy] : [];
    });
  }

  /** The policy as attached: one whose creation deployment decides is unresolved, not granted on a guess. */
  byLogicalId(logicalId: string, type: PolicyType): Policy | UnresolvedPolicy | undefined {
    const resource = this.managed.find((candidate) => candidate.logicalId === logicalId);
    if (resource && this.reader.isCreated(resource) === undefined)
      return { arn: this.reader.address(resource), reason: 'missing-customer-managed-policy' };
    return this.document(logicalId, type);
  }

  private document(logicalId: string, type: PolicyType): Policy | UnresolvedPolicy | undefined {
    const key = `${type} ${logicalId}`;
    if (!this.parsed.has(key)) this.parsed.set(key, this.parse(logicalId, type));
    return this.parsed.get(key);
  }

  /** What a ManagedPolicyArns entry or PermissionsBoundary designates. */
  byArn(node: JsonNode, type: PolicyType, owner: string): Policy | UnresolvedPolicy | undefined {
    const reference = this.reader.resolver.reference(node);
    if (reference && this.managed.some((resource) => resource.logicalId === reference.logicalId))
      return this.byLogicalId(reference.logicalId, type);
    const text = this.reader.resolver.text(node);
    if (text === undefined) return undefined;
    if (text.includes('\uffff')) {
      this.reader.noteExpression(node, owner);
      return { arn: this.reader.resolver.expression(node), reason: 'missing-customer-managed-policy' };
    }
    const declared = this.managed.find((resource) => this.reader.resolver.text(refTo(resource)) === text);
    if (declared) return this.byLogicalId(declared.logicalId, type);
    return {
      arn: text,
      reason: AWS_MANAGED_ARN.test(text) ? 'unknown-aws-managed-policy' : 'missing-customer-managed-policy',
    };
  }

  private parse(logicalId: string, type: PolicyType): Policy | UnresolvedPolicy | undefined {
    const resource = this.managed.find((candidate) => candidate.logicalId === logicalId);
    const document = resource ? this.reader.property(resource, 'PolicyDocument') : undefined;
    if (!resource || !document) return undefined;
    const address = this.reader.address(resource);
    const name = this.reader.knownText(this.reader.property(resource, 'ManagedPolicyName')) ?? address;
    const arn = this.reader.knownText(refTo(resource));
    const result = this.reader.policy(document, type, name, address, arn);
    if (result?.kind === 'unknown') return { arn: result.expression, reason: 'missing-customer-managed-policy' };
    return result?.kind === 'policy' ? result.policy : undefined;
  }
}

/** A synthetic `{ "Ref": logicalId }` at the resource, to ask the resolver for its value. */
function refTo(resource: TemplateResource): JsonNode {
  const at = { offset: resource.node.offset, length: 0, line: resource.node.line, column: resource.node.column };
  const argument: JsonNode = { kind: 'string', ...at, value: resource.logicalId };
  return {
    kind: 'object',
    ...at,
    properties: [{ key: 'Ref', keyNode: { kind: 'string', ...at, value: 'Ref' }, value: argument }],
  };
}
