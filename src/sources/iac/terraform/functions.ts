import { posix } from 'node:path';
import type { Span } from '../../../model/index.js';
import type { Scope } from './expressions.js';
import { Encoded, isObject, JsonText, spanOf, textOf, type TfObject, type TfValue, Unknown } from './values.js';

export interface CallSite {
  readonly scope: Scope;
  readonly at: Span;
  readonly source: string;
}

type Fn = (args: TfValue[], site: CallSite) => TfValue | undefined;

/** The value when every argument is a known string; undefined otherwise. */
const strings = (args: readonly TfValue[]): string[] | undefined =>
  args.every((arg) => typeof arg === 'string' || typeof arg === 'number' || typeof arg === 'boolean')
    ? args.map(String)
    : undefined;

const list = (value: TfValue | undefined): readonly TfValue[] | undefined => (Array.isArray(value) ? value : undefined);

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  jsonencode: ([value]) => new Encoded(value ?? null),
  file: ([path], site) => readRepositoryFile(path, site),
  templatefile: ([path, vars], site) => templateFile(path, vars, site),
  concat: (args) => (args.every(Array.isArray) ? (args as TfValue[][]).flat() : undefined),
  merge: (args) => (args.every(isObject) ? Object.assign({}, ...(args as TfObject[])) : undefined),
  flatten: ([value]) => {
    const flat = (item: TfValue): TfValue[] => (Array.isArray(item) ? item.flatMap(flat) : [item]);
    return Array.isArray(value) ? flat(value) : undefined;
  },
  distinct: ([value]) =>
    list(value)?.every((item) => typeof item === 'string') ? [...new Set(list(value) as string[])] : undefined,
  toset: ([value]) =>
    list(value)?.every((item) => typeof item === 'string') ? [...new Set(list(value) as string[])].sort() : undefined,
  tolist: ([value]) => list(value),
  tomap: ([value]) => (value !== undefined && isObject(value) ? value : undefined),
  tostring: ([value]) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined,
  compact: ([value]) =>
    list(value)?.every((item) => typeof item === 'string')
      ? (list(value) as string[]).filter((item) => item !== '')
      : undefined,
  length: ([value]) =>
    Array.isArray(value)
      ? value.length
      : value !== undefined && isObject(value)
        ? Object.keys(value).length
        : typeof value === 'string'
          ? [...value].length
          : undefined,
  keys: ([value]) => (value !== undefined && isObject(value) ? Object.keys(value).sort() : undefined),
  values: ([value]) =>
    value !== undefined && isObject(value)
      ? Object.keys(value)
          .sort()
          .map((key) => value[key]!)
      : undefined,
  lookup: ([map, key, fallback]) =>
    map !== undefined && isObject(map) && typeof key === 'string'
      ? Object.hasOwn(map, key)
        ? map[key]
        : fallback
      : undefined,
  element: ([value, index]) => {
    const items = list(value);
    return items && typeof index === 'number' && items.length > 0 ? items[index % items.length] : undefined;
  },
  coalesce: (args) => args.find((arg) => arg !== null && arg !== '') ?? undefined,
  join: ([separator, value]) => {
    const items = list(value ?? null);
    const texts = items ? strings(items) : undefined;
    return typeof separator === 'string' && texts ? texts.join(separator) : undefined;
  },
  split: ([separator, value]) =>
    typeof separator === 'string' && typeof value === 'string' ? value.split(separator) : undefined,
  lower: (args) => strings(args)?.[0]?.toLowerCase(),
  upper: (args) => strings(args)?.[0]?.toUpperCase(),
  trimspace: (args) => strings(args)?.[0]?.trim(),
  replace: (args) => {
    const [text, search, replacement] = strings(args) ?? [];
    // A search string between slashes is a regular expression in Terraform: not evaluated here.
    if (text === undefined || search === undefined || replacement === undefined || /^\/.*\/$/.test(search))
      return undefined;
    return text.split(search).join(replacement);
  },
  format: (args) => {
    const [spec, ...rest] = strings(args) ?? [];
    if (spec === undefined || /%[^sd%]/.test(spec)) return undefined;
    let i = 0;
    return spec.replace(/%([sd%])/g, (_, kind: string) => (kind === '%' ? '%' : (rest[i++] ?? '')));
  },
};

export function callFunction(name: string, args: TfValue[], site: CallSite): TfValue {
  const fn = FUNCTIONS[name];
  // jsonencode keeps unknown parts inside its value; other functions need known arguments.
  if (fn && (name === 'jsonencode' || !args.some((arg) => arg instanceof Unknown))) {
    const result = fn(args, site);
    if (result !== undefined) return result;
  }
  const unknown = args.find((arg): arg is Unknown => arg instanceof Unknown);
  return new Unknown(site.source, unknown?.reason ?? 'unsupported-expression', site.at);
}

/** `file(path)`: a file of the repository, relative to the working directory (the root module). */
function readRepositoryFile(path: TfValue | undefined, site: CallSite): TfValue | undefined {
  if (typeof path !== 'string') return undefined;
  const found = site.scope.world.readFile(posix.normalize(path));
  return found === undefined ? undefined : new JsonText(found.text, found.path, 1);
}

/**
 * `templatefile(path, vars)`: the file with `${name}` of the given variables substituted. Only plain
 * `${name}` interpolations are evaluated; a directive or any other expression leaves the result unknown.
 */
function templateFile(path: TfValue | undefined, vars: TfValue | undefined, site: CallSite): TfValue | undefined {
  const file = readRepositoryFile(path, site);
  if (!(file instanceof JsonText) || typeof file.text !== 'string' || vars === undefined || !isObject(vars))
    return undefined;
  if (/%\{/.test(file.text.replace(/%%\{/g, ''))) return undefined;
  let failed = false;
  const text = file.text.replace(
    /(\$?)\$\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}/g,
    (whole, escaped: string, name: string) => {
      if (escaped) return whole.slice(1);
      const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
      const text =
        value === undefined
          ? undefined
          : textOf(value, spanOf(file.file, { line: 1, column: 1, endLine: 1, endColumn: 1 }));
      if (typeof text !== 'string') failed = true;
      return typeof text === 'string' ? text : whole;
    },
  );
  if (failed || /\$\{/.test(text.replace(/\$\$\{/g, ''))) return undefined;
  return new JsonText(text, file.file, 1);
}
