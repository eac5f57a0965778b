import type { IacUnknown, InputIssue, PolicyType, Span } from '../../model/index.js';
import { warningAt } from '../issue-factory.js';
import { findProperty, type JsonNode, type NodeLocation } from '../json-tree.js';
import { IntrinsicResolver, NO_VALUE } from './intrinsics.js';
import type { TemplateInputs } from './pseudo-parameters.js';
import { readTemplatePolicy, scalarsOnly, type TemplatePolicyResult } from './template-policy.js';
import type { TemplateResource, TemplateSections } from './template-sections.js';
import { UnknownValues } from './unknown-values.js';

/**
 * What every resource reader of one template shares: the resolver, the issues and unknowns found so far,
 * and how a resource is addressed (its logical id, or its CDK construct path).
 */
export class TemplateReader {
  readonly issues: InputIssue[] = [];
  readonly unknowns: IacUnknown[] = [];
  readonly resolver: IntrinsicResolver;
  private readonly unknownValues = new UnknownValues();
  private readonly checkedTemplate;
  private readonly created = new Map<string, boolean | undefined>();

  constructor(
    readonly sections: TemplateSections,
    inputs: TemplateInputs,
    private readonly cdk: boolean,
  ) {
    this.resolver = new IntrinsicResolver(sections, inputs, this.unknownValues, this.issues);
    this.checkedTemplate = scalarsOnly(sections.document);
  }

  get file(): string {
    return this.sections.document.file;
  }

  address(resource: TemplateResource): string {
    if (!this.cdk || !resource.cdkPath) return resource.logicalId;
    return resource.cdkPath.replace(/\/Resource$/, '');
  }

  span(at: NodeLocation): Span {
    return { file: this.file, line: at.line, column: at.column };
  }

  property(resource: TemplateResource, name: string): JsonNode | undefined {
    return resource.properties ? findProperty(resource.properties, name)?.value : undefined;
  }

  /** A property resolved; undefined when absent or AWS::NoValue. */
  resolved(resource: TemplateResource, name: string): JsonNode | undefined {
    const node = this.property(resource, name);
    const value = node ? this.resolver.resolve(node) : undefined;
    return value === NO_VALUE ? undefined : value;
  }

  /**
   * A list property's items, resolved: AWS::NoValue items left out, a list-valued intrinsic spread, and a
   * reference to a resource kept as written so that the resource it designates stays visible.
   */
  items(resource: TemplateResource, name: string): JsonNode[] {
    const node = this.property(resource, name);
    if (!node) return [];
    return (node.kind === 'array' ? node.items : [node]).flatMap((item) => {
      const value = this.resolver.resolve(item);
      if (value === NO_VALUE) return [];
      if (value.kind === 'array') return [...value.items];
      return [this.resolver.reference(item) ? item : value];
    });
  }

  /** Whether the resource is created: its Condition decided, or undefined with a warning when deployment decides. */
  isCreated(resource: TemplateResource): boolean | undefined {
    if (resource.condition === undefined) return true;
    if (this.created.has(resource.logicalId)) return this.created.get(resource.logicalId);
    const conditionNode = findProperty(resource.node, 'Condition')?.value ?? resource.node;
    const holds = this.resolver.condition(resource.condition, conditionNode);
    if (holds === undefined) {
      this.note(
        `${resource.logicalId} (Condition ${resource.condition})`,
        'variable-without-default',
        conditionNode,
        this.address(resource),
      );
      this.issues.push(
        warningAt(
          this.file,
          conditionNode,
          'cloudformation-condition',
          `whether ${resource.logicalId} is created depends on condition ${resource.condition}, which depends on a value known only at deployment`,
        ),
      );
    }
    this.created.set(resource.logicalId, holds);
    return holds;
  }

  /** Records a value known only after deployment that is not in a statement (a name, an attachment). */
  note(expression: string, reason: IacUnknown['reason'], at: NodeLocation, affects: string): void {
    this.unknowns.push({ placeholder: '', expression, reason, span: this.span(at), affects });
  }

  /** Reads a policy document property; its statements' unknowns are recorded as affecting `affects`. */
  policy(
    node: JsonNode,
    type: PolicyType,
    name: string,
    affects: string,
    arn?: string,
  ): TemplatePolicyResult | undefined {
    const value = this.resolver.resolve(node);
    if (value === NO_VALUE) return undefined;
    const meta = { type, name, ...(arn !== undefined ? { arn } : {}) };
    const result = readTemplatePolicy(this.checkedTemplate, value, this.unknownValues, meta);
    this.issues.push(...result.issues);
    if (result.kind === 'policy') {
      for (const statement of result.policy.statements)
        for (const unknown of statement.unknowns ?? []) this.unknowns.push({ ...unknown, affects });
    }
    if (result.kind === 'unknown') this.note(result.expression, 'unsupported-expression', node, affects);
    return result;
  }

  /** Records the expression as unknown, with the reason of the first unknown value it holds. */
  noteExpression(node: JsonNode, affects: string): void {
    const text = this.resolver.text(node) ?? '';
    const reason = this.unknownValues.in([text])[0]?.reason ?? 'unsupported-expression';
    this.note(this.resolver.expression(node), reason, node, affects);
  }

  /** The resolved text of an expression, or undefined when it holds a value known only after deployment. */
  knownText(node: JsonNode | undefined): string | undefined {
    const text = node ? this.resolver.text(node) : undefined;
    return text === undefined || text.includes('\uffff') ? undefined : text;
  }
}
