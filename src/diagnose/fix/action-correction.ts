import { evaluate } from '../../engine/evaluate.js';
import { message, type ActionCorrection, type PolicyType, type Statement } from '../../model/index.js';
import type { EvaluatedCheck, Evaluation } from '../evaluation.js';
import type { FixPlan, PlannedFix } from './plan.js';
import { applyEdits, OWNERS, policiesOf, type PolicyEdit } from './policy-edit.js';
import { statementToJson } from './statement-json.js';

// The gates a misspelt Allow can leave closed (SCPs are not corrected here: their Allow is rarely the typo's place).
const GATES: readonly PolicyType[] = ['identity', 'permissions-boundary', 'session-policy'];

/**
 * When the denied checks are denied only because an Allow statement misspells an action, the fix is to
 * correct the action where it is written, not to add a statement. Tried before any other fix: every
 * correction is applied in memory, the checks re-evaluated, and the plan is returned only when every
 * denied check is then allowed; corrections the result does not need are left out. What the corrected
 * statement then also allows is what it was written to allow, so it is not counted as opened elsewhere.
 */
export function actionCorrectionPlan(evaluation: Evaluation, failing: readonly EvaluatedCheck[]): FixPlan | undefined {
  const corrections = evaluation.input.actionCorrections ?? [];
  if (corrections.length === 0 || failing.length === 0) return undefined;
  if (failing.some((check) => check.decision.decision !== 'implicit-deny')) return undefined;
  const original = evaluation.evaluationInput;
  let fixes = corrections.flatMap((correction) => correctionFixes(evaluation, correction));
  const allAllowed = (candidate: readonly PlannedFix[]) => {
    const input = applyEdits(
      original,
      candidate.map((fix) => fix.edit),
    );
    // A denial that depends on a guessed account counts as fixed only when every possible account is let through.
    return failing.every((check) =>
      [check.request, ...(check.guessed ?? [])].every((request) => evaluate(input, request).decision === 'allowed'),
    );
  };
  if (fixes.length === 0 || !allAllowed(fixes)) return undefined;
  for (const fix of [...fixes]) {
    const without = fixes.filter((other) => other !== fix);
    if (without.length > 0 && allAllowed(without)) fixes = without;
  }
  return {
    fixes,
    verified: true,
    checksFailing: failing.length,
    checksFixed: failing.length,
    checksOpenedElsewhere: 0,
    detail: message('action-corrected', { fixed: failing.length, denied: failing.length }),
    unfixable: [],
    requirements: [],
    removals: [],
  };
}

function correctionFixes(evaluation: Evaluation, correction: ActionCorrection): PlannedFix[] {
  const fixes: PlannedFix[] = [];
  for (const policyType of GATES) {
    for (const policy of policiesOf(evaluation.evaluationInput, policyType)) {
      if (policy.file !== correction.file) continue;
      if (correction.policyId !== undefined && policy.id !== correction.policyId) continue;
      const index = policy.statements.findIndex((statement) => statement.index === correction.statementIndex);
      const statement = policy.statements[index];
      if (!statement?.action?.includes(correction.from)) continue;
      const edit: PolicyEdit = {
        kind: 'replace-statement',
        target: { policyType, policy },
        index,
        statement: corrected(statement, correction),
      };
      fixes.push({
        edit,
        message: message('correct-action', {
          from: correction.from,
          to: correction.to,
          at: `${correction.file}:${correction.line}`,
        }),
        owner: OWNERS[policyType],
      });
    }
  }
  return fixes;
}

function corrected(statement: Statement, correction: ActionCorrection) {
  const json = statementToJson(statement);
  const actions = statement.action!.map((action) => (action === correction.from ? correction.to : action));
  return { ...json, Action: actions.length === 1 ? actions[0] : actions };
}

/** Whether a planned fix is such a correction (an Allow statement replaced), for the findings that show it. */
export function isActionCorrection(fix: PlannedFix): boolean {
  return fix.edit.kind === 'replace-statement' && fix.edit.statement.Effect === 'Allow';
}
