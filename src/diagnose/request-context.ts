import { contextWith, type PartialValue, type Policy, type Principal, type RequestContext } from '../model/index.js';

/**
 * Context keys the tool knows without being told (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * the principal's, the time, and aws:SecureTransport (bedrock-runtime only accepts HTTPS).
 * The placeholder principal derives no principal keys: they stay unknown (or absent with --assume-absent).
 */
function derivedEntries(
  principal: Principal,
  now: Date,
  principalTags: Readonly<Record<string, string>> | undefined,
): readonly (readonly [string, readonly string[]])[] {
  // Every hop of every check of one principal derives the same keys: the last answer per principal is kept,
  // its keys lower-cased once.
  const time = now.getTime();
  const last = lastDerived.get(principal);
  if (last && last.time === time && last.principalTags === principalTags) return last.entries;
  const context = deriveContext(principal, now, principalTags);
  const entries = Object.keys(context).map((key) => [key.toLowerCase(), context[key]!] as const);
  lastDerived.set(principal, { time, principalTags, entries });
  return entries;
}

const lastDerived = new WeakMap<
  Principal,
  {
    readonly time: number;
    readonly principalTags: Readonly<Record<string, string>> | undefined;
    readonly entries: readonly (readonly [string, readonly string[]])[];
  }
>();

function deriveContext(
  principal: Principal,
  now: Date,
  principalTags: Readonly<Record<string, string>> | undefined,
): Record<string, string[]> {
  const context: Record<string, string[]> = {
    'aws:SecureTransport': ['true'],
    // The caller signs the call itself; a service calling on its behalf is told with --context.
    'aws:ViaAWSService': ['false'],
    'aws:CurrentTime': [isoSeconds(now)],
    'aws:EpochTime': [String(Math.floor(now.getTime() / 1000))],
  };
  if (principal.kind === 'placeholder') return context;
  context['aws:PrincipalAccount'] = [principal.account];
  if (principal.principalArn && !pathHidden(principal)) context['aws:PrincipalArn'] = [principal.principalArn];
  if (principal.principalType) context['aws:PrincipalType'] = [principal.principalType];
  // A principal signing its own request is not an AWS service principal.
  context['aws:PrincipalIsAWSService'] = ['false'];
  if (principal.kind === 'user' && principal.userName) context['aws:username'] = [principal.userName];
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltag
  for (const [key, value] of Object.entries(principalTags ?? {})) context[`aws:PrincipalTag/${key}`] = [value];
  return context;
}

/**
 * `2026-11-27T12:00:00Z`, from the UTC fields: toISOString would set up V8's local-time cache (time zone
 * data), which costs a one-shot run more than the whole request context. Years outside 0–9999 (and an
 * invalid date, which throws) are left to toISOString.
 */
function isoSeconds(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}Z`;
}

/** Keys that the principal's kind rules out of the request (aws:username exists only for IAM users). */
function absentForPrincipal(principal: Principal): string[] {
  if (principal.kind === 'placeholder' || principal.kind === 'user') return [];
  return ['aws:username'];
}

/** A role session named by its sts ARN: the role's path, part of aws:PrincipalArn, is not shown. */
function pathHidden(principal: Principal): boolean {
  return principal.kind === 'role-session' && principal.sessionName !== undefined;
}

/** Keys every request of this caller carries but whose value the tool cannot know: they stay unknown even with --assume-absent. */
function unknownForPrincipal(principal: Principal): string[] {
  return pathHidden(principal) ? ['aws:PrincipalArn'] : [];
}

/** Keys known up to a hidden part: a session's aws:PrincipalArn, the role's ARN without its path. */
function partialForPrincipal(principal: Principal): (readonly [string, PartialValue])[] {
  return pathHidden(principal) && principal.principalArnUpToPath
    ? [['aws:PrincipalArn', principal.principalArnUpToPath]]
    : [];
}

/**
 * A call through a VPC endpoint carries the endpoint's id and its VPC
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce):
 * present, but known only when the caller gives them (--context), so they stay unknown even with --assume-absent.
 */
const VPC_ENDPOINT_KEYS = ['aws:SourceVpce', 'aws:SourceVpc'];

/** What one hop of the call carries besides the caller's keys (the expansion's per-request keys). */
export interface HopContext {
  readonly context: Readonly<Record<string, readonly string[]>>;
  readonly absentKeys: readonly string[];
  /** Keys this hop carries with a value the tool cannot know (a guardrail's identifier without a numeric version). */
  readonly unknownKeys?: readonly string[];
}

/**
 * The request context of one hop. Later sources win: the derived keys, then what the expansion knows
 * of this hop, then the user's --context.
 */
export function requestContextFor(
  principal: Principal,
  options: {
    readonly now: Date;
    readonly context?: Readonly<Record<string, readonly string[]>>;
    readonly assumeAbsent?: boolean;
    /** The caller's IAM tags (a snapshot's); a key the caller lacks stays unknown, as with no tags at all. */
    readonly principalTags?: Readonly<Record<string, string>>;
    readonly absentKeys?: readonly string[];
    /** Set when the call goes through an interface VPC endpoint: its keys are then present, their values unknown unless given. */
    readonly vpcEndpointPolicy?: Policy;
  },
  hop: HopContext = { context: {}, absentKeys: [] },
): RequestContext {
  const entries = new Map<string, readonly string[]>(derivedEntries(principal, options.now, options.principalTags));
  for (const source of [hop.context, options.context]) {
    if (source === undefined) continue;
    for (const key of Object.keys(source)) entries.set(key.toLowerCase(), source[key]!);
  }
  const absent = [...hop.absentKeys, ...absentForPrincipal(principal), ...(options.absentKeys ?? [])].filter(
    (key) => !entries.has(key.toLowerCase()),
  );
  const unknown = [
    ...unknownForPrincipal(principal),
    ...(options.vpcEndpointPolicy ? VPC_ENDPOINT_KEYS : []),
    ...(hop.unknownKeys ?? []),
  ].filter((key) => !entries.has(key.toLowerCase()));
  const partial = partialForPrincipal(principal).filter(([key]) => !entries.has(key.toLowerCase()));
  return contextWith(entries, { absent, unknown, partial, otherKeys: options.assumeAbsent ? 'absent' : 'unknown' });
}
