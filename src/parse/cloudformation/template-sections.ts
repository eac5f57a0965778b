import type { InputIssue } from '../../model/index.js';
import { errorAt } from '../issue-factory.js';
import {
  findProperty,
  type JsonDocument,
  type JsonNode,
  type JsonObjectNode,
  type NodeLocation,
} from '../json-tree.js';

export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  /** The logical id as written: where the resource is declared. */
  readonly at: NodeLocation;
  readonly node: JsonObjectNode;
  readonly properties?: JsonObjectNode;
  /** The resource's Condition, when it is created only if that condition holds. */
  readonly condition?: string;
  /** `aws:cdk:path` metadata: the construct path a CDK app gave the resource. */
  readonly cdkPath?: string;
}

/** The sections of a template the reader evaluates, each as written. */
export interface TemplateSections {
  readonly document: JsonDocument;
  readonly parameters: ReadonlyMap<string, JsonObjectNode>;
  readonly mappings?: JsonObjectNode;
  readonly conditions: ReadonlyMap<string, JsonNode>;
  readonly resources: ReadonlyMap<string, TemplateResource>;
}

/** The sections, or an error when the document is not a template (no Resources object). */
export function templateSections(document: JsonDocument): { sections?: TemplateSections; issues: InputIssue[] } {
  const root = document.root;
  const resourcesNode = root.kind === 'object' ? findProperty(root, 'Resources')?.value : undefined;
  if (root.kind !== 'object' || resourcesNode?.kind !== 'object') {
    const message = 'not a CloudFormation template: it has no "Resources" object';
    return { issues: [errorAt(document.file, resourcesNode ?? root, 'cloudformation-template', message)] };
  }
  const issues: InputIssue[] = [];
  const resources = new Map<string, TemplateResource>();
  for (const { key, keyNode, value } of resourcesNode.properties) {
    const type = value.kind === 'object' ? findProperty(value, 'Type')?.value : undefined;
    if (value.kind !== 'object' || type?.kind !== 'string') {
      issues.push(errorAt(document.file, keyNode, 'cloudformation-resource', `resource ${key} has no "Type" string`));
      continue;
    }
    const properties = findProperty(value, 'Properties')?.value;
    const condition = findProperty(value, 'Condition')?.value;
    const metadata = findProperty(value, 'Metadata')?.value;
    const cdkPath = metadata?.kind === 'object' ? findProperty(metadata, 'aws:cdk:path')?.value : undefined;
    resources.set(key, {
      logicalId: key,
      type: type.value,
      at: keyNode,
      node: value,
      ...(properties?.kind === 'object' ? { properties } : {}),
      ...(condition?.kind === 'string' ? { condition: condition.value } : {}),
      ...(cdkPath?.kind === 'string' ? { cdkPath: cdkPath.value } : {}),
    });
  }
  const section = (name: string) => {
    const node = findProperty(root, name)?.value;
    return node?.kind === 'object' ? node : undefined;
  };
  const parameters = new Map<string, JsonObjectNode>();
  for (const { key, value } of section('Parameters')?.properties ?? []) {
    if (value.kind === 'object') parameters.set(key, value);
  }
  const mappings = section('Mappings');
  return {
    sections: {
      document,
      parameters,
      ...(mappings ? { mappings } : {}),
      conditions: new Map((section('Conditions')?.properties ?? []).map(({ key, value }) => [key, value])),
      resources,
    },
    issues,
  };
}
