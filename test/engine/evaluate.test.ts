import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationInput } from '../../src/engine/evaluate.js';
import {
  makeContext,
  withPolicyId,
  type Decision,
  type MatchedStatement,
  type Policy,
  type Statement,
} from '../../src/model/index.js';
import { context, doc, fullAwsAccess, lineOf, policy, request, scpLevel } from '../helpers/policies.js';

/*
 * The rules under test are those of "Policy evaluation logic" and its sub-pages in the IAM User Guide:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 * — "By default, all requests are implicitly denied"; "An explicit deny overrides an explicit allow";
 * the enforcement code looks for a Deny in every applicable policy (SCPs, identity-based policies,
 * permissions boundaries, session policies) first; then, for SCPs, "If the enforcement code does not
 * find any Allow statements in the SCPs that apply to the request, the enforcement code returns a
 * final decision of Deny"; then an identity-based policy must allow; then the permissions boundary
 * and the session policies, when present, must each allow too.
 */

const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const ACCOUNT = '111122223333';
const FM = `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`;
const FM_WEST = `arn:aws:bedrock:us-west-2::foundation-model/${MODEL}`;
const GLOBAL_FM = `arn:aws:bedrock:::foundation-model/${MODEL}`;
const PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${MODEL}`;
const INVOKE = 'bedrock:InvokeModel';
const STREAM = 'bedrock:InvokeModelWithResponseStream';

const allowAll = (file = 'allow-all.json') =>
  policy(doc({ Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }), { file });
const allowBedrock = (file = 'allow-bedrock.json') =>
  policy(doc({ Sid: 'AllowInvoke', Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }), { file });

const known = (values: Record<string, string | readonly string[]> = {}) =>
  context({ 'aws:RequestedRegion': 'us-east-1', ...values }, { otherKeys: 'absent' });
const unknownRest = (values: Record<string, string | readonly string[]> = {}) =>
  context({ 'aws:RequestedRegion': 'us-east-1', ...values }, { otherKeys: 'unknown' });

const run = (input: Partial<EvaluationInput>, action = INVOKE, resource = FM, ctx = known()): Decision =>
  evaluate({ identity: [], ...input }, request(action, resource, ctx));

const sids = (decision: Decision): (string | undefined)[] => decision.statements.map((s) => s.sid);
const summary = (decision: Decision) => ({
  decision: decision.decision,
  deniedBy: decision.deniedBy,
  deniedAtLevel: decision.deniedAtLevel,
});

describe('explicit deny wins over any Allow, in any policy type', () => {
  it('an identity Deny beats an identity Allow * in the same and in another policy', () => {
    const deny = policy(doc({ Sid: 'DenyFM', Effect: 'Deny', Action: INVOKE, Resource: FM }), {
      file: 'deny.json',
      arn: `arn:aws:iam::${ACCOUNT}:policy/DenyFM`,
    });
    const d = run({ identity: [allowAll(), deny] });
    expect(summary(d)).toEqual({ decision: 'explicit-deny', deniedBy: 'identity', deniedAtLevel: undefined });
    expect(sids(d)).toEqual(['AllowAll', 'DenyFM']);
    expect(d.statements.find((s) => s.effect === 'Deny')).toMatchObject({
      policyArn: `arn:aws:iam::${ACCOUNT}:policy/DenyFM`,
      conditional: false,
    });
    expect(d.residuals).toBeUndefined();

    const same = policy(
      doc(
        { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'DenyFM', Effect: 'Deny', Action: INVOKE, Resource: FM },
      ),
    );
    expect(run({ identity: [same] }).decision).toBe('explicit-deny');
    // The Deny names another action: it does not apply.
    expect(run({ identity: [same] }, STREAM).decision).toBe('allowed');
  });

  it('an SCP Deny beats FullAWSAccess and an identity Allow, and names its level', () => {
    const denyBedrock = policy(doc({ Sid: 'DenyBedrock', Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }), {
      type: 'scp',
      file: 'deny-bedrock.json',
    });
    const d = run({
      scpLevels: [
        scpLevel('Root', fullAwsAccess()),
        scpLevel('ou-sandbox', fullAwsAccess('ou-full.json'), denyBedrock),
        scpLevel(ACCOUNT, fullAwsAccess('acct-full.json')),
      ],
      identity: [allowAll()],
    });
    expect(summary(d)).toEqual({ decision: 'explicit-deny', deniedBy: 'scp', deniedAtLevel: 'ou-sandbox' });
  });

  it('a permissions-boundary Deny and a session-policy Deny each win', () => {
    const boundary = policy(
      doc(
        { Sid: 'BoundaryAllow', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'BoundaryDeny', Effect: 'Deny', Action: STREAM, Resource: '*' },
      ),
      { type: 'permissions-boundary', file: 'boundary.json' },
    );
    expect(summary(run({ identity: [allowAll()], permissionsBoundary: boundary }, STREAM))).toEqual({
      decision: 'explicit-deny',
      deniedBy: 'permissions-boundary',
      deniedAtLevel: undefined,
    });
    expect(run({ identity: [allowAll()], permissionsBoundary: boundary }, INVOKE).decision).toBe('allowed');

    const session = policy(
      doc(
        { Sid: 'SessionAllow', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'SessionDeny', Effect: 'Deny', Action: '*', Resource: FM_WEST },
      ),
      { type: 'session-policy', file: 'session.json' },
    );
    expect(summary(run({ identity: [allowAll()], sessionPolicies: [session] }, INVOKE, FM_WEST))).toEqual({
      decision: 'explicit-deny',
      deniedBy: 'session-policy',
      deniedAtLevel: undefined,
    });
  });

  it('an explicit Deny wins even in a gate that has no Allow (explicit, not implicit, deny)', () => {
    const scpOnlyDeny = policy(doc({ Sid: 'DenyWest', Effect: 'Deny', Action: '*', Resource: FM }), {
      type: 'scp',
      file: 'scp.json',
    });
    const d = run({ scpLevels: [scpLevel('Root', scpOnlyDeny)], identity: [] });
    expect(summary(d)).toEqual({ decision: 'explicit-deny', deniedBy: 'scp', deniedAtLevel: 'Root' });
  });

  it('attributes an explicit deny found in several policy types to the first gate (SCP levels, identity, boundary, session)', () => {
    // The AWS pages do not say which Deny an AccessDenied message names when several apply; the engine
    // (and so the message) uses the evaluation order of the flow chart.
    const idDeny = policy(doc({ Sid: 'IdDeny', Effect: 'Deny', Action: '*', Resource: '*' }), { file: 'id-deny.json' });
    const scpDeny = policy(doc({ Sid: 'ScpDeny', Effect: 'Deny', Action: '*', Resource: '*' }), {
      type: 'scp',
      file: 'scp-deny.json',
    });
    const d = run({
      scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('Account', fullAwsAccess('a.json'), scpDeny)],
      identity: [idDeny, allowAll()],
    });
    expect(summary(d)).toEqual({ decision: 'explicit-deny', deniedBy: 'scp', deniedAtLevel: 'Account' });
    expect(sids(d)).toEqual([undefined, undefined, 'ScpDeny', 'AllowAll', 'IdDeny']);
  });
});

describe('implicit deny: no Allow', () => {
  it('with no policies at all, the identity gate denies', () => {
    const d = run({});
    expect(d).toEqual({ decision: 'implicit-deny', deniedBy: 'identity', statements: [], reason: [] });
  });

  it('an Allow for another action, resource or service does not apply', () => {
    const other = policy(
      doc(
        { Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: '*' },
        {
          Sid: 'OtherModel',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
        },
        { Sid: 'StreamOnly', Effect: 'Allow', Action: STREAM, Resource: FM },
      ),
    );
    const d = run({ identity: [other] });
    expect(summary(d)).toEqual({ decision: 'implicit-deny', deniedBy: 'identity', deniedAtLevel: undefined });
    expect(d.statements).toEqual([]);
  });

  it('an SCP, a boundary or a session policy Allow never grants by itself', () => {
    const d = run({
      scpLevels: [scpLevel('Root', fullAwsAccess())],
      permissionsBoundary: policy(doc({ Effect: 'Allow', Action: '*', Resource: '*' }), {
        type: 'permissions-boundary',
        file: 'b.json',
      }),
      sessionPolicies: [
        policy(doc({ Effect: 'Allow', Action: '*', Resource: '*' }), { type: 'session-policy', file: 's.json' }),
      ],
      identity: [],
    });
    expect(summary(d)).toEqual({ decision: 'implicit-deny', deniedBy: 'identity', deniedAtLevel: undefined });
  });
});

describe('every SCP level must allow', () => {
  const allowS3 = (file: string) =>
    policy(doc({ Sid: 'OnlyS3', Effect: 'Allow', Action: 's3:*', Resource: '*' }), { type: 'scp', file });
  const allowBedrockScp = (file: string) =>
    policy(doc({ Sid: 'Bedrock', Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }), { type: 'scp', file });

  it('allows when root, each OU and the account allow', () => {
    const d = run({
      scpLevels: [
        scpLevel('Root', fullAwsAccess()),
        scpLevel('ou-prod', allowBedrockScp('ou.json')),
        scpLevel(ACCOUNT, fullAwsAccess('acct.json')),
      ],
      identity: [allowBedrock()],
    });
    expect(d.decision).toBe('allowed');
    expect(d.statements.map((s) => [s.policyType, s.level ?? null])).toEqual([
      ['scp', 'Root'],
      ['scp', 'ou-prod'],
      ['scp', ACCOUNT],
      ['identity', null],
    ]);
  });

  it('denies implicitly at the first level without an Allow, even when a lower level allows everything', () => {
    const d = run({
      scpLevels: [
        scpLevel('Root', fullAwsAccess()),
        scpLevel('ou-data', allowS3('ou.json')),
        scpLevel(ACCOUNT, allowS3('acct.json')),
      ],
      identity: [allowAll()],
    });
    expect(summary(d)).toEqual({ decision: 'implicit-deny', deniedBy: 'scp', deniedAtLevel: 'ou-data' });
  });

  it('an Allow at one level does not carry to another: an account level that only allows S3 denies Bedrock', () => {
    const d = run({
      scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel(ACCOUNT, allowS3('acct.json'))],
      identity: [allowAll()],
    });
    expect(summary(d)).toEqual({ decision: 'implicit-deny', deniedBy: 'scp', deniedAtLevel: ACCOUNT });
  });

  it('a level with no policy has no Allow', () => {
    expect(
      summary(run({ scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('ou-empty')], identity: [allowAll()] })),
    ).toEqual({
      decision: 'implicit-deny',
      deniedBy: 'scp',
      deniedAtLevel: 'ou-empty',
    });
  });

  it('any one policy of a level may provide its Allow', () => {
    const d = run({
      scpLevels: [scpLevel('Root', allowS3('s3.json'), allowBedrockScp('bedrock.json'))],
      identity: [allowAll()],
    });
    expect(d.decision).toBe('allowed');
  });

  it('reports the SCP level before the identity policies when both lack an Allow', () => {
    expect(summary(run({ scpLevels: [scpLevel('Root', allowS3('s3.json'))], identity: [] }))).toEqual({
      decision: 'implicit-deny',
      deniedBy: 'scp',
      deniedAtLevel: 'Root',
    });
  });

  it('no SCP levels at all (no organization, management account) restrict nothing', () => {
    expect(run({ identity: [allowBedrock()] }).decision).toBe('allowed');
  });
});

describe('the permissions boundary and the session policies must allow', () => {
  const boundaryS3 = () =>
    policy(doc({ Sid: 'BoundaryS3', Effect: 'Allow', Action: 's3:*', Resource: '*' }), {
      type: 'permissions-boundary',
      file: 'boundary.json',
    });
  const boundaryBedrock = () =>
    policy(doc({ Sid: 'BoundaryBedrock', Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }), {
      type: 'permissions-boundary',
      file: 'boundary.json',
    });

  it('a boundary without a matching Allow denies what the identity policy allows', () => {
    expect(summary(run({ identity: [allowAll()], permissionsBoundary: boundaryS3() }))).toEqual({
      decision: 'implicit-deny',
      deniedBy: 'permissions-boundary',
      deniedAtLevel: undefined,
    });
    expect(run({ identity: [allowAll()], permissionsBoundary: boundaryBedrock() }).decision).toBe('allowed');
  });

  it('the identity gate is reported before the boundary when both lack an Allow', () => {
    expect(run({ identity: [], permissionsBoundary: boundaryS3() }).deniedBy).toBe('identity');
  });

  it('session policies must allow too; any one of them may', () => {
    const onlyProfile = policy(doc({ Sid: 'OnlyProfile', Effect: 'Allow', Action: INVOKE, Resource: PROFILE }), {
      type: 'session-policy',
      file: 'session-inline.json',
    });
    const onlyWest = policy(doc({ Sid: 'OnlyWest', Effect: 'Allow', Action: INVOKE, Resource: FM_WEST }), {
      type: 'session-policy',
      file: 'session-managed.json',
    });
    const input = {
      identity: [allowAll()],
      permissionsBoundary: boundaryBedrock(),
      sessionPolicies: [onlyProfile, onlyWest],
    };
    expect(summary(run(input, INVOKE, FM))).toEqual({
      decision: 'implicit-deny',
      deniedBy: 'session-policy',
      deniedAtLevel: undefined,
    });
    expect(run(input, INVOKE, PROFILE).decision).toBe('allowed');
    expect(run(input, INVOKE, FM_WEST).decision).toBe('allowed');
  });

  it('an empty list of session policies is a session gate with no Allow', () => {
    // EvaluationInput: "no sessionPolicies means the principal is not a session or the session was
    // created without them" — an empty array is a gate that allows nothing. check() never passes one.
    expect(run({ identity: [allowAll()], sessionPolicies: [] }).deniedBy).toBe('session-policy');
  });
});

describe('NotAction and NotResource', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
  it('Allow with NotAction grants every action not listed', () => {
    const p = policy(doc({ Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }));
    expect(run({ identity: [p] }).decision).toBe('allowed');
    expect(run({ identity: [p] }, 'iam:CreateUser', '*').decision).toBe('implicit-deny');
  });

  it('pitfall: "Deny NotAction bedrock:InvokeModel" also denies InvokeModelWithResponseStream', () => {
    const p = policy(
      doc(
        { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'DenyAllButInvoke', Effect: 'Deny', NotAction: INVOKE, Resource: '*' },
      ),
    );
    expect(run({ identity: [p] }, INVOKE).decision).toBe('allowed');
    const stream = run({ identity: [p] }, STREAM);
    expect(summary(stream)).toEqual({ decision: 'explicit-deny', deniedBy: 'identity', deniedAtLevel: undefined });
    expect(sids(stream)).toEqual(['AllowAll', 'DenyAllButInvoke']);
  });

  it('pitfall: a Deny with NotAction exempts the listed actions but does not allow them', () => {
    // The Region-deny SCP pattern: "Deny NotAction [global services]" restricts the rest; it grants nothing.
    const scp = policy(
      doc({
        Sid: 'DenyOutsideUsEast1',
        Effect: 'Deny',
        NotAction: ['bedrock:*', 'iam:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      }),
      { type: 'scp', file: 'scp.json' },
    );
    const west = known({ 'aws:RequestedRegion': 'us-west-2' });
    expect(summary(run({ scpLevels: [scpLevel('Root', scp)], identity: [allowAll()] }, INVOKE, FM_WEST, west))).toEqual(
      { decision: 'implicit-deny', deniedBy: 'scp', deniedAtLevel: 'Root' },
    );
    expect(
      run({ scpLevels: [scpLevel('Root', fullAwsAccess(), scp)], identity: [allowAll()] }, INVOKE, FM_WEST, west)
        .decision,
    ).toBe('allowed');
    expect(
      run(
        { scpLevels: [scpLevel('Root', fullAwsAccess(), scp)], identity: [allowAll()] },
        'ec2:RunInstances',
        '*',
        west,
      ).decision,
    ).toBe('explicit-deny');
  });

  it('pitfall: "Allow NotAction" with a Deny-style intent grants far more than meant', () => {
    // Someone meant "allow only Bedrock" and wrote NotAction: it allows every other service and not Bedrock.
    const p = policy(doc({ Sid: 'Oops', Effect: 'Allow', NotAction: 'bedrock:*', Resource: '*' }));
    expect(run({ identity: [p] }).decision).toBe('implicit-deny');
    expect(run({ identity: [p] }, 's3:GetObject', 'arn:aws:s3:::bucket/key').decision).toBe('allowed');
  });

  it('Deny with NotResource denies every resource but the listed ones', () => {
    const p = policy(
      doc(
        { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Sid: 'OnlyTheProfile',
          Effect: 'Deny',
          Action: 'bedrock:*',
          NotResource: [PROFILE, 'arn:aws:bedrock:*::foundation-model/*'],
        },
      ),
    );
    expect(run({ identity: [p] }, INVOKE, PROFILE).decision).toBe('allowed');
    expect(run({ identity: [p] }, INVOKE, FM).decision).toBe('allowed');
    expect(run({ identity: [p] }, INVOKE, GLOBAL_FM).decision).toBe('allowed');
    expect(
      run({ identity: [p] }, INVOKE, `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/abc123`)
        .decision,
    ).toBe('explicit-deny');
  });

  it('Allow with NotResource allows every resource but the listed ones', () => {
    const p = policy(
      doc({
        Sid: 'NotWest',
        Effect: 'Allow',
        Action: INVOKE,
        NotResource: 'arn:aws:bedrock:us-west-2::foundation-model/*',
      }),
    );
    expect(run({ identity: [p] }, INVOKE, FM).decision).toBe('allowed');
    expect(run({ identity: [p] }, INVOKE, FM_WEST).decision).toBe('implicit-deny');
  });

  it('NotAction and NotResource together: the Deny applies only when both the action and the resource are outside the lists', () => {
    const p = policy(
      doc(
        { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'Fence', Effect: 'Deny', NotAction: STREAM, NotResource: PROFILE },
      ),
    );
    expect(run({ identity: [p] }, INVOKE, FM).decision).toBe('explicit-deny');
    expect(run({ identity: [p] }, STREAM, FM).decision).toBe('allowed');
    expect(run({ identity: [p] }, INVOKE, PROFILE).decision).toBe('allowed');
  });
});

describe('Action and Resource matching', () => {
  const only = (action: string | string[], resource: string | string[] = '*') => [
    policy(doc({ Sid: 'S', Effect: 'Allow', Action: action, Resource: resource })),
  ];

  it('matches actions case-insensitively, with * and ? wildcards', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
    // ("Action ... values are case-insensitive"; "*" and "?" wildcards).
    expect(run({ identity: only('BEDROCK:invokemodel') }).decision).toBe('allowed');
    expect(run({ identity: only('bedrock:InvokeModel*') }, STREAM).decision).toBe('allowed');
    expect(run({ identity: only('bedrock:invoke*') }, STREAM).decision).toBe('allowed');
    expect(run({ identity: only('bedrock:Invoke?odel') }, INVOKE).decision).toBe('allowed');
    expect(run({ identity: only('bedrock:Invoke?odel') }, STREAM).decision).toBe('implicit-deny');
    expect(run({ identity: only('bedrock:InvokeModel') }, STREAM).decision).toBe('implicit-deny');
    expect(run({ identity: only('*') }, STREAM).decision).toBe('allowed');
    expect(run({ identity: only('bedrock-runtime:InvokeModel') }).decision).toBe('implicit-deny');
    expect(run({ identity: only(['s3:*', 'bedrock:*']) }).decision).toBe('allowed');
  });

  it('matches resources per ARN segment; the resource part is case-sensitive', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
    expect(run({ identity: only(INVOKE, 'arn:aws:bedrock:*::foundation-model/*') }).decision).toBe('allowed');
    expect(run({ identity: only(INVOKE, 'arn:aws:bedrock:*::foundation-model/anthropic.*') }).decision).toBe('allowed');
    expect(run({ identity: only(INVOKE, 'arn:aws:bedrock:*::foundation-model/Anthropic.*') }).decision).toBe(
      'implicit-deny',
    );
    expect(run({ identity: only(INVOKE, 'arn:aws:bedrock:us-west-2::foundation-model/*') }).decision).toBe(
      'implicit-deny',
    );
    expect(run({ identity: only(INVOKE, FM.replace('v1:0', 'v1:1')) }).decision).toBe('implicit-deny');
    expect(run({ identity: only(INVOKE, 'arn:aws:bedrock:*:*:inference-profile/*') }).decision).toBe('implicit-deny');
  });

  it('a * matches the empty account of a foundation-model ARN and the empty Region of a global one', () => {
    expect(run({ identity: only(INVOKE, 'arn:aws:bedrock:us-east-1:*:foundation-model/*') }).decision).toBe('allowed');
    expect(run({ identity: only(INVOKE, `arn:aws:bedrock:us-east-1:${ACCOUNT}:foundation-model/*`) }).decision).toBe(
      'implicit-deny',
    );
    const global = known({ 'aws:RequestedRegion': 'unspecified' });
    expect(
      run({ identity: only(INVOKE, 'arn:aws:bedrock:*::foundation-model/*') }, INVOKE, GLOBAL_FM, global).decision,
    ).toBe('allowed');
    expect(
      run({ identity: only(INVOKE, 'arn:aws:bedrock:*:*:foundation-model/*') }, INVOKE, GLOBAL_FM, global).decision,
    ).toBe('allowed');
    expect(
      run({ identity: only(INVOKE, 'arn:aws:bedrock:us-east-1::foundation-model/*') }, INVOKE, GLOBAL_FM, global)
        .decision,
    ).toBe('implicit-deny');
    expect(
      run({ identity: only(INVOKE, 'arn:aws:bedrock:::foundation-model/*') }, INVOKE, GLOBAL_FM, global).decision,
    ).toBe('allowed');
    expect(run({ identity: only(INVOKE, 'arn:aws:bedrock:::foundation-model/*') }, INVOKE, FM).decision).toBe(
      'implicit-deny',
    );
  });

  it('the profile ARN and the models it routes to are different resources', () => {
    const profileOnly = only(INVOKE, `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.*`);
    expect(run({ identity: profileOnly }, INVOKE, PROFILE).decision).toBe('allowed');
    expect(run({ identity: profileOnly }, INVOKE, FM).decision).toBe('implicit-deny');
  });
});

describe('conditions: three-valued decisions with residuals', () => {
  const ipAllow = (sid = 'FromOffice', cidr = '203.0.113.0/24') => ({
    Sid: sid,
    Effect: 'Allow',
    Action: 'bedrock:InvokeModel*',
    Resource: '*',
    Condition: { IpAddress: { 'aws:SourceIp': cidr } },
  });

  it('an Allow conditioned on an unknown key gives conditional, with an allow-if-any residual naming it', () => {
    const p = policy(doc(ipAllow()), { file: 'ip.json' });
    const d = run({ identity: [p] }, INVOKE, FM, unknownRest());
    expect(d.decision).toBe('conditional');
    expect(d.deniedBy).toBeNull();
    expect(d.residuals).toHaveLength(1);
    const [residual] = d.residuals!;
    expect(residual).toMatchObject({ kind: 'allow-if-any', policyType: 'identity' });
    if (residual?.kind !== 'allow-if-any') throw new Error('unreachable');
    expect(residual.level).toBeUndefined();
    expect(residual.alternatives.map((a) => a.sid)).toEqual(['FromOffice']);
    expect(
      residual.alternatives[0]!.unresolved.map(({ operator, key, values }) => ({ operator, key, values })),
    ).toEqual([{ operator: 'IpAddress', key: 'aws:SourceIp', values: ['203.0.113.0/24'] }]);
    expect(d.statements).toEqual([expect.objectContaining({ sid: 'FromOffice', conditional: true })]);
  });

  it('the same policy is decided when the key is known, or absent (--assume-absent)', () => {
    const p = policy(doc(ipAllow()));
    expect(run({ identity: [p] }, INVOKE, FM, known({ 'aws:SourceIp': '203.0.113.9' })).decision).toBe('allowed');
    expect(run({ identity: [p] }, INVOKE, FM, known({ 'aws:SourceIp': '198.51.100.1' })).decision).toBe(
      'implicit-deny',
    );
    expect(run({ identity: [p] }, INVOKE, FM, known()).decision).toBe('implicit-deny');
  });

  it('lists every conditional Allow of the gate as an alternative, in file order', () => {
    const p = policy(doc(ipAllow('Office'), ipAllow('Vpn', '198.51.100.0/24')));
    const d = run({ identity: [p] }, INVOKE, FM, unknownRest());
    expect(d.decision).toBe('conditional');
    const residual = d.residuals![0]!;
    expect(residual.kind === 'allow-if-any' && residual.alternatives.map((a) => a.sid)).toEqual(['Office', 'Vpn']);
  });

  it('only the unknown clauses of a statement are residual; a false clause removes the statement', () => {
    const p = policy(
      doc(
        {
          Sid: 'Mixed',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
            IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
          },
        },
        {
          Sid: 'WrongRegion',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:RequestedRegion': 'eu-west-1' },
            IpAddress: { 'aws:SourceIp': '198.51.100.0/24' },
          },
        },
      ),
    );
    const d = run({ identity: [p] }, INVOKE, FM, unknownRest());
    expect(sids(d)).toEqual(['Mixed']);
    expect(d.statements[0]!.unresolved.map((c) => c.key)).toEqual(['aws:SourceIp']);
  });

  it('a definite Allow in the gate makes conditional Allows irrelevant', () => {
    const p = policy(doc(ipAllow(), { Sid: 'Plain', Effect: 'Allow', Action: INVOKE, Resource: FM }));
    const d = run({ identity: [p] }, INVOKE, FM, unknownRest());
    expect(d.decision).toBe('allowed');
    expect(d.residuals).toBeUndefined();
    expect(d.statements.map((s) => [s.sid, s.conditional])).toEqual([
      ['FromOffice', true],
      ['Plain', false],
    ]);
  });

  it('a Deny conditioned on an unknown key gives a deny-if residual when everything else allows', () => {
    const p = policy(
      doc(
        { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Sid: 'DenyOffNetwork',
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ),
    );
    const d = run({ identity: [p] }, INVOKE, FM, unknownRest());
    expect(d.decision).toBe('conditional');
    expect(d.residuals).toEqual([
      {
        kind: 'deny-if',
        policyType: 'identity',
        statement: expect.objectContaining({ sid: 'DenyOffNetwork', effect: 'Deny', conditional: true }),
      },
    ]);
    expect(run({ identity: [p] }, INVOKE, FM, known({ 'aws:SourceIp': '198.51.100.1' })).decision).toBe(
      'explicit-deny',
    );
    expect(run({ identity: [p] }, INVOKE, FM, known({ 'aws:SourceIp': '203.0.113.1' })).decision).toBe('allowed');
    // A negated operator on an absent key is true: with the key absent the Deny applies.
    expect(run({ identity: [p] }, INVOKE, FM, known()).decision).toBe('explicit-deny');
  });

  it('lists allow-if-any residuals (gate order) before deny-if residuals', () => {
    const scp = policy(
      doc(
        {
          Sid: 'ScpAllowUs',
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { StringLike: { 'aws:PrincipalTag/team': 'ml-*' } },
        },
        {
          Sid: 'ScpDenyIp',
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ),
      { type: 'scp', file: 'scp.json' },
    );
    const identity = policy(doc(ipAllow('IdAllow', '203.0.113.0/25')));
    const d = run(
      { scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('ou-ml', scp)], identity: [identity] },
      INVOKE,
      FM,
      unknownRest(),
    );
    expect(d.decision).toBe('conditional');
    expect(
      d.residuals!.map((r) => [r.kind, r.policyType, r.kind === 'allow-if-any' ? (r.level ?? null) : null]),
    ).toEqual([
      ['allow-if-any', 'scp', 'ou-ml'],
      ['allow-if-any', 'identity', null],
      ['deny-if', 'scp', null],
    ]);
    const deny = d.residuals![2]!;
    expect(deny.kind === 'deny-if' && deny.statement.level).toBe('ou-ml');
  });

  it('a definite gate denial wins over an unknown Deny: the decision stays denied', () => {
    const identity = policy(
      doc(
        { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Sid: 'MaybeDeny',
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } },
        },
      ),
    );
    const boundary = policy(doc({ Sid: 'OnlyS3', Effect: 'Allow', Action: 's3:*', Resource: '*' }), {
      type: 'permissions-boundary',
      file: 'boundary.json',
    });
    const d = run({ identity: [identity], permissionsBoundary: boundary }, INVOKE, FM, unknownRest());
    expect(summary(d)).toEqual({
      decision: 'implicit-deny',
      deniedBy: 'permissions-boundary',
      deniedAtLevel: undefined,
    });
    expect(d.residuals).toBeUndefined();
    expect(d.statements.map((s) => [s.sid, s.conditional])).toEqual([
      ['AllowAll', false],
      ['MaybeDeny', true],
    ]);
  });

  it('a definite gate denial wins over an unknown Allow elsewhere, and a definite Deny over everything', () => {
    const scp = policy(
      doc({
        Sid: 'ScpMaybe',
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      }),
      { type: 'scp', file: 'scp.json' },
    );
    expect(summary(run({ scpLevels: [scpLevel('Root', scp)], identity: [] }, INVOKE, FM, unknownRest()))).toEqual({
      decision: 'implicit-deny',
      deniedBy: 'identity',
      deniedAtLevel: undefined,
    });
    const deny = policy(doc({ Sid: 'Deny', Effect: 'Deny', Action: INVOKE, Resource: '*' }), { file: 'deny.json' });
    expect(
      summary(run({ scpLevels: [scpLevel('Root', scp)], identity: [allowAll(), deny] }, INVOKE, FM, unknownRest())),
    ).toEqual({ decision: 'explicit-deny', deniedBy: 'identity', deniedAtLevel: undefined });
  });

  it('substitutes known variables into the residual clauses and leaves unknown ones as written', () => {
    const p = policy(
      doc({
        Sid: 'SameRegionProfile',
        Effect: 'Allow',
        Action: INVOKE,
        Resource: '*',
        Condition: {
          ArnLike: {
            'bedrock:InferenceProfileArn':
              'arn:aws:bedrock:${aws:RequestedRegion}:*:inference-profile/${aws:PrincipalTag/geo}.*',
          },
        },
      }),
    );
    const d = run({ identity: [p] }, INVOKE, FM, unknownRest());
    expect(d.decision).toBe('conditional');
    expect(d.statements[0]!.unresolved[0]!.values).toEqual([
      'arn:aws:bedrock:us-east-1:*:inference-profile/${aws:PrincipalTag/geo}.*',
    ]);
  });

  it('IfExists and Null follow the documented missing-key rules', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
    const p = policy(
      doc({
        Sid: 'ViaProfileIfAny',
        Effect: 'Allow',
        Action: INVOKE,
        Resource: '*',
        Condition: { ArnLikeIfExists: { 'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:*:inference-profile/us.*' } },
      }),
    );
    expect(run({ identity: [p] }, INVOKE, FM, known()).decision).toBe('allowed');
    expect(run({ identity: [p] }, INVOKE, FM, known({ 'bedrock:InferenceProfileArn': PROFILE })).decision).toBe(
      'allowed',
    );
    expect(
      run({ identity: [p] }, INVOKE, FM, known({ 'bedrock:InferenceProfileArn': PROFILE.replace('/us.', '/eu.') }))
        .decision,
    ).toBe('implicit-deny');
    const onlyDirect = policy(
      doc({
        Sid: 'Direct',
        Effect: 'Allow',
        Action: INVOKE,
        Resource: '*',
        Condition: { Null: { 'bedrock:InferenceProfileArn': 'true' } },
      }),
    );
    expect(run({ identity: [onlyDirect] }, INVOKE, FM, known()).decision).toBe('allowed');
    expect(
      run({ identity: [onlyDirect] }, INVOKE, FM, known({ 'bedrock:InferenceProfileArn': PROFILE })).decision,
    ).toBe('implicit-deny');
    expect(run({ identity: [onlyDirect] }, INVOKE, FM, unknownRest()).decision).toBe('conditional');
  });
});

describe('statement order and the statements list', () => {
  it('does not depend on the order of statements or policies', () => {
    const allow = { Sid: 'Allow', Effect: 'Allow', Action: '*', Resource: '*' };
    const deny = { Sid: 'Deny', Effect: 'Deny', Action: INVOKE, Resource: FM };
    const denyFirst = policy(doc(deny, allow));
    const denyLast = policy(doc(allow, deny));
    expect(summary(run({ identity: [denyFirst] }))).toEqual(summary(run({ identity: [denyLast] })));
    expect(run({ identity: [denyFirst] }).decision).toBe('explicit-deny');
    expect(sids(run({ identity: [denyFirst] }))).toEqual(['Deny', 'Allow']);
    expect(sids(run({ identity: [denyLast] }))).toEqual(['Allow', 'Deny']);
  });

  it('sorts matched statements by gate, then file, then line — with real spans', () => {
    const text = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Sid": "First", "Effect": "Allow", "Action": "bedrock:*", "Resource": "*" },',
      '    { "Sid": "Unrelated", "Effect": "Allow", "Action": "s3:*", "Resource": "*" },',
      '    {',
      '      "Sid": "Second", "Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    const b = policy(text, { file: 'policies/b.json' });
    const a = policy(doc({ Sid: 'InA', Effect: 'Allow', Action: INVOKE, Resource: FM }), { file: 'policies/a.json' });
    const session = policy(doc({ Sid: 'Session', Effect: 'Allow', Action: '*', Resource: '*' }), {
      type: 'session-policy',
      file: 'a-session.json',
    });
    const boundary = policy(doc({ Sid: 'Boundary', Effect: 'Allow', Action: '*', Resource: '*' }), {
      type: 'permissions-boundary',
      file: '0-boundary.json',
    });
    const d = run({
      identity: [b, a],
      permissionsBoundary: boundary,
      sessionPolicies: [session],
      scpLevels: [scpLevel('Root', fullAwsAccess('z-full.json'))],
    });
    expect(d.decision).toBe('allowed');
    expect(
      d.statements.map((s): [string, string | undefined, string, number, number] => [
        s.policyType,
        s.sid,
        s.location!.file,
        s.location!.line,
        s.location!.column,
      ]),
    ).toEqual([
      ['scp', undefined, 'z-full.json', 4, 5],
      ['identity', 'InA', 'policies/a.json', 4, 5],
      ['identity', 'First', 'policies/b.json', lineOf(text, '"First"'), 5],
      ['identity', 'Second', 'policies/b.json', lineOf(text, '"Second"') - 1, 5],
      ['permissions-boundary', 'Boundary', '0-boundary.json', 4, 5],
      ['session-policy', 'Session', 'a-session.json', 4, 5],
    ]);
    const second = d.statements.find((s) => s.sid === 'Second') as MatchedStatement;
    expect(second).toMatchObject({
      policyName: 'b.json',
      statementIndex: 2,
      effect: 'Allow',
      conditional: false,
      unresolved: [],
    });
  });
});

describe('policy language version', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html:
  // with 2008-10-17 (also the default when Version is absent) "${aws:username}" is literal text.
  const withVersion = (version: string | undefined, statement: object): Policy =>
    policy(version === undefined ? { Statement: [statement] } : { Version: version, Statement: [statement] });
  const regionScoped = {
    Sid: 'OwnRegion',
    Effect: 'Allow',
    Action: INVOKE,
    Resource: 'arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*',
  };

  it('substitutes policy variables in Resource under 2012-10-17 only', () => {
    // A variable in the Region part is undecided (see resource-variables.test.ts): at most conditional.
    expect(run({ identity: [withVersion('2012-10-17', regionScoped)] }).decision).toBe('conditional');
    expect(run({ identity: [withVersion('2012-10-17', regionScoped)] }, INVOKE, FM_WEST).decision).toBe(
      'implicit-deny',
    );
    expect(run({ identity: [withVersion('2008-10-17', regionScoped)] }).decision).toBe('implicit-deny');
    expect(run({ identity: [withVersion(undefined, regionScoped)] }).decision).toBe('implicit-deny');
  });

  it('compares condition values literally under 2008-10-17', () => {
    const teamIsUser = {
      Sid: 'TeamIsUser',
      Effect: 'Allow',
      Action: INVOKE,
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } },
    };
    const alice = known({ 'aws:username': 'alice', 'aws:PrincipalTag/team': 'alice' });
    const literal = known({ 'aws:username': 'alice', 'aws:PrincipalTag/team': '${aws:username}' });
    expect(run({ identity: [withVersion('2012-10-17', teamIsUser)] }, INVOKE, FM, alice).decision).toBe('allowed');
    expect(run({ identity: [withVersion('2008-10-17', teamIsUser)] }, INVOKE, FM, alice).decision).toBe(
      'implicit-deny',
    );
    expect(run({ identity: [withVersion('2008-10-17', teamIsUser)] }, INVOKE, FM, literal).decision).toBe('allowed');
    // Nothing to substitute means nothing is unknown: decided even when every other key is unknown.
    expect(
      run({ identity: [withVersion('2008-10-17', regionScoped)] }, INVOKE, FM, context({}, { otherKeys: 'unknown' }))
        .decision,
    ).toBe('implicit-deny');
  });

  it('an unknown variable in Resource under 2012-10-17 makes the statement conditional', () => {
    const d = run(
      { identity: [withVersion('2012-10-17', regionScoped)] },
      INVOKE,
      FM,
      context({}, { otherKeys: 'unknown' }),
    );
    expect(d.decision).toBe('conditional');
  });
});

describe('policy variables of unknown keys in Resource', () => {
  const teamProfiles = policy(
    doc(
      { Sid: 'OwnRegionModels', Effect: 'Allow', Action: INVOKE, Resource: FM },
      {
        Sid: 'TeamProfiles',
        Effect: 'Allow',
        Action: INVOKE,
        Resource: `arn:aws:bedrock:*:${ACCOUNT}:application-inference-profile/\${aws:PrincipalTag/team}-*`,
      },
    ),
  );
  const tagsUnknown = unknownRest({ 'aws:SourceIp': '203.0.113.1' });

  it('a Resource that cannot match whatever the variable holds does not make the decision conditional', () => {
    // The pattern names application inference profiles; a foundation-model ARN never matches it,
    // whatever aws:PrincipalTag/team holds, so the request is decided without the tag.
    const d = run({ identity: [teamProfiles] }, INVOKE, FM_WEST, tagsUnknown);
    expect(summary(d)).toEqual({ decision: 'implicit-deny', deniedBy: 'identity', deniedAtLevel: undefined });
    expect(d.statements).toEqual([]);
    expect(run({ identity: [teamProfiles] }, INVOKE, FM, tagsUnknown).decision).toBe('allowed');
  });

  it('a Resource that matches for some values of the variable is conditional', () => {
    const app = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/ml-7x2k`;
    expect(run({ identity: [teamProfiles] }, INVOKE, app, tagsUnknown).decision).toBe('conditional');
    expect(run({ identity: [teamProfiles] }, INVOKE, app, known({ 'aws:PrincipalTag/team': 'ml' })).decision).toBe(
      'allowed',
    );
    expect(run({ identity: [teamProfiles] }, INVOKE, app, known({ 'aws:PrincipalTag/team': 'web' })).decision).toBe(
      'implicit-deny',
    );
    // In another account the pattern cannot match, whatever the tag.
    expect(run({ identity: [teamProfiles] }, INVOKE, app.replace(ACCOUNT, '444455556666'), tagsUnknown).decision).toBe(
      'implicit-deny',
    );
  });

  it('a NotResource with an unknown variable that cannot match the request applies to it', () => {
    const p = policy(
      doc(
        { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Sid: 'OnlyTeamProfiles',
          Effect: 'Deny',
          Action: 'bedrock:*',
          NotResource: `arn:aws:bedrock:*:*:application-inference-profile/\${aws:PrincipalTag/team}-*`,
        },
      ),
    );
    expect(run({ identity: [p] }, INVOKE, FM, tagsUnknown).decision).toBe('explicit-deny');
  });
});

describe('hand-built statements IAM would not store never grant access', () => {
  const invoke = {
    action: 'bedrock:InvokeModel',
    resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
    context: makeContext([], { otherKeys: 'absent' }),
  };
  const span = { file: 'lib', line: 1, column: 1 };
  const cases: Record<string, unknown>[] = [
    { effect: 'deny', action: ['bedrock:*'], resource: ['*'] },
    { effect: 'Maybe', action: ['bedrock:*'], resource: ['*'] },
    { effect: 'Allow', notAction: [], resource: ['*'] },
    { effect: 'Allow', action: ['*'], notResource: [] },
    { effect: 'Allow', action: ['*'] },
  ];
  it.each(cases)('%j is never allowed', (fields) => {
    const statement = { conditions: [], span, index: 0, ...fields } as unknown as Statement;
    const handBuilt: Policy = withPolicyId({
      type: 'identity',
      name: 'lib',
      file: 'lib',
      version: '2012-10-17',
      statements: [statement],
    });
    expect(evaluate({ identity: [handBuilt] }, invoke).decision).not.toBe('allowed');
  });
});
