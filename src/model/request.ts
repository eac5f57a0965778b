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
  /**
   * Keys among `unknown` whose value is known except for a hidden part: aws:PrincipalArn of a role
   * session is the role's ARN, whose path the session ARN does not show.
   */
  readonly partial?: ReadonlyMap<string, PartialValue>;
  /** A key in none of these: absent (as AWS's simulator treats it, `--assume-absent`) or unknown. */
  readonly otherKeys: 'absent' | 'unknown';
}

/**
 * A single value known up to one hidden part: `prefix + hidden + suffix`.
 * `iam-path`: an IAM path, "/" or "/…/" of printable ASCII characters (U+0021 to U+007E)
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html, Path pattern).
 */
export interface PartialValue {
  readonly prefix: string;
  readonly hidden: 'iam-path';
  readonly suffix: string;
}

export function lookupPartial(context: RequestContext, key: string): PartialValue | undefined {
  const lower = key.toLowerCase();
  return context.unknown?.has(lower) ? context.partial?.get(lower) : undefined;
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

/** Shared by every context without absent keys: read-only, as `RequestContext.absent` is typed. */
const NO_KEYS: ReadonlySet<string> = new Set();

interface ContextKeys {
  absent?: Iterable<string>;
  unknown?: Iterable<string>;
  partial?: Iterable<readonly [string, PartialValue]>;
  otherKeys?: 'absent' | 'unknown';
}

export function makeContext(
  entries: Iterable<readonly [string, readonly string[]]>,
  options: ContextKeys = {},
): RequestContext {
  const values = new Map<string, readonly string[]>();
  for (const [key, vals] of entries) values.set(key.toLowerCase(), vals);
  return contextWith(values, options);
}

/**
 * `makeContext` of a map whose keys are lower-cased already, which the context takes as its own (the caller must
 * not change it): the fix planner and the matrix make contexts by the hundred thousand.
 */
export function contextWith(values: Map<string, readonly string[]>, options: ContextKeys = {}): RequestContext {
  // Most requests know of no absent, unknown or partial key: those collections are made only when one is given.
  let absent: Set<string> | undefined;
  for (const key of options.absent ?? []) {
    absent ??= new Set();
    absent.add(key.toLowerCase());
  }
  let unknown: Set<string> | undefined;
  for (const key of options.unknown ?? []) {
    unknown ??= new Set();
    unknown.add(key.toLowerCase());
  }
  // A partially known key is an unknown key to every reader that does not look for the known parts.
  let partial: Map<string, PartialValue> | undefined;
  for (const [key, value] of options.partial ?? []) {
    unknown ??= new Set();
    unknown.add(key.toLowerCase());
    partial ??= new Map();
    partial.set(key.toLowerCase(), value);
  }
  return {
    values,
    absent: absent ?? NO_KEYS,
    ...(unknown ? { unknown } : {}),
    ...(partial ? { partial } : {}),
    otherKeys: options.otherKeys ?? 'unknown',
  };
}
