import { describe, expect, it } from 'vitest';
import { denyEditCandidates as candidatesData } from '../../../src/diagnose/fix/deny-edits.js';
import type { StatementJson } from '../../../src/diagnose/fix/statement-json.js';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { Request, Statement } from '../../../src/model/index.js';
import { GATE_FIX_WORDS } from '../../../src/report/words/gate-fix-words.js';
import { context, doc, policy, request } from '../../helpers/policies.js';
import { BOTH_ACTIONS, INVOKE, INVOKE_STREAM, modelArn, profileArn } from './reverify.js';

/*
 * Candidate edits of an explicit Deny (src/diagnose/fix/deny-edits.ts), one kind at a time. Each
 * candidate is also evaluated here: it must stop the Deny matching the targets, and must keep it
 * matching the calls it is meant to keep denying (a negated condition operator on an absent key is
 * true: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const LITE = modelArn('us-east-1', NOVA_LITE);
const PRO = modelArn('us-east-1', NOVA_PRO);
const US_LITE = profileArn('us-east-1', `us.${NOVA_LITE}`);
const US_PRO = profileArn('us-east-1', `us.${NOVA_PRO}`);

const denyStatement = (statement: object): Statement => policy(doc(statement)).statements[0]!;
const direct = (action: string, resource: string, region = 'us-east-1'): Request =>
  request(action, resource, context({ 'aws:RequestedRegion': region }, { absent: ['bedrock:InferenceProfileArn'] }));
const routed = (action: string, resource: string, profile: string, region: string): Request =>
  request(action, resource, context({ 'aws:RequestedRegion': region, 'bedrock:InferenceProfileArn': profile }));
const profileItself = (action: string, profile: string): Request =>
  request(action, profile, context({ 'aws:RequestedRegion': 'us-east-1' }));

/** The candidates with each edit in words, as the fix edit-deny says it (report/words/gate-fix-words.ts). */
const denyEditCandidates = (statement: Statement, targets: readonly Request[]) =>
  candidatesData(statement, targets).map(({ edit, ...candidate }) => ({
    ...candidate,
    summary: GATE_FIX_WORDS['edit-deny']({ edits: [JSON.stringify(edit)] }).summary,
  }));

/** Whether a Deny statement (as JSON) applies to a request, with an Allow-everything beside it. */
function denies(statement: StatementJson, target: Request): boolean {
  const withAllow = policy(doc({ Effect: 'Allow', Action: '*', Resource: '*' }, statement));
  return evaluate({ identity: [withAllow] }, target).decision === 'explicit-deny';
}

describe('denyEditCandidates: Resource entries naming the invoked ARNs', () => {
  it('drops the literal entry and keeps the others (one left: written as a string)', () => {
    const deny = denyStatement({ Sid: 'D', Effect: 'Deny', Action: BOTH_ACTIONS, Resource: [LITE, PRO] });
    const [candidate, ...rest] = denyEditCandidates(deny, [direct(INVOKE, LITE), direct(INVOKE_STREAM, LITE)]);
    expect(rest).toEqual([]);
    expect(candidate).toEqual({
      kind: 'replace',
      statement: { Sid: 'D', Effect: 'Deny', Action: BOTH_ACTIONS, Resource: PRO },
      summary: 'drop the invoked ARNs from the Resource list of Deny statement "D"',
    });
    expect(denies(candidate!.statement!, direct(INVOKE, LITE))).toBe(false);
    expect(denies(candidate!.statement!, direct(INVOKE, PRO))).toBe(true);
  });

  it('removes the statement when it names only the invoked ARNs', () => {
    const deny = denyStatement({ Effect: 'Deny', Action: INVOKE, Resource: LITE });
    expect(denyEditCandidates(deny, [direct(INVOKE, LITE)])).toEqual([
      { kind: 'remove', summary: 'remove the Deny statement: it names only the ARNs being invoked' },
    ]);
  });

  it('never drops a wildcard entry: it covers other ARNs too, so there is no candidate', () => {
    const deny = denyStatement({
      Effect: 'Deny',
      Action: 'bedrock:InvokeModel*',
      Resource: ['arn:aws:bedrock:*::foundation-model/amazon.nova-*'],
    });
    expect(denyEditCandidates(deny, [direct(INVOKE, LITE)])).toEqual([]);
    const mixed = denyStatement({
      Effect: 'Deny',
      Action: INVOKE,
      Resource: ['arn:aws:bedrock:*::foundation-model/amazon.*', LITE],
    });
    expect(denyEditCandidates(mixed, [direct(INVOKE, LITE)])[0]!.statement).toEqual({
      Effect: 'Deny',
      Action: INVOKE,
      Resource: 'arn:aws:bedrock:*::foundation-model/amazon.*',
    });
  });
});

describe('denyEditCandidates: calls routed through a profile', () => {
  const regionDeny = {
    Sid: 'StayHome',
    Effect: 'Deny',
    Action: 'bedrock:*',
    Resource: '*',
    Condition: {
      StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' },
      ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' },
    },
  };
  const targets = [
    routed(INVOKE, modelArn('us-west-2', NOVA_LITE), US_LITE, 'us-west-2'),
    routed(INVOKE, modelArn('us-east-2', NOVA_LITE), US_LITE, 'us-east-2'),
  ];

  it('exempts the profile with ArnNotEquals, keeping the other conditions; first of the candidates', () => {
    const [exemption, notResource] = denyEditCandidates(denyStatement(regionDeny), targets);
    expect(exemption).toEqual({
      kind: 'replace',
      statement: {
        ...regionDeny,
        Condition: { ...regionDeny.Condition, ArnNotEquals: { 'bedrock:InferenceProfileArn': US_LITE } },
      },
      summary: `exempt calls routed through ${US_LITE} from Deny statement "StayHome" (ArnNotEquals on bedrock:InferenceProfileArn)`,
    });
    expect(notResource!.summary).toMatch(/NotResource/);
    const edited = exemption!.statement!;
    const admin = { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/App' };
    for (const target of targets) expect(denies(edited, withKeys(target, admin))).toBe(false);
    // Still denied: the same model called directly, another profile's routing, any other action there.
    expect(denies(edited, withKeys(direct(INVOKE, modelArn('us-west-2', NOVA_LITE), 'us-west-2'), admin))).toBe(true);
    expect(denies(edited, withKeys(routed(INVOKE, modelArn('us-west-2', NOVA_PRO), US_PRO, 'us-west-2'), admin))).toBe(
      true,
    );
    expect(
      denies(
        edited,
        withKeys(direct('bedrock:GetFoundationModel', modelArn('us-west-2', NOVA_LITE), 'us-west-2'), admin),
      ),
    ).toBe(true);
  });

  it('adds the profile to an existing ArnNotEquals list, sorted', () => {
    const deny = denyStatement({
      ...regionDeny,
      Condition: { ...regionDeny.Condition, ArnNotEquals: { 'bedrock:InferenceProfileArn': US_PRO } },
    });
    const [exemption] = denyEditCandidates(deny, targets);
    expect((exemption!.statement!.Condition as Record<string, unknown>).ArnNotEquals).toEqual({
      'bedrock:InferenceProfileArn': [US_LITE, US_PRO],
    });
  });

  it('is not offered for a call that is not routed', () => {
    const candidates = denyEditCandidates(denyStatement(regionDeny), [
      direct(INVOKE, modelArn('us-west-2', NOVA_LITE), 'us-west-2'),
    ]);
    expect(candidates.map((candidate) => candidate.summary)).toEqual([expect.stringMatching(/NotResource/)]);
  });

  describe('when the Deny also matches the profile ARN itself, the ARN leaves its resources too', () => {
    const withProfile = [...targets, profileItself(INVOKE, US_LITE)];
    const condition = { ArnNotEquals: { 'bedrock:InferenceProfileArn': US_LITE } };

    it('Resource "*": NotResource the profile ARN', () => {
      const [combined] = denyEditCandidates(
        denyStatement({ Effect: 'Deny', Action: INVOKE, Resource: '*' }),
        withProfile,
      );
      expect(combined).toEqual({
        kind: 'replace',
        statement: { Effect: 'Deny', Action: INVOKE, NotResource: US_LITE, Condition: condition },
        summary: `exempt calls routed through ${US_LITE} from the Deny statement (ArnNotEquals on bedrock:InferenceProfileArn), and leave ${US_LITE} out of its resources`,
      });
      for (const target of withProfile) expect(denies(combined!.statement!, target)).toBe(false);
      expect(denies(combined!.statement!, direct(INVOKE, LITE))).toBe(true);
      // Another profile's own ARN: denied whether AWS leaves the key out or sets it to that profile.
      const other = profileArn('us-west-2', `us.${NOVA_LITE}`);
      expect(
        denies(
          combined!.statement!,
          request(
            INVOKE,
            other,
            context({ 'aws:RequestedRegion': 'us-west-2' }, { absent: ['bedrock:InferenceProfileArn'] }),
          ),
        ),
      ).toBe(true);
      expect(denies(combined!.statement!, routed(INVOKE, other, other, 'us-west-2'))).toBe(true);
    });

    it('a Resource list naming the profile ARN: the entry goes, the rest stays', () => {
      const deny = denyStatement({
        Effect: 'Deny',
        Action: INVOKE,
        Resource: ['arn:aws:bedrock:*::foundation-model/*', US_LITE],
      });
      const candidates = denyEditCandidates(deny, withProfile);
      // The plain drop frees only the profile ARN; the combined edit comes next.
      expect(candidates.map((candidate) => candidate.statement)).toEqual([
        { Effect: 'Deny', Action: INVOKE, Resource: 'arn:aws:bedrock:*::foundation-model/*' },
        { Effect: 'Deny', Action: INVOKE, Resource: 'arn:aws:bedrock:*::foundation-model/*', Condition: condition },
      ]);
    });

    it('a Resource list covering the profile ARN only by a wildcard: no combined candidate', () => {
      const deny = denyStatement({
        Effect: 'Deny',
        Action: INVOKE,
        Resource: ['arn:aws:bedrock:*::foundation-model/*', 'arn:aws:bedrock:*:*:inference-profile/*'],
      });
      expect(denyEditCandidates(deny, withProfile)).toEqual([]);
    });

    it('NotResource: the profile ARN joins the list', () => {
      const deny = denyStatement({ Effect: 'Deny', Action: INVOKE, NotResource: PRO });
      const [combined] = denyEditCandidates(deny, withProfile);
      expect(combined!.statement).toEqual({
        Effect: 'Deny',
        Action: INVOKE,
        NotResource: [PRO, US_LITE].sort(),
        Condition: condition,
      });
    });
  });
});

describe('denyEditCandidates: a Deny on every resource', () => {
  it('Resource "*" becomes NotResource of exactly the invoked ARNs, members in the usual order', () => {
    const deny = denyStatement({
      Sid: 'NoInvoke',
      Effect: 'Deny',
      Action: BOTH_ACTIONS,
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    });
    const candidates = denyEditCandidates(deny, [direct(INVOKE, PRO), direct(INVOKE, LITE)]);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]!.statement).toEqual({
      Sid: 'NoInvoke',
      Effect: 'Deny',
      Action: BOTH_ACTIONS,
      NotResource: [LITE, PRO],
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    });
    expect(Object.keys(candidates[0]!.statement!)).toEqual(['Sid', 'Effect', 'Action', 'NotResource', 'Condition']);
  });

  it('an existing NotResource list gets the invoked ARNs added', () => {
    const deny = denyStatement({ Effect: 'Deny', NotAction: 's3:*', NotResource: PRO });
    expect(denyEditCandidates(deny, [direct(INVOKE, LITE)])).toEqual([
      {
        kind: 'replace',
        statement: { Effect: 'Deny', NotAction: 's3:*', NotResource: [LITE, PRO] },
        summary: 'add the invoked ARNs to the NotResource list of the Deny statement',
      },
    ]);
  });

  it('with Action bedrock:*, the NotResource conversion would stop denying other actions on the ARN: why the planner probes them', () => {
    const [candidate] = denyEditCandidates(denyStatement({ Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }), [
      direct(INVOKE, LITE),
      direct(INVOKE_STREAM, LITE),
    ]);
    expect(denies(candidate!.statement!, direct(INVOKE, LITE))).toBe(false);
    expect(denies(candidate!.statement!, direct('bedrock:GetFoundationModel', LITE))).toBe(false);
  });
});

describe('denyEditCandidates: the statement given', () => {
  it('is not changed', () => {
    const deny = denyStatement({
      Effect: 'Deny',
      Action: INVOKE,
      Resource: [LITE, PRO],
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    });
    const before = JSON.stringify(deny);
    denyEditCandidates(deny, [direct(INVOKE, LITE), routed(INVOKE, LITE, US_LITE, 'us-east-1')]);
    expect(JSON.stringify(deny)).toBe(before);
  });
});

function withKeys(target: Request, keys: Record<string, string>): Request {
  const values = new Map(target.context.values);
  for (const [key, value] of Object.entries(keys)) values.set(key.toLowerCase(), [value]);
  return { ...target, context: { ...target.context, values } };
}

describe('denyEditCandidates: a Deny of API keys', () => {
  // A Deny of bedrock:CallWithBearerToken exists to block API keys
  // (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html): "NotResource": "*" would
  // switch it off, so no edit is proposed.
  it('proposes nothing for the API-key request', () => {
    const deny = policy(doc({ Effect: 'Deny', Action: 'bedrock:CallWithBearerToken', Resource: '*' })).statements[0]!;
    const target = request('bedrock:CallWithBearerToken', '*', context({ 'bedrock:BearerTokenType': 'SHORT_TERM' }));
    expect(denyEditCandidates(deny, [target])).toEqual([]);
  });
});
