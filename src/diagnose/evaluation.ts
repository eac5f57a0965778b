import type { AuthorizationRequest, Expansion, IndexedCatalog } from '../bedrock/index.js';
import type { EvaluationInput } from '../engine/evaluate.js';
import type { Decision, Principal, Request } from '../model/index.js';
import type { CheckInput } from './check-input.js';
import type { CheckEntry } from '../model/index.js';

/** One evaluated (action, resource) pair, with what the engine saw, for diagnosis and fix verification. */
export interface EvaluatedCheck {
  readonly authorization: AuthorizationRequest;
  readonly request: Request;
  readonly decision: Decision;
  readonly entry: CheckEntry;
  /**
   * When the denial depends on a guess (the caller's account without --principal): the other equally
   * possible requests. A fix is verified only if it lets these through too.
   */
  readonly guessed?: readonly Request[];
}

/** Everything a diagnosis rule may look at; rules re-run `evaluate` on `evaluationInput` to verify fixes. */
export interface Evaluation {
  readonly input: CheckInput;
  readonly principal: Principal;
  readonly expansion: Expansion;
  /** The model catalog the expansion used; rules read model lifecycles and Regions from it. */
  readonly catalog: IndexedCatalog;
  readonly evaluationInput: EvaluationInput;
  readonly checks: readonly EvaluatedCheck[];
}
