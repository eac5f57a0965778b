import {
  policyTypeName,
  type Finding,
  type FindingLocation,
  type Fix,
  type MatchedStatement,
  type OutcomeRequirement,
  type PolicyType,
  type PossibleOutcome,
  type RuleId,
} from '../../model/index.js';
import type { EvaluatedCheck, Evaluation } from '../evaluation.js';
import { isActionCorrection } from '../fix/action-correction.js';
import { planFixes, type FixPlan, type PlannedFix } from '../fix/plan.js';

/** Extra wording a rule adds to an explicit-deny finding (the SCP rule recognises Region-deny SCPs). */
export interface DenyDescriber {
  (statement: MatchedStatement, checks: readonly EvaluatedCheck[], evaluation: Evaluation): { title?: string; cause?: string; alternatives?: string[] } | undefined;
}

const checkLabel = (check: EvaluatedCheck): string => `${check.entry.action} on ${check.entry.resource}`;

function location(statement: MatchedStatement): FindingLocation {
  return {
    file: statement.file,
    line: statement.line,
    column: statement.column,
    policyType: statement.policyType,
    policyName: statement.policyName,
    ...(statement.sid ? { sid: statement.sid } : {}),
  };
}

function place(statement: MatchedStatement): string {
  return `${statement.file}:${statement.line}${statement.sid ? ` (Sid ${statement.sid})` : ''}`;
}

/** "NotIpAddress aws:SourceIp 203.0.113.0/24": the unresolved clauses as written in the policy. */
function clausesText(statement: MatchedStatement): string {
  if (statement.unresolved.length === 0) return 'its match, which could not be fully evaluated, holds';
  return statement.unresolved.map((clause) => `${clause.operator} ${clause.key} ${clause.values.join(', ')}`).join(' and ');
}

function requirementText({ residual, holds }: OutcomeRequirement): string {
  if (residual.kind === 'deny-if') return `the Deny at ${place(residual.statement)} ${holds ? 'applies' : 'does not apply'} (${clausesText(residual.statement)})`;
  const gate = `the ${policyTypeName(residual.policyType)}${residual.level ? ` at the ${residual.level} level` : ''}`;
  const allows = residual.alternatives.map((allow) => `${clausesText(allow)} at ${place(allow)}`).join(', or ');
  return `${gate} ${holds ? 'allows the call' : 'does not allow the call'} (${allows})`;
}

/** Checks share a finding only when AWS names this denial under the same condition, read from the same statements. */
function conditionKey(outcome: PossibleOutcome): string {
  const at = (statement: MatchedStatement) => `${statement.file}:${statement.line}:${statement.column}:${statement.level ?? ''}`;
  return [
    outcome.statements.map(at).join(','),
    ...outcome.when.map(({ residual, holds }) => `${holds}:${(residual.kind === 'deny-if' ? [residual.statement] : residual.alternatives).map(at).join(',')}`),
  ].join(';');
}

/** What a finding about one possible outcome adds: the calls are denied whatever the context, and when AWS names this denial. */
function attributionText(outcome: PossibleOutcome): string {
  return ` These calls are denied whatever the request context, but AWS reports this denial only if ${outcome.when.map(requirementText).join(' and ')}; otherwise it reports another (see the possible errors of each check).`;
}

/**
 * Findings for the checks one policy type denied, each with the part of the verified fix plan that
 * changes that policy type. A fix is shown only when the plan as a whole is verified.
 */
export function policyGateFindings(rule: RuleId, policyType: PolicyType, evaluation: Evaluation, describeDeny?: DenyDescriber): Finding[] {
  const plan = planFixes(evaluation);
  const mine = plan.fixes.filter((fix) => fix.edit.target.policyType === policyType);
  const used = new Set<PlannedFix>();
  const findings: Finding[] = [];
  const denied = evaluation.checks.filter((check) => check.entry.deniedBy === policyType && !check.decision.possibleOutcomes);

  const explicit = new Map<string, { statement: MatchedStatement; checks: EvaluatedCheck[]; uncertain?: PossibleOutcome }>();
  const implicit = new Map<string, { level: string; checks: EvaluatedCheck[]; uncertain?: PossibleOutcome }>();
  for (const check of denied) {
    if (check.decision.decision === 'explicit-deny') {
      const statement = check.decision.statements.find((s) => s.effect === 'Deny' && !s.conditional)!;
      const key = `${statement.file}:${statement.line}:${statement.column}`;
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
  for (const check of evaluation.checks) {
    for (const outcome of check.decision.possibleOutcomes ?? []) {
      if (outcome.deniedBy !== policyType) continue;
      const level = outcome.deniedAtLevel ?? '';
      const statement = outcome.statements[0];
      if (outcome.decision === 'explicit-deny' && statement) {
        const key = `uncertain|${statement.file}:${statement.line}:${statement.column}|${level}|${conditionKey(outcome)}`;
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
      (fix) => fix.edit.kind !== 'add-statement' && fix.edit.target.policy.statements[fix.edit.index]?.span.line === statement.line && fix.edit.target.policy.file === statement.file,
    );
    fixes.forEach((fix) => used.add(fix));
    const extra = describeDeny?.(statement, checks, evaluation);
    const level = statement.level ? ` (attached at ${statement.level})` : '';
    const when = statement.conditional ? ' when its condition holds' : '';
    findings.push(
      finding(rule, plan, fixes, checks, {
        title: extra?.title ?? `An explicit Deny in the ${policyTypeName(policyType)} ${statement.policyName}${level} blocks the call${when}`,
        cause:
          (extra?.cause ??
            `The Deny statement at ${statement.file}:${statement.line}${statement.sid ? ` (Sid ${statement.sid})` : ''} matches ${checks.length} of the requests AWS authorizes for this call${statement.conditional ? ` when ${clausesText(statement)}` : ''}; an explicit Deny overrides every Allow.`) +
          (uncertain ? attributionText(uncertain) : ''),
        locations: [location(statement)],
        alternatives: [
          ...(extra?.alternatives ?? []),
          ...(statement.conditional ? [`the Deny applies only when ${clausesText(statement)}: narrow it, or make sure these calls never meet its condition`] : []),
        ],
      }),
    );
  }

  for (const { level, checks, uncertain } of implicit.values()) {
    const fixes = mine.filter(
      (fix) => (fix.edit.kind === 'add-statement' || isActionCorrection(fix)) && (fix.edit.target.level ?? '') === level,
    );
    fixes.forEach((fix) => used.add(fix));
    const where = level ? ` at the ${level} level` : '';
    const conditionalAllows = uncertain?.statements ?? [];
    findings.push(
      finding(rule, plan, fixes, checks, {
        title:
          conditionalAllows.length > 0
            ? `The ${policyTypeName(policyType)}${where} allows the call only under a condition`
            : `No ${policyTypeName(policyType)}${where} allows the call`,
        cause:
          (conditionalAllows.length > 0
            ? `The ${policyTypeName(policyType)} statements${where} allow ${checks.length} of the requests AWS authorizes for this call only when ${conditionalAllows.map((allow) => `${clausesText(allow)} (${place(allow)})`).join(', or ')}.`
            : `None of the ${policyTypeName(policyType)} statements${where} allows ${checks.length} of the requests AWS authorizes for this call, so they are implicitly denied.`) +
          (uncertain ? attributionText(uncertain) : ''),
        locations: conditionalAllows.map(location),
        alternatives:
          conditionalAllows.length > 0
            ? [`allow these calls in the ${policyTypeName(policyType)}${where} without the condition, or make sure every call meets it`]
            : [],
      }),
    );
  }

  // Fixing one gate can reveal a denial behind it (an SCP first, then the identity policy).
  const revealed = mine.filter((fix) => !used.has(fix));
  if (revealed.length > 0) {
    findings.push(
      finding(rule, plan, revealed, [], {
        title: `Once the other denials are fixed, the ${policyTypeName(policyType)} denies the call too`,
        cause: `Re-evaluating with the other fixes applied, the ${policyTypeName(policyType)} still does not let the call through.`,
        locations: [],
        alternatives: [],
      }),
    );
  }
  return withoutRepeatedFixes(findings);
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
      const key = JSON.stringify([fix.kind, fix.file, fix.location?.line, fix.location?.column, fix.statement]);
      if (shown.has(key)) return false;
      shown.add(key);
      return true;
    });
    return fixes.length === 0 && item.checks.length === 0 ? [] : [{ ...item, fixes }];
  });
}

/** What is left when no edit frees exactly these calls: each also lets through more than was asked. */
const WIDER_CHANGES = [
  'remove the Deny statement, or narrow its Action or Resource, accepting that it then also stops denying what else it covers',
  'exempt this caller with a condition on aws:PrincipalArn in the Deny, accepting that the caller is then exempt from all of it',
  'invoke a model (or Region) the Deny does not cover',
];

function finding(
  rule: RuleId,
  plan: FixPlan,
  planned: readonly PlannedFix[],
  checks: readonly EvaluatedCheck[],
  text: { title: string; cause: string; locations: FindingLocation[]; alternatives: string[] },
): Finding {
  const message = checks.find((check) => check.entry.message)?.entry.message;
  const fixes = plan.verified ? planned.flatMap((fix) => toFixes(fix, plan)) : [];
  const alternatives = plan.verified
    ? text.alternatives
    : [
        ...text.alternatives,
        ...plan.unfixable,
        ...(planned.length > 0
          ? [`these changes were tried but did not pass re-evaluation (${plan.detail}): ${planned.map((fix) => fix.summary).join('; ')}`]
          : []),
        ...(text.locations.length > 0 && plan.unfixable.length > 0 ? WIDER_CHANGES : []),
      ];
  return {
    rule,
    severity: 'error',
    title: text.title,
    ...(message ? { predictedError: { exception: 'AccessDeniedException', message } } : {}),
    cause: text.cause,
    locations: text.locations,
    checks: checks.map(checkLabel),
    fixes,
    ...(alternatives.length > 0 ? { alternatives } : {}),
  };
}

function toFixes(planned: PlannedFix, plan: FixPlan): Fix[] {
  const verification = {
    verified: plan.verified,
    checksFixed: plan.checksFixed,
    checksOpenedElsewhere: plan.checksOpenedElsewhere,
    detail: plan.fixes.length > 1 ? `${plan.detail} (with all ${plan.fixes.length} fixes of this report applied together)` : plan.detail,
  };
  const { edit } = planned;
  const file = edit.target.policy.file;
  if (edit.kind === 'add-statement') {
    return edit.statements.map((statement) => ({
      kind: 'add-statement' as const,
      owner: planned.owner,
      summary: planned.summary,
      file,
      statement,
      verification,
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
      summary: planned.summary,
      file,
      location,
      ...(edit.kind === 'replace-statement' ? { statement: edit.statement } : {}),
      verification,
    },
  ];
}
