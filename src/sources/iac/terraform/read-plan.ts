import { posix } from 'node:path';
import type { IacFragment, InputIssue, Span } from '../../../model/index.js';
import { type HclParser, type JsonNode, type ManagedPolicyExtract, parseJsonDocument } from '../../../parse/index.js';
import { shippedManagedPolicyExtract } from '../../snapshot/managed-policy-extract.js';
import { FragmentReader, type NestedView, type ResourceView } from './fragment-reader.js';
import { hclParser } from './hcl-wasm.js';
import { declaredResources, type PlanDeclaration, planRootDir } from './plan-declarations.js';
import { items, type JsonObject, objectAt, property, stringAt } from './plan-json.js';
import { JsonText, ResourceRef, type TfValue, Unknown } from './values.js';

/*
 * Terraform's JSON plan (`terraform show -json plan.out`, format 1.x,
 * https://developer.hashicorp.com/terraform/internals/json-format): `planned_values` holds every resource
 * instance of the root and child modules with the values it will have, `resource_changes[].change.after_unknown`
 * marks those known only after apply, and `configuration` the expressions and module calls as written.
 */

export interface PlanOptions {
  readonly accountId?: string;
  readonly managedPolicies?: ManagedPolicyExtract;
}

/** Whether a JSON text is a Terraform plan: an object with `format_version` and `planned_values`. */
export function isTerraformPlan(text: string): boolean {
  if (!text.includes('"planned_values"') || !text.includes('"format_version"')) return false;
  const parsed = parseJsonDocument(text, '');
  const root = parsed.document?.root;
  return (
    root?.kind === 'object' &&
    property(root, 'format_version') !== undefined &&
    property(root, 'planned_values') !== undefined
  );
}

/**
 * Reads Terraform plan JSON files into the principals, policies and SCPs they will create. Each resource
 * points at its block in the `.tf` / `.tf.json` files of the repository when the plan lies in its root module's
 * directory (child modules found through their local `source`), else at its line in the plan. A value the plan
 * knows only after apply is unknown, never guessed: a reference the configuration writes (a role's id, a
 * policy's ARN) still designates the resource it names.
 */
export async function readTerraformPlans(
  plans: readonly { readonly path: string; readonly text: string }[],
  configuration: readonly { readonly path: string; readonly text: string }[],
  options: PlanOptions = {},
): Promise<IacFragment> {
  const issues: InputIssue[] = [];
  const reader = new FragmentReader(
    'terraform-plan',
    options.managedPolicies ?? shippedManagedPolicyExtract(),
    options.accountId,
    issues,
  );
  const parser = await hclParser();
  for (const plan of [...plans].sort((a, b) => (a.path < b.path ? -1 : 1)))
    readPlan(plan, configuration, parser, reader, issues);
  return reader.fragment();
}

/**
 * The root module directories the plans cover (see planRootDir): the HCL reader leaves them to the plan reader,
 * which knows more, rather than read the same resources twice.
 */
export async function plannedRootDirs(
  plans: readonly { readonly path: string; readonly text: string }[],
  configuration: readonly { readonly path: string; readonly text: string }[],
): Promise<string[]> {
  if (plans.length === 0) return [];
  const parser = await hclParser();
  return plans.map((plan) => {
    const root = parseJsonDocument(plan.text, plan.path).document?.root;
    const configRoot = root?.kind === 'object' ? objectAt(root, 'configuration', 'root_module') : undefined;
    return planRootDir(dirOf(plan.path), configRoot, configuration, parser);
  });
}

function dirOf(path: string): string {
  return posix.dirname(path) === '.' ? '' : posix.dirname(path);
}

function readPlan(
  plan: { readonly path: string; readonly text: string },
  configuration: readonly { readonly path: string; readonly text: string }[],
  parser: HclParser,
  reader: FragmentReader,
  issues: InputIssue[],
): void {
  const parsed = parseJsonDocument(plan.text, plan.path);
  issues.push(...parsed.issues);
  const root = parsed.document?.root;
  if (root?.kind !== 'object') return;
  const version = property(root, 'format_version');
  if (version?.kind !== 'string' || !/^1\./.test(version.value)) {
    const at = version ?? root;
    issues.push({
      severity: 'error',
      file: plan.path,
      line: at.line,
      column: at.column,
      message: `plan format_version ${version?.kind === 'string' ? JSON.stringify(version.value) : 'missing'}: only 1.x is read`,
      code: 'plan-format-version',
    });
    return;
  }
  const declared = declaredResources(
    dirOf(plan.path),
    objectAt(root, 'configuration', 'root_module'),
    configuration,
    parser,
  );
  const afterUnknown = new Map<string, JsonNode>();
  for (const change of items(property(root, 'resource_changes'))) {
    const address = stringAt(change, 'address');
    const unknown = objectAt(change, 'change') && property(objectAt(change, 'change')!, 'after_unknown');
    if (address !== undefined && unknown) afterUnknown.set(address, unknown);
  }
  const visit = (module: JsonObject | undefined): void => {
    if (!module) return;
    const prefix = stringAt(module, 'address');
    for (const resource of items(property(module, 'resources'))) {
      if (resource.kind !== 'object' || stringAt(resource, 'mode') !== 'managed') continue;
      const address = stringAt(resource, 'address');
      const type = stringAt(resource, 'type');
      const name = stringAt(resource, 'name');
      if (address === undefined || type === undefined || name === undefined) continue;
      const declaration = declared(prefix, type, name);
      const at: Span = declaration.at ?? { file: plan.path, line: resource.line, column: resource.column };
      const values = property(resource, 'values');
      reader.readResource(
        planView(
          { type, address, at, declaration },
          values?.kind === 'object' ? values : undefined,
          afterUnknown.get(address),
          (attribute) => {
            const expression = declaration.expression(attribute);
            return expression && referenceOf(expression.references, prefix, attribute, address, at);
          },
        ),
      );
    }
    for (const child of items(property(module, 'child_modules'))) visit(child.kind === 'object' ? child : undefined);
  };
  visit(objectAt(root, 'planned_values', 'root_module'));
}

/** Attributes whose string is a policy document: read as JSON text at the line the attribute is written. */
const POLICY_ATTRIBUTES: ReadonlySet<string> = new Set(['policy', 'content']);

/** A resource of the plan: its planned values, with what after_unknown marks unknown. */
function planView(
  resource: {
    readonly type: string;
    readonly address: string;
    readonly at: Span;
    readonly declaration: PlanDeclaration;
  },
  values: JsonObject | undefined,
  unknown: JsonNode | undefined,
  /** An attribute after_unknown marks: what it refers to, or undefined when the configuration does not write it. */
  unknownAttribute: (attribute: string) => Unknown | ResourceRef | undefined,
): ResourceView {
  const { type, address, at, declaration } = resource;
  const nested = (
    node: JsonObject | undefined,
    unknownNode: JsonNode | undefined,
    block: { readonly name: string; readonly index: number } | undefined,
    nestedAt: Span,
  ): NestedView => {
    const path = block ? `${block.name}[${block.index}].` : '';
    return {
      at: nestedAt,
      value: (name) => {
        const unknownPart = unknownNode?.kind === 'object' ? property(unknownNode, name) : undefined;
        if (unknownPart?.kind === 'boolean' && unknownPart.value)
          return block ? new Unknown(`${address}.${path}${name}`, 'plan-after-unknown', at) : unknownAttribute(name);
        const value = node ? property(node, name) : undefined;
        // null is an argument left unset, as if not written.
        if (value === undefined || value.kind === 'null') return undefined;
        const written = POLICY_ATTRIBUTES.has(name) ? declaration.attributeAt(name, block) : undefined;
        if (value.kind === 'string' && written)
          return new JsonText(value.value, written.file, written.line, declaration.statementsAt(name, block));
        return plannedValue(value, unknownPart, `${address}.${path}${name}`, at);
      },
    };
  };
  const top = nested(values, unknown, undefined, at);
  return {
    type,
    address,
    at,
    value: top.value,
    blocks: (name) => {
      const list = values ? property(values, name) : undefined;
      const unknownList = unknown?.kind === 'object' ? property(unknown, name) : undefined;
      // Blocks the configuration writes but the plan knows only after apply: one block of unknowns stands for them.
      if (unknownList?.kind === 'boolean' && unknownList.value) {
        const whole = unknownAttribute(name);
        return whole ? [{ at, value: () => new Unknown(`${address}.${name}`, 'plan-after-unknown', at) }] : [];
      }
      return items(list).map((item, index) =>
        nested(
          item.kind === 'object' ? item : undefined,
          unknownList?.kind === 'array' ? unknownList.items[index] : undefined,
          { name, index },
          declaration.blockAt(name, index) ?? at,
        ),
      );
    },
  };
}

/** A planned value as a Terraform value: each part after_unknown marks (`true`) is unknown. */
function plannedValue(node: JsonNode, unknown: JsonNode | undefined, expression: string, at: Span): TfValue {
  if (unknown?.kind === 'boolean' && unknown.value) return new Unknown(expression, 'plan-after-unknown', at);
  switch (node.kind) {
    case 'array':
      return node.items.map((item, index) =>
        plannedValue(item, unknown?.kind === 'array' ? unknown.items[index] : undefined, `${expression}[${index}]`, at),
      );
    case 'object': {
      const result: Record<string, TfValue> = {};
      for (const { key, value } of node.properties)
        Object.defineProperty(result, key, {
          value: plannedValue(
            value,
            unknown?.kind === 'object' ? property(unknown, key) : undefined,
            `${expression}.${key}`,
            at,
          ),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return result;
    }
    default:
      return node.value;
  }
}

const DESIGNATING: ReadonlySet<string> = new Set(['id', 'name', 'arn', 'roots']);
const REFERENCE =
  /^(data\.)?([A-Za-z][\w-]*)\.([A-Za-z_][\w-]*)((?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?)(?:\.([A-Za-z_][\w-]*))?/;

/**
 * What an attribute known only after apply refers to: the resource its expression names (a role's id, a
 * policy's ARN, an OU's id), so attachments still find what they attach; else a plain unknown.
 */
function referenceOf(
  references: readonly string[] | undefined,
  modulePrefix: string | undefined,
  attribute: string,
  address: string,
  at: Span,
): Unknown | ResourceRef {
  for (const reference of references ?? []) {
    const match = REFERENCE.exec(reference);
    if (
      !match ||
      match[1] ||
      ['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self'].includes(match[2]!)
    )
      continue;
    const [, , type, name, index, refAttribute] = match;
    const unknown = new Unknown(reference, 'plan-after-unknown', at);
    // Only what designates a resource (its id, name, ARN, an organization's root) stands for it.
    if (refAttribute === undefined || !DESIGNATING.has(refAttribute)) return unknown;
    const target = `${modulePrefix ? `${modulePrefix}.` : ''}${type}.${name}${index}`;
    // The organization's root is what `roots[0].id` designates.
    const designated = type === 'aws_organizations_organization' && refAttribute === 'roots' ? 'root' : refAttribute;
    return new ResourceRef(target, type!, designated, unknown);
  }
  return new Unknown(`${address}.${attribute}`, 'plan-after-unknown', at);
}
