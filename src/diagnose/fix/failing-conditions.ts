import { compileClause } from '../../engine/conditions/index.js';
import { evaluate } from '../../engine/evaluate.js';
import type { EvaluationInput } from '../../engine/evaluate.js';
import {
  lookupKey,
  parseOperator,
  withPolicyId,
  type ConditionClause,
  type Policy,
  type PolicyType,
  type Request,
  type Statement,
} from '../../model/index.js';
import { writtenPoliciesOf, type PolicyRef } from './policy-edit.js';

/** One clause of an Allow that is false for the request. */
export interface FailingClause {
  readonly clause: ConditionClause;
  /** The request's values for the key; null when absent. */
  readonly given: readonly string[] | null;
}

/** An Allow whose action and resource match the request but some of whose clauses are false for it. */
export interface ConditionalAllow {
  readonly target: PolicyRef;
  /** Position of the statement in `target.policy.statements`. */
  readonly index: number;
  readonly statement: Statement;
  readonly failing: readonly FailingClause[];
}

const REGION_KEY = 'aws:requestedregion';
/** Operators whose list of values a request Region can be added to, as an exact value. */
const WIDENABLE = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike']);

const substitutes = (policy: Policy): boolean => policy.version === '2012-10-17';

/**
 * The Allows of one gate (a policy type, an SCP level) whose Action and Resource match the request
 * and whose Condition is false because of at least one clause — the statements a user wrote for this
 * call that do not apply in this context. Clauses the engine cannot decide (unknown keys) are not
 * failing: such a statement makes the decision conditional, not denied.
 */
export function conditionalAllows(
  input: EvaluationInput,
  policyType: PolicyType,
  level: string | undefined,
  request: Request,
): ConditionalAllow[] {
  const found: ConditionalAllow[] = [];
  // A built-in policy is in no file: no statement of it is one a user wrote, or one a fix can edit.
  for (const policy of writtenPoliciesOf(input, policyType, level)) {
    policy.statements.forEach((statement, index) => {
      if (statement.effect !== 'Allow' || statement.conditions.length === 0) return;
      if (!matchesWithoutConditions(policy, statement, request)) return;
      const failing = statement.conditions
        .filter(
          (clause) =>
            compileClause(clause, { substituteVariables: substitutes(policy) }).evaluate(request.context) === false,
        )
        .map((clause) => ({ clause, given: givenValues(request, clause.key) }));
      if (failing.length === 0) return;
      const target: PolicyRef = {
        policyType,
        ...(policyType === 'scp' && level !== undefined ? { level } : {}),
        policy,
      };
      found.push({ target, index, statement, failing });
    });
  }
  // The statement closest to applying first: the fewest clauses to satisfy, Region clauses (which a fix can widen) counting least.
  return found.sort((a, b) => cost(a) - cost(b));
}

function cost(allow: ConditionalAllow): number {
  return allow.failing.reduce((sum, failing) => sum + (isWidenable(failing) ? 1 : 10), 0);
}

function givenValues(request: Request, key: string): readonly string[] | null {
  const lookup = lookupKey(request.context, key);
  return lookup.state === 'present' ? lookup.values : null;
}

/** Whether the statement's Action and Resource alone match: the engine decides on a copy without its Condition. */
function matchesWithoutConditions(policy: Policy, statement: Statement, request: Request): boolean {
  return evaluate({ identity: [bareCopy(policy, statement)] }, request).decision === 'allowed';
}

// The copy depends on the statement and the policy's language version (variables in Resource) alone, and
// fix planning asks about the same statements for every principal of an account: made once per statement.
const bareCopies = new WeakMap<Statement, Policy>();

function bareCopy(policy: Policy, statement: Statement): Policy {
  const cached = bareCopies.get(statement);
  if (cached && cached.version === policy.version) return cached;
  const bare: Policy = withPolicyId({ ...policy, statements: [{ ...statement, conditions: [] }] });
  bareCopies.set(statement, bare);
  return bare;
}

/**
 * A failing clause on aws:RequestedRegion that lists Regions (StringEquals, StringEqualsIgnoreCase,
 * StringLike, without a set operator or negation) while the request names a Region (or "unspecified",
 * the value of global routing): the clause can be widened by exactly that value, which keeps every
 * other Region out.
 */
export function isWidenable(failing: FailingClause): boolean {
  const operator = parseOperator(failing.clause.operator);
  return (
    operator !== undefined &&
    operator.set === null &&
    WIDENABLE.has(operator.base) &&
    failing.clause.key.toLowerCase() === REGION_KEY &&
    failing.given !== null &&
    failing.given.length === 1
  );
}

/**
 * The request as it would be if the caller met the clauses — the value each clause names put in the
 * context — or undefined when no such value is evident (a negated operator, a wildcard pattern, a
 * policy variable, an open range). Used to re-evaluate what else still denies the call once the
 * condition is met; the engine confirms each clause holds with the value chosen.
 */
export function satisfiedRequest(
  request: Request,
  policy: Policy,
  clauses: readonly ConditionClause[],
): Request | undefined {
  const values = new Map(request.context.values);
  const absent = new Set(request.context.absent);
  const unknown = new Set(request.context.unknown ?? []);
  for (const clause of clauses) {
    const value = satisfyingValue(clause);
    if (value === undefined) return undefined;
    const key = clause.key.toLowerCase();
    values.set(key, [value]);
    absent.delete(key);
    unknown.delete(key);
  }
  const context = {
    ...request.context,
    values,
    absent,
    ...(unknown.size > 0 || request.context.unknown ? { unknown } : {}),
  };
  const satisfied: Request = { ...request, context };
  const holds = clauses.every(
    (clause) => compileClause(clause, { substituteVariables: substitutes(policy) }).evaluate(context) === true,
  );
  return holds ? satisfied : undefined;
}

/** Operators that hold for the value they name. */
const HOLDS_FOR_OWN_VALUE = new Set([
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'ArnEquals',
  'ArnLike',
  'Bool',
  'IpAddress',
  'NumericEquals',
  'NumericLessThanEquals',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateLessThanEquals',
  'DateGreaterThanEquals',
]);

function satisfyingValue(clause: ConditionClause): string | undefined {
  const operator = parseOperator(clause.operator);
  const value = clause.values[0];
  if (!operator || value === undefined || !HOLDS_FOR_OWN_VALUE.has(operator.base) || value.includes('${'))
    return undefined;
  // The Region a request is authorized in is the profile's routing, not something the caller can send otherwise.
  if (clause.key.toLowerCase() === REGION_KEY) return undefined;
  if ((operator.base === 'StringLike' || operator.base === 'ArnLike') && /[*?]/.test(value)) return undefined;
  // The first address of the range is in it.
  return operator.base === 'IpAddress' ? value.split('/')[0] : value;
}
