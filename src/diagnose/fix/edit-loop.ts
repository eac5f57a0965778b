import type { EvaluationInput } from '../../engine/evaluate.js';
import { applyEdits, type PolicyEdit } from './policy-edit.js';

/**
 * One fix planner, parameterised by what it fixes (the denied checks of a gate, the Marketplace actions of
 * a first use): fixing one denial can reveal the next (an SCP level, then the identity policy, then the
 * boundary), so edits are found round by round, each round re-evaluating with every edit so far applied.
 */
export interface EditLoop<Denied> {
  readonly original: EvaluationInput;
  readonly maxRounds: number;
  /** The edits found so far. */
  edits(): readonly PolicyEdit[];
  /** What is still denied with `input` (the original with every edit so far applied); undefined when nothing is. */
  stillDenied(input: EvaluationInput): Denied | undefined;
  /** Adds edits for what is still denied; false when it found none (the loop stops). */
  revise(input: EvaluationInput, denied: Denied): boolean;
}

export interface EditLoopResult {
  /** `allowed`: nothing is denied any more; `stuck`: a round found no edit; `out-of-rounds`: maxRounds ran out. */
  readonly outcome: 'allowed' | 'stuck' | 'out-of-rounds';
  /** The original with every edit found applied. */
  readonly input: EvaluationInput;
}

export function runEditLoop<Denied>(loop: EditLoop<Denied>): EditLoopResult {
  const result = (outcome: EditLoopResult['outcome']): EditLoopResult => ({
    outcome,
    input: applyEdits(loop.original, loop.edits()),
  });
  for (let round = 0; round < loop.maxRounds; round++) {
    const input = applyEdits(loop.original, loop.edits());
    const denied = loop.stillDenied(input);
    if (denied === undefined) return result('allowed');
    if (!loop.revise(input, denied)) return result('stuck');
  }
  return result('out-of-rounds');
}
