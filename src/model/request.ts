/**
 * What the engine knows of the request context. Key names are case-insensitive in AWS, so the maps
 * are keyed by the lower-cased key name.
 */
export interface RequestContext {
  /** Keys with known values (a single-valued key carries one value). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  /** Keys known to be absent from the request. */
  readonly absent: ReadonlySet<string>;
  /** Keys present in every such request whose value the tool cannot know (even with `--assume-absent`). */
  readonly unknown?: ReadonlySet<string>;
  /** A key in none of these: absent (as AWS's simulator treats it, `--assume-absent`) or unknown. */
  readonly otherKeys: 'absent' | 'unknown';
}

export interface Request {
  /** Service-prefixed action, e.g. "bedrock:InvokeModel". */
  readonly action: string;
  readonly resource: string;
  readonly context: RequestContext;
}

export type KeyLookup =
  | { readonly state: 'present'; readonly values: readonly string[] }
  | { readonly state: 'absent' }
  | { readonly state: 'unknown' };

export function lookupKey(context: RequestContext, key: string): KeyLookup {
  const lower = key.toLowerCase();
  const values = context.values.get(lower);
  if (values !== undefined) return { state: 'present', values };
  if (context.unknown?.has(lower)) return { state: 'unknown' };
  if (context.absent.has(lower) || context.otherKeys === 'absent') return { state: 'absent' };
  return { state: 'unknown' };
}

export function makeContext(
  entries: Iterable<readonly [string, readonly string[]]>,
  options: { absent?: Iterable<string>; unknown?: Iterable<string>; otherKeys?: 'absent' | 'unknown' } = {},
): RequestContext {
  const values = new Map<string, readonly string[]>();
  for (const [key, vals] of entries) values.set(key.toLowerCase(), vals);
  const absent = new Set<string>();
  for (const key of options.absent ?? []) absent.add(key.toLowerCase());
  const unknown = new Set<string>();
  for (const key of options.unknown ?? []) unknown.add(key.toLowerCase());
  return { values, absent, ...(unknown.size > 0 ? { unknown } : {}), otherKeys: options.otherKeys ?? 'unknown' };
}
