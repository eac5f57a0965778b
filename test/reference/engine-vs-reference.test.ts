import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { makeContext, type Request } from '../../src/model/index.js';
import { build, KEY_STATES, KEYS, pick, REQUEST_ACTIONS, REQUEST_RESOURCES, specArb } from '../helpers/arbitraries.js';
import { referenceEvaluate, type ReferenceRequest } from './evaluate.js';

/*
 * The engine against the reference evaluator (a literal transcription of the AWS evaluation
 * flowchart, test/reference/evaluate.ts) on random policy sets: identity policies, SCP levels, a
 * boundary, session policies; Allow/Deny, Action/NotAction, Resource/NotResource with wildcards over
 * Bedrock ARNs, and the condition operators of the shared pool, over a fully concrete context (every
 * key has a value or is absent). The engine must then give a definite answer, the reference's.
 * Policies carry no policy variables: the reference does not substitute them.
 */

/** A concrete request: each pool key holds one of its values, or is absent. */
const requestArb: fc.Arbitrary<ReferenceRequest> = fc
  .record({
    action: fc.oneof(
      { weight: 4, arbitrary: pick(REQUEST_ACTIONS.slice(0, 2)) },
      { weight: 1, arbitrary: fc.constant(REQUEST_ACTIONS[2]!) },
    ),
    resource: pick(REQUEST_RESOURCES),
    states: fc.tuple(...KEYS.map((key) => pick(KEY_STATES[key]!))),
  })
  .map(({ action, resource, states }) => ({
    action,
    resource,
    context: Object.fromEntries(KEYS.flatMap((key, i) => (states[i] === null ? [] : [[key, states[i]!]]))),
  }));

function engineRequest(request: ReferenceRequest): Request {
  return {
    action: request.action,
    resource: request.resource,
    context: makeContext(Object.entries(request.context), { otherKeys: 'absent' }),
  };
}

describe('engine vs reference evaluator (fast-check)', () => {
  it('gives the reference decision, denying policy type and SCP level on random policy sets', () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(specArb(false), requestArb, (spec, request) => {
        const input = build(spec);
        const reference = referenceEvaluate(input, request);
        // The pool holds only operators the reference knows, and no policy variables.
        expect(reference, JSON.stringify({ spec, request })).not.toBe('skip');
        if (reference === 'skip') return;
        const engine = evaluate(input, engineRequest(request));
        const key = `${reference.decision}:${reference.deniedBy}`;
        seen[key] = (seen[key] ?? 0) + 1;
        expect(
          { decision: engine.decision, deniedBy: engine.deniedBy, deniedAtLevel: engine.deniedAtLevel },
          JSON.stringify({ spec, request }),
        ).toEqual({
          decision: reference.decision,
          deniedBy: reference.deniedBy,
          deniedAtLevel: 'deniedAtLevel' in reference ? reference.deniedAtLevel : undefined,
        });
      }),
      { seed: 20261205, numRuns: 300 },
    );
    // The generators reach every outcome (otherwise the comparison proves little).
    const outcomes = ['allowed', 'explicit-deny', 'implicit-deny'].flatMap((decision) =>
      decision === 'allowed'
        ? ['allowed:null']
        : ['scp', 'identity', 'permissions-boundary', 'session-policy'].map((type) => `${decision}:${type}`),
    );
    for (const outcome of outcomes) expect(seen[outcome] ?? 0, JSON.stringify(seen)).toBeGreaterThanOrEqual(5);
  }, 10_000);
});
