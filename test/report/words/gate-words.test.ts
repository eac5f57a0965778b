// The words of the policy gates' findings and the fix planner's fixes (report/words/gate-*-words.ts): the records
// the analysis passes as JSON parameters, and the call a finding is about (an API key, an endpoint), worded
// from data alone. The examples (test/examples) pin the same words end to end.
import { describe, expect, it } from 'vitest';
import { message } from '../../../src/model/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';
import { GATE_FINDING_WORDS } from '../../../src/report/words/gate-finding-words.js';
import {
  GATE_ALTERNATIVE_WORDS,
  GATE_FIX_DETAIL_WORDS,
  GATE_FIX_WORDS,
} from '../../../src/report/words/gate-fix-words.js';

const explicit = {
  policyType: 'identity',
  policyName: 'app.json',
  level: null,
  conditional: true,
  statement: 'app.json:4',
  sid: 'NoTier',
  denied: 2,
  clauses: ['StringEquals bedrock:ServiceTier priority'],
};

describe('gate findings in words', () => {
  it('an explicit Deny: where, which clauses, and the clause of a value the call chose', () => {
    const words = GATE_FINDING_WORDS['explicit-deny']({
      ...explicit,
      chosen: [
        JSON.stringify({
          operator: 'StringEquals',
          key: 'bedrock:ServiceTier',
          values: ['priority'],
          at: 'app.json:9',
          given: ['priority'],
        }),
      ],
    });
    expect(words.title).toBe(
      'An explicit Deny in the identity-based policy app.json blocks the call when its condition holds',
    );
    expect(words.cause).toBe(
      'The Deny statement at app.json:4 (Sid NoTier) matches 2 of the requests AWS authorizes for this call when ' +
        'StringEquals bedrock:ServiceTier priority; an explicit Deny overrides every Allow. Its condition names a value the ' +
        'call chose: StringEquals bedrock:ServiceTier priority (app.json:9) holds for the call\'s bedrock:ServiceTier "priority".',
    );
  });

  it('says when AWS names the denial, each requirement read back from its record', () => {
    const { cause } = GATE_FINDING_WORDS['no-allow']({
      policyType: 'identity',
      level: null,
      denied: 1,
      when: [
        JSON.stringify({
          deny: { at: 'deny.json:3', sid: null, clauses: ['NotIpAddress aws:SourceIp 203.0.113.0/24'] },
          holds: false,
        }),
        JSON.stringify({
          policyType: 'scp',
          level: 'ou-1',
          holds: true,
          allows: [{ at: 'scp.json:2', sid: 'Vpc', clauses: [] }],
        }),
      ],
      dependsOn: null,
    });
    expect(cause).toBe(
      'None of the identity-based policy statements allows 1 of the requests AWS authorizes for this call, so they are ' +
        'implicitly denied. These calls are denied whatever the request context, but AWS reports this denial only if the ' +
        'Deny at deny.json:3 does not apply (NotIpAddress aws:SourceIp 203.0.113.0/24) and the service control policy at ' +
        'the ou-1 level allows the call (its match, which could not be fully evaluated, holds at scp.json:2 (Sid Vpc)); ' +
        'otherwise it reports another (see the possible errors of each check).',
    );
  });

  it('a finding about the API-key request or a call through an endpoint names it before the gate', () => {
    const gate = { policyType: 'scp', level: 'Account', denied: 1 };
    expect(GATE_FINDING_WORDS['no-allow']({ ...gate, apiKey: 'LONG_TERM' }).title).toBe(
      'Calls with a long-term API key are denied: no service control policy at the Account level allows the call',
    );
    const endpoint = GATE_FINDING_WORDS['no-allow']({ ...gate, policyType: 'vpc-endpoint', endpoint: 'vpce-1' });
    expect(endpoint.title).toBe(
      'calls through vpce-1 would be denied: No VPC endpoint policy at the Account level allows the call',
    );
    expect(endpoint.cause).toMatch(/^If the call goes through the interface VPC endpoint vpce-1: None of /);
  });
});

describe('planner fixes in words', () => {
  it('a Deny edited twice is one fix whose edits are joined', () => {
    const edits = [
      JSON.stringify({ edit: 'exempt-profiles', sid: null, profiles: ['p1', 'p2'], unrouted: ['a1'] }),
      JSON.stringify({ edit: 'drop-arns', sid: 'D' }),
    ];
    expect(GATE_FIX_WORDS['edit-deny']({ edits }).summary).toBe(
      'exempt calls routed through p1,p2 from the Deny statement (ArnNotEquals on bedrock:InferenceProfileArn), and leave ' +
        'a1 out of its resources; and drop the invoked ARNs from the Resource list of Deny statement "D"',
    );
  });

  it('meeting a condition: one step per clause, the request as given', () => {
    const clause = {
      operator: 'IpAddress',
      key: 'aws:SourceIp',
      values: ['203.0.113.0/24'],
      at: 'app.json:9:11',
      given: ['192.0.2.10'],
    };
    const words = GATE_FIX_WORDS['meet-allow-condition']({
      allow: 'app.json:4',
      sid: null,
      clauses: [JSON.stringify(clause)],
    });
    expect(words.summary).toBe(
      "Meet the condition of the Allow at app.json:4: call from 203.0.113.0/24 (the request's aws:SourceIp is 192.0.2.10)",
    );
    expect(words.steps).toEqual([
      'IpAddress aws:SourceIp ["203.0.113.0/24"] (app.json:9:11): aws:SourceIp is 192.0.2.10',
    ]);
  });

  it('a plan verified as a whole says so; changes tried without passing re-evaluation are named', () => {
    const detail = message('plan-reevaluated', {
      conditionKeys: [],
      fixed: 1,
      denied: 2,
      opened: 0,
      probes: 5,
      unmet: 1,
    });
    expect(GATE_FIX_DETAIL_WORDS['plan-reevaluated']({ ...detail.params, together: 2 })).toBe(
      're-evaluated with the fix applied: 1 of 2 denied checks allowed; 0 of 5 probe invocations (other models, Regions, ' +
        'routing) opened; 1 denied check depend on conditions no value could be chosen for, not re-evaluated (with all 2 ' +
        'changes of this fix applied together)',
    );
    const change = message('correct-action', {
      from: 'bedrock:InvokeModle',
      to: 'bedrock:InvokeModel',
      at: 'a.json:3',
    });
    expect(
      GATE_ALTERNATIVE_WORDS['changes-not-verified']({
        detail: JSON.stringify(detail),
        changes: [JSON.stringify(change)],
      }),
    ).toMatch(
      /^these changes were tried but did not pass re-evaluation \(re-evaluated with the fix applied: 1 of 2 .*\): Correct the action "bedrock:InvokeModle" to "bedrock:InvokeModel" at a\.json:3$/,
    );
  });

  it('an alternative that names an option goes through the CLI hint', () => {
    const alternative = message('call-with-other-value', {
      key: 'bedrock:ServiceTier',
      given: ['priority'],
      option: 'service-tier-option',
    });
    expect(renderCliHints({ alternatives: [alternative] }).alternatives[0]).toBe(
      'the Deny applies because the call asks for bedrock:ServiceTier "priority": call with a value its condition does not ' +
        "match (--service-tier TIER), or have the policy's owner narrow the condition",
    );
  });
});
