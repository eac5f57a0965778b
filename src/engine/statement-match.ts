import type { ConditionClause } from '../model/policy.js';
import type { Request } from '../model/request.js';
import type { Tri } from '../model/tri.js';
import type { CompiledStatement } from './compiled-policy.js';
import type { ResourcePattern } from './resource-pattern.js';
import { matchGlob, type Glob } from './wildcard.js';

export interface StatementOutcome {
  readonly applies: Tri;
  /** When `applies` is 'unknown': the clauses whose truth is unknown. */
  readonly unresolved: readonly ConditionClause[];
}

const NO_MATCH: StatementOutcome = { applies: false, unresolved: [] };
const MATCH: StatementOutcome = { applies: true, unresolved: [] };
const MALFORMED: StatementOutcome = { applies: 'unknown', unresolved: [] };

export function matchStatement(compiled: CompiledStatement, request: Request): StatementOutcome {
  if (compiled.malformed) return MALFORMED;
  if (!actionApplies(compiled, request.action)) return NO_MATCH;
  const resource = resourceApplies(compiled, request);
  if (resource === false) return NO_MATCH;
  const unresolved: ConditionClause[] = [];
  for (const clause of compiled.clauses) {
    // A clause the engine cannot evaluate never decides in the request's favour, whatever its effect.
    const result = clause.invalid === null ? clause.evaluate(request.context) : 'unknown';
    if (result === false) return NO_MATCH;
    if (result === 'unknown') unresolved.push(clause.substituted(request.context));
  }
  if (resource === 'unknown') return { applies: 'unknown', unresolved };
  return unresolved.length === 0 ? MATCH : { applies: 'unknown', unresolved };
}

function actionApplies(compiled: CompiledStatement, action: string): boolean {
  let answer = compiled.actionAnswers.get(action);
  if (answer === undefined) {
    // A statement with neither Action nor NotAction (only a hand-built one; parse rejects it) covers nothing.
    answer = compiled.actions ? anyGlob(compiled.actions, action) : compiled.notActions ? !anyGlob(compiled.notActions, action) : false;
    compiled.actionAnswers.set(action, answer);
  }
  return answer;
}

function anyGlob(globs: readonly Glob[], text: string): boolean {
  for (const glob of globs) if (matchGlob(glob, text)) return true;
  return false;
}

function resourceApplies(compiled: CompiledStatement, request: Request): Tri {
  if (compiled.resources) return anyResource(compiled.resources, request);
  if (!compiled.notResources) return false;
  const listed = anyResource(compiled.notResources, request);
  return listed === 'unknown' ? 'unknown' : !listed;
}

function anyResource(patterns: readonly ResourcePattern[], request: Request): Tri {
  let result: Tri = false;
  for (const pattern of patterns) {
    const match = pattern.matches(request.resource, request.context);
    if (match === true) return true;
    if (match === 'unknown') result = 'unknown';
  }
  return result;
}
