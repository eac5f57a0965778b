import {
  matchAt,
  matchFindingLocation,
  message,
  type AlternativeCode,
  type FailingCondition,
  type Finding,
  type FindingCode,
  type FindingLocation,
  type Fix,
  type MatchedStatement,
  type Message,
  type MessageParams,
  type OutcomeRequirement,
  type PolicyType,
  type PossibleOutcome,
  type RuleId,
  statementKey,
} from '../../model/index.js';
import { isBearerTokenAction } from '../../bedrock/index.js';
import type { EvaluatedCheck, Evaluation } from '../evaluation.js';
import { isActionCorrection } from '../fix/action-correction.js';
import { deniedByGuardrailEnforcement } from '../fix/guardrail-enforcement.js';
import { clauseData, requirementOwner } from '../fix/condition-text.js';
import { conditionalAllows } from '../fix/failing-conditions.js';
import { OWNERS } from '../fix/policy-edit.js';
import { chosenKeyDeny } from './chosen-key-deny.js';
import {
  planFixes,
  type ConditionRequirement,
  type FixPlan,
  type PlannedFix,
  type RemovalAlternative,
} from '../fix/plan.js';

/**
 * What a rule puts in place of an explicit-deny finding's message and adds to its alternatives (the SCP rule
 * recognises Region-deny SCPs; the api-key rule adds the ways around a Deny of API keys).
 */
export type DenyDescriber = (
  statement: MatchedStatement,
  checks: readonly EvaluatedCheck[],
  evaluation: Evaluation,
) => { message?: Message<FindingCode>; alternatives?: Message<AlternativeCode>[] } | undefined;

const checkLabel = (check: EvaluatedCheck): string => `${check.entry.action} on ${check.entry.resource}`;

/** Where a statement is written: "file:line" (its Sid is a parameter of its own). */
export const statementAt = matchAt;

/** The unresolved clauses of a statement as written ("NotIpAddress aws:SourceIp 203.0.113.0/24"). */
function clausesOf(statement: MatchedStatement): string[] {
  return statement.unresolved.map((clause) => `${clause.operator} ${clause.key} ${clause.values.join(', ')}`);
}

/** A statement the words name: where it is, its Sid, its unresolved clauses. */
function statementData(statement: MatchedStatement): { at: string; sid: string | null; clauses: string[] } {
  return { at: statementAt(statement), sid: statement.sid ?? null, clauses: clausesOf(statement) };
}

function requirementData({ residual, holds }: OutcomeRequirement): Record<string, unknown> {
  if (residual.kind === 'deny-if') return { deny: statementData(residual.statement), holds };
  return {
    policyType: residual.policyType,
    level: residual.level ?? null,
    holds,
    allows: residual.alternatives.map(statementData),
  };
}

/** Checks share a finding only when AWS names this denial under the same condition, read from the same statements. */
function conditionKey(outcome: PossibleOutcome): string {
  const at = (statement: MatchedStatement) => `${statement.level ?? ''}|${statementKey(statement)}`;
  return [
    outcome.statements.map(at).join(','),
    outcome.dependsOn?.code ?? '',
    ...outcome.when.map(
      ({ residual, holds }) =>
        `${holds}:${(residual.kind === 'deny-if' ? [residual.statement] : residual.alternatives).map(at).join(',')}`,
    ),
  ].join(';');
}

/**
 * What a finding about one possible outcome adds: the calls are denied whatever the context, and when AWS names
 * this denial (each requirement, and what the denial depends on, as JSON data).
 */
function attribution(outcome: PossibleOutcome | undefined): MessageParams {
  if (!outcome) return {};
  return {
    when: outcome.when.map((requirement) => JSON.stringify(requirementData(requirement))),
    dependsOn: outcome.dependsOn ? JSON.stringify(outcome.dependsOn) : null,
  };
}

/**
 * Findings for the checks one policy type denied, each with the part of the verified fix plan that
 * changes that policy type. A fix is shown only when the plan as a whole is verified.
 */
export function policyGateFindings(
  rule: RuleId,
  policyType: PolicyType,
  evaluation: Evaluation,
  describeDeny?: DenyDescriber,
  scope: CheckScope = 'invoke',
): Finding[] {
  const plan = planFixes(evaluation);
  const inScope = (check: EvaluatedCheck) => isBearerTokenAction(check.authorization.action) === (scope === 'api-key');
  const scoped = evaluation.checks.filter(inScope);
  const mine = plan.fixes.filter((fix) => fix.edit.target.policyType === policyType && fixInScope(fix, scope, scoped));
  const used = new Set<PlannedFix>();
  const findings: Finding[] = [];
  const denied = scoped.filter(
    (check) =>
      check.entry.deniedBy === policyType &&
      !check.decision.possibleOutcomes &&
      !deniedByGuardrailEnforcement(evaluation, check),
  );

  const explicit = new Map<
    string,
    { statement: MatchedStatement; checks: EvaluatedCheck[]; uncertain?: PossibleOutcome }
  >();
  const implicit = new Map<string, { level: string; checks: EvaluatedCheck[]; uncertain?: PossibleOutcome }>();
  for (const check of denied) {
    if (check.decision.decision === 'explicit-deny') {
      const statement = check.decision.reason[0];
      if (!statement) continue;
      const key = statementKey(statement);
      const group = explicit.get(key) ?? { statement, checks: [] };
      group.checks.push(check);
      explicit.set(key, group);
    } else {
      const level = check.decision.deniedAtLevel ?? '';
      const group = implicit.get(level) ?? { level, checks: [] };
      group.checks.push(check);
      implicit.set(level, group);
    }
  }
  // A check denied whatever the context, where which denial AWS reports depends on it: one finding
  // per way this policy type may be the one named, each saying when.
  for (const check of scoped) {
    for (const outcome of check.decision.possibleOutcomes ?? []) {
      if (outcome.deniedBy !== policyType) continue;
      const level = outcome.deniedAtLevel ?? '';
      const statement = outcome.statements[0];
      if (outcome.decision === 'explicit-deny' && statement) {
        const key = `uncertain|${statementKey(statement)}|${level}|${conditionKey(outcome)}`;
        const group = explicit.get(key) ?? { statement, checks: [], uncertain: outcome };
        group.checks.push(check);
        explicit.set(key, group);
      } else {
        const key = `uncertain|${level}|${conditionKey(outcome)}`;
        const group = implicit.get(key) ?? { level, checks: [], uncertain: outcome };
        group.checks.push(check);
        implicit.set(key, group);
      }
    }
  }

  for (const { statement, checks, uncertain } of explicit.values()) {
    const fixes = mine.filter(
      (fix) =>
        !fix.grants &&
        fix.edit.kind !== 'add-statement' &&
        fix.edit.target.policy.statements[fix.edit.index]?.span.line === statement.location?.line &&
        fix.edit.target.policy.file === statement.location?.file,
    );
    for (const fix of fixes) used.add(fix);
    const extra = describeDeny?.(statement, checks, evaluation);
    const chosen = chosenKeyDeny(statement, checks, evaluation);
    const base =
      extra?.message ??
      message('explicit-deny', {
        policyType,
        policyName: statement.policyName,
        level: statement.level ?? null,
        conditional: statement.conditional,
        statement: statementAt(statement),
        sid: statement.sid ?? null,
        denied: checks.length,
        clauses: clausesOf(statement),
      });
    findings.push(
      finding(rule, plan, fixes, checks, {
        message: message(base.code, {
          ...base.params,
          ...(chosen ? { chosen: chosen.chosen } : {}),
          ...attribution(uncertain),
        }),
        locations: locationsOf([statement]),
        alternatives: [
          ...(extra?.alternatives ?? []),
          ...(chosen?.alternatives ?? []),
          ...(statement.conditional ? [message('narrow-conditional-deny', { clauses: clausesOf(statement) })] : []),
        ],
      }),
    );
  }

  const requirements = plan.requirements.filter(
    (requirement) => requirement.allow.target.policyType === policyType && requirement.checks.some(inScope),
  );
  const usedRequirements = new Set<ConditionRequirement>();
  for (const { level, checks, uncertain } of implicit.values()) {
    const fixes = mine.filter(
      (fix) => (fix.grants === true || isActionCorrection(fix)) && (fix.edit.target.level ?? '') === level,
    );
    for (const fix of fixes) used.add(fix);
    const conditionalAllows = uncertain?.statements ?? [];
    const conditions = failingConditions(evaluation, policyType, level, checks);
    const here = requirements.filter((requirement) => (requirement.allow.target.level ?? '') === level);
    for (const requirement of here) usedRequirements.add(requirement);
    const gate = { policyType, level: level || null, denied: checks.length };
    findings.push(
      finding(rule, plan, fixes, checks, {
        message:
          conditionalAllows.length > 0
            ? message('allow-only-under-condition', {
                ...gate,
                allows: conditionalAllows.map((allow) => JSON.stringify(statementData(allow))),
                ...attribution(uncertain),
              })
            : conditions.length > 0
              ? message('allow-condition-false', {
                  ...gate,
                  conditions: conditionsData(conditions),
                  ...attribution(uncertain),
                })
              : message('no-allow', { ...gate, ...attribution(uncertain) }),
        locations: uniqueLocations([
          ...locationsOf(conditionalAllows),
          ...conditions.map((condition) => condition.statement),
        ]),
        alternatives:
          conditionalAllows.length > 0
            ? [message('allow-without-condition', { policyType, level: level || null })]
            : [],
        failingConditions: conditions,
        requirements: here,
      }),
    );
  }

  // Fixing one gate can reveal a denial behind it (an SCP first, then the identity policy).
  const revealed = mine.filter((fix) => !used.has(fix));
  const revealedRequirements = requirements.filter((requirement) => !usedRequirements.has(requirement));
  if (revealed.length > 0 || revealedRequirements.length > 0) {
    // Behind the other denials, an Allow of this gate may match but have a false condition.
    const levels = new Set([
      ...revealed.map((fix) => fix.edit.target.level ?? ''),
      ...revealedRequirements.map((item) => item.allow.target.level ?? ''),
    ]);
    const others = scoped.filter((check) => check.entry.deniedBy !== null && check.entry.deniedBy !== policyType);
    const conditions = [...levels].flatMap((level) => failingConditions(evaluation, policyType, level, others));
    findings.push(
      finding(rule, plan, revealed, [], {
        message: message('denied-once-others-fixed', {
          policyType,
          conditions: conditionsData(conditions),
          denied: new Set(conditions.flatMap((condition) => condition.checks)).size,
        }),
        locations: uniqueLocations(conditions.map((condition) => condition.statement)),
        alternatives: [],
        failingConditions: conditions,
        requirements: revealedRequirements,
      }),
    );
  }
  return withoutRepeatedFixes(findings);
}

/**
 * Which checks a rule reports: the invoke requests (the policy-gate rules) or the API-key request
 * bedrock:CallWithBearerToken (the api-key rule), so that each denial is reported once.
 */
export type CheckScope = 'invoke' | 'api-key';

/**
 * A fix belongs to the findings of the checks it was made for: an added API-key grant to the api-key rule's,
 * other grants to the invoke rules'; an edit of an existing statement to the invoke rules', and to the api-key
 * rule's too when that statement decides an API-key check.
 */
function fixInScope(fix: PlannedFix, scope: CheckScope, checks: readonly EvaluatedCheck[]): boolean {
  const { edit } = fix;
  if (edit.kind === 'add-statement') {
    const bearer = edit.statements.every((statement) =>
      ([] as string[]).concat((statement.Action as string | string[] | undefined) ?? []).every(isBearerTokenAction),
    );
    return bearer === (scope === 'api-key');
  }
  if (scope === 'invoke') return true;
  const statement = edit.target.policy.statements[edit.index];
  return (
    statement !== undefined &&
    checks.some((check) =>
      [
        ...check.decision.reason,
        ...(check.decision.possibleOutcomes ?? []).flatMap((outcome) => outcome.statements),
      ].some(
        (matched) =>
          matched.location?.file === statement.span.file &&
          matched.location.line === statement.span.line &&
          matched.location.column === statement.span.column,
      ),
    )
  );
}

/** Where the statements are written; a built-in one (no location) has no place to point at. */
function locationsOf(statements: readonly MatchedStatement[]): FindingLocation[] {
  return statements.flatMap((statement) => matchFindingLocation(statement) ?? []);
}

function uniqueLocations(locations: readonly FindingLocation[]): FindingLocation[] {
  const seen = new Set<string>();
  return locations.filter((item) => {
    const key = `${item.file}:${item.line}:${item.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Each false clause of an Allow that matches the checks' action and resource, with the values expected and given. */
function failingConditions(
  evaluation: Evaluation,
  policyType: PolicyType,
  level: string,
  checks: readonly EvaluatedCheck[],
): FailingCondition[] {
  const byClause = new Map<string, { condition: FailingCondition; checks: string[]; given: Set<string> }>();
  for (const check of checks) {
    const [allow] = conditionalAllows(evaluation.evaluationInput, policyType, level || undefined, check.request);
    if (!allow) continue;
    const statement: FindingLocation = {
      ...allow.statement.span,
      policyType,
      policyName: allow.target.policy.name,
      ...(allow.statement.sid ? { sid: allow.statement.sid } : {}),
    };
    for (const failing of allow.failing) {
      const { span, operator, key, values } = failing.clause;
      // One entry per clause, with every value the requests gave (Regions differ across a profile's requests).
      const id = `${span.file}:${span.line}:${span.column}|${operator}|${key}`;
      const entry = byClause.get(id) ?? {
        condition: { statement, clause: span, operator, key, expected: values, given: null, checks: [] },
        checks: [],
        given: new Set<string>(),
      };
      entry.checks.push(checkLabel(check));
      for (const value of failing.given ?? []) entry.given.add(value);
      byClause.set(id, entry);
    }
  }
  return [...byClause.values()].map(({ condition, checks: labels, given }) => ({
    ...condition,
    given: given.size > 0 ? [...given].sort() : null,
    checks: labels,
  }));
}

/** Each false clause as JSON data: the Allow and its Sid, the clause as written and where, the value given, how many checks. */
function conditionsData(conditions: readonly FailingCondition[]): string[] {
  return conditions.map((condition) =>
    JSON.stringify({
      allow: `${condition.statement.file}:${condition.statement.line}:${condition.statement.column}`,
      sid: condition.statement.sid ?? null,
      operator: condition.operator,
      key: condition.key,
      expected: condition.expected,
      clause: `${condition.clause.file}:${condition.clause.line}:${condition.clause.column}`,
      given: condition.given,
      checks: condition.checks.length,
    }),
  );
}

/** The instruction to meet a requirement: never verified, the tool cannot make the request carry a value. */
function requirementFix(requirement: ConditionRequirement, plan: FixPlan): Fix {
  const { allow } = requirement;
  const owner = OWNERS[allow.target.policyType];
  const first = requirement.clauses[0];
  return {
    kind: 'instructions',
    owner: first ? requirementOwner(first, owner) : owner,
    message: message('meet-allow-condition', {
      allow: `${allow.statement.span.file}:${allow.statement.span.line}`,
      sid: allow.statement.sid ?? null,
      clauses: requirement.clauses.map((failing) => JSON.stringify(clauseData(failing))),
    }),
    file: allow.target.policy.file,
    location: {
      ...allow.statement.span,
      policyType: allow.target.policyType,
      policyName: allow.target.policy.name,
      ...(allow.statement.sid ? { sid: allow.statement.sid } : {}),
    },
    verification: {
      verified: false,
      checksFixed: 0,
      checksOpenedElsewhere: 0,
      detail: message('request-change', { reevaluated: requirement.reevaluated, policyFix: plan.fixes.length > 0 }),
    },
  };
}

/** The wider alternative that drops the condition instead of meeting it: always labelled, never the default fix. */
function removalFixes(alternative: RemovalAlternative): Fix[] {
  const id = `remove:${alternative.removedKeys.join(',')}`;
  const verification = {
    verified: alternative.verified,
    checksFixed: alternative.checksFixed,
    checksOpenedElsewhere: alternative.checksOpenedElsewhere,
    checksDenied: alternative.checksDenied,
    detail: alternative.detail,
  };
  const fixes = alternative.fixes.flatMap((planned) => toFixes(planned, verification));
  return fixes.map((fix) => ({
    ...fix,
    ...(fixes.length > 1 ? { together: { id, changes: fixes.length } } : {}),
    removesConditions: alternative.removedKeys,
    alternative: true,
  }));
}

/**
 * A file attached at several SCP levels gets the same edit once per level in memory, but the user
 * edits the file once: each fix is shown once, and a finding left with nothing to say is dropped.
 */
function withoutRepeatedFixes(findings: readonly Finding[]): Finding[] {
  const shown = new Set<string>();
  return findings.flatMap((item) => {
    if (item.fixes.length === 0) return [item];
    const fixes = item.fixes.filter((fix) => {
      const key = JSON.stringify([
        fix.kind,
        fix.file,
        fix.location?.line,
        fix.location?.column,
        fix.statement,
        fix.alternative === true,
      ]);
      if (shown.has(key)) return false;
      shown.add(key);
      return true;
    });
    return fixes.length === 0 && item.checks.length === 0 ? [] : [{ ...item, fixes }];
  });
}

/** What is left when no edit frees exactly these calls: each also lets through more than was asked. */
const WIDER_CHANGES: readonly AlternativeCode[] = [
  'remove-or-narrow-deny',
  'exempt-caller-in-deny',
  'invoke-elsewhere',
];

function finding(
  rule: RuleId,
  plan: FixPlan,
  planned: readonly PlannedFix[],
  checks: readonly EvaluatedCheck[],
  text: {
    message: Message<FindingCode>;
    locations: FindingLocation[];
    alternatives: Message<AlternativeCode>[];
    failingConditions?: FailingCondition[];
    requirements?: readonly ConditionRequirement[];
  },
): Finding {
  const predicted = checks.find((check) => check.entry.message)?.entry.message;
  const requirements = text.requirements ?? [];
  const removals = requirements
    .map((requirement) => plan.removals[plan.requirements.indexOf(requirement)])
    // Shown when it lets every denied check through; when it also opens other calls, it says so (not verified).
    .filter(
      (removal): removal is RemovalAlternative => removal !== undefined && removal.checksFixed === removal.checksDenied,
    );
  const fixes = [
    ...requirements.map((requirement) => requirementFix(requirement, plan)),
    ...(plan.verified ? planned.flatMap((fix) => toFixes(fix, planVerification(plan), planChanges(plan))) : []),
    ...removals.flatMap(removalFixes),
  ];
  const alternatives = plan.verified
    ? text.alternatives
    : [
        ...text.alternatives,
        ...plan.unfixable,
        ...(planned.length > 0
          ? [
              message('changes-not-verified', {
                detail: JSON.stringify(plan.detail),
                changes: planned.map((fix) => JSON.stringify(fix.message)),
              }),
            ]
          : []),
        ...(text.locations.length > 0 && plan.unfixable.length > 0 ? WIDER_CHANGES.map((code) => message(code)) : []),
      ];
  return {
    rule,
    severity: 'error',
    message: text.message,
    ...(predicted ? { predictedError: { exception: 'AccessDeniedException', message: predicted } } : {}),
    locations: text.locations,
    checks: checks.map(checkLabel),
    fixes,
    ...(text.failingConditions && text.failingConditions.length > 0
      ? { failingConditions: text.failingConditions }
      : {}),
    ...(alternatives.length > 0 ? { alternatives } : {}),
  };
}

/** Every change of the plan (each statement added counts): they are one fix, verified as a whole. */
function planChanges(plan: FixPlan): number {
  return plan.fixes.reduce((sum, fix) => sum + (fix.edit.kind === 'add-statement' ? fix.edit.statements.length : 1), 0);
}

function planVerification(plan: FixPlan): Fix['verification'] {
  const changes = planChanges(plan);
  return {
    verified: plan.verified,
    checksFixed: plan.checksFixed,
    checksOpenedElsewhere: plan.checksOpenedElsewhere,
    checksDenied: plan.checksFailing,
    detail: changes > 1 ? message(plan.detail.code, { ...plan.detail.params, together: changes }) : plan.detail,
  };
}

function toFixes(planned: PlannedFix, verification: Fix['verification'], changes = 1): Fix[] {
  const together = changes > 1 ? { together: { id: 'policy-fix', changes } } : {};
  const { edit } = planned;
  const file = edit.target.policy.file;
  if (edit.kind === 'add-statement') {
    return edit.statements.map((statement) => ({
      kind: 'add-statement' as const,
      owner: planned.owner,
      message: planned.message,
      file,
      statement,
      verification,
      ...together,
    }));
  }
  const old = edit.target.policy.statements[edit.index]!;
  const location: FindingLocation = {
    ...old.span,
    policyType: edit.target.policyType,
    policyName: edit.target.policy.name,
    ...(old.sid ? { sid: old.sid } : {}),
  };
  return [
    {
      kind: edit.kind,
      owner: planned.owner,
      message: planned.message,
      file,
      location,
      ...(edit.kind === 'replace-statement' ? { statement: edit.statement } : {}),
      verification,
      ...together,
    },
  ];
}
