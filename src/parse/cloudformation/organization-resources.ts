import type { IacOrganizationNode, IacScp, IacScpTarget } from '../../model/index.js';
import type { JsonNode } from '../json-tree.js';
import type { TemplateReader } from './template-reader.js';
import type { TemplateResource } from './template-sections.js';

const NODE_KINDS: Readonly<Record<string, IacOrganizationNode['kind']>> = {
  'AWS::Organizations::Organization': 'root',
  'AWS::Organizations::OrganizationalUnit': 'organizational-unit',
  'AWS::Organizations::Account': 'account',
};

/**
 * Service control policies (AWS::Organizations::Policy of Type SERVICE_CONTROL_POLICY) with their targets,
 * and the organization's root, OUs and accounts the template declares.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-organizations-policy.html
 */
export function readOrganizationResources(reader: TemplateReader): {
  scps: IacScp[];
  organizationNodes: IacOrganizationNode[];
} {
  const scps: IacScp[] = [];
  const organizationNodes: IacOrganizationNode[] = [];
  for (const resource of reader.sections.resources.values()) {
    const created = resource.type in NODE_KINDS || resource.type === 'AWS::Organizations::Policy';
    if (!created || reader.isCreated(resource) === false) continue;
    const kind = NODE_KINDS[resource.type];
    if (kind) organizationNodes.push(organizationNode(reader, resource, kind));
    else {
      const scp = serviceControlPolicy(reader, resource);
      if (scp) scps.push(scp);
    }
  }
  return { scps, organizationNodes };
}

function serviceControlPolicy(reader: TemplateReader, resource: TemplateResource): IacScp | undefined {
  if (reader.knownText(reader.property(resource, 'Type')) !== 'SERVICE_CONTROL_POLICY') return undefined;
  const content = reader.property(resource, 'Content');
  if (!content) return undefined;
  const address = reader.address(resource);
  const name = reader.knownText(reader.property(resource, 'Name')) ?? address;
  const result = reader.policy(content, 'scp', name, address);
  if (result?.kind !== 'policy') return undefined;
  const targets = reader.items(resource, 'TargetIds').map((node) => target(reader, node));
  return { policy: result.policy, address, declaredAt: reader.span(resource.at), targets };
}

function target(reader: TemplateReader, node: JsonNode): IacScpTarget {
  const declaredAt = reader.span(node);
  const reference = reader.resolver.reference(node);
  const referenced = reference ? reader.sections.resources.get(reference.logicalId) : undefined;
  const kind = referenced ? NODE_KINDS[referenced.type] : undefined;
  if (referenced && kind) return { kind, address: reader.address(referenced), declaredAt };
  const id = reader.knownText(node);
  if (id !== undefined) {
    const literalKind = /^r-[0-9a-z]{4,32}$/.test(id)
      ? 'root'
      : /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/.test(id)
        ? 'organizational-unit'
        : /^\d{12}$/.test(id)
          ? 'account'
          : undefined;
    if (literalKind) return { kind: literalKind, id, declaredAt };
  }
  return { kind: 'unknown', expression: reader.resolver.expression(node), declaredAt };
}

function organizationNode(
  reader: TemplateReader,
  resource: TemplateResource,
  kind: IacOrganizationNode['kind'],
): IacOrganizationNode {
  const nameProperty = kind === 'account' ? 'AccountName' : 'Name';
  const name = kind === 'root' ? undefined : reader.knownText(reader.property(resource, nameProperty));
  const parentNode =
    kind === 'organizational-unit'
      ? reader.property(resource, 'ParentId')
      : kind === 'account'
        ? reader.items(resource, 'ParentIds')[0]
        : undefined;
  const parent = parentNode ? parentOf(reader, parentNode) : undefined;
  return {
    kind,
    address: reader.address(resource),
    ...(name !== undefined ? { name } : {}),
    ...(parent ? { parent } : {}),
    declaredAt: reader.span(resource.at),
  };
}

function parentOf(reader: TemplateReader, node: JsonNode): IacOrganizationNode['parent'] | undefined {
  const reference = reader.resolver.reference(node);
  const referenced = reference ? reader.sections.resources.get(reference.logicalId) : undefined;
  if (referenced) return { address: reader.address(referenced) };
  const id = reader.knownText(node);
  return id !== undefined ? { id } : undefined;
}
