import { evaluate } from '../../../engine/evaluate.js';
import { APPLY_GUARDRAIL, GUARDRAIL_IDENTIFIER } from '../../../bedrock/index.js';
import { message, type Finding, type FindingLocation, type Fix, type Request } from '../../../model/index.js';
import type { EvaluatedCheck, Evaluation } from '../../evaluation.js';
import { enforcingStatements, isGuardrailClause } from '../../fix/guardrail-enforcement.js';

const KEY = GUARDRAIL_IDENTIFIER.toLowerCase();
/** Operators whose values name the guardrails a policy lets through: an Allow's positive ones, a Deny's negated ones. */
const ALLOW_OPERATORS = /^(?:ForAnyValue:|ForAllValues:)?(?:StringEquals|StringLike|ArnEquals|ArnLike)(?:IfExists)?$/;
const DENY_OPERATORS =
  /^(?:ForAnyValue:|ForAllValues:)?(?:StringNotEquals|StringNotLike|ArnNotEquals|ArnNotLike)(?:IfExists)?$/;

interface Enforcement {
  readonly checks: EvaluatedCheck[];
  readonly locations: Map<string, FindingLocation>;
  /** The guardrail identifiers the enforcing statements let through (as written, wildcards included). */
  readonly required: Set<string>;
}

/**
 * Invocations denied because a policy enforces a guardrail (bedrock:GuardrailIdentifier) the call does not name:
 * a Deny unless the key matches, or an Allow only when it does
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html). The fix is to call with
 * that guardrail, which the finding names through the CLI's hint; the Deny is never narrowed (fix/plan.ts).
 */
export function enforcementFindings(evaluation: Evaluation): Finding[] {
  const found: Enforcement = { checks: [], locations: new Map(), required: new Set() };
  for (const check of evaluation.checks) {
    if (check.authorization.action === APPLY_GUARDRAIL) continue;
    const statements = enforcingStatements(evaluation, check);
    if (statements.length === 0) continue;
    found.checks.push(check);
    for (const { statement, location } of statements) {
      found.locations.set(`${location.file}:${location.line}:${location.column}`, location);
      const operators = statement.effect === 'Allow' ? ALLOW_OPERATORS : DENY_OPERATORS;
      for (const clause of statement.conditions)
        if (isGuardrailClause(clause) && operators.test(clause.operator))
          for (const value of clause.values) found.required.add(value);
    }
  }
  if (found.checks.length === 0) return [];
  const given = evaluation.input.guardrail;
  const required = [...found.required].sort();
  const exact = required.filter((value) => !/[*?]|\$\{/.test(value));
  const labels = found.checks.map((check) => `${check.entry.action} on ${check.entry.resource}`);
  const predicted = found.checks.find((check) => check.entry.message)?.entry.message;
  const verification = reevaluated(evaluation, found.checks, exact[0]);
  return [
    {
      rule: 'guardrail',
      severity: 'error',
      message: message('guardrail-enforced', {
        statements: [...found.locations.values()].map((l) => `${l.file}:${l.line}`),
        enforced: found.checks.length,
        key: GUARDRAIL_IDENTIFIER,
        required,
        given: given === undefined ? null : `${given.identifier}${given.version ? `:${given.version}` : ''}`,
      }),
      ...(predicted ? { predictedError: { exception: 'AccessDeniedException', message: predicted } } : {}),
      locations: [...found.locations.values()],
      checks: labels,
      fixes:
        exact.length > 0
          ? [
              {
                kind: 'instructions',
                owner: 'developer',
                message: message('call-with-guardrail', { guardrail: exact[0]!, applyAction: APPLY_GUARDRAIL }),
                file: null,
                verification,
              },
            ]
          : [],
      alternatives: [message('guardrail-enforced-on-purpose')],
    },
  ];
}

/** The denied checks re-evaluated with the call naming `value`: what passing the guardrail would change. */
function reevaluated(
  evaluation: Evaluation,
  checks: readonly EvaluatedCheck[],
  value: string | undefined,
): Fix['verification'] & { verified: false } {
  const fixed =
    value === undefined
      ? 0
      : checks.filter(
          (check) => evaluate(evaluation.evaluationInput, withIdentifier(check.request, value)).decision === 'allowed',
        ).length;
  return {
    // Instructions are never verified: the call itself is the developer's to change.
    verified: false,
    checksFixed: fixed,
    checksOpenedElsewhere: 0,
    checksDenied: checks.length,
    detail: message('guardrail-reevaluated', {
      key: GUARDRAIL_IDENTIFIER,
      value: value ?? null,
      fixed,
      denied: checks.length,
      applyAction: APPLY_GUARDRAIL,
    }),
  };
}

function withIdentifier(request: Request, value: string): Request {
  const values = new Map(request.context.values);
  values.set(KEY, [value]);
  const absent = new Set(request.context.absent);
  absent.delete(KEY);
  const unknown = request.context.unknown ? new Set(request.context.unknown) : undefined;
  unknown?.delete(KEY);
  return { ...request, context: { ...request.context, values, absent, ...(unknown ? { unknown } : {}) } };
}
