import type { PartialValue, RequestContext, Tri } from '../../model/index.js';
import { parseTemplate, resolveTemplate, type Template } from '../variables.js';
import type { GlobPart } from '../wildcard.js';
import { MATCHES_NOTHING, type ValueFamily, type ValueTest } from './value-test.js';

/**
 * The policy values of one clause, compiled once. A value with policy variables is compiled when the
 * context is known; its last compilation is kept, since one policy is checked against many requests
 * from the same principal.
 */
export type ResolvedTest = ValueTest | 'unknown';

interface TemplateValue {
  readonly template: Template;
  cacheKey: string | null;
  cached: ValueTest;
}

interface PolicyValues {
  /** Each value's test in this context: 'unknown' when a variable's key is unknown. */
  resolve(context: RequestContext): readonly ResolvedTest[];
}

export type CompiledValues =
  | { readonly ok: true; readonly values: PolicyValues }
  | { readonly ok: false; readonly invalid: string };

export function compileValues(
  family: ValueFamily,
  values: readonly string[],
  substituteVariables: boolean,
): CompiledValues {
  const fixed: ValueTest[] = [];
  const templates: TemplateValue[] = [];
  for (const value of values) {
    const template = family.substitutesVariables && substituteVariables ? parseTemplate(value) : null;
    if (template?.some((part) => part.kind === 'variable')) {
      templates.push({ template, cacheKey: null, cached: MATCHES_NOTHING });
      continue;
    }
    const parts = template !== null ? textParts(template) : [{ text: value, literal: false }];
    const test = family.compile(parts);
    if (test === undefined) return { ok: false, invalid: `invalid value ${JSON.stringify(value)}` };
    fixed.push(test);
  }
  if (templates.length === 0) {
    return { ok: true, values: { resolve: () => fixed } };
  }
  return {
    ok: true,
    values: {
      resolve(context) {
        const tests: ResolvedTest[] = [...fixed];
        for (const value of templates) tests.push(resolveValue(family, value, context));
        return tests;
      },
    },
  };
}

/** The parts of a template without variables (plain text and the `${*}` `${?}` `${$}` escapes). */
function textParts(template: Template): GlobPart[] {
  const parts: GlobPart[] = [];
  for (const part of template) if (part.kind === 'text') parts.push({ text: part.text, literal: part.literal });
  return parts;
}

function resolveValue(family: ValueFamily, value: TemplateValue, context: RequestContext): ResolvedTest {
  const resolution = resolveTemplate(value.template, context);
  // No value and no default: AWS cannot substitute the variable, so the value matches nothing
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value).
  if (resolution.kind === 'unresolvable') return MATCHES_NOTHING;
  if (resolution.kind === 'unknown') return 'unknown';
  const key = cacheKeyOf(resolution.parts);
  if (value.cacheKey !== key) {
    // A substituted value that is not valid for the operator (a Bool variable holding "yes", an ARN
    // variable without colons) is request data, not a policy error: that value matches nothing.
    value.cached = family.compile(resolution.parts) ?? MATCHES_NOTHING;
    value.cacheKey = key;
  }
  return value.cached;
}

function cacheKeyOf(parts: readonly GlobPart[]): string {
  let key = '';
  for (const part of parts) key += `${part.literal ? 'L' : 'P'}${part.text.length}:${part.text}`;
  return key;
}

/** Whether one request value matches any of the policy values (the values are ORed). */
export function matchesAny(tests: readonly ResolvedTest[], requestValue: string): Tri {
  let result: Tri = false;
  for (const test of tests) {
    if (test === 'unknown') result = 'unknown';
    else if (test.test(requestValue)) return true;
  }
  return result;
}

/** Whether a value known up to a hidden part matches any of the policy values, for every hidden part (true), none (false), or it depends. */
export function matchesAnyPartial(tests: readonly ResolvedTest[], value: PartialValue): Tri {
  let result: Tri = false;
  for (const test of tests) {
    // Two values that each match only some hidden parts may together match all: 'unknown' is the sound answer.
    const matched: Tri =
      test === 'unknown' ? 'unknown' : test.partial ? test.partial(value) : (test.constant ?? 'unknown');
    if (matched === true) return true;
    if (matched === 'unknown') result = 'unknown';
  }
  return result;
}

/** Whether the values match every string (true), no string (false), or it depends (null). */
export function constantMatch(tests: readonly ResolvedTest[]): boolean | null {
  let matchesNone = true;
  for (const test of tests) {
    if (test === 'unknown') {
      matchesNone = false;
      continue;
    }
    if (test.constant === true) return true;
    if (test.constant !== false) matchesNone = false;
  }
  return matchesNone ? false : null;
}
