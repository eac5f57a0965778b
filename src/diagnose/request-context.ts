import { makeContext, type PartialValue, type Principal, type RequestContext } from '../model/index.js';

/**
 * Context keys the tool knows without being told (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * the principal's, the time, and aws:SecureTransport (bedrock-runtime only accepts HTTPS).
 * The placeholder principal derives no principal keys: they stay unknown (or absent with --assume-absent).
 */
function derivedContext(principal: Principal, now: Date): Record<string, string[]> {
  const context: Record<string, string[]> = {
    'aws:SecureTransport': ['true'],
    // The caller signs the call itself; a service calling on its behalf is told with --context.
    'aws:ViaAWSService': ['false'],
    'aws:CurrentTime': [now.toISOString().replace(/\.\d{3}Z$/, 'Z')],
    'aws:EpochTime': [String(Math.floor(now.getTime() / 1000))],
  };
  if (principal.kind === 'placeholder') return context;
  context['aws:PrincipalAccount'] = [principal.account];
  if (principal.principalArn && !pathHidden(principal)) context['aws:PrincipalArn'] = [principal.principalArn];
  if (principal.principalType) context['aws:PrincipalType'] = [principal.principalType];
  // A principal signing its own request is not an AWS service principal.
  context['aws:PrincipalIsAWSService'] = ['false'];
  if (principal.kind === 'user' && principal.userName) context['aws:username'] = [principal.userName];
  return context;
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

/** What one hop of the call carries besides the caller's keys (the expansion's per-request keys). */
export interface HopContext {
  readonly context: Readonly<Record<string, readonly string[]>>;
  readonly absentKeys: readonly string[];
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
    readonly absentKeys?: readonly string[];
  },
  hop: HopContext = { context: {}, absentKeys: [] },
): RequestContext {
  const entries = new Map<string, readonly string[]>();
  for (const source of [derivedContext(principal, options.now), hop.context, options.context ?? {}]) {
    for (const [key, values] of Object.entries(source)) entries.set(key.toLowerCase(), values);
  }
  const absent = [...hop.absentKeys, ...absentForPrincipal(principal), ...(options.absentKeys ?? [])].filter(
    (key) => !entries.has(key.toLowerCase()),
  );
  const unknown = unknownForPrincipal(principal).filter((key) => !entries.has(key.toLowerCase()));
  const partial = partialForPrincipal(principal).filter(([key]) => !entries.has(key.toLowerCase()));
  return makeContext(entries, { absent, unknown, partial, otherKeys: options.assumeAbsent ? 'absent' : 'unknown' });
}
