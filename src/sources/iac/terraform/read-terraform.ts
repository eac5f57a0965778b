import { posix } from 'node:path';
import type { IacFragment, InputIssue } from '../../../model/index.js';
import {
  type HclExpression,
  type HclParser,
  type ManagedPolicyExtract,
  parseTfJson,
  parseTfvarsJson,
} from '../../../parse/index.js';
import { shippedManagedPolicyExtract } from '../../snapshot/managed-policy-extract.js';
import { evaluate } from './expressions.js';
import { hclParser } from './hcl-wasm.js';
import { ModuleInstance, type TfFile } from './module-instance.js';
import { FragmentReader } from './fragment-reader.js';
import type { TfValue } from './values.js';

export interface TerraformOptions {
  /** Repository-relative .tfvars files to apply after terraform.tfvars and *.auto.tfvars, as `-var-file` does. */
  readonly tfvars?: readonly string[];
  /**
   * The account the repository deploys to (from its configuration). Without it, ARNs of the repository's own
   * roles and policies are not known: references to them are unknown values, and principals' `arn` holds
   * `{account}` where the account id goes.
   */
  readonly accountId?: string;
  /** The partition (aws, aws-cn, aws-us-gov) when known; data.aws_partition is unknown without it. */
  readonly partition?: string;
  /** Another repository file (`file()`, `templatefile()`) the given texts do not hold; undefined when there is none. */
  readonly readFile?: (path: string) => string | undefined;
  /** Resolves AWS managed policy ARNs; the shipped extract by default. */
  readonly managedPolicies?: ManagedPolicyExtract;
  /** Root module directories a plan JSON covers: the plan reader reads them, this reader leaves them out. */
  readonly plannedRoots?: readonly string[];
}

/**
 * Reads the Terraform configuration of a repository (texts of its .tf and .tfvars files, repository-relative
 * paths) into the principals, policies and SCPs it declares, each with its file and line. Every root module
 * (a directory of .tf files that no other calls as a local module) is read with its local modules.
 */
export async function readTerraform(
  files: readonly { readonly path: string; readonly text: string }[],
  options: TerraformOptions = {},
): Promise<IacFragment> {
  return readWith(await hclParser(), files, options);
}

function readWith(
  parser: HclParser,
  files: readonly { readonly path: string; readonly text: string }[],
  options: TerraformOptions,
): IacFragment {
  const issues: InputIssue[] = [];
  const texts = new Map(files.map((file) => [posix.normalize(file.path), file.text]));
  const tfFilesByDir = new Map<string, TfFile[]>();
  const parsed = new Map<string, TfFile>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const path = posix.normalize(file.path);
    if (!isTerraformFile(path)) continue;
    const result = path.endsWith('.tfvars.json')
      ? parseTfvarsJson(file.text, path, parser)
      : path.endsWith('.tf.json')
        ? parseTfJson(file.text, path, parser)
        : parser.parse(file.text, path);
    issues.push(...result.issues);
    if (!result.body) continue;
    const tf = { path, body: result.body };
    parsed.set(path, tf);
    if (isConfigurationFile(path)) {
      const dir = dirOf(path);
      tfFilesByDir.set(dir, [...(tfFilesByDir.get(dir) ?? []), tf]);
    }
  }
  const repository = {
    tfFilesByDir,
    texts,
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
    ...(options.partition !== undefined ? { partition: options.partition } : {}),
    ...(options.readFile ? { readFile: options.readFile } : {}),
  };
  const reader = new FragmentReader(
    'terraform',
    options.managedPolicies ?? shippedManagedPolicyExtract(),
    options.accountId,
    issues,
  );
  const planned = new Set(options.plannedRoots ?? []);
  for (const root of rootDirs(tfFilesByDir).filter((dir) => !planned.has(dir))) {
    const inputs = tfvarsOf(root, parsed, options.tfvars ?? [], repository);
    reader.readModule(new ModuleInstance(root, '', inputs, repository));
  }
  return reader.fragment();
}

function dirOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

/** Directories no other directory calls as a local module. */
function rootDirs(tfFilesByDir: ReadonlyMap<string, readonly TfFile[]>): string[] {
  const called = new Set<string>();
  for (const [dir, files] of tfFilesByDir) {
    for (const file of files) {
      for (const block of file.body.blocks) {
        if (block.type !== 'module') continue;
        const source = block.body.attributes.find((a) => a.name === 'source');
        const text = source ? literalText(source.value) : undefined;
        if (text === undefined) continue;
        if (/^\.\.?\//.test(text)) called.add(posix.normalize(posix.join(dir, text)).replace(/^\.$/, ''));
      }
    }
  }
  return [...tfFilesByDir.keys()].filter((dir) => !called.has(dir)).sort();
}

/** A string written without interpolation (a module's source, native or JSON syntax). */
function literalText(expression: HclExpression): string | undefined {
  if (expression.kind === 'literal') return typeof expression.value === 'string' ? expression.value : undefined;
  if (expression.kind !== 'template' || expression.parts.some((part) => part.kind !== 'text')) return undefined;
  return expression.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
}

/** A file of Terraform configuration, native or JSON syntax. */
export function isConfigurationFile(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tf.json');
}

/** A configuration or variable file, native or JSON syntax. */
export function isTerraformFile(path: string): boolean {
  return isConfigurationFile(path) || path.endsWith('.tfvars') || path.endsWith('.tfvars.json');
}

/**
 * terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in name order, then the given files:
 * later values win.
 */
function tfvarsOf(
  root: string,
  parsed: ReadonlyMap<string, TfFile>,
  given: readonly string[],
  repository: ConstructorParameters<typeof ModuleInstance>[3],
): Map<string, TfValue> {
  const inRoot = [...parsed.keys()].filter(
    (path) => dirOf(path) === root && (path.endsWith('.tfvars') || path.endsWith('.tfvars.json')),
  );
  const auto = inRoot.filter((path) => path.endsWith('.auto.tfvars') || path.endsWith('.auto.tfvars.json')).sort();
  const order = [
    ...inRoot.filter((path) => posix.basename(path) === 'terraform.tfvars'),
    ...inRoot.filter((path) => posix.basename(path) === 'terraform.tfvars.json'),
    ...auto,
    ...given.map((path) => posix.normalize(path)),
  ];
  const values = new Map<string, TfValue>();
  // Variable files hold constants only: evaluated in an empty module.
  const empty = new ModuleInstance('\u0000tfvars', '', new Map(), { ...repository, tfFilesByDir: new Map() });
  for (const path of [...new Set(order)]) {
    const file = parsed.get(path);
    if (!file) continue;
    for (const attribute of file.body.attributes)
      values.set(attribute.name, evaluate(attribute.value, empty.scope(path)));
  }
  return values;
}
