import {
  type IacFormat,
  type IacFragment,
  type IacOrganizationNode,
  type IacPrincipal,
  type IacScp,
  type IacScpTarget,
  type IacUnknown,
  type IacVpcEndpoint,
  type InputIssue,
  type AccountGroup,
  type AccountRole,
  type AccountUser,
  type Policy,
  type PolicyType,
  type Span,
  type UnresolvedPolicy,
  sortInputIssues,
  withPolicyId,
} from '../../../model/index.js';
import type { ManagedPolicyExtract } from '../../../parse/index.js';
import { evaluate } from './expressions.js';
import { ModuleInstance, type ResourceInstance } from './module-instance.js';
import { documentValue, policyFromDocument } from './policy-document.js';
import { isObject, PartlyKnown, ResourceRef, spanOf, textOf, type TfValue, Unknown } from './values.js';

/**
 * One resource instance as the fragment reader sees it, whatever wrote it: a block of a .tf or .tf.json file
 * evaluated in its module, or a resource of a plan's planned values.
 */
export interface ResourceView {
  readonly type: string;
  readonly address: string;
  /** Where the resource is declared. */
  readonly at: Span;
  value(name: string): TfValue | undefined;
  /** Nested blocks of that name (`inline_policy`), each with its own values and line. */
  blocks(name: string): readonly NestedView[];
}

export interface NestedView {
  readonly at: Span;
  value(name: string): TfValue | undefined;
}

type Kind = 'role' | 'user' | 'group';

interface PrincipalDraft {
  readonly kind: Kind;
  readonly address: string;
  readonly declaredAt: Span;
  name: string;
  nameUnknown: boolean;
  path: string;
  tags: Record<string, string>;
  policies: Policy[];
  unresolvedPolicies: UnresolvedPolicy[];
  permissionsBoundary?: Policy | UnresolvedPolicy;
  groups: string[];
}

const ACCOUNT_TOKEN = '{account}';

const POLICY_ATTACHMENTS: Readonly<Record<string, { kind: Kind; target: string; policies: string; many: boolean }>> = {
  aws_iam_role_policy_attachment: { kind: 'role', target: 'role', policies: 'policy_arn', many: false },
  aws_iam_user_policy_attachment: { kind: 'user', target: 'user', policies: 'policy_arn', many: false },
  aws_iam_group_policy_attachment: { kind: 'group', target: 'group', policies: 'policy_arn', many: false },
  aws_iam_role_policy_attachments_exclusive: { kind: 'role', target: 'role_name', policies: 'policy_arns', many: true },
  aws_iam_user_policy_attachments_exclusive: { kind: 'user', target: 'user_name', policies: 'policy_arns', many: true },
  aws_iam_group_policy_attachments_exclusive: {
    kind: 'group',
    target: 'group_name',
    policies: 'policy_arns',
    many: true,
  },
};

const INLINE_POLICIES: Readonly<Record<string, { kind: Kind; target: string }>> = {
  aws_iam_role_policy: { kind: 'role', target: 'role' },
  aws_iam_user_policy: { kind: 'user', target: 'user' },
  aws_iam_group_policy: { kind: 'group', target: 'group' },
};

const PRINCIPALS: Readonly<Record<string, Kind>> = {
  aws_iam_role: 'role',
  aws_iam_user: 'user',
  aws_iam_group: 'group',
};

/**
 * What the resources of one Terraform configuration or plan declare, gathered into an IacFragment:
 * principals with their inline, attached and boundary policies, managed policies, SCPs with their targets,
 * organization nodes, and every unknown value with what it affects.
 */
export class FragmentReader {
  private readonly principals = new Map<string, PrincipalDraft>();
  private readonly managedPolicies = new Map<string, Policy>();
  private readonly scps = new Map<string, { scp: Omit<IacScp, 'targets'>; targets: IacScpTarget[] }>();
  private readonly nodes: IacOrganizationNode[] = [];
  private readonly vpcEndpoints: IacVpcEndpoint[] = [];
  private readonly unknowns: IacUnknown[] = [];
  /** Attachments and inline policies of other resources, applied once every principal is known. */
  private readonly later: (() => void)[] = [];

  constructor(
    private readonly format: IacFormat,
    private readonly extract: ManagedPolicyExtract | undefined,
    private readonly accountId: string | undefined,
    private readonly issues: InputIssue[],
  ) {}

  readModule(module: ModuleInstance): void {
    for (const [key, declared] of module.resources) {
      if (declared.block.type !== 'resource') continue;
      for (const instance of module.instances(key, declared)) {
        if (instance.unknownRepetition) this.unknown(instance.unknownRepetition, instance.address);
        this.readResource(hclView(instance));
      }
    }
    for (const name of [...module.calls.keys()].sort()) {
      const call = module.calls.get(name)!;
      for (const child of module.children(name, spanOf(call.file, call.block.range), `module.${name}`)) {
        const address = `${module.prefix}module.${name}${child.key}`;
        if (child.unknownRepetition) this.unknown(child.unknownRepetition, address);
        if (child.instance instanceof ModuleInstance) this.readModule(child.instance);
        else this.unknown(child.instance, address);
      }
    }
  }

  private unknown(unknown: Unknown, affects: string): void {
    this.unknowns.push({
      placeholder: '',
      expression: unknown.expression,
      reason: unknown.reason,
      span: unknown.span,
      affects,
    });
  }

  readResource(instance: ResourceView): void {
    const type = instance.type;
    const value = (name: string): TfValue | undefined => instance.value(name);
    const at = instance.at;
    const kind = PRINCIPALS[type];
    if (kind) {
      this.readPrincipal(kind, instance, value, at);
      return;
    }
    if (type === 'aws_iam_policy') {
      const policy = this.policyOf(
        value('policy'),
        'identity',
        this.nameOf(value('name'), instance.address),
        at,
        instance.address,
      );
      if (policy) this.managedPolicies.set(instance.address, policy);
      return;
    }
    const inline = INLINE_POLICIES[type];
    if (inline) {
      this.later.push(() => {
        const target = this.target(inline.kind, value(inline.target), instance.address, at);
        const policy = this.policyOf(
          value('policy'),
          'identity',
          this.nameOf(value('name'), instance.address),
          at,
          target?.address ?? instance.address,
        );
        if (target && policy) target.policies.push(policy);
        else if (target && !policy)
          target.unresolvedPolicies.push({ arn: instance.address, reason: 'missing-customer-managed-policy' });
      });
      return;
    }
    const attachment = POLICY_ATTACHMENTS[type];
    if (attachment) {
      this.later.push(() => {
        const target = this.target(attachment.kind, value(attachment.target), instance.address, at);
        const arns = value(attachment.policies);
        for (const arn of attachment.many ? listOf(arns, at) : [arns])
          if (target && arn !== undefined) this.attach(target, arn, instance.address);
      });
      return;
    }
    if (type === 'aws_iam_policy_attachment') {
      this.later.push(() => {
        for (const [kind, attribute] of [
          ['role', 'roles'],
          ['user', 'users'],
          ['group', 'groups'],
        ] as const)
          for (const name of listOf(value(attribute), at)) {
            const target = this.target(kind, name, instance.address, at);
            const arn = value('policy_arn');
            if (target && arn !== undefined) this.attach(target, arn, instance.address);
          }
      });
      return;
    }
    if (type === 'aws_iam_group_membership' || type === 'aws_iam_user_group_membership') {
      this.later.push(() => {
        const users = type === 'aws_iam_group_membership' ? listOf(value('users'), at) : [value('user')];
        const groups = type === 'aws_iam_group_membership' ? [value('group')] : listOf(value('groups'), at);
        for (const group of groups) {
          const groupName = this.principalName('group', group, instance.address, at);
          for (const user of users) {
            const target = this.target('user', user, instance.address, at);
            if (target && groupName !== undefined) target.groups.push(groupName);
          }
        }
      });
      return;
    }
    if (type === 'aws_organizations_policy') {
      this.readScp(instance, value, at);
      return;
    }
    if (type === 'aws_vpc_endpoint') {
      this.readVpcEndpoint(instance, value, at);
      return;
    }
    if (type === 'aws_organizations_policy_attachment') {
      this.later.push(() => {
        const policy = value('policy_id');
        const scp = policy instanceof ResourceRef ? this.scps.get(policy.address) : undefined;
        if (!scp) {
          this.unknown(
            policy instanceof Unknown ? policy : new Unknown('policy_id', 'computed-attribute', at),
            instance.address,
          );
          return;
        }
        scp.targets.push(targetOf(value('target_id'), at));
      });
      return;
    }
    if (type === 'aws_organizations_organization')
      this.nodes.push({ kind: 'root', address: instance.address, declaredAt: at });
    if (type === 'aws_organizations_organizational_unit' || type === 'aws_organizations_account') {
      const name = value('name');
      const parent = value('parent_id');
      this.nodes.push({
        kind: type === 'aws_organizations_account' ? 'account' : 'organizational-unit',
        address: instance.address,
        ...(typeof name === 'string' ? { name } : {}),
        ...(parent instanceof ResourceRef
          ? { parent: { address: parent.address } }
          : typeof parent === 'string'
            ? { parent: { id: parent } }
            : {}),
        declaredAt: at,
      });
    }
  }

  private nameOf(value: TfValue | undefined, address: string): string {
    const text = value === undefined ? undefined : textOf(value, { file: '', line: 1, column: 1 });
    return typeof text === 'string' ? text : address;
  }

  private readPrincipal(
    kind: Kind,
    instance: ResourceView,
    value: (name: string) => TfValue | undefined,
    at: Span,
  ): void {
    const name = value('name');
    const nameText = name === undefined ? undefined : textOf(name, at);
    const path = value('path');
    const draft: PrincipalDraft = {
      kind,
      address: instance.address,
      declaredAt: at,
      name: typeof nameText === 'string' ? nameText : instance.address,
      nameUnknown: typeof nameText !== 'string',
      path: typeof path === 'string' ? path : '/',
      tags: {},
      policies: [],
      unresolvedPolicies: [],
      groups: [],
    };
    if (typeof nameText !== 'string')
      this.unknown(
        nameText instanceof Unknown
          ? nameText
          : ((nameText instanceof PartlyKnown ? firstUnknown(nameText) : undefined) ??
              new Unknown(value('name_prefix') !== undefined ? 'name_prefix' : 'name', 'computed-attribute', at)),
        instance.address,
      );
    if (path !== undefined && typeof path !== 'string')
      this.unknown(
        path instanceof Unknown ? path : new Unknown('path', 'unsupported-expression', at),
        instance.address,
      );
    const tags = value('tags');
    if (tags !== undefined && isObject(tags))
      for (const key of Object.keys(tags)) {
        const tag = textOf(tags[key]!, at);
        if (typeof tag === 'string') draft.tags[key] = tag;
        else
          this.unknown(
            tag instanceof Unknown ? tag : new Unknown(`tags.${key}`, 'unsupported-expression', at),
            instance.address,
          );
      }
    else if (tags instanceof Unknown) this.unknown(tags, instance.address);
    this.principals.set(instance.address, draft);
    for (const block of instance.blocks('inline_policy')) {
      const policyValue = block.value('policy');
      if (policyValue === undefined) continue;
      const policy = this.policyOf(
        policyValue,
        'identity',
        this.nameOf(block.value('name'), instance.address),
        block.at,
        instance.address,
      );
      if (policy) draft.policies.push(policy);
      else
        draft.unresolvedPolicies.push({
          arn: `${instance.address}.inline_policy`,
          reason: 'missing-customer-managed-policy',
        });
    }
    const managed = value('managed_policy_arns');
    if (managed !== undefined)
      this.later.push(() => {
        for (const arn of listOf(managed, at)) this.attach(draft, arn, instance.address);
      });
    const boundary = value('permissions_boundary');
    if (boundary !== undefined && kind !== 'group')
      this.later.push(() => {
        const resolved = this.resolvePolicy(boundary, 'permissions-boundary', instance.address);
        if (resolved) draft.permissionsBoundary = resolved;
      });
  }

  private readScp(instance: ResourceView, value: (name: string) => TfValue | undefined, at: Span): void {
    const type = value('type');
    if (type !== undefined && type !== 'SERVICE_CONTROL_POLICY') {
      if (type instanceof Unknown) this.unknown(type, instance.address);
      return;
    }
    const policy = this.policyOf(
      value('content'),
      'scp',
      this.nameOf(value('name'), instance.address),
      at,
      instance.address,
    );
    if (policy)
      this.scps.set(instance.address, { scp: { policy, address: instance.address, declaredAt: at }, targets: [] });
  }

  /**
   * An interface endpoint for bedrock-runtime (service_name com.amazonaws.REGION.bedrock-runtime, the Region possibly
   * unknown): its `policy`, none meaning the default full-access one. A service name only deployment knows is an unknown.
   */
  private readVpcEndpoint(instance: ResourceView, value: (name: string) => TfValue | undefined, at: Span): void {
    const service = runtimeService(value('service_name'), at);
    if (service === 'unknown') {
      this.unknown(new Unknown('service_name', 'unsupported-expression', at), instance.address);
      return;
    }
    if (!service) return;
    const type = value('vpc_endpoint_type');
    if (typeof type === 'string' && type !== 'Interface') return;
    const given = value('policy');
    const policy = this.policyOf(given, 'vpc-endpoint', instance.address, at, instance.address);
    // A policy only deployment knows: the endpoint's gate is unknown, recorded as an unknown; no endpoint is assumed.
    if (given !== undefined && !policy) return;
    const vpc = value('vpc_id');
    const privateDns = value('private_dns_enabled');
    this.vpcEndpoints.push({
      id: instance.address,
      ...(typeof vpc === 'string' ? { vpcId: vpc } : {}),
      serviceName: service.name,
      region: service.region,
      ...(policy ? { policy } : {}),
      privateDns: privateDns === true,
      address: instance.address,
      declaredAt: at,
    });
  }

  /** The policy a `policy` / `content` attribute holds; undefined (and an unknown recorded) when it is not known. */
  private policyOf(
    value: TfValue | undefined,
    type: PolicyType,
    name: string,
    at: Span,
    affects: string,
  ): Policy | undefined {
    if (value === undefined) return undefined;
    const document = documentValue(value, at);
    this.issues.push(...document.issues);
    if (document.unknown || document.value === undefined) {
      if (document.unknown) this.unknown(document.unknown, affects);
      return undefined;
    }
    const result = policyFromDocument(document.value, { type, name, at });
    this.issues.push(...result.issues);
    if (result.kind === 'unknown') {
      this.unknown(result.unknown, affects);
      return undefined;
    }
    for (const statement of result.policy.statements)
      for (const unknown of statement.unknowns ?? []) this.unknowns.push({ ...unknown, affects });
    return result.policy;
  }

  /** The principal a reference or name designates; undefined (with an unknown recorded) when it is not known. */
  private target(kind: Kind, value: TfValue | undefined, affects: string, at: Span): PrincipalDraft | undefined {
    if (value instanceof ResourceRef) {
      const found = this.principals.get(value.address);
      if (found?.kind === kind) return found;
    }
    const text = value === undefined ? undefined : textOf(value, at);
    if (typeof text === 'string') {
      const byName = [...this.principals.values()].find((p) => p.kind === kind && !p.nameUnknown && p.name === text);
      if (byName) return byName;
      this.issues.push({
        severity: 'warning',
        file: at.file,
        line: at.line,
        column: at.column,
        message: `${affects}: the ${kind} ${JSON.stringify(text)} is not declared in this repository; its policies here are not checked`,
        code: 'iac-undeclared-principal',
      });
      return undefined;
    }
    this.unknown(text instanceof Unknown ? text : new Unknown(kind, 'unsupported-expression', at), affects);
    return undefined;
  }

  private principalName(kind: Kind, value: TfValue | undefined, affects: string, at: Span): string | undefined {
    if (value instanceof ResourceRef) {
      const found = this.principals.get(value.address);
      if (found && !found.nameUnknown) return found.name;
    }
    const text = value === undefined ? undefined : textOf(value, at);
    if (typeof text === 'string') return text;
    this.unknown(text instanceof Unknown ? text : new Unknown(kind, 'unsupported-expression', at), affects);
    return undefined;
  }

  private attach(target: PrincipalDraft, arn: TfValue, affects: string): void {
    const resolved = this.resolvePolicy(arn, 'identity', target.address);
    if (resolved === undefined) return;
    if ('statements' in resolved) target.policies.push(resolved);
    else target.unresolvedPolicies.push(resolved);
    void affects;
  }

  /** A managed policy by reference or ARN: the repository's own, an AWS managed one from the extract, or unresolved. */
  private resolvePolicy(value: TfValue, type: PolicyType, affects: string): Policy | UnresolvedPolicy | undefined {
    if (value instanceof ResourceRef && value.resourceType === 'aws_iam_policy') {
      const policy = this.managedPolicies.get(value.address);
      if (policy) return type === policy.type ? policy : withPolicyId({ ...policy, type });
      return { arn: value.address, reason: 'missing-customer-managed-policy' };
    }
    const text = textOf(value, { file: '', line: 1, column: 1 });
    if (typeof text !== 'string') {
      const unknown = text instanceof Unknown ? text : text instanceof PartlyKnown ? firstUnknown(text) : undefined;
      if (unknown) this.unknown(unknown, affects);
      return { arn: unknown?.expression ?? String(text), reason: 'missing-customer-managed-policy' };
    }
    if (/^arn:[^:]+:iam::aws:policy\//.test(text)) {
      const policy = this.extract?.policy(text, type);
      return policy ?? { arn: text, reason: 'unknown-aws-managed-policy' };
    }
    const own = [...this.managedPolicies.values()].find((policy) => policy.arn === text);
    return own ?? { arn: text, reason: 'missing-customer-managed-policy' };
  }

  fragment(): IacFragment {
    for (const step of this.later) step();
    this.later.length = 0;
    const principals = [...this.principals.values()].sort((a, b) =>
      a.address < b.address ? -1 : a.address > b.address ? 1 : 0,
    );
    const base = (draft: PrincipalDraft) => ({
      arn: `arn:aws:iam::${this.accountId ?? ACCOUNT_TOKEN}:${draft.kind}${draft.path}${draft.name}`,
      name: draft.name,
      path: draft.path,
      policies: draft.policies,
      unresolvedPolicies: draft.unresolvedPolicies,
      address: draft.address,
      declaredAt: draft.declaredAt,
      ...(draft.nameUnknown ? { nameUnknown: true as const } : {}),
    });
    const boundary = (draft: PrincipalDraft) =>
      draft.permissionsBoundary ? { permissionsBoundary: draft.permissionsBoundary } : {};
    const roles: IacPrincipal<AccountRole>[] = principals
      .filter((p) => p.kind === 'role')
      .map((p) => ({
        ...base(p),
        tags: p.tags,
        serviceLinked: p.path.startsWith('/aws-service-role/'),
        ...boundary(p),
      }));
    const users: IacPrincipal<AccountUser>[] = principals
      .filter((p) => p.kind === 'user')
      .map((p) => ({ ...base(p), tags: p.tags, groups: [...new Set(p.groups)].sort(), ...boundary(p) }));
    const groups: IacPrincipal<AccountGroup>[] = principals.filter((p) => p.kind === 'group').map(base);
    return {
      format: this.format,
      users,
      groups,
      roles,
      managedPolicies: [...this.managedPolicies.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, policy]) => policy),
      scps: [...this.scps.values()]
        .map(({ scp, targets }) => ({ ...scp, targets }))
        .sort((a, b) => (a.address < b.address ? -1 : 1)),
      organizationNodes: [...this.nodes].sort((a, b) => (a.address < b.address ? -1 : 1)),
      ...(this.vpcEndpoints.length > 0
        ? { vpcEndpoints: [...this.vpcEndpoints].sort((a, b) => (a.address < b.address ? -1 : 1)) }
        : {}),
      unknowns: [...this.unknowns].sort(
        (a, b) =>
          (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : 0) ||
          a.span.line - b.span.line ||
          (a.affects < b.affects ? -1 : a.affects > b.affects ? 1 : 0),
      ),
      issues: sortInputIssues(this.issues),
    };
  }
}

const RUNTIME_SERVICE = /^com\.amazonaws\.([a-z0-9-]+)\.bedrock-runtime$/;

/**
 * The bedrock-runtime service name and its Region ('' when an interpolation gives it); undefined for another service,
 * 'unknown' when nothing says which service it is.
 */
function runtimeService(
  value: TfValue | undefined,
  at: Span,
): { readonly name: string; readonly region: string } | undefined | 'unknown' {
  if (value === undefined) return undefined;
  const text = textOf(value, at);
  if (typeof text === 'string') {
    const match = RUNTIME_SERVICE.exec(text);
    return match ? { name: text, region: match[1] ?? '' } : undefined;
  }
  if (text instanceof PartlyKnown) {
    const last = text.parts[text.parts.length - 1];
    const first = text.parts[0];
    if (typeof last !== 'string') return 'unknown';
    if (!last.endsWith('.bedrock-runtime')) return undefined;
    return typeof first === 'string' && first.startsWith('com.amazonaws.')
      ? { name: 'com.amazonaws.<region>.bedrock-runtime', region: '' }
      : 'unknown';
  }
  return 'unknown';
}

function firstUnknown(text: PartlyKnown): Unknown | undefined {
  return text.parts.find((part): part is Unknown => part instanceof Unknown);
}

function listOf(value: TfValue | undefined, at: Span): TfValue[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return [...value];
  if (value instanceof Unknown) return [value];
  return [value ?? new Unknown('list', 'unsupported-expression', at)];
}

/** What an SCP attachment's target_id designates. */
function targetOf(value: TfValue | undefined, at: Span): IacScpTarget {
  if (value instanceof ResourceRef) {
    const kind =
      value.attribute === 'root'
        ? 'root'
        : value.resourceType === 'aws_organizations_organizational_unit'
          ? 'organizational-unit'
          : value.resourceType === 'aws_organizations_account'
            ? 'account'
            : 'unknown';
    return { kind, address: value.address, declaredAt: at };
  }
  if (typeof value === 'string') {
    const kind = /^r-/.test(value)
      ? 'root'
      : /^ou-/.test(value)
        ? 'organizational-unit'
        : /^\d{12}$/.test(value)
          ? 'account'
          : 'unknown';
    return { kind, id: value, declaredAt: at };
  }
  return { kind: 'unknown', expression: value instanceof Unknown ? value.expression : 'target_id', declaredAt: at };
}

/** A resource instance of a module: its block's attributes evaluated in the instance's scope. */
function hclView(instance: ResourceInstance): ResourceView {
  const { block, file } = instance.declared;
  const valueIn =
    (body: typeof block.body) =>
    (name: string): TfValue | undefined => {
      const found = body.attributes.find((a) => a.name === name);
      return found ? evaluate(found.value, instance.scope) : undefined;
    };
  return {
    type: block.labels[0]!,
    address: instance.address,
    at: spanOf(file, block.range),
    value: valueIn(block.body),
    blocks: (name) =>
      block.body.blocks
        .filter((nested) => nested.type === name)
        .map((nested) => ({ at: spanOf(file, nested.range), value: valueIn(nested.body) })),
  };
}
