import type { MatchedStatement, Policy, Statement } from '../model/index.js';
import { compileClause, type CompiledClause } from './conditions/index.js';
import { compileResourcePattern, type ResourcePattern } from './resource-pattern.js';
import { compilePattern, type Glob } from './wildcard.js';

export interface CompiledStatement {
  readonly statement: Statement;
  readonly policy: Policy;
  readonly actions: readonly Glob[] | null;
  readonly notActions: readonly Glob[] | null;
  readonly resources: readonly ResourcePattern[] | null;
  readonly notResources: readonly ResourcePattern[] | null;
  readonly clauses: readonly CompiledClause[];
  /**
   * Not a statement IAM would store (hand-built through the library: an Effect other than Allow or
   * Deny, no or empty Action/Resource lists, a condition without values): it can never decide.
   */
  readonly malformed: boolean;
  /** Whether Action/NotAction applies, per action asked: a workload asks about a handful of actions. */
  readonly actionAnswers: Map<string, boolean>;
  /** The statement as reported when it matches unconditionally, per gate (see evaluate). */
  readonly reported: Map<string, MatchedStatement>;
}

export interface CompiledPolicy {
  readonly policy: Policy;
  readonly allows: readonly CompiledStatement[];
  readonly denies: readonly CompiledStatement[];
}

// Policies are immutable, so compiling each once serves every request evaluated against it. The cache is
// keyed by the policy's stable id (a digest of everything the engine reports), so the principals of an
// account that carry the same managed policy, each its own Policy object, compile it once.
const byId = new Map<string, CompiledPolicy>();
/** Enough for every distinct policy of a large account; past it the oldest entries go first. */
const MAX_CACHED = 50_000;
// A Policy built by hand without an id (plain JavaScript callers) is cached by identity only: ids are
// never guessed, so two different policies can never share a compilation.
const byObject = new WeakMap<Policy, CompiledPolicy>();

export function compilePolicy(policy: Policy): CompiledPolicy {
  const id = typeof policy.id === 'string' && policy.id !== '' ? policy.id : undefined;
  const cached = id !== undefined ? byId.get(id) : byObject.get(policy);
  if (cached) return cached;
  // Policy variables are substituted only under the current policy language version.
  const substituteVariables = policy.version === '2012-10-17';
  const allows: CompiledStatement[] = [];
  const denies: CompiledStatement[] = [];
  for (const statement of policy.statements) {
    const compiled = compileStatement(policy, statement, substituteVariables);
    // A malformed statement is kept with the Denies, where it can only make a decision conditional.
    (statement.effect === 'Allow' && !compiled.malformed ? allows : denies).push(compiled);
  }
  const result = { policy, allows, denies };
  if (id === undefined) {
    byObject.set(policy, result);
  } else {
    if (byId.size >= MAX_CACHED) byId.delete(byId.keys().next().value!);
    byId.set(id, result);
  }
  return result;
}

function compileStatement(policy: Policy, statement: Statement, substituteVariables: boolean): CompiledStatement {
  const actionGlobs = (list: readonly string[] | undefined): Glob[] | null =>
    list ? list.map((action) => compilePattern(action, true)) : null;
  const resourcePatterns = (list: readonly string[] | undefined): ResourcePattern[] | null =>
    list ? list.map((resource) => compileResourcePattern(resource, substituteVariables)) : null;
  return {
    statement,
    policy,
    actions: actionGlobs(statement.action),
    notActions: actionGlobs(statement.notAction),
    resources: resourcePatterns(statement.resource),
    notResources: resourcePatterns(statement.notResource),
    clauses: statement.conditions.map((clause) => compileClause(clause, { substituteVariables })),
    malformed: isMalformed(statement),
    actionAnswers: new Map(),
    reported: new Map(),
  };
}

function isMalformed(statement: Statement): boolean {
  const lists = [statement.action, statement.notAction, statement.resource, statement.notResource];
  return (
    (statement.effect !== 'Allow' && statement.effect !== 'Deny') ||
    (statement.action === undefined) === (statement.notAction === undefined) ||
    (statement.resource === undefined) === (statement.notResource === undefined) ||
    lists.some((list) => list !== undefined && list.length === 0) ||
    statement.conditions.some((clause) => clause.values.length === 0)
  );
}
