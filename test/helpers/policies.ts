import { parsePolicyDocument } from '../../src/parse/index.js';
import {
  formatInputIssue,
  makeContext,
  type Policy,
  type WrittenPolicy,
  type PolicyType,
  type Request,
  type RequestContext,
  type ScpLevel,
} from '../../src/model/index.js';

export interface PolicyOptions {
  readonly type?: PolicyType;
  readonly file?: string;
  readonly name?: string;
  readonly arn?: string;
}

/**
 * Parses a policy document from JSON text (an object is pretty-printed first, so every statement
 * sits on its own lines) with the real parser, so statements carry real spans. Throws when the
 * parser reports an error: a test policy that AWS would reject is a broken test.
 */
export function policy(document: string | object, options: PolicyOptions = {}): WrittenPolicy {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  const type = options.type ?? 'identity';
  const file = options.file ?? `${type}.json`;
  const result = parsePolicyDocument(text, file, {
    type,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.arn !== undefined ? { arn: options.arn } : {}),
  });
  if (!result.policy) {
    throw new Error(`test policy ${file} does not parse:\n${result.issues.map(formatInputIssue).join('\n')}`);
  }
  return result.policy;
}

/** `{"Version": "2012-10-17", "Statement": [...]}` around the given statements. */
export function doc(...statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

export function scpLevel(name: string, ...policies: Policy[]): ScpLevel {
  return { name, policies };
}

/** The AWS managed SCP attached by default to every root, OU and account. */
export function fullAwsAccess(file = 'FullAWSAccess.json'): Policy {
  return policy(doc({ Effect: 'Allow', Action: '*', Resource: '*' }), {
    type: 'scp',
    file,
    name: 'FullAWSAccess',
    arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  });
}

/** A request context; keys not listed are unknown unless `otherKeys` says absent. */
export function context(
  values: Record<string, string | readonly string[]> = {},
  options: { absent?: readonly string[]; otherKeys?: 'absent' | 'unknown' } = {},
): RequestContext {
  return makeContext(
    Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? [value] : value] as const),
    { absent: options.absent ?? [], otherKeys: options.otherKeys ?? 'unknown' },
  );
}

export function request(
  action: string,
  resource: string,
  ctx: RequestContext = context({}, { otherKeys: 'absent' }),
): Request {
  return { action, resource, context: ctx };
}

/** 1-based line of the first occurrence of `needle` in `text` (to assert statement spans). */
export function lineOf(text: string, needle: string, from = 0): number {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} not in text`);
  return text.slice(0, offset).split('\n').length;
}
