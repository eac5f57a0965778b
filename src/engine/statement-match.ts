import type { ConditionClause } from '../model/policy.js';
import type { Request } from '../model/request.js';
import type { Tri } from '../model/tri.js';
import type { CompiledStatement } from './compiled-policy.js';
import { principalApplies } from './principal-match.js';
import type { ResourcePattern } from './resource-pattern.js';

export interface StatementOutcome {
  readonly applies: Tri;
  /** When `applies` is 'unknown': the clauses whose truth is unknown. */
  readonly unresolved: readonly ConditionClause[];
  /** When `applies` is 'unknown': why, where AWS's documentation and practice disagree. */
  readonly undecided: readonly string[];
}

const NO_MATCH: StatementOutcome = { applies: false, unresolved: [], undecided: [] };
const MATCH: StatementOutcome = { applies: true, unresolved: [], undecided: [] };
const MALFORMED: StatementOutcome = { applies: 'unknown', unresolved: [], undecided: [] };

/** `compiled` must be one of the statements its policy selects for the request's action (forAction). */
export function matchStatement(compiled: CompiledStatement, request: Request): StatementOutcome {
  if (compiled.malformed) return MALFORMED;
  // Most statements do not match most requests: the unresolved clauses and the resources' reasons are listed only
  // when there are some.
  const undecided: string[] = [];
  let resource = resourceApplies(compiled, request, undecided);
  if (resource === false) return NO_MATCH;
  if (compiled.statement.principal !== undefined) {
    const principal = principalApplies(compiled.statement.principal, request.context);
    if (principal.applies === false) return NO_MATCH;
    if (principal.applies === 'unknown') {
      resource = 'unknown';
      undecided.push(...principal.undecided);
    }
  }
  if (compiled.actionUndecided) {
    const actionUndecided = compiled.actionUndecided(request.action);
    if (actionUndecided.length > 0) {
      resource = 'unknown';
      undecided.unshift(...actionUndecided);
    }
  }
  let unresolved: ConditionClause[] | undefined;
  for (const clause of compiled.clauses) {
    // A clause the engine cannot evaluate never decides in the request's favour, whatever its effect.
    const result = clause.invalid === null ? clause.evaluate(request.context) : 'unknown';
    if (result === false) return NO_MATCH;
    if (result === 'unknown') {
      unresolved ??= [];
      unresolved.push(clause.substituted(request.context));
      const reason = clause.invalid === null ? clause.undecided(request.context) : undefined;
      if (reason !== undefined) undecided.push(reason);
    }
  }
  if (resource === 'unknown') return { applies: 'unknown', unresolved: unresolved ?? [], undecided };
  return unresolved === undefined ? MATCH : { applies: 'unknown', unresolved, undecided };
}

function resourceApplies(compiled: CompiledStatement, request: Request, undecided: string[]): Tri {
  if (compiled.resources) return anyResource(compiled.resources, request, undecided);
  if (!compiled.notResources) return false;
  const listed = anyResource(compiled.notResources, request, undecided);
  return listed === 'unknown' ? 'unknown' : !listed;
}

/** Whether any pattern matches; the reasons of undecided patterns are added to `undecided` when the answer is 'unknown'. */
function anyResource(patterns: readonly ResourcePattern[], request: Request, undecided: string[]): Tri {
  let result: Tri = false;
  let reasons: string[] | undefined;
  for (const pattern of patterns) {
    const match = pattern.matches(request.resource, request.context);
    if (match === true) return true;
    if (match === 'unknown') {
      result = 'unknown';
      if (pattern.undecided !== undefined) {
        reasons ??= [];
        reasons.push(pattern.undecided);
      }
    }
  }
  if (reasons) undecided.push(...reasons);
  return result;
}
