import type { Decision } from '../model/decision.js';
import type { Request } from '../model/request.js';
import { denies, evaluate, type EvaluationInput } from './evaluate.js';

/** `evaluate` and `denies`, remembering each answer for as long as the caller keeps the memo. */
export interface DecisionMemo {
  evaluate(input: EvaluationInput, request: Request): Decision;
  /** Whether the decision is an explicit or implicit deny. */
  denies(input: EvaluationInput, request: Request): boolean;
}

/**
 * A decision memo scoped to one task (one fix plan): the planner asks the same request of the same input
 * again (each round, each trial's probes, the final check). Inputs and requests are immutable, so an answer
 * is kept by object identity; the memo is dropped with the task, so no answer outlives it.
 */
export function decisionMemo(): DecisionMemo {
  const decisions = new Map<EvaluationInput, Map<Request, Decision>>();
  const denials = new Map<EvaluationInput, Map<Request, boolean>>();
  const of = <T>(maps: Map<EvaluationInput, Map<Request, T>>, input: EvaluationInput): Map<Request, T> => {
    let map = maps.get(input);
    if (!map) {
      map = new Map();
      maps.set(input, map);
    }
    return map;
  };
  return {
    evaluate(input, request) {
      const known = of(decisions, input);
      let decision = known.get(request);
      if (!decision) {
        decision = evaluate(input, request);
        known.set(request, decision);
      }
      return decision;
    },
    denies(input, request) {
      const decision = decisions.get(input)?.get(request);
      if (decision) return decision.decision === 'explicit-deny' || decision.decision === 'implicit-deny';
      const known = of(denials, input);
      let denied = known.get(request);
      if (denied === undefined) {
        denied = denies(input, request);
        known.set(request, denied);
      }
      return denied;
    },
  };
}
