import { posix } from 'node:path';
import type { Span } from '../../../model/index.js';
import {
  type HclBlock,
  type HclBody,
  type HclExpression,
  type HclParser,
  type JsonNode,
  parseTfJson,
} from '../../../parse/index.js';
import { items, type JsonObject, objectAt, property, stringAt } from './plan-json.js';
import { spanOf } from './values.js';

/** Where the configuration declares a resource of a plan, and what its expressions refer to. */
export interface PlanDeclaration {
  /** The resource block in a .tf / .tf.json file of the repository; undefined when the repository has none. */
  readonly at?: Span;
  /** Where an attribute is written: of the resource, or of its `index`th nested block `block`. */
  attributeAt(name: string, block?: { readonly name: string; readonly index: number }): Span | undefined;
  /** The `index`th nested block of that name. */
  blockAt(name: string, index: number): Span | undefined;
  /**
   * Where each statement of a policy attribute is written, in order, when the configuration writes them one by one:
   * `jsonencode({ Statement = [...] })`, or `data.aws_iam_policy_document.NAME.json` of a document made only of its
   * `statement` blocks; undefined otherwise (the statements then stand at the attribute's line).
   */
  statementsAt(name: string, block?: { readonly name: string; readonly index: number }): Span[] | undefined;
  /**
   * The attribute's expression in the plan's configuration: what it refers to (`aws_iam_role.worker.name`, …);
   * undefined when the configuration does not write the attribute (the provider computes it).
   */
  expression(attribute: string): { readonly references: readonly string[] } | undefined;
}

interface ConfigModule {
  readonly node?: JsonObject;
  /** The repository directory of the module's files, when its source is local. */
  readonly dir?: string;
}

/**
 * Finds a planned resource's declaration: the plan's `configuration` module (child modules through
 * `module_calls[name].module`) for its expressions, and the module's directory (the plan's directory for the
 * root, joined with each local call's `source`) for its block in the repository's configuration files.
 */
export function declaredResources(
  planDir: string,
  configRoot: JsonObject | undefined,
  files: readonly { readonly path: string; readonly text: string }[],
  parser: HclParser,
): (moduleAddress: string | undefined, type: string, name: string) => PlanDeclaration {
  const index = configurationIndex(files, parser);
  const blocksOf = (dir: string) => index(dir).resources;
  const rootDir = planRootDir(planDir, configRoot, files, parser, index);
  return (moduleAddress, type, name) => {
    const module = configModuleOf(moduleAddress, { ...(configRoot ? { node: configRoot } : {}), dir: rootDir });
    const key = `${type}.${name}`;
    const resource = items(module.node ? property(module.node, 'resources') : undefined).find(
      (entry) => stringAt(entry, 'address') === key && stringAt(entry, 'mode') !== 'data',
    );
    const written = module.dir !== undefined ? blocksOf(module.dir).get(key) : undefined;
    const nested = (name: string, index: number) =>
      written?.block.body.blocks.filter((block) => block.type === name)[index];
    return {
      ...(written ? { at: spanOf(written.file, written.block.range) } : {}),
      attributeAt: (name, block) => {
        const body = block ? nested(block.name, block.index)?.body : written?.block.body;
        const attribute = body?.attributes.find((entry) => entry.name === name);
        return attribute && written ? spanOf(written.file, attribute.range) : undefined;
      },
      blockAt: (name, index) => {
        const found = nested(name, index);
        return found && written ? spanOf(written.file, found.range) : undefined;
      },
      statementsAt: (name, block) => {
        const body = block ? nested(block.name, block.index)?.body : written?.block.body;
        const value = body?.attributes.find((entry) => entry.name === name)?.value;
        if (!value || !written) return undefined;
        const documents = module.dir !== undefined ? index(module.dir).documents : undefined;
        return writtenStatements(value, written.file, documents);
      },
      expression: (attribute) => {
        // Without the configuration of the resource, every attribute counts as written: unknown, not absent.
        if (!resource) return { references: [] };
        const expression = property(resource, 'expressions');
        const written = expression ? property(expression, attribute) : undefined;
        if (!written) return undefined;
        const references = written.kind === 'object' ? property(written, 'references') : undefined;
        return {
          references:
            references?.kind === 'array'
              ? references.items.flatMap((item: JsonNode) => (item.kind === 'string' ? [item.value] : []))
              : [],
        };
      },
    };
  };
}

type Declarations = {
  readonly resources: ReadonlyMap<string, { readonly block: HclBlock; readonly file: string }>;
  readonly modules: ReadonlySet<string>;
  /** `data "aws_iam_policy_document" NAME` blocks, by NAME. */
  readonly documents: ReadonlyMap<string, { readonly block: HclBlock; readonly file: string }>;
};

// Attributes that merge other documents into an aws_iam_policy_document: its statements are then not its blocks alone.
const MERGING = new Set(['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']);

/** The statements of a policy expression, each where it is written (see PlanDeclaration.statementsAt). */
function writtenStatements(
  value: HclExpression,
  file: string,
  documents: Declarations['documents'] | undefined,
): Span[] | undefined {
  if (value.kind === 'call' && value.name === 'jsonencode' && value.args.length === 1 && !value.expand) {
    const document = value.args[0]!;
    if (document.kind !== 'object') return undefined;
    const statement = document.items.find(({ key }) => keyName(key) === 'Statement')?.value;
    if (statement?.kind === 'tuple') return statement.items.map((item) => spanOf(file, item.range));
    return statement?.kind === 'object' ? [spanOf(file, statement.range)] : undefined;
  }
  const steps = value.kind === 'traversal' ? value.steps : [];
  if (
    value.kind !== 'traversal' ||
    value.root !== 'data' ||
    steps.length !== 3 ||
    steps.some((step) => step.kind !== 'attr') ||
    (steps[0] as { name: string }).name !== 'aws_iam_policy_document' ||
    (steps[2] as { name: string }).name !== 'json'
  )
    return undefined;
  const declared = documents?.get((steps[1] as { name: string }).name);
  if (!declared) return undefined;
  const { body } = declared.block;
  if (body.attributes.some((attribute) => MERGING.has(attribute.name) || attribute.name === 'count')) return undefined;
  if (body.blocks.some((block) => block.type === 'dynamic')) return undefined;
  return body.blocks.filter((block) => block.type === 'statement').map((block) => spanOf(declared.file, block.range));
}

/** An object key as written: an identifier or a quoted string. */
function keyName(key: HclExpression): string | undefined {
  if (key.kind === 'traversal' && key.steps.length === 0) return key.root;
  if (key.kind === 'literal' && typeof key.value === 'string') return key.value;
  if (key.kind === 'template' && key.parts.length === 1 && key.parts[0]!.kind === 'text') return key.parts[0]!.text;
  return undefined;
}

/** The resource and module blocks of each directory's .tf / .tf.json files, parsed once. */
function configurationIndex(
  files: readonly { readonly path: string; readonly text: string }[],
  parser: HclParser,
): (dir: string) => Declarations {
  const byDir = new Map<string, Declarations>();
  return (dir) => {
    const known = byDir.get(dir);
    if (known) return known;
    const resources = new Map<string, { block: HclBlock; file: string }>();
    const modules = new Set<string>();
    const documents = new Map<string, { block: HclBlock; file: string }>();
    for (const file of files) {
      if (dirOf(file.path) !== dir) continue;
      for (const block of parseConfiguration(file, parser)?.blocks ?? []) {
        if (block.type === 'resource' && block.labels.length === 2)
          resources.set(`${block.labels[0]}.${block.labels[1]}`, { block, file: file.path });
        if (block.type === 'module' && block.labels.length === 1) modules.add(block.labels[0]!);
        if (block.type === 'data' && block.labels.length === 2 && block.labels[0] === 'aws_iam_policy_document')
          documents.set(block.labels[1]!, { block, file: file.path });
      }
    }
    const found = { resources, modules, documents };
    byDir.set(dir, found);
    return found;
  };
}

function dirOf(path: string): string {
  return posix.dirname(path) === '.' ? '' : posix.dirname(path);
}

/**
 * The directory of the plan's root module. `terraform show -json` does not record it: the plan's own directory
 * when that declares every managed resource and module call of the root configuration, else the one directory
 * of the repository that does (a plan written to another folder by CI); none or several: the plan's directory,
 * whose resources then stand at their plan lines rather than at a guessed block.
 */
export function planRootDir(
  planDir: string,
  configRoot: JsonObject | undefined,
  files: readonly { readonly path: string; readonly text: string }[],
  parser: HclParser,
  index: (dir: string) => Declarations = configurationIndex(files, parser),
): string {
  const resources = items(configRoot ? property(configRoot, 'resources') : undefined)
    .filter((entry) => stringAt(entry, 'mode') !== 'data')
    .flatMap((entry) => stringAt(entry, 'address') ?? []);
  const calls = configRoot ? objectAt(configRoot, 'module_calls') : undefined;
  const modules = calls ? calls.properties.map((entry) => entry.key) : [];
  if (resources.length + modules.length === 0) return planDir;
  const declaresAll = (dir: string) => {
    const declared = index(dir);
    return resources.every((key) => declared.resources.has(key)) && modules.every((name) => declared.modules.has(name));
  };
  if (declaresAll(planDir)) return planDir;
  const dirs = files.filter((file) => /\.tf(\.json)?$/.test(file.path)).map((file) => dirOf(file.path));
  const candidates = [...new Set(dirs)].sort().filter(declaresAll);
  return candidates.length === 1 ? candidates[0]! : planDir;
}

/** `module.a["x"].module.b[0]` → the configuration of call b inside call a, and its directory. */
function configModuleOf(moduleAddress: string | undefined, root: ConfigModule): ConfigModule {
  const names = (moduleAddress ?? '')
    .replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '')
    .split('.')
    .filter((_, i) => i % 2 === 1);
  let current = root;
  for (const name of names) {
    const call = current.node ? objectAt(current.node, 'module_calls', name) : undefined;
    const source = call ? stringAt(call, 'source') : undefined;
    const node = call ? objectAt(call, 'module') : undefined;
    const dir =
      current.dir !== undefined && source !== undefined && /^\.\.?\//.test(source)
        ? posix.normalize(posix.join(current.dir, source)).replace(/^\.$/, '')
        : undefined;
    current = { ...(node ? { node } : {}), ...(dir !== undefined ? { dir } : {}) };
  }
  return current;
}

// Each configuration file's syntax tree, kept with the file: plannedRootDirs and readTerraformPlans read the same files.
const parsed = new WeakMap<object, HclBody | undefined>();

function parseConfiguration(
  file: { readonly path: string; readonly text: string },
  parser: HclParser,
): HclBody | undefined {
  if (parsed.has(file)) return parsed.get(file);
  const body = file.path.endsWith('.tf.json')
    ? parseTfJson(file.text, file.path, parser).body
    : file.path.endsWith('.tf')
      ? parser.parse(file.text, file.path).body
      : undefined;
  parsed.set(file, body);
  return body;
}
