import { posix } from 'node:path';
import type { Span } from '../../../model/index.js';
import type { HclBlock, HclBody, HclExpression, HclStep } from '../../../parse/index.js';
import { applySteps, evaluate, type ModuleWorld, type Scope } from './expressions.js';
import { policyDocumentData } from './policy-document-data.js';
import { Encoded, isObject, ResourceRef, spanOf, textOf, type TfValue, Unknown } from './values.js';

export interface TfFile {
  readonly path: string;
  readonly body: HclBody;
}

/** What every module instance of one repository shares. */
export interface Repository {
  readonly tfFilesByDir: ReadonlyMap<string, readonly TfFile[]>;
  readonly texts: ReadonlyMap<string, string>;
  readonly accountId?: string;
  readonly partition?: string;
  readonly readFile?: (path: string) => string | undefined;
}

/** A block with the file it is written in. */
export interface Declared {
  readonly block: HclBlock;
  readonly file: string;
}

/** One instance of a resource: its address, and the names count / for_each give its expressions. */
export interface ResourceInstance {
  readonly declared: Declared;
  readonly address: string;
  readonly scope: Scope;
  /** Set when count / for_each is not known: the instance stands for all of them. */
  readonly unknownRepetition?: Unknown;
}

/**
 * One instance of a Terraform module (the root, or a local module called with its inputs): resolves
 * variables, locals, outputs and references to its resources, lazily and once each.
 */
export class ModuleInstance implements ModuleWorld {
  readonly resources = new Map<string, Declared>();
  private readonly variables = new Map<string, Declared>();
  private readonly locals = new Map<string, { expression: HclExpression; file: string }>();
  private readonly outputs = new Map<string, { expression: HclExpression; file: string }>();
  readonly calls = new Map<string, Declared>();
  private readonly cache = new Map<string, TfValue>();
  private readonly childrenByCall = new Map<string, readonly ModuleChild[]>();
  private readonly resolving = new Set<string>();

  constructor(
    readonly dir: string,
    /** '' for the root, `module.x.` for a child. */
    readonly prefix: string,
    private readonly inputs: ReadonlyMap<string, TfValue>,
    readonly repository: Repository,
  ) {
    for (const file of repository.tfFilesByDir.get(dir) ?? []) {
      for (const block of file.body.blocks) {
        const [first, second] = block.labels;
        const declared = { block, file: file.path };
        if (block.type === 'resource' && first && second) this.resources.set(`${first}.${second}`, declared);
        else if (block.type === 'data' && first && second) this.resources.set(`data.${first}.${second}`, declared);
        else if (block.type === 'variable' && first) this.variables.set(first, declared);
        else if (block.type === 'module' && first) this.calls.set(first, declared);
        else if (block.type === 'locals')
          for (const attribute of block.body.attributes)
            this.locals.set(attribute.name, { expression: attribute.value, file: file.path });
        else if (block.type === 'output' && first) {
          const value = block.body.attributes.find((a) => a.name === 'value');
          if (value) this.outputs.set(first, { expression: value.value, file: file.path });
        }
      }
    }
  }

  scope(file: string, names: ReadonlyMap<string, TfValue> = new Map()): Scope {
    return { file, world: this, names };
  }

  private once(key: string, at: Span, source: string, compute: () => TfValue): TfValue {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    // A cycle (Terraform rejects it) is no value to guess.
    if (this.resolving.has(key)) return new Unknown(source, 'unsupported-expression', at);
    this.resolving.add(key);
    const value = compute();
    this.resolving.delete(key);
    this.cache.set(key, value);
    return value;
  }

  variable(name: string, at: Span, source: string): TfValue {
    return this.once(`var.${name}`, at, source, () => {
      const input = this.inputs.get(name);
      if (input !== undefined) return input;
      const declared = this.variables.get(name);
      const fallback = declared?.block.body.attributes.find((a) => a.name === 'default');
      if (declared && fallback) return evaluate(fallback.value, this.scope(declared.file));
      return new Unknown(source, 'variable-without-default', at);
    });
  }

  local(name: string, at: Span, source: string): TfValue {
    return this.once(`local.${name}`, at, source, () => {
      const local = this.locals.get(name);
      return local
        ? evaluate(local.expression, this.scope(local.file))
        : new Unknown(source, 'unsupported-expression', at);
    });
  }

  /**
   * The instances of a `module` block: one, or one per `count` index / `for_each` key (addressed
   * `module.x[0]`, `module.x["k"]`, with count.index / each.key / each.value in its inputs). When count or
   * for_each is not known, one instance `module.x[*]` stands for all of them, with those names unknown.
   */
  children(name: string, at: Span, source: string): readonly ModuleChild[] {
    const known = this.childrenByCall.get(name);
    if (known) return known;
    const result = this.makeChildren(name, at, source);
    this.childrenByCall.set(name, result);
    return result;
  }

  private makeChildren(name: string, at: Span, source: string): ModuleChild[] {
    const call = this.calls.get(name);
    const attribute = (key: string) => call?.block.body.attributes.find((a) => a.name === key);
    const sourceValue = attribute('source') ? evaluate(attribute('source')!.value, this.scope(call!.file)) : undefined;
    const whole = (reason: Unknown['reason']) => [{ key: '', instance: new Unknown(source, reason, at) }];
    if (!call || typeof sourceValue !== 'string') return whole('unsupported-expression');
    if (!/^\.\.?\//.test(sourceValue)) return whole('remote-module');
    const dir = posix.normalize(posix.join(this.dir, sourceValue)).replace(/^\.$/, '');
    if (!this.repository.tfFilesByDir.has(dir)) return whole('remote-module');
    const make = (key: string, names: ReadonlyMap<string, TfValue>, unknownRepetition?: Unknown): ModuleChild => {
      const inputs = new Map<string, TfValue>();
      for (const input of call.block.body.attributes) {
        if (MODULE_META_ARGUMENTS.has(input.name)) continue;
        inputs.set(input.name, evaluate(input.value, this.scope(call.file, names)));
      }
      const instance = new ModuleInstance(dir, `${this.prefix}module.${name}${key}.`, inputs, this.repository);
      return { key, instance, ...(unknownRepetition ? { unknownRepetition } : {}) };
    };
    const repetition = repetitionOf(call, this.scope(call.file));
    if (repetition === undefined) return [make('', new Map())];
    if (repetition instanceof Unknown) return [make('[*]', unknownNames(repetition), repetition)];
    return repetition.map(({ key, names }) => make(key, names));
  }

  moduleOutput(name: string, steps: readonly HclStep[], scope: Scope, at: Span, source: string): TfValue {
    const children = this.children(name, at, source);
    let rest = steps;
    let child: ModuleChild | undefined;
    if (children.length === 1 && children[0]!.key === '') child = children[0];
    else {
      const [first, ...after] = steps;
      if (first?.kind !== 'index') return new Unknown(source, 'unsupported-expression', at);
      const key = instanceKey(evaluate(first.index, scope));
      child = children.find((candidate) => key !== undefined && candidate.key === key);
      rest = after;
    }
    if (!child) return new Unknown(source, 'unsupported-expression', at);
    if (child.instance instanceof Unknown) return new Unknown(source, child.instance.reason, at);
    const instance = child.instance;
    const [first, ...after] = rest;
    if (first?.kind !== 'attr') return new Unknown(source, 'unsupported-expression', at);
    const output = instance.outputs.get(first.name);
    if (!output) return new Unknown(source, 'unsupported-expression', at);
    const value = instance.once(`output.${first.name}`, at, source, () =>
      evaluate(output.expression, instance.scope(output.file)),
    );
    return applySteps(value, after, scope, at, source);
  }

  resource(
    mode: 'managed' | 'data',
    type: string,
    name: string,
    steps: readonly HclStep[],
    scope: Scope,
    at: Span,
    source: string,
  ): TfValue | undefined {
    const key = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
    const declared = this.resources.get(key);
    if (!declared) return undefined;
    const instances = this.instances(key, declared);
    let rest = steps;
    let instance: ResourceInstance | undefined;
    if (instances.length === 1 && instances[0]!.address === `${this.prefix}${key}`) instance = instances[0];
    else {
      const [first, ...after] = steps;
      if (first?.kind !== 'index') return new Unknown(source, 'unsupported-expression', at);
      const suffix = instanceKey(evaluate(first.index, scope));
      instance = instances.find(
        (candidate) => suffix !== undefined && candidate.address === `${this.prefix}${key}${suffix}`,
      );
      rest = after;
    }
    if (!instance) return new Unknown(source, 'computed-attribute', at);
    return this.attribute(instance, rest, scope, at, source);
  }

  /** The instances count / for_each make of a resource, addressed as Terraform does. */
  instances(key: string, declared: Declared): ResourceInstance[] {
    const address = `${this.prefix}${key}`;
    const scope = this.scope(declared.file);
    const repetition = repetitionOf(declared, scope);
    if (repetition === undefined) return [{ declared, address, scope }];
    if (repetition instanceof Unknown)
      // count.index / each.* stay unknown: the instance stands for every one of them.
      return [
        {
          declared,
          address: `${address}[*]`,
          scope: this.scope(declared.file, unknownNames(repetition)),
          unknownRepetition: repetition,
        },
      ];
    return repetition.map((instance) => ({
      declared,
      address: `${address}${instance.key}`,
      scope: this.scope(declared.file, instance.names),
    }));
  }

  /** An attribute of a resource instance: what is written, or what IAM and Organizations make of it. */
  private attribute(
    instance: ResourceInstance,
    steps: readonly HclStep[],
    scope: Scope,
    at: Span,
    source: string,
  ): TfValue {
    const [first, ...rest] = steps;
    if (first?.kind !== 'attr') return new Unknown(source, 'computed-attribute', at);
    const type = instance.declared.block.labels[0]!;
    const written = (name: string): TfValue | undefined => {
      const found = instance.declared.block.body.attributes.find((a) => a.name === name);
      return found ? evaluate(found.value, instance.scope) : undefined;
    };
    const value = this.once(`${instance.address}#${first.name}`, at, source, () => {
      if (instance.declared.block.type === 'data') return this.dataAttribute(type, first.name, instance, at, source);
      return resourceAttribute(type, first.name, instance.address, written, this.repository, at, source);
    });
    return applySteps(value, rest, scope, at, source);
  }

  private dataAttribute(type: string, name: string, instance: ResourceInstance, at: Span, source: string): TfValue {
    if (type === 'aws_iam_policy_document' && (name === 'json' || name === 'minified_json'))
      return new Encoded(policyDocumentData(instance.declared.block, instance.scope));
    if (type === 'aws_caller_identity' && name === 'account_id' && this.repository.accountId !== undefined)
      return this.repository.accountId;
    if (type === 'aws_partition' && name === 'partition' && this.repository.partition !== undefined)
      return this.repository.partition;
    return new Unknown(source, 'computed-attribute', at);
  }

  readFile(path: string): { path: string; text: string } | undefined {
    for (const candidate of [path, posix.join(this.rootDir(), path)]) {
      const normalised = posix.normalize(candidate).replace(/^\.\//, '');
      const text = this.repository.texts.get(normalised);
      if (text !== undefined) return { path: normalised, text };
      const read = this.repository.readFile?.(normalised);
      if (read !== undefined) return { path: normalised, text: read };
    }
    return undefined;
  }

  private rootDir(): string {
    return this.prefix === '' ? this.dir : '';
  }
}

/** Arguments of a `module` block that are no input of the module. */
const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set([
  'source',
  'version',
  'providers',
  'depends_on',
  'count',
  'for_each',
]);

/** One instance of a `module` block: its key (`''`, `[0]`, `["k"]`, `[*]`) and the module, or why it cannot be read. */
export interface ModuleChild {
  readonly key: string;
  readonly instance: ModuleInstance | Unknown;
  /** Set when count / for_each is not known: the instance stands for all of them. */
  readonly unknownRepetition?: Unknown;
}

/** count.index / each.* of an instance standing for all of them: unknown for the reason count / for_each is. */
function unknownNames(repetition: Unknown): ReadonlyMap<string, TfValue> {
  return new Map([
    ['count', repetition],
    ['each', repetition],
  ]);
}

/** The instance key Terraform gives an index value: `[0]` for a number, `["k"]` for a string. */
function instanceKey(index: TfValue): string | undefined {
  if (typeof index === 'number') return `[${index}]`;
  if (typeof index === 'string') return `[${JSON.stringify(index)}]`;
  return undefined;
}

/**
 * What `count` / `for_each` of a resource or module block make: undefined when it has neither, the instance
 * keys with the names each instance sees (count.index, each.key / each.value), or the unknown when the value
 * is not known before deployment.
 */
function repetitionOf(
  declared: Declared,
  scope: Scope,
): { key: string; names: ReadonlyMap<string, TfValue> }[] | Unknown | undefined {
  const attributes = declared.block.body.attributes;
  const count = attributes.find((a) => a.name === 'count');
  const forEach = attributes.find((a) => a.name === 'for_each');
  const expression = count ?? forEach;
  if (!expression) return undefined;
  const value = evaluate(expression.value, scope);
  const unknown = () =>
    value instanceof Unknown
      ? value
      : new Unknown(expression.value.source, 'unsupported-expression', spanOf(scope.file, expression.value.range));
  if (count) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return unknown();
    return Array.from({ length: value }, (_, index) => ({ key: `[${index}]`, names: new Map([['count', { index }]]) }));
  }
  let entries: [string, TfValue][] | undefined;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    entries = (value as string[]).map((item) => [item, item]);
  else if (isObject(value)) entries = Object.keys(value).map((k) => [k, value[k]!]);
  if (!entries) return unknown();
  return [...new Map(entries)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, each]) => ({ key: `[${JSON.stringify(key)}]`, names: new Map([['each', { key, value: each }]]) }));
}

const PRINCIPAL_KINDS: Readonly<Record<string, string>> = {
  aws_iam_role: 'role',
  aws_iam_user: 'user',
  aws_iam_group: 'group',
};

/**
 * Attributes the provider computes. A principal's or policy's name is what is written; its ARN needs the
 * account, known only from the caller (the repository's configuration). Ids of Organizations resources are
 * never known before deployment: they stay references to the declaring resource.
 */
function resourceAttribute(
  type: string,
  name: string,
  address: string,
  written: (name: string) => TfValue | undefined,
  repository: Repository,
  at: Span,
  source: string,
): TfValue {
  const kind = PRINCIPAL_KINDS[type] ?? (type === 'aws_iam_policy' ? 'policy' : undefined);
  if (kind !== undefined) {
    const resourceName = written('name');
    const nameText = resourceName === undefined ? undefined : textOf(resourceName, at);
    const knownName = typeof nameText === 'string' ? nameText : undefined;
    if (name === 'name' || (name === 'id' && kind !== 'policy'))
      return new ResourceRef(address, type, name, knownName ?? new Unknown(source, 'computed-attribute', at));
    if (name === 'arn' || (name === 'id' && kind === 'policy')) {
      const path = written('path');
      const arn =
        knownName !== undefined &&
        repository.accountId !== undefined &&
        (path === undefined || typeof path === 'string')
          ? `arn:${repository.partition ?? 'aws'}:iam::${repository.accountId}:${kind}${path ?? '/'}${knownName}`
          : new Unknown(source, 'computed-attribute', at);
      return new ResourceRef(address, type, 'arn', arn);
    }
  }
  if (type === 'aws_organizations_organization' && name === 'roots') {
    return [{ id: new ResourceRef(address, type, 'root', new Unknown(source, 'computed-attribute', at)) }];
  }
  if (type.startsWith('aws_organizations_') && (name === 'id' || name === 'arn'))
    return new ResourceRef(address, type, name, new Unknown(source, 'computed-attribute', at));
  const value = written(name);
  return value ?? new Unknown(source, 'computed-attribute', at);
}
