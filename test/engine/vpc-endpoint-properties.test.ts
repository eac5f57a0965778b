import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationInput } from '../../src/engine/evaluate.js';
import { makeContext, type Decision, type Request } from '../../src/model/index.js';
import { policy } from '../helpers/policies.js';
import { build, pick, REQUEST_ACTIONS, REQUEST_RESOURCES, specArb, statementArb } from '../helpers/arbitraries.js';

/*
 * The VPC endpoint gate over random policies: an endpoint policy "does not override or replace identity-based
 * policies" (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html), so it can only take
 * access away; the default endpoint policy (Principal "*", Action "*", Resource "*") changes nothing; and a decision
 * made while the caller is unknown holds for every caller the Principal pool can name (fail closed).
 */

const ROLE = 'arn:aws:iam::111122223333:role/App';
const OTHER = 'arn:aws:iam::111122223333:role/Other';
const ROOT = 'arn:aws:iam::111122223333:root';
const FOREIGN = 'arn:aws:iam::444455556666:role/App';
const CALLERS = [ROLE, OTHER, ROOT, FOREIGN];
const PRINCIPALS: unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: ROLE },
  { AWS: [OTHER, FOREIGN] },
  { AWS: '111122223333' },
  { AWS: ROOT },
  { Service: 'ec2.amazonaws.com' },
];

const endpointArb = fc
  .array(
    fc.tuple(
      statementArb(
        fc.integer({ min: 0, max: 2 }).map((n): 'Allow' | 'Deny' => (n === 0 ? 'Deny' : 'Allow')),
        false,
      ),
      pick(PRINCIPALS),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((statements) =>
    policy(
      {
        Version: '2012-10-17',
        Statement: statements.map(([statement, principal]) => ({ ...statement, Principal: principal })),
      },
      { type: 'vpc-endpoint', file: 'vpce.json' },
    ),
  );

const DEFAULT_ENDPOINT = policy(
  { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
  { type: 'vpc-endpoint', file: 'default.json' },
);

const requestOf = (action: string, resource: string, caller: string | 'unknown'): Request => ({
  action,
  resource,
  context: makeContext(
    [
      ['aws:RequestedRegion', ['us-east-1']],
      ...(caller === 'unknown'
        ? []
        : ([
            ['aws:PrincipalArn', [caller]],
            ['aws:PrincipalAccount', [caller.split(':')[4]!]],
          ] as const)),
    ],
    { otherKeys: caller === 'unknown' ? 'unknown' : 'absent' },
  ),
});

const withEndpoint = (input: EvaluationInput, endpointPolicy: ReturnType<typeof policy>): EvaluationInput => ({
  ...input,
  vpcEndpoint: { policy: endpointPolicy, actionPrefix: 'bedrock:' },
});
const isDenied = (decision: Decision) => decision.decision === 'explicit-deny' || decision.decision === 'implicit-deny';

const callArb = fc.record({ action: pick(REQUEST_ACTIONS), resource: pick(REQUEST_RESOURCES), caller: pick(CALLERS) });

describe('the VPC endpoint gate, over random policies', () => {
  it('only takes access away: allowed through the endpoint implies allowed without it', () => {
    fc.assert(
      fc.property(specArb(false), endpointArb, callArb, (spec, endpoint, call) => {
        const input = build(spec);
        const request = requestOf(call.action, call.resource, call.caller);
        const without = evaluate(input, request);
        const withIt = evaluate(withEndpoint(input, endpoint), request);
        if (withIt.decision === 'allowed') expect(without.decision).toBe('allowed');
        if (without.decision === 'explicit-deny') expect(withIt.decision).toBe('explicit-deny');
      }),
      { numRuns: 300 },
    );
  });

  it('the default endpoint policy changes no decision', () => {
    fc.assert(
      fc.property(specArb(false), callArb, (spec, call) => {
        const input = build(spec);
        const request = requestOf(call.action, call.resource, call.caller);
        const without = evaluate(input, request);
        const withIt = evaluate(withEndpoint(input, DEFAULT_ENDPOINT), request);
        expect({ decision: withIt.decision, deniedBy: withIt.deniedBy }).toEqual({
          decision: without.decision,
          deniedBy: without.deniedBy,
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a decision made for an unknown caller holds for every caller (fail closed)', () => {
    fc.assert(
      fc.property(specArb(false), endpointArb, callArb, (spec, endpoint, call) => {
        const input = withEndpoint(build(spec), endpoint);
        const unknown = evaluate(input, requestOf(call.action, call.resource, 'unknown'));
        if (unknown.decision === 'conditional') return;
        for (const caller of CALLERS) {
          const known = evaluate(input, requestOf(call.action, call.resource, caller));
          if (unknown.decision === 'allowed') expect(known.decision, caller).toBe('allowed');
          else expect(isDenied(known), caller).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
