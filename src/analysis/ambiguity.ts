import {
  type MatchedStatement,
  message,
  PLACEHOLDER_ACCOUNT,
  type Decision,
  type DependsOn,
  type PossibleOutcome,
  type Principal,
  type Request,
} from '../model/index.js';

/**
 * Something the tool had to guess about the caller, as another equally possible request: when the
 * engine decides the other request differently, the decision depends on the guess and is reported
 * as conditional instead of resting on it.
 */
export interface Ambiguity {
  /** What a possible denial, or a check left conditional, depends on. */
  readonly dependsOn: DependsOn;
  alternative(request: Request): Request | undefined;
}

// Any account but the placeholder will do: a decision that changes with it depends on the account.
const OTHER_ACCOUNT = '210987654321';

export function ambiguitiesOf(principal: Principal): Ambiguity[] {
  const ambiguities: Ambiguity[] = [];
  if (principal.kind === 'placeholder') {
    ambiguities.push({
      dependsOn: message('caller-account'),
      alternative: (request) => replaceEverywhere(request, `:${PLACEHOLDER_ACCOUNT}:`, `:${OTHER_ACCOUNT}:`),
    });
  }
  return ambiguities;
}

/** The request with `from` replaced by `to` in its resource and every context value; undefined when nothing changes. */
function replaceEverywhere(request: Request, from: string, to: string): Request | undefined {
  let changed = request.resource.includes(from);
  const values = new Map<string, readonly string[]>();
  for (const [key, list] of request.context.values) {
    const replaced = list.map((value) => value.split(from).join(to));
    if (replaced.some((value, i) => value !== list[i])) changed = true;
    values.set(key, replaced);
  }
  if (!changed) return undefined;
  return {
    ...request,
    resource: request.resource.split(from).join(to),
    context: { ...request.context, values },
  };
}

/**
 * The decision when the guess and another equally possible request may be decided differently:
 * - the same (kind, denying policy type and level, and possible denials): `decision` itself;
 * - both denied, with different messages: still denied, every denial of either as a possible outcome
 *   that says it depends on the guess, so no message is shown as certain;
 * - otherwise (e.g. one allowed, the other denied): 'conditional'.
 */
export function decideWithGuess(decision: Decision, other: Decision, dependsOn: DependsOn): Decision | 'conditional' {
  if (!isDenial(decision) || !isDenial(other)) return decision.decision === other.decision ? decision : 'conditional';
  const mine = outcomesOf(decision);
  const theirs = outcomesOf(other);
  const keys = new Set(mine.map(outcomeKey));
  if (theirs.length === mine.length && theirs.every((outcome) => keys.has(outcomeKey(outcome)))) return decision;
  const merged: PossibleOutcome[] = [];
  const seen = new Set<string>();
  for (const outcome of [...mine, ...theirs]) {
    const key = outcomeKey(outcome);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push({ ...outcome, dependsOn });
  }
  return { ...decision, possibleOutcomes: merged };
}

function isDenial(decision: Decision): boolean {
  return decision.decision === 'explicit-deny' || decision.decision === 'implicit-deny';
}

/** The denials a decision may end in: its possible outcomes, or the one it names. */
function outcomesOf(decision: Decision): readonly PossibleOutcome[] {
  if (decision.possibleOutcomes) return decision.possibleOutcomes;
  const kind = decision.decision as PossibleOutcome['decision'];
  return [
    {
      decision: kind,
      deniedBy: decision.deniedBy!,
      ...(decision.deniedAtLevel !== undefined ? { deniedAtLevel: decision.deniedAtLevel } : {}),
      statements:
        kind === 'explicit-deny'
          ? decision.statements.filter((statement) => statement.effect === 'Deny' && !statement.conditional)
          : [],
      when: [],
    },
  ];
}

/** What makes two possible denials give different messages or conditions. */
function outcomeKey(outcome: PossibleOutcome): string {
  const at = (s: MatchedStatement) =>
    s.location ? `${s.location.file}:${s.location.line}:${s.location.column}` : `${s.policyName}#${s.statementIndex}`;
  const deny = outcome.decision === 'explicit-deny' ? outcome.statements[0] : undefined;
  return JSON.stringify([
    outcome.decision,
    outcome.deniedBy,
    outcome.deniedAtLevel ?? null,
    deny?.policyArn ?? null,
    outcome.when.map(({ residual, holds }) => [
      holds,
      residual.kind,
      (residual.kind === 'deny-if' ? [residual.statement] : residual.alternatives).map(at),
    ]),
  ]);
}
