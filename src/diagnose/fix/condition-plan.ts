import { evaluate, type EvaluationInput } from '../../engine/evaluate.js';
import {
  message,
  statementKey,
  type ConditionClause,
  type FixDetailCode,
  type Message,
  type Request,
} from '../../model/index.js';
import type { EvaluatedCheck } from '../evaluation.js';
import { freeSid, profileCopyStatement, widenedStatement, withoutClauses } from './condition-edits.js';
import { isWidenable, satisfiedRequest, type ConditionalAllow, type FailingClause } from './failing-conditions.js';
import type { PlannedFix } from './plan.js';
import { applyEdits, OWNERS } from './policy-edit.js';
import { statementToJson } from './statement-json.js';

/*
 * The planner's part for Allows that match a call but whose condition is false for it: what the
 * request must meet, which Region clauses to widen, and the wider alternative that drops the clauses.
 */

/**
 * An Allow written for the call whose condition is false in the call's context: the request has to
 * meet `clauses` (the tool cannot apply that, so it is an instruction, never verified).
 */
export interface ConditionRequirement {
  readonly allow: ConditionalAllow;
  /** The failing clauses a policy edit does not fix (a Region clause widened by a fix is not among them). */
  readonly clauses: readonly FailingClause[];
  readonly checks: readonly EvaluatedCheck[];
  /** Whether the fix set was re-evaluated with these checks meeting the clauses (a value that meets them was evident). */
  readonly reevaluated: boolean;
}

/** A wider fix than the plan's: the plan with the failing clauses removed from the Allow instead of met. */
export interface RemovalAlternative {
  readonly fixes: readonly PlannedFix[];
  readonly removedKeys: readonly string[];
  readonly verified: boolean;
  readonly checksFixed: number;
  readonly checksDenied: number;
  readonly checksOpenedElsewhere: number;
  readonly detail: Message<FixDetailCode>;
}

const allowKey = (allow: ConditionalAllow): string =>
  `${allow.target.policyType}|${allow.target.level ?? ''}|${statementKey({ policyId: allow.target.policy.id, statementIndex: allow.index })}`;

/**
 * What the plan learned about conditional Allows: the checks that must meet a condition (re-evaluated
 * with a value that meets it, when one is evident), and the Region clauses to widen.
 */
export class ConditionTracker {
  private readonly met = new Map<EvaluatedCheck, Request>();
  private readonly unmet = new Set<EvaluatedCheck>();
  private readonly needs = new Map<
    string,
    { allow: ConditionalAllow; clauses: FailingClause[]; checks: EvaluatedCheck[] }
  >();
  private readonly widen = new Map<
    string,
    { allow: ConditionalAllow; added: Map<ConditionClause, Set<string>>; requests: Request[] }
  >();
  private readonly chosen = new Map<string, PlannedFix>();
  private readonly seen = new Set<EvaluatedCheck>();

  constructor(
    private readonly original: EvaluationInput,
    private readonly opened: (input: EvaluationInput) => number,
  ) {}

  private readonly assumed = new Map<string, readonly string[]>();

  requestOf(check: EvaluatedCheck): Request {
    return this.met.get(check) ?? check.request;
  }

  /** Counts changes of `assumed`; the last answer of `assuming` is kept until it changes (the plan asks for every trial). */
  private assumedVersion = 0;
  private assumingCache:
    | { readonly of: readonly Request[]; readonly version: number; readonly result: Request[] }
    | undefined;

  /** The requests with the values the fix assumes the caller sends (undefined while it assumes none). */
  assuming(requests: readonly Request[]): Request[] | undefined {
    if (this.assumed.size === 0) return undefined;
    const cached = this.assumingCache;
    if (cached && cached.of === requests && cached.version === this.assumedVersion) return cached.result;
    const result = requests.map((request) => {
      const values = new Map(request.context.values);
      const absent = new Set(request.context.absent);
      const unknown = new Set(request.context.unknown ?? []);
      for (const [key, value] of this.assumed) {
        values.set(key, value);
        absent.delete(key);
        unknown.delete(key);
      }
      return {
        ...request,
        context: { ...request.context, values, absent, ...(request.context.unknown ? { unknown } : {}) },
      };
    });
    this.assumingCache = { of: requests, version: this.assumedVersion, result };
    return result;
  }

  /** False for a check whose condition no value could be chosen to meet: it cannot be re-evaluated. */
  reevaluable(check: EvaluatedCheck): boolean {
    return !this.unmet.has(check);
  }

  handled(check: EvaluatedCheck): boolean {
    return this.seen.has(check);
  }

  /** Records what `check` needs from `allow`; true when that is something new. */
  add(check: EvaluatedCheck, request: Request, allow: ConditionalAllow): boolean {
    const key = allowKey(allow);
    this.seen.add(check);
    let progress = false;
    const widenable = allow.failing.filter(isWidenable);
    if (widenable.length > 0) {
      const entry = this.widen.get(key) ?? { allow, added: new Map<ConditionClause, Set<string>>(), requests: [] };
      for (const failing of widenable) {
        const values = entry.added.get(failing.clause) ?? new Set<string>();
        progress ||= !values.has(failing.given![0]!);
        values.add(failing.given![0]!);
        entry.added.set(failing.clause, values);
      }
      if (!entry.requests.includes(request)) entry.requests.push(request);
      this.widen.set(key, entry);
    }
    const others = allow.failing.filter((failing) => !isWidenable(failing));
    if (others.length > 0) {
      const entry = this.needs.get(key) ?? { allow, clauses: [], checks: [] };
      for (const failing of others) {
        if (entry.clauses.some((known) => known.clause === failing.clause)) continue;
        entry.clauses.push(failing);
        progress = true;
      }
      if (!entry.checks.includes(check)) {
        entry.checks.push(check);
        progress = true;
      }
      this.needs.set(key, entry);
      const satisfied = satisfiedRequest(
        request,
        allow.target.policy,
        others.map((failing) => failing.clause),
      );
      if (satisfied) {
        this.met.set(check, satisfied);
        for (const failing of others) {
          const key = failing.clause.key.toLowerCase();
          this.assumed.set(key, satisfied.context.values.get(key)!);
          this.assumedVersion++;
        }
      } else this.unmet.add(check);
    }
    return progress;
  }

  requirements(): ConditionRequirement[] {
    return [...this.needs.values()].map(({ allow, clauses, checks }) => ({
      allow,
      clauses,
      checks,
      reevaluated: checks.every((check) => this.met.has(check)),
    }));
  }

  /** The Region widenings: the clause with the Regions added, or, when that would open calls made directly, a copy for the profile. */
  fixes(): PlannedFix[] {
    return [...this.widen.entries()].map(([key, entry]) => {
      const id = `${key}|${[...entry.added.values()].map((values) => [...values].sort().join(',')).join(';')}`;
      let fix = this.chosen.get(id);
      if (!fix) {
        fix = this.widening(entry);
        this.chosen.set(id, fix);
      }
      return fix;
    });
  }

  private widening({
    allow,
    added,
    requests,
  }: {
    allow: ConditionalAllow;
    added: Map<ConditionClause, Set<string>>;
    requests: Request[];
  }): PlannedFix {
    const values = new Map([...added].map(([clause, regions]) => [clause, [...regions].sort()] as const));
    const regions = [...new Set([...values.values()].flat())].sort();
    const keys = [...new Set([...values.keys()].map((clause) => clause.key))];
    const where = {
      allow: `${allow.statement.span.file}:${allow.statement.span.line}`,
      sid: allow.statement.sid ?? null,
    };
    const owner = OWNERS[allow.target.policyType];
    const widened: PlannedFix = {
      edit: {
        kind: 'replace-statement',
        target: allow.target,
        index: allow.index,
        statement: widenedStatement(allow.statement, values),
      },
      message: message('widen-region-condition', { ...where, regions, keys }),
      owner,
      grants: true,
    };
    const profiles = requests.map((request) => request.context.values.get(PROFILE_KEY)?.[0]);
    if (
      profiles.some((profile) => profile === undefined) ||
      this.opened(applyEdits(this.original, [widened.edit])) === 0
    )
      return widened;
    const taken = new Set(
      allow.target.policy.statements
        .map((statement) => statement.sid)
        .filter((sid): sid is string => sid !== undefined),
    );
    const sid = freeSid(`${allow.statement.sid ?? 'Allow'}ViaProfile`, taken);
    return {
      edit: {
        kind: 'add-statement',
        target: allow.target,
        statements: [profileCopyStatement(allow.statement, values, profiles as string[], sid)],
      },
      message: message('copy-allow-for-profile', {
        ...where,
        regions,
        keys,
        profiles: [...new Set(profiles as string[])].sort(),
      }),
      owner,
      grants: true,
    };
  }
}

const PROFILE_KEY = 'bedrock:inferenceprofilearn';

/** The plan with the requirement's clauses removed from its Allow, re-evaluated on the requests as they are. */
export function removalAlternative(
  original: EvaluationInput,
  fixes: readonly PlannedFix[],
  requirement: ConditionRequirement,
  failing: readonly EvaluatedCheck[],
  opened: (input: EvaluationInput) => number,
  probeCount: number,
): RemovalAlternative {
  const { allow } = requirement;
  // A widening of the same statement is folded into the removal: both replace that statement.
  const same = fixes.find(
    (fix) =>
      fix.edit.kind === 'replace-statement' &&
      fix.edit.target.policy === allow.target.policy &&
      fix.edit.index === allow.index,
  );
  const base = same?.edit.kind === 'replace-statement' ? same.edit.statement : statementToJson(allow.statement);
  const keys = [...new Set(requirement.clauses.map((failing) => failing.clause.key))].sort();
  const removal: PlannedFix = {
    edit: {
      kind: 'replace-statement',
      target: allow.target,
      index: allow.index,
      statement: withoutClauses(
        base,
        requirement.clauses.map((failing) => failing.clause),
      ),
    },
    message: message('remove-allow-condition', {
      allow: `${allow.statement.span.file}:${allow.statement.span.line}`,
      sid: allow.statement.sid ?? null,
      keys,
    }),
    owner: OWNERS[allow.target.policyType],
    grants: true,
  };
  // A copy of the statement the plan adds (for a profile's Regions) carries the clauses too: drop them there as well.
  const clauses = requirement.clauses.map((failing) => failing.clause);
  const others = fixes
    .filter((fix) => fix !== same)
    .map(
      (fix): PlannedFix =>
        fix.edit.kind === 'add-statement' && fix.edit.target.policy === allow.target.policy
          ? {
              ...fix,
              edit: {
                ...fix.edit,
                statements: fix.edit.statements.map((statement) => withoutClauses(statement, clauses)),
              },
            }
          : fix,
    );
  const all = [...others, removal];
  const final = applyEdits(
    original,
    all.map((fix) => fix.edit),
  );
  const checksFixed = failing.filter((check) => evaluate(final, check.request).decision === 'allowed').length;
  const checksOpenedElsewhere = opened(final);
  return {
    fixes: all,
    removedKeys: keys,
    verified: checksFixed === failing.length && checksOpenedElsewhere === 0,
    checksFixed,
    checksDenied: failing.length,
    checksOpenedElsewhere,
    detail: message('condition-removed-reevaluated', {
      fixed: checksFixed,
      denied: failing.length,
      opened: checksOpenedElsewhere,
      probes: probeCount,
    }),
  };
}
