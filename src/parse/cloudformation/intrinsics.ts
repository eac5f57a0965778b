import type { InputIssue, UnknownReason } from '../../model/index.js';
import { errorAt } from '../issue-factory.js';
import { findProperty, type JsonNode, type JsonStringNode, type NodeLocation, scalarText } from '../json-tree.js';
import { quoteToken } from '../quote-token.js';
import { partitionOf, pseudoParameter, type TemplateInputs } from './pseudo-parameters.js';
import { resourceAttribute } from './resource-attributes.js';
import { subParts } from './sub-string.js';
import type { TemplateSections } from './template-sections.js';
import { hasPlaceholder, type UnknownValues } from './unknown-values.js';

/** `AWS::NoValue`: the property or list item is left out. */
export const NO_VALUE = Symbol('AWS::NoValue');
export type Resolved = JsonNode | typeof NO_VALUE;

/** A reference to one of the template's resources, by `Ref`, `Fn::GetAtt` or a Sub of only `${Id}`/`${Id.Attr}`. */
export interface ResourceReference {
  readonly logicalId: string;
  readonly attribute?: string;
}

/**
 * Evaluates a template's intrinsic functions, parameters, pseudo parameters, mappings and conditions.
 * What only deployment decides becomes a placeholder string registered in `unknowns`, at the line of the
 * expression; a constructed value takes the line of the expression that made it.
 */
export class IntrinsicResolver {
  private readonly conditionValues = new Map<string, boolean | undefined>();
  private readonly evaluating = new Set<string>();

  constructor(
    readonly sections: TemplateSections,
    readonly inputs: TemplateInputs,
    readonly unknowns: UnknownValues,
    private readonly issues: InputIssue[],
  ) {}

  get file(): string {
    return this.sections.document.file;
  }

  resolve(node: JsonNode): Resolved {
    const intrinsic = intrinsicOf(node);
    if (intrinsic) return this.intrinsic(intrinsic.name, intrinsic.argument, node);
    if (node.kind === 'array') {
      return { ...node, items: node.items.flatMap((item) => this.resolveAll(item)) };
    }
    if (node.kind === 'object') {
      return {
        ...node,
        properties: node.properties.flatMap((property) => {
          const value = this.resolve(property.value);
          return value === NO_VALUE ? [] : [{ ...property, value }];
        }),
      };
    }
    return node;
  }

  /** A list item: a list-valued intrinsic (a Ref to a list parameter, Fn::Split) spreads into the list. */
  private resolveAll(node: JsonNode): JsonNode[] {
    const value = this.resolve(node);
    if (value === NO_VALUE) return [];
    return intrinsicOf(node) && value.kind === 'array' ? [...value.items] : [value];
  }

  /** The resolved value as text (placeholders included), or undefined when it is not a scalar. */
  text(node: JsonNode): string | undefined {
    const value = this.resolve(node);
    return value === NO_VALUE ? undefined : scalarText(value);
  }

  /** Which template resource the expression designates, when it is a reference to one. */
  reference(node: JsonNode): ResourceReference | undefined {
    const intrinsic = intrinsicOf(node);
    if (!intrinsic) return undefined;
    const { name, argument } = intrinsic;
    if (name === 'Ref' && argument.kind === 'string' && this.sections.resources.has(argument.value))
      return { logicalId: argument.value };
    if (name === 'Fn::GetAtt') {
      const target = this.getAttTarget(argument);
      if (target && this.sections.resources.has(target.logicalId)) return target;
    }
    if (name === 'Fn::Sub' && argument.kind === 'string') {
      const parts = subParts(argument.value);
      const only = parts.length === 1 ? parts[0] : undefined;
      if (only?.kind === 'variable') {
        const [logicalId = '', attribute] = splitAttribute(only.name);
        if (this.sections.resources.has(logicalId)) return { logicalId, ...(attribute ? { attribute } : {}) };
      }
    }
    return undefined;
  }

  /** A named condition: true, false, or undefined when it depends on a value not known before deployment. */
  condition(name: string, at: NodeLocation): boolean | undefined {
    if (this.conditionValues.has(name)) return this.conditionValues.get(name);
    const node = this.sections.conditions.get(name);
    if (!node) {
      this.error(at, `condition ${quoteToken(name)} is not defined in Conditions`);
      return undefined;
    }
    if (this.evaluating.has(`condition ${name}`)) {
      this.error(at, `condition ${quoteToken(name)} refers to itself`);
      return undefined;
    }
    this.evaluating.add(`condition ${name}`);
    const value = this.conditionValue(node);
    this.evaluating.delete(`condition ${name}`);
    this.conditionValues.set(name, value);
    return value;
  }

  /** A placeholder string for a value known only after deployment, registered with the expression as written. */
  unknown(expression: string, reason: UnknownReason, at: NodeLocation): JsonStringNode {
    const placeholder = this.unknowns.add(expression, reason, {
      file: this.file,
      line: at.line,
      column: at.column,
    });
    return stringAt(at, placeholder);
  }

  /** The expression as written, on one line. */
  expression(node: NodeLocation): string {
    const text = this.sections.document.text.slice(node.offset, node.offset + node.length);
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
  }

  error(at: NodeLocation, message: string): void {
    this.issues.push(errorAt(this.file, at, 'cloudformation-intrinsic', message));
  }

  private conditionValue(node: JsonNode): boolean | undefined {
    const intrinsic = intrinsicOf(node);
    if (!intrinsic) {
      if (node.kind === 'boolean') return node.value;
      this.error(node, `a condition must be a condition function (Fn::Equals, Fn::And, …), not ${node.kind}`);
      return undefined;
    }
    const { name, argument } = intrinsic;
    const items = argument.kind === 'array' ? argument.items : [];
    switch (name) {
      case 'Condition':
        return argument.kind === 'string' ? this.condition(argument.value, argument) : undefined;
      case 'Fn::Equals': {
        const [left, right] = items.map((item) => this.text(item));
        if (items.length !== 2 || left === undefined || right === undefined) {
          this.error(node, 'Fn::Equals takes two values');
          return undefined;
        }
        return hasPlaceholder(left) || hasPlaceholder(right) ? undefined : left === right;
      }
      case 'Fn::Not': {
        const value = items.length === 1 && items[0] ? this.conditionValue(items[0]) : undefined;
        return value === undefined ? undefined : !value;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = items.map((item) => this.conditionValue(item));
        // A false operand decides Fn::And, a true one Fn::Or.
        const decisive = name === 'Fn::Or';
        if (values.includes(decisive)) return decisive;
        return values.includes(undefined) ? undefined : !decisive;
      }
      default:
        this.error(node, `${name} is not a condition function`);
        return undefined;
    }
  }

  private intrinsic(name: string, argument: JsonNode, node: JsonNode): Resolved {
    switch (name) {
      case 'Ref':
        return argument.kind === 'string'
          ? this.ref(argument.value, node, this.expression(node))
          : this.invalid(node, 'Ref takes a name');
      case 'Fn::GetAtt': {
        const target = this.getAttTarget(argument);
        if (!target?.attribute) return this.invalid(node, 'Fn::GetAtt takes "LogicalId.Attribute"');
        return this.attribute(target.logicalId, target.attribute, node, this.expression(node));
      }
      case 'Fn::Sub':
        return this.sub(argument, node);
      case 'Fn::Join':
        return this.join(argument, node);
      case 'Fn::Select':
        return this.select(argument, node);
      case 'Fn::Split':
        return this.split(argument, node);
      case 'Fn::If':
        return this.ifValue(argument, node);
      case 'Fn::FindInMap':
        return this.findInMap(argument, node);
      case 'Fn::ImportValue':
        return this.unknown(this.expression(node), 'import-value', node);
      case 'Fn::Base64': {
        const text = this.text(argument);
        if (text === undefined) return this.invalid(node, 'Fn::Base64 takes a string');
        if (hasPlaceholder(text)) return this.unknown(this.expression(node), 'computed-attribute', node);
        return stringAt(node, base64(text));
      }
      case 'Fn::GetAZs':
        return this.unknown(this.expression(node), 'computed-attribute', node);
      default:
        // Fn::Cidr, Fn::Length, Fn::ToJsonString, Fn::Transform, a condition function out of place.
        return this.unknown(this.expression(node), 'unsupported-expression', node);
    }
  }

  private invalid(node: JsonNode, message: string): JsonStringNode {
    this.error(node, message);
    return this.unknown(this.expression(node), 'unsupported-expression', node);
  }

  private ref(name: string, at: NodeLocation, expression: string): Resolved {
    const parameter = this.sections.parameters.get(name);
    if (parameter) return this.parameter(name, parameter, at, expression);
    if (name.startsWith('AWS::')) {
      const pseudo = pseudoParameter(name, this.inputs);
      if (pseudo === 'no-value') return NO_VALUE;
      if (pseudo === undefined) return this.invalid(at as JsonNode, `unknown pseudo parameter ${quoteToken(name)}`);
      if (pseudo.value !== undefined) return stringAt(at, pseudo.value);
      return this.unknown(expression, 'variable-without-default', at);
    }
    if (this.sections.resources.has(name)) return this.attribute(name, undefined, at, expression);
    return this.invalid(at as JsonNode, `Ref to ${quoteToken(name)}: no parameter or resource has that name`);
  }

  private parameter(name: string, parameter: JsonNode, at: NodeLocation, expression: string): Resolved {
    const type = parameter.kind === 'object' ? findProperty(parameter, 'Type')?.value : undefined;
    const typeName = type?.kind === 'string' ? type.value : 'String';
    // The value of an SSM parameter type is read from Parameter Store at deployment; its Default is a key.
    if (typeName.startsWith('AWS::SSM::Parameter::Value<')) return this.unknown(expression, 'computed-attribute', at);
    const given = this.inputs.parameters?.[name];
    const defaultNode = parameter.kind === 'object' ? findProperty(parameter, 'Default')?.value : undefined;
    const value = given ?? (defaultNode ? scalarText(defaultNode) : undefined);
    if (value === undefined) return this.unknown(expression, 'variable-without-default', at);
    if (typeName === 'CommaDelimitedList' || typeName.startsWith('List<')) {
      return { ...locationOf(at), kind: 'array', items: value.split(',').map((item) => stringAt(at, item.trim())) };
    }
    return stringAt(at, value);
  }

  private attribute(logicalId: string, attribute: string | undefined, at: NodeLocation, expression: string): Resolved {
    const resource = this.sections.resources.get(logicalId);
    if (!resource) return this.invalid(at as JsonNode, `${quoteToken(logicalId)} is not a resource of the template`);
    const key = `resource ${logicalId}`;
    if (this.evaluating.has(key)) return this.unknown(expression, 'computed-attribute', at);
    this.evaluating.add(key);
    const text = (node: JsonNode | undefined) => (node ? this.text(node) : undefined);
    const account = () => scalarText(this.ref('AWS::AccountId', at, '${AWS::AccountId}') as JsonNode) ?? '';
    const value = resourceAttribute(resource, attribute, { text, account, partition: partitionOf(this.inputs) });
    this.evaluating.delete(key);
    if (value === undefined || hasPlaceholderOnlyName(value)) return this.unknown(expression, 'computed-attribute', at);
    return stringAt(at, value);
  }

  private getAttTarget(argument: JsonNode): ResourceReference | undefined {
    if (argument.kind === 'string') {
      const [logicalId = '', attribute] = splitAttribute(argument.value);
      return { logicalId, ...(attribute ? { attribute } : {}) };
    }
    if (argument.kind !== 'array' || argument.items.length !== 2) return undefined;
    const [idNode, attributeNode] = argument.items;
    const logicalId = idNode?.kind === 'string' ? idNode.value : undefined;
    const attribute = attributeNode ? this.text(attributeNode) : undefined;
    return logicalId === undefined ? undefined : { logicalId, ...(attribute ? { attribute } : {}) };
  }

  private sub(argument: JsonNode, node: JsonNode): Resolved {
    const [templateNode, variablesNode] = argument.kind === 'array' ? argument.items : [argument];
    if (templateNode?.kind !== 'string') return this.invalid(node, 'Fn::Sub takes a string, or a string and a map');
    const variables = new Map<string, JsonNode>();
    if (variablesNode?.kind === 'object')
      for (const { key, value } of variablesNode.properties) variables.set(key, value);
    let value = '';
    for (const part of subParts(templateNode.value)) {
      if (part.kind === 'text') {
        value += part.text;
        continue;
      }
      const at = this.variableLocation(templateNode, part.source);
      const expression = part.source;
      const variable = variables.get(part.name);
      const [logicalId = '', attribute] = splitAttribute(part.name);
      const resolved = variable
        ? this.resolve(variable)
        : attribute && this.sections.resources.has(logicalId)
          ? this.attribute(logicalId, attribute, at, expression)
          : this.ref(part.name, at, expression);
      const text = resolved === NO_VALUE ? '' : scalarText(resolved);
      value += text ?? this.unknown(expression, 'unsupported-expression', at).value;
    }
    return stringAt(node, value);
  }

  /** Where `${Name}` is written inside the Sub string, when the file holds it literally (not escaped). */
  private variableLocation(templateNode: JsonStringNode, source: string): NodeLocation {
    const raw = this.sections.document.text.slice(templateNode.offset, templateNode.offset + templateNode.length);
    const at = raw.indexOf(source);
    if (at < 0) return templateNode;
    const offset = templateNode.offset + at;
    return { offset, length: source.length, ...this.sections.document.locate(offset) };
  }

  private join(argument: JsonNode, node: JsonNode): Resolved {
    const [delimiterNode, listNode] = argument.kind === 'array' ? argument.items : [];
    const delimiter = delimiterNode ? this.text(delimiterNode) : undefined;
    const list = listNode ? this.resolve(listNode) : undefined;
    if (delimiter === undefined || list === undefined || list === NO_VALUE)
      return this.invalid(node, 'Fn::Join takes a delimiter and a list');
    if (list.kind !== 'array') {
      if (list.kind === 'string' && hasPlaceholder(list.value))
        return this.unknown(this.expression(node), 'computed-attribute', node);
      return this.invalid(node, 'Fn::Join takes a delimiter and a list');
    }
    const texts = list.items.map(scalarText);
    if (texts.some((text) => text === undefined)) return this.invalid(node, 'Fn::Join joins strings only');
    return stringAt(node, texts.join(delimiter));
  }

  private select(argument: JsonNode, node: JsonNode): Resolved {
    const [indexNode, listNode] = argument.kind === 'array' ? argument.items : [];
    const index = indexNode ? this.text(indexNode) : undefined;
    const list = listNode ? this.resolve(listNode) : undefined;
    if (index === undefined || list === undefined || list === NO_VALUE)
      return this.invalid(node, 'Fn::Select takes an index and a list');
    if (hasPlaceholder(index) || (list.kind === 'string' && hasPlaceholder(list.value)))
      return this.unknown(this.expression(node), 'computed-attribute', node);
    const item = list.kind === 'array' && /^\d+$/.test(index) ? list.items[Number(index)] : undefined;
    if (!item) return this.invalid(node, `Fn::Select: index ${index} is not in the list`);
    return item;
  }

  private split(argument: JsonNode, node: JsonNode): Resolved {
    const [delimiterNode, sourceNode] = argument.kind === 'array' ? argument.items : [];
    const delimiter = delimiterNode ? this.text(delimiterNode) : undefined;
    const source = sourceNode ? this.text(sourceNode) : undefined;
    if (delimiter === undefined || source === undefined || delimiter === '')
      return this.invalid(node, 'Fn::Split takes a delimiter and a string');
    // How many parts an unknown value splits into is unknown too.
    if (hasPlaceholder(source) || hasPlaceholder(delimiter))
      return this.unknown(this.expression(node), 'computed-attribute', node);
    return { ...locationOf(node), kind: 'array', items: source.split(delimiter).map((value) => stringAt(node, value)) };
  }

  private ifValue(argument: JsonNode, node: JsonNode): Resolved {
    const [conditionNode, whenTrue, whenFalse] = argument.kind === 'array' ? argument.items : [];
    if (conditionNode?.kind !== 'string' || !whenTrue || !whenFalse)
      return this.invalid(node, 'Fn::If takes a condition name and two values');
    const holds = this.condition(conditionNode.value, conditionNode);
    if (holds === undefined) return this.unknown(this.expression(node), 'variable-without-default', node);
    return this.resolve(holds ? whenTrue : whenFalse);
  }

  private findInMap(argument: JsonNode, node: JsonNode): Resolved {
    const keys = argument.kind === 'array' ? argument.items.slice(0, 3).map((item) => this.text(item)) : [];
    const [mapName, topKey, secondKey] = keys;
    if (mapName === undefined || topKey === undefined || secondKey === undefined)
      return this.invalid(node, 'Fn::FindInMap takes a map name and two keys');
    if (keys.some((key) => key !== undefined && hasPlaceholder(key)))
      return this.unknown(this.expression(node), 'variable-without-default', node);
    const map = this.sections.mappings ? findProperty(this.sections.mappings, mapName)?.value : undefined;
    const top = map?.kind === 'object' ? findProperty(map, topKey)?.value : undefined;
    const value = top?.kind === 'object' ? findProperty(top, secondKey)?.value : undefined;
    if (!value) return this.invalid(node, `Fn::FindInMap: Mappings has no ${[mapName, topKey, secondKey].join('.')}`);
    return this.resolve(value);
  }
}

/** `{ "Ref": x }`, `{ "Fn::…": x }` or `{ "Condition": x }`: an object with that one key. */
function intrinsicOf(node: JsonNode): { name: string; argument: JsonNode } | undefined {
  if (node.kind !== 'object' || node.properties.length !== 1) return undefined;
  const [property] = node.properties;
  if (!property) return undefined;
  const { key, value } = property;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? { name: key, argument: value } : undefined;
}

function locationOf(at: NodeLocation): NodeLocation {
  return { offset: at.offset, length: at.length, line: at.line, column: at.column };
}

function stringAt(at: NodeLocation, value: string): JsonStringNode {
  return { ...locationOf(at), kind: 'string', value };
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function splitAttribute(name: string): [string, string | undefined] {
  const dot = name.indexOf('.');
  return dot < 0 ? [name, undefined] : [name.slice(0, dot), name.slice(dot + 1)];
}

/** A name that is nothing but an unknown: reported as the attribute's own unknown, with its expression. */
function hasPlaceholderOnlyName(value: string): boolean {
  return /^\uffff\d+\uffff$/.test(value);
}
