import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileClause } from '../../src/engine/conditions/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { accessDeniedMessage } from '../../src/bedrock/messages.js';
import {
  makeContext,
  type Decision,
  type DecisionKind,
  type MatchedStatement,
  type PolicyType,
  type PossibleOutcome,
  type Request,
  type RequestContext,
} from '../../src/model/index.js';
import { fullAwsAccess, scpLevel } from '../helpers/policies.js';
import {
  ACCOUNT,
  build,
  KEY_STATES,
  KEYS,
  pick,
  REQUEST_ACTIONS,
  REQUEST_RESOURCES,
  specArb,
  statementArb,
  type PolicyDoc,
  type Spec,
  type StatementDoc,
} from '../helpers/arbitraries.js';

/*
 * Properties of the evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html)
 * over random policies built from Bedrock-shaped pools, and the fail-closed guarantee of the
 * three-valued engine: a decision made with unknown context keys holds for every value those keys
 * may take, and a `conditional` decision's residuals say exactly what it depends on.
 */

// ---- requests: each key known (a value or absent) or unknown ----

type KeyState = readonly string[] | null | 'unknown';
interface RequestSpec {
  action: string;
  resource: string;
  keys: Record<string, KeyState>;
}

/** `unknownWeight` in 5: how often each key is left unknown. */
const requestArbOf = (unknownWeight: number): fc.Arbitrary<RequestSpec> =>
  fc.record({
    action: fc.oneof(
      { weight: 4, arbitrary: pick(REQUEST_ACTIONS.slice(0, 2)) },
      { weight: 1, arbitrary: fc.constant(REQUEST_ACTIONS[2]!) },
    ),
    resource: pick(REQUEST_RESOURCES),
    keys: fc.record(
      Object.fromEntries(
        KEYS.map((key) => [
          key,
          fc.oneof(
            { weight: unknownWeight, arbitrary: fc.constant<KeyState>('unknown') },
            { weight: 5 - unknownWeight, arbitrary: pick<KeyState>(KEY_STATES[key]!) },
          ),
        ]),
      ) as Record<string, fc.Arbitrary<KeyState>>,
    ),
  });
const requestArb = requestArbOf(2);

function contextOf(keys: Record<string, KeyState>, otherKeys: 'absent' | 'unknown'): RequestContext {
  const values: [string, readonly string[]][] = [];
  const absent: string[] = [];
  for (const [key, state] of Object.entries(keys)) {
    if (state === null) absent.push(key);
    else if (state !== 'unknown') values.push([key, state]);
  }
  return makeContext(values, { absent, otherKeys });
}

function toRequest(spec: RequestSpec): Request {
  return { action: spec.action, resource: spec.resource, context: contextOf(spec.keys, 'unknown') };
}

/** Every way of giving the unknown keys a value (or none): the requests AWS could actually see. */
function completions(spec: RequestSpec): Request[] {
  let partial: Record<string, KeyState>[] = [{}];
  for (const key of KEYS) {
    const state = spec.keys[key]!;
    const options = state === 'unknown' ? KEY_STATES[key]! : [state];
    partial = partial.flatMap((done) => options.map((option) => ({ ...done, [key]: option })));
  }
  return partial.map((keys) => ({ action: spec.action, resource: spec.resource, context: contextOf(keys, 'absent') }));
}

const RANK: Record<DecisionKind, number> = { allowed: 2, conditional: 1, 'explicit-deny': 0, 'implicit-deny': 0 };
const isDenied = (d: Decision) => d.decision === 'explicit-deny' || d.decision === 'implicit-deny';
const show = (spec: Spec, req: RequestSpec) => JSON.stringify({ spec, request: req });

/** Where a new statement can go: an existing policy (by gate) or a new identity policy. */
function withStatement(spec: Spec, where: number, statement: StatementDoc, gate: 'any' | 'identity'): Spec {
  const places: ((s: Spec) => Spec)[] = [];
  const append = (document: PolicyDoc): PolicyDoc => ({ ...document, Statement: [...document.Statement, statement] });
  const prepend = (document: PolicyDoc): PolicyDoc => ({ ...document, Statement: [statement, ...document.Statement] });
  spec.identity.forEach((_, i) => {
    places.push((s) => ({ ...s, identity: s.identity.map((d, j) => (j === i ? append(d) : d)) }));
    places.push((s) => ({ ...s, identity: s.identity.map((d, j) => (j === i ? prepend(d) : d)) }));
  });
  places.push((s) => ({ ...s, identity: [...s.identity, { Version: '2012-10-17', Statement: [statement] }] }));
  if (gate === 'any') {
    for (const [l, level] of (spec.scp ?? []).entries()) {
      for (const i of level.keys()) {
        places.push((s) => ({
          ...s,
          scp: s.scp!.map((lv, m) => (m === l ? lv.map((d, j) => (j === i ? append(d) : d)) : lv)),
        }));
      }
    }
    if (spec.boundary) places.push((s) => ({ ...s, boundary: append(s.boundary!) }));
    for (const i of (spec.session ?? []).keys()) {
      places.push((s) => ({ ...s, session: s.session!.map((d, j) => (j === i ? append(d) : d)) }));
    }
  }
  return places[where % places.length]!(spec);
}

/** The residuals' own reading of a fully known request: allowed iff every allow-if-any has an alternative whose clauses all hold and no deny-if's clauses all hold. */
function residualVerdict(decision: Decision, completion: Request): 'allowed' | 'denied' {
  const holds = (clauses: Decision['statements'][number]['unresolved']) =>
    clauses.every(
      (clause) => compileClause(clause, { substituteVariables: true }).evaluate(completion.context) === true,
    );
  for (const residual of decision.residuals ?? []) {
    if (residual.kind === 'allow-if-any' && !residual.alternatives.some((alt) => holds(alt.unresolved)))
      return 'denied';
    if (residual.kind === 'deny-if' && holds(residual.statement.unresolved)) return 'denied';
  }
  return 'allowed';
}

const RUNS = { numRuns: 250 };

describe('engine properties (fast-check)', () => {
  it('(d) fail-closed: a decision made with unknown keys holds for every completion of them', () => {
    const seen: Record<DecisionKind, number> = { allowed: 0, conditional: 0, 'explicit-deny': 0, 'implicit-deny': 0 };
    fc.assert(
      fc.property(specArb(true), requestArb, (spec, req) => {
        const input = build(spec);
        const decision = evaluate(input, toRequest(req));
        seen[decision.decision]++;
        for (const completion of completions(req)) {
          const exact = evaluate(input, completion);
          // Every key the policies test now has a value or is absent: the answer is definite, unless a
          // statement is undecided because AWS's sources disagree (and then it says so).
          if (exact.decision === 'conditional') {
            expect(
              exact.statements.some((s) => (s.undecided?.length ?? 0) > 0),
              show(spec, req),
            ).toBe(true);
          }
          if (decision.decision === 'allowed') expect(exact.decision, show(spec, req)).toBe('allowed');
          if (isDenied(decision)) expect(isDenied(exact), show(spec, req)).toBe(true);
          // An explicit Deny that applies whatever the unknown keys hold still applies when they are known.
          if (decision.decision === 'explicit-deny') expect(exact.decision, show(spec, req)).toBe('explicit-deny');
        }
      }),
      { numRuns: 400 },
    );
    // The generators reach every kind of decision (otherwise the property proves little).
    for (const kind of Object.keys(seen) as DecisionKind[])
      expect(seen[kind], JSON.stringify(seen)).toBeGreaterThan(20);
  });

  // Policies here have no variable in Resource: a statement whose Resource depends on an unknown variable
  // is conditional with no clause to show for it (MatchedStatement.unresolved holds condition clauses
  // only), so its residual cannot say what it depends on. The decision itself stays fail-closed (above).
  it('(d) a conditional decision resolves, for each completion, exactly as its residuals say', () => {
    let conditional = 0;
    fc.assert(
      fc.property(specArb(false), requestArbOf(4), (spec, req) => {
        const input = build(spec);
        const decision = evaluate(input, toRequest(req));
        if (decision.decision !== 'conditional') return;
        conditional++;
        expect(decision.deniedBy).toBeNull();
        expect(decision.residuals?.length ?? 0, show(spec, req)).toBeGreaterThan(0);
        for (const residual of decision.residuals!) {
          const alternatives = residual.kind === 'deny-if' ? [residual.statement] : residual.alternatives;
          expect(alternatives.length).toBeGreaterThan(0);
          for (const alt of alternatives) {
            expect(alt.conditional).toBe(true);
            expect(alt.unresolved.length, show(spec, req)).toBeGreaterThan(0);
          }
        }
        for (const completion of completions(req)) {
          const exact = evaluate(input, completion);
          expect(isDenied(exact) ? 'denied' : exact.decision, show(spec, req)).toBe(
            residualVerdict(decision, completion),
          );
        }
      }),
      { numRuns: 400 },
    );
    expect(conditional).toBeGreaterThan(40);
  });

  it('(a) adding a Deny statement anywhere never widens access', () => {
    fc.assert(
      fc.property(
        specArb(true),
        requestArb,
        statementArb(fc.constant('Deny'), true),
        fc.nat(),
        (spec, req, deny, where) => {
          const request = toRequest(req);
          const before = evaluate(build(spec), request);
          const widened = withStatement(spec, where, deny, 'any');
          const after = evaluate(build(widened), request);
          expect(RANK[after.decision], show(widened, req)).toBeLessThanOrEqual(RANK[before.decision]);
          if (before.decision === 'explicit-deny') expect(after.decision).toBe('explicit-deny');
        },
      ),
      RUNS,
    );
  });

  it('(b) adding an identity Allow statement never narrows access', () => {
    fc.assert(
      fc.property(
        specArb(true),
        requestArb,
        statementArb(fc.constant('Allow'), true),
        fc.nat(),
        (spec, req, allow, where) => {
          const request = toRequest(req);
          const before = evaluate(build(spec), request);
          const added = withStatement(spec, where, allow, 'identity');
          const after = evaluate(build(added), request);
          expect(RANK[after.decision], show(added, req)).toBeGreaterThanOrEqual(RANK[before.decision]);
          // An Allow cannot remove an explicit Deny, nor a denial by another gate.
          if (before.decision === 'explicit-deny') expect(after.decision).toBe('explicit-deny');
          if (before.decision === 'implicit-deny' && before.deniedBy !== 'identity') expect(isDenied(after)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('(c) FullAWSAccess at every SCP level changes nothing when there were no SCPs', () => {
    fc.assert(
      fc.property(specArb(true), requestArb, fc.integer({ min: 1, max: 3 }), (spec, req, levels) => {
        const { scp: _ignored, ...withoutScp } = spec;
        const input = build(withoutScp);
        const request = toRequest(req);
        const before = evaluate(input, request);
        const scpLevels = Array.from({ length: levels }, (_, i) =>
          scpLevel(`level-${i}`, fullAwsAccess(`full-${i}.json`)),
        );
        const after = evaluate({ ...input, scpLevels }, request);
        expect(after.decision).toBe(before.decision);
        expect(after.deniedBy).toBe(before.deniedBy);
        expect(after.deniedAtLevel).toBeUndefined();
        expect(after.residuals).toEqual(before.residuals);
        expect(after.statements.filter((s) => s.policyType !== 'scp')).toEqual(before.statements);
        expect(after.statements.filter((s) => s.policyType === 'scp')).toHaveLength(levels);
      }),
      RUNS,
    );
  });

  it('the order of statements within a policy and of policies within a gate does not change the decision', () => {
    fc.assert(
      fc.property(specArb(true), requestArb, (spec, req) => {
        const request = toRequest(req);
        const reversed: Spec = {
          ...spec,
          identity: [...spec.identity].reverse().map((d) => ({ ...d, Statement: [...d.Statement].reverse() })),
          ...(spec.session ? { session: [...spec.session].reverse() } : {}),
        };
        const a = evaluate(build(spec), request);
        const b = evaluate(build(reversed), request);
        expect([b.decision, b.deniedBy, b.deniedAtLevel]).toEqual([a.decision, a.deniedBy, a.deniedAtLevel]);
        expect(b.statements.length).toBe(a.statements.length);
      }),
      { numRuns: 150 },
    );
  });

  // Which denial AWS reports: https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
  // ("If multiple policy types deny an authorization request, AWS includes only one of those policy
  // types in the error message"), in the order of reference_policies_evaluation-logic.html.
  it('a denial names, for each completion, the possible outcome whose condition holds, with its message', () => {
    let uncertain = 0;
    const holds = (statement: MatchedStatement, completion: Request) =>
      statement.unresolved.every(
        (clause) => compileClause(clause, { substituteVariables: true }).evaluate(completion.context) === true,
      );
    const requirementHolds = ({ residual, holds: expected }: PossibleOutcome['when'][number], completion: Request) =>
      (residual.kind === 'deny-if'
        ? holds(residual.statement, completion)
        : residual.alternatives.some((alt) => holds(alt, completion))) === expected;
    const messageOf = (
      kind: 'explicit-deny' | 'implicit-deny',
      policyType: PolicyType,
      deny: MatchedStatement | undefined,
      req: Request,
    ) =>
      accessDeniedMessage({
        principal: `arn:aws:iam::${ACCOUNT}:role/caller`,
        action: req.action,
        resource: req.resource,
        policyType,
        kind: kind === 'explicit-deny' ? 'explicit' : 'implicit',
        ...(deny?.policyArn ? { policyArn: deny.policyArn } : {}),
      });
    fc.assert(
      fc.property(specArb(false), requestArbOf(4), (spec, req) => {
        const input = build(spec);
        const decision = evaluate(input, toRequest(req));
        if (!isDenied(decision)) {
          expect(decision.possibleOutcomes).toBeUndefined();
          return;
        }
        const firstDeny = (d: Decision) => d.statements.find((s) => s.effect === 'Deny' && !s.conditional);
        const outcomes: readonly PossibleOutcome[] = decision.possibleOutcomes ?? [
          {
            decision: decision.decision as PossibleOutcome['decision'],
            deniedBy: decision.deniedBy!,
            ...(decision.deniedAtLevel !== undefined ? { deniedAtLevel: decision.deniedAtLevel } : {}),
            statements: decision.decision === 'explicit-deny' ? [firstDeny(decision)!] : [],
            when: [],
          },
        ];
        if (decision.possibleOutcomes) {
          uncertain++;
          expect(outcomes.length).toBeGreaterThan(1);
          // The decision reported is the last outcome: every condition in the request's favour.
          const last = outcomes.at(-1)!;
          expect([last.decision, last.deniedBy, last.deniedAtLevel]).toEqual([
            decision.decision,
            decision.deniedBy,
            decision.deniedAtLevel,
          ]);
        }
        for (const completion of completions(req)) {
          const exact = evaluate(input, completion);
          // Denied whatever the context.
          expect(isDenied(exact), show(spec, req)).toBe(true);
          const matching = outcomes.filter((outcome) =>
            outcome.when.every((requirement) => requirementHolds(requirement, completion)),
          );
          expect(matching, show(spec, req)).toHaveLength(1);
          const outcome = matching[0]!;
          expect([exact.decision, exact.deniedBy, exact.deniedAtLevel], show(spec, req)).toEqual([
            outcome.decision,
            outcome.deniedBy,
            outcome.deniedAtLevel,
          ]);
          const exactDeny = firstDeny(exact);
          if (outcome.decision === 'explicit-deny') {
            const [deny] = outcome.statements;
            expect([exactDeny?.location, exactDeny?.level], show(spec, req)).toEqual([deny?.location, deny?.level]);
          }
          expect(messageOf(exact.decision as PossibleOutcome['decision'], exact.deniedBy!, exactDeny, completion)).toBe(
            messageOf(outcome.decision, outcome.deniedBy, outcome.statements[0], completion),
          );
        }
      }),
      { numRuns: 300 },
    );
    expect(uncertain).toBeGreaterThan(20);
  });
});
