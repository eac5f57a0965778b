import type { HclExpression, HclStep } from '../../../parse/index.js';
import type { Span } from '../../../model/index.js';
import { callFunction } from './functions.js';
import {
  Encoded,
  isObject,
  joinTexts,
  JsonText,
  PartlyKnown,
  ResourceRef,
  spanOf,
  textOf,
  type TfObject,
  type TfValue,
  Unknown,
  withOrigin,
} from './values.js';

/** What an expression can refer to in the module instance it is evaluated in. */
export interface ModuleWorld {
  /** Repository-relative directory of the module ('' for the root). */
  readonly dir: string;
  variable(name: string, at: Span, source: string): TfValue;
  local(name: string, at: Span, source: string): TfValue;
  /** `module.<name>.<output>`, with the steps after the output applied by the caller. */
  moduleOutput(name: string, steps: readonly HclStep[], scope: Scope, at: Span, source: string): TfValue;
  /** A resource or data source of this module; undefined when the module declares none of that address. */
  resource(
    mode: 'managed' | 'data',
    type: string,
    name: string,
    steps: readonly HclStep[],
    scope: Scope,
    at: Span,
    source: string,
  ): TfValue | undefined;
  /** A repository file by a path as Terraform resolves it (repository-relative, or relative to the root module). */
  readFile(path: string): { readonly path: string; readonly text: string } | undefined;
}

export interface Scope {
  readonly file: string;
  readonly world: ModuleWorld;
  /** count.index, each.key / each.value, for-expression variables. */
  readonly names: ReadonlyMap<string, TfValue>;
}

export function evaluate(expression: HclExpression, scope: Scope): TfValue {
  const at = spanOf(scope.file, expression.range);
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'template': {
      const texts: (string | PartlyKnown | Unknown)[] = [];
      for (const part of expression.parts) {
        if (part.kind === 'text') texts.push(part.text);
        else if (part.kind === 'directive') return new Unknown(expression.source, 'unsupported-expression', at);
        else {
          const value = evaluate(part.expression, scope);
          const text = textOf(value, at);
          texts.push(
            text ??
              new Unknown(part.expression.source, 'unsupported-expression', spanOf(scope.file, part.expression.range)),
          );
        }
      }
      const joined = joinTexts(texts);
      return expression.heredocLine !== undefined ? new JsonText(joined, scope.file, expression.heredocLine) : joined;
    }
    case 'tuple':
      return withOrigin(
        expression.items.map((item) => evaluate(item, scope)),
        at,
      );
    case 'object': {
      const result: Record<string, TfValue> = {};
      for (const item of expression.items) {
        const key = objectKey(item.key, scope);
        if (key === undefined) return new Unknown(expression.source, 'unsupported-expression', at);
        Object.defineProperty(result, key, {
          value: evaluate(item.value, scope),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return withOrigin(result, at);
    }
    case 'traversal':
      return traversal(expression.root, expression.steps, scope, at, expression.source);
    case 'access':
      return applySteps(evaluate(expression.target, scope), expression.steps, scope, at, expression.source);
    case 'call': {
      const args = expression.args.map((arg) => evaluate(arg, scope));
      if (expression.expand) {
        const last = args.pop();
        if (!Array.isArray(last)) return new Unknown(expression.source, 'unsupported-expression', at);
        args.push(...last);
      }
      return callFunction(expression.name, args, { scope, at, source: expression.source });
    }
    case 'conditional': {
      const condition = evaluate(expression.condition, scope);
      if (typeof condition === 'boolean')
        return evaluate(condition ? expression.whenTrue : expression.whenFalse, scope);
      if (condition === 'true' || condition === 'false')
        return evaluate(condition === 'true' ? expression.whenTrue : expression.whenFalse, scope);
      return new Unknown(
        expression.source,
        condition instanceof Unknown ? condition.reason : 'unsupported-expression',
        at,
      );
    }
    case 'unary': {
      const operand = evaluate(expression.operand, scope);
      if (expression.operator === '!' && typeof operand === 'boolean') return !operand;
      if (expression.operator === '-' && typeof operand === 'number') return -operand;
      return new Unknown(expression.source, reasonOf(operand), at);
    }
    case 'binary':
      return binary(
        expression.operator,
        evaluate(expression.left, scope),
        evaluate(expression.right, scope),
        at,
        expression.source,
      );
    case 'for':
      return forExpression(expression, scope, at);
    case 'unsupported':
      return new Unknown(expression.source, 'unsupported-expression', at);
  }
}

function reasonOf(value: TfValue): Unknown['reason'] {
  return value instanceof Unknown ? value.reason : 'unsupported-expression';
}

/** An object key: a bare name is the name itself; `(expr)` or a string is evaluated. */
function objectKey(key: HclExpression, scope: Scope): string | undefined {
  if (key.kind === 'traversal' && key.steps.length === 0 && !key.source.startsWith('(')) return key.root;
  const value = evaluate(key, scope);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function traversal(root: string, steps: readonly HclStep[], scope: Scope, at: Span, source: string): TfValue {
  const local = scope.names.get(root);
  if (local !== undefined) return applySteps(local, steps, scope, at, source);
  const [first, ...rest] = steps;
  const name = first?.kind === 'attr' ? first.name : undefined;
  const world = scope.world;
  switch (root) {
    case 'var':
      return name === undefined
        ? unsupported(source, at)
        : applySteps(world.variable(name, at, source), rest, scope, at, source);
    case 'local':
      return name === undefined
        ? unsupported(source, at)
        : applySteps(world.local(name, at, source), rest, scope, at, source);
    case 'path':
      if (name === 'module') return applySteps(world.dir === '' ? '.' : world.dir, rest, scope, at, source);
      if (name === 'root' || name === 'cwd') return applySteps('.', rest, scope, at, source);
      return unsupported(source, at);
    case 'module':
      return name === undefined ? unsupported(source, at) : world.moduleOutput(name, rest, scope, at, source);
    case 'data': {
      const [second, ...after] = rest;
      if (name === undefined || second?.kind !== 'attr') return unsupported(source, at);
      return (
        world.resource('data', name, second.name, after, scope, at, source) ??
        new Unknown(source, 'computed-attribute', at)
      );
    }
    case 'count':
    case 'each':
    case 'self':
    case 'terraform':
      return new Unknown(source, 'computed-attribute', at);
    default: {
      if (name === undefined) return unsupported(source, at);
      return (
        world.resource('managed', root, name, rest, scope, at, source) ?? new Unknown(source, 'computed-attribute', at)
      );
    }
  }
}

function unsupported(source: string, at: Span): Unknown {
  return new Unknown(source, 'unsupported-expression', at);
}

export function applySteps(value: TfValue, steps: readonly HclStep[], scope: Scope, at: Span, source: string): TfValue {
  let current = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (current instanceof Unknown) return new Unknown(source, current.reason, at);
    if (current instanceof PartlyKnown || current instanceof ResourceRef)
      return new Unknown(source, 'computed-attribute', at);
    if (step.kind === 'splat') {
      if (!Array.isArray(current)) current = current === null ? [] : [current];
      const rest = steps.slice(i + 1);
      return (current as readonly TfValue[]).map((item) => applySteps(item, rest, scope, at, source));
    }
    let key: string | number;
    if (step.kind === 'attr') key = step.name;
    else {
      const index = evaluate(step.index, scope);
      if (typeof index !== 'string' && typeof index !== 'number') return new Unknown(source, reasonOf(index), at);
      key = index;
    }
    if (Array.isArray(current)) {
      const item = typeof key === 'number' ? current[key] : /^\d+$/.test(key) ? current[Number(key)] : undefined;
      if (item === undefined) return unsupported(source, at);
      current = item;
    } else if (isObject(current)) {
      const item = Object.hasOwn(current, String(key)) ? current[String(key)] : undefined;
      if (item === undefined) return unsupported(source, at);
      current = item;
    } else if (current instanceof Encoded || current instanceof JsonText) {
      return unsupported(source, at);
    } else {
      return unsupported(source, at);
    }
  }
  return current;
}

function binary(operator: string, left: TfValue, right: TfValue, at: Span, source: string): TfValue {
  const known = (value: TfValue) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null;
  if (!known(left) || !known(right)) {
    const unknown = [left, right].find((value) => value instanceof Unknown) as Unknown | undefined;
    return new Unknown(source, unknown?.reason ?? 'unsupported-expression', at);
  }
  switch (operator) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '&&':
      return typeof left === 'boolean' && typeof right === 'boolean' ? left && right : unsupported(source, at);
    case '||':
      return typeof left === 'boolean' && typeof right === 'boolean' ? left || right : unsupported(source, at);
  }
  const a = Number(left);
  const b = Number(right);
  if (Number.isNaN(a) || Number.isNaN(b)) return unsupported(source, at);
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    default:
      return unsupported(source, at);
  }
}

function forExpression(expression: Extract<HclExpression, { kind: 'for' }>, scope: Scope, at: Span): TfValue {
  const collection = evaluate(expression.collection, scope);
  let entries: [TfValue, TfValue][];
  if (Array.isArray(collection)) entries = collection.map((value, i) => [i, value]);
  else if (isObject(collection))
    entries = Object.keys(collection)
      .sort()
      .map((key) => [key, (collection as TfObject)[key]!]);
  else return new Unknown(expression.source, reasonOf(collection), at);
  const tuple: TfValue[] = [];
  const object: Record<string, TfValue> = {};
  const groups: Record<string, TfValue[]> = {};
  for (const [key, value] of entries) {
    const names = new Map(scope.names);
    if (expression.keyName !== undefined) names.set(expression.keyName, key);
    names.set(expression.valueName, value);
    const inner: Scope = { ...scope, names };
    if (expression.condition) {
      const keep = evaluate(expression.condition, inner);
      if (typeof keep !== 'boolean') return new Unknown(expression.source, reasonOf(keep), at);
      if (!keep) continue;
    }
    const item = evaluate(expression.value, inner);
    if (!expression.object) {
      tuple.push(item);
      continue;
    }
    const itemKey = evaluate(expression.key!, inner);
    if (typeof itemKey !== 'string' && typeof itemKey !== 'number')
      return new Unknown(expression.source, reasonOf(itemKey), at);
    if (expression.group) {
      const group = groups[String(itemKey)] ?? [];
      group.push(item);
      groups[String(itemKey)] = group;
    } else object[String(itemKey)] = item;
  }
  if (!expression.object) return withOrigin(tuple, at);
  return withOrigin(expression.group ? groups : object, at);
}
