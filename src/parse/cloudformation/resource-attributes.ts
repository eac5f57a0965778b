import type { JsonNode } from '../json-tree.js';
import { findProperty } from '../json-tree.js';
import type { TemplateResource } from './template-sections.js';

export interface AttributeContext {
  /** A property's value as text (placeholders included), undefined when absent or not a scalar. */
  readonly text: (node: JsonNode | undefined) => string | undefined;
  /** The account id, or a placeholder for it. */
  readonly account: () => string;
  readonly partition: string;
}

/** The IAM resources whose name, and so Ref and Arn, the template can fix; `kind` is the ARN's resource type. */
const NAMED_IAM_RESOURCES: Readonly<Record<string, { nameProperty: string; kind: string; ref: 'name' | 'arn' }>> = {
  'AWS::IAM::Role': { nameProperty: 'RoleName', kind: 'role', ref: 'name' },
  'AWS::IAM::User': { nameProperty: 'UserName', kind: 'user', ref: 'name' },
  'AWS::IAM::Group': { nameProperty: 'GroupName', kind: 'group', ref: 'name' },
  'AWS::IAM::ManagedPolicy': { nameProperty: 'ManagedPolicyName', kind: 'policy', ref: 'arn' },
};

/**
 * The value of `Ref` (attribute undefined) or `Fn::GetAtt` on a resource, when the template determines it;
 * undefined when CloudFormation generates it (a name left out, an id, any other resource's attribute).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html#aws-resource-iam-role-return-values
 */
export function resourceAttribute(
  resource: TemplateResource,
  attribute: string | undefined,
  context: AttributeContext,
): string | undefined {
  const named = NAMED_IAM_RESOURCES[resource.type];
  if (!named) return undefined;
  const property = (name: string) => (resource.properties ? findProperty(resource.properties, name)?.value : undefined);
  const name = context.text(property(named.nameProperty));
  if (name === undefined) return undefined;
  const wantsArn = attribute === 'Arn' || (attribute === 'PolicyArn' && named.kind === 'policy');
  const wantsRef = attribute === undefined;
  if (wantsRef && named.ref === 'name') return name;
  if (!wantsArn && !(wantsRef && named.ref === 'arn')) return undefined;
  const path = context.text(property('Path')) ?? '/';
  return `arn:${context.partition}:iam::${context.account()}:${named.kind}${path}${name}`;
}
