import type { MatchedStatement, Policy, Statement } from '../model/index.js';
import { compileClause, type CompiledClause } from './conditions/index.js';
import { compileResourcePattern, type ResourcePattern } from './resource-pattern.js';
import { unknownActionMatch, unknownClause, unknownResourcePattern, unknownsIn } from './unknown-values.js';
import { compilePattern, matchGlob } from './wildcard.js';

export interface CompiledStatement {
  readonly statement: Statement;
  readonly policy: Policy;
  readonly resources: readonly ResourcePattern[] | null;
  readonly notResources: readonly ResourcePattern[] | null;
  readonly clauses: readonly CompiledClause[];
  /**
   * Not a statement IAM would store (hand-built through the library: an Effect other than Allow or
   * Deny, no or empty Action/Resource lists, a condition without values): it can never decide.
   */
  readonly malformed: boolean;
  /**
   * Set when Action/NotAction holds unknown values (model/policy.ts UnknownValue): why the statement's
   * action match is undecided for `action`, or nothing when it is decided.
   */
  readonly actionUndecided: ((action: string) => readonly string[]) | null;
  /** The statement as reported when it matches unconditionally, per gate (see evaluate). */
  readonly reported: Map<string, MatchedStatement>;
}

/** The statements of a policy that can apply to one action, in document order. */
interface ActionStatements {
  readonly allows: readonly CompiledStatement[];
  readonly denies: readonly CompiledStatement[];
}

export interface CompiledPolicy {
  readonly policy: Policy;
  /**
   * The malformed statements and those whose Action/NotAction covers `action`: only these are compiled,
   * on first use. A workload asks about a handful of actions, and a large policy is mostly about others.
   */
  forAction(action: string): ActionStatements;
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
  const result = lazyPolicy(policy);
  if (id === undefined) {
    byObject.set(policy, result);
  } else {
    if (byId.size >= MAX_CACHED) byId.delete(byId.keys().next().value!);
    byId.set(id, result);
    forgetOnExit.at(-1)?.push(id);
  }
  return result;
}

// The ids first compiled inside each running forgettingNewPolicies, innermost last.
const forgetOnExit: string[][] = [];

/**
 * Runs `work` and then forgets the policies it compiled first: the edited copies fix planning evaluates (a
 * principal's own policy with a statement added) are mostly never evaluated again, and kept they made a process
 * checking thousands of principals hold hundreds of MB. What was compiled before stays.
 */
export function forgettingNewPolicies<T>(work: () => T): T {
  const ids: string[] = [];
  forgetOnExit.push(ids);
  try {
    return work();
  } finally {
    forgetOnExit.pop();
    for (const id of ids) byId.delete(id);
  }
}

/**
 * Forgets every compiled policy cached by id: a caller that is done with a set of policies (the matrix, after
 * each account) lets them go; a policy evaluated again is compiled again.
 */
export function releaseCompiledPolicies(): void {
  byId.clear();
}

function lazyPolicy(policy: Policy): CompiledPolicy {
  // Policy variables are substituted only under the current policy language version.
  const substituteVariables = policy.version === '2012-10-17';
  const statements = policy.statements;
  const compiled: (CompiledStatement | undefined)[] = new Array(statements.length);
  const malformed = statements.map(isMalformed);
  const byAction = new Map<string, ActionStatements>();
  const compiledAt = (i: number): CompiledStatement => {
    let statement = compiled[i];
    if (!statement) {
      statement = compileStatement(policy, statements[i]!, malformed[i]!, substituteVariables);
      compiled[i] = statement;
    }
    return statement;
  };
  return {
    policy,
    forAction(action) {
      let selected = byAction.get(action);
      if (!selected) {
        const allows: CompiledStatement[] = [];
        const denies: CompiledStatement[] = [];
        const lowerAction = action.toLowerCase();
        for (let i = 0; i < statements.length; i++) {
          const statement = statements[i]!;
          if (!malformed[i] && !actionApplies(statement, action, lowerAction)) continue;
          // A malformed statement is kept with the Denies, where it can only make a decision conditional.
          (statement.effect === 'Allow' && !malformed[i] ? allows : denies).push(compiledAt(i));
        }
        selected = { allows, denies };
        byAction.set(action, selected);
      }
      return selected;
    },
  };
}

/**
 * Whether Action/NotAction covers the action; a statement with neither (hand-built) covers nothing. One whose
 * match is undecided (unknown values) is kept: matchStatement makes it 'unknown'.
 */
function actionApplies(statement: Statement, action: string, lowerAction: string): boolean {
  if (hasUnknownActions(statement))
    return (
      unknownActionMatch(statement, action, (pattern) => actionPatternMatches(pattern, action, lowerAction)).applies !==
      false
    );
  if (statement.action) return anyActionPattern(statement.action, action, lowerAction);
  if (statement.notAction) return !anyActionPattern(statement.notAction, action, lowerAction);
  return false;
}

function anyActionPattern(patterns: readonly string[], action: string, lowerAction: string): boolean {
  for (const pattern of patterns) if (actionPatternMatches(pattern, action, lowerAction)) return true;
  return false;
}

/**
 * Case-insensitive `*`/`?` matching. The text before the first wildcard must be a prefix of the action
 * (it is the anchored first piece of the compiled pattern), which rules out most patterns (other
 * services) without compiling them.
 */
function actionPatternMatches(pattern: string, action: string, lowerAction: string): boolean {
  const lower = pattern.toLowerCase();
  let wildcard = lower.indexOf('*');
  const question = lower.indexOf('?');
  if (question >= 0 && (wildcard < 0 || question < wildcard)) wildcard = question;
  if (wildcard < 0) return lower === lowerAction;
  if (!lowerAction.startsWith(lower.slice(0, wildcard))) return false;
  return matchGlob(compilePattern(pattern, true), action);
}

function hasUnknownActions(statement: Statement): boolean {
  return (statement.action ?? statement.notAction ?? []).some((pattern) => unknownsIn(statement, pattern).length > 0);
}

function compileStatement(
  policy: Policy,
  statement: Statement,
  malformed: boolean,
  substituteVariables: boolean,
): CompiledStatement {
  const resourcePatterns = (list: readonly string[] | undefined): ResourcePattern[] | null =>
    list
      ? list.map((resource) => {
          const unknowns = unknownsIn(statement, resource);
          return unknowns.length > 0
            ? unknownResourcePattern(resource, unknowns)
            : compileResourcePattern(resource, substituteVariables);
        })
      : null;
  const options = { substituteVariables };
  const clauses = statement.conditions.map((clause) => {
    const unknowns = unknownsIn(statement, [clause.operator, clause.key, ...clause.values].join('\n'));
    return unknowns.length > 0
      ? unknownClause(clause, unknowns, (known) => compileClause(known, options))
      : compileClause(clause, options);
  });
  const actionUndecided = hasUnknownActions(statement)
    ? (action: string) =>
        unknownActionMatch(statement, action, (pattern) => actionPatternMatches(pattern, action, action.toLowerCase()))
          .undecided
    : null;
  return {
    statement,
    policy,
    resources: resourcePatterns(statement.resource),
    notResources: resourcePatterns(statement.notResource),
    clauses,
    actionUndecided,
    malformed,
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
