// The compile cache is keyed by the policy's stable id (src/engine/compiled-policy.ts, model/policy-id.ts):
// policies with one id compile once and decide alike; a policy without an id is never shared.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, forgettingNewPolicies } from '../../src/engine/compiled-policy.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { makeContext, type Policy, type Request } from '../../src/model/index.js';
import { KEY_STATES, KEYS, pick, policyArb, REQUEST_ACTIONS, REQUEST_RESOURCES } from '../helpers/arbitraries.js';
import { doc, policy } from '../helpers/policies.js';

const invoke = (resource: string): Request => ({
  action: 'bedrock:InvokeModel',
  resource,
  context: makeContext([], { otherKeys: 'unknown' }),
});

describe('compilePolicy', () => {
  it('compiles two Policy objects with the same id once', () => {
    const text = doc({
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel',
      Resource: 'arn:aws:bedrock:*::foundation-model/amazon.*',
    });
    const first = policy(text, { arn: 'arn:aws:iam::111122223333:policy/shared-cache-test' });
    const second = policy(text, { arn: 'arn:aws:iam::111122223333:policy/shared-cache-test' });
    expect(second).not.toBe(first);
    expect(second.id).toBe(first.id);
    expect(compilePolicy(second)).toBe(compilePolicy(first));
    const model = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0';
    expect(evaluate({ identity: [second] }, invoke(model))).toEqual(evaluate({ identity: [first] }, invoke(model)));
  });

  it('compiles policies with different ids apart, even under one ARN', () => {
    const arn = 'arn:aws:iam::111122223333:policy/claimed-twice';
    const allow = policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }), { arn });
    const deny = policy(doc({ Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: '*' }), { arn });
    expect(deny.id).not.toBe(allow.id);
    expect(compilePolicy(deny)).not.toBe(compilePolicy(allow));
    const request = invoke('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0');
    expect(evaluate({ identity: [allow] }, request).decision).toBe('allowed');
    expect(evaluate({ identity: [deny] }, request).decision).toBe('explicit-deny');
  });

  it('forgets what forgettingNewPolicies compiled first, and keeps what was compiled before', () => {
    const text = (n: number) =>
      doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:*::foundation-model/m${n}` });
    const kept = policy(text(1), { arn: 'arn:aws:iam::111122223333:policy/kept-across-scope' });
    const before = compilePolicy(kept);
    const edited = policy(text(2), { arn: 'arn:aws:iam::111122223333:policy/edited-in-scope' });
    const inside = forgettingNewPolicies(() => {
      expect(compilePolicy(kept)).toBe(before);
      const compiled = compilePolicy(edited);
      // Within the scope, the cache serves it as usual.
      expect(compilePolicy(edited)).toBe(compiled);
      return compiled;
    });
    expect(compilePolicy(kept)).toBe(before);
    expect(compilePolicy(edited)).not.toBe(inside);
  });

  it('never shares the compilation of a hand-built policy without an id', () => {
    const built = policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }));
    const a = { ...built, id: '' } as Policy;
    const b = { ...built, id: undefined } as unknown as Policy;
    expect(compilePolicy(a)).not.toBe(compilePolicy(b));
    expect(compilePolicy(a)).toBe(compilePolicy(a));
  });
});

describe('same id ⇒ same decisions (property)', () => {
  const requestArb = fc.record({
    action: pick(REQUEST_ACTIONS),
    resource: pick(REQUEST_RESOURCES),
    keys: fc.record(
      Object.fromEntries(KEYS.map((key) => [key, pick(KEY_STATES[key]!)])) as Record<
        string,
        fc.Arbitrary<readonly string[] | null>
      >,
    ),
  });
  const toRequest = (spec: {
    action: string;
    resource: string;
    keys: Record<string, readonly string[] | null>;
  }): Request => {
    const entries = Object.entries(spec.keys);
    return {
      action: spec.action,
      resource: spec.resource,
      context: makeContext(
        entries.flatMap(([key, value]) => (value === null ? [] : [[key, value] as [string, readonly string[]]])),
        { absent: entries.filter(([, value]) => value === null).map(([key]) => key), otherKeys: 'unknown' },
      ),
    };
  };

  it('a policy parsed again gets the same id, and the shared compilation decides as its own would', () => {
    fc.assert(
      fc.property(policyArb(true), fc.array(requestArb, { minLength: 1, maxLength: 4 }), (document, requests) => {
        const text = JSON.stringify(document, null, 2);
        const first = policy(text, { file: 'property.json' });
        const again = policy(text, { file: 'property.json' });
        expect(again.id).toBe(first.id);
        compilePolicy(first);
        // Without an id the engine compiles the object itself: the reference for the cached one.
        const own = { ...again, id: '' } as Policy;
        for (const spec of requests) {
          const request = toRequest(spec);
          // The reason names the policy by its id, which `own` lacks on purpose: compare without it.
          expect(withoutPolicyIds(evaluate({ identity: [again] }, request))).toEqual(
            withoutPolicyIds(evaluate({ identity: [own] }, request)),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('different documents under one file get different ids', () => {
    fc.assert(
      fc.property(policyArb(false), policyArb(false), (a, b) => {
        const { id: idA, ...policyA } = policy(JSON.stringify(a, null, 2), { file: 'same.json' });
        const { id: idB, ...policyB } = policy(JSON.stringify(b, null, 2), { file: 'same.json' });
        fc.pre(!isDeepStrictEqual(policyA, policyB));
        expect(idA).not.toBe(idB);
      }),
      { numRuns: 150 },
    );
  });
});

function withoutPolicyIds(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, entry) => (key === 'policyId' ? undefined : entry)));
}
