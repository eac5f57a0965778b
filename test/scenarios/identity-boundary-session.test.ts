import { describe, expect, it } from 'vitest';
import { ACCOUNT, ROLE_SESSION, Scenario, allowedRow, principal, rows, runCheck } from '../helpers/scenario.js';

const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const US_PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`;
const fm = (region: string, model = SONNET) => `arn:aws:bedrock:${region}::foundation-model/${model}`;
const INVOKE = 'bedrock:InvokeModel';
const STREAM = 'bedrock:InvokeModelWithResponseStream';

/*
 * Boundaries and session policies limit, never grant: "Permissions boundaries ... the entity can
 * perform only the actions that are allowed by both its identity-based policies and its permissions
 * boundaries"; session policies likewise
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session).
 * Message texts: https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 */

// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
describe('scenario: a permissions boundary that allows only direct calls in us-east-1', () => {
  const scenario = new Scenario('permissions-boundary');

  it('denies the profile and the destination Regions of a us. profile, by the boundary', () => {
    const report = runCheck({
      identity: [scenario.policy('inference-profiles-prereq.json')],
      permissionsBoundary: scenario.policy('boundary.json', 'permissions-boundary'),
      model: `us.${SONNET}`,
    });
    const denied = (resource: string) => ({
      action: INVOKE,
      resource,
      decision: 'implicit-deny' as const,
      deniedBy: 'permissions-boundary' as const,
      deniedAtLevel: null,
      message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: ${resource} because no permissions boundary allows the bedrock:InvokeModel action`,
    });
    expect(rows(report)).toEqual([denied(US_PROFILE), allowedRow(INVOKE, fm('us-east-1')), denied(fm('us-east-2')), denied(fm('us-west-2'))]);
    expect(report.checks[1]!.statements.map((s) => [s.policyType, s.sid])).toEqual([
      ['identity', null],
      ['permissions-boundary', 'DirectCallsInUsEast1Only'],
    ]);
  });

  it('allows an on-demand call the boundary covers', () => {
    const report = runCheck({
      identity: [scenario.policy('inference-profiles-prereq.json')],
      permissionsBoundary: scenario.policy('boundary.json', 'permissions-boundary'),
      model: NOVA_LITE,
      actions: [],
    });
    expect(rows(report)).toEqual([allowedRow(INVOKE, fm('us-east-1', NOVA_LITE)), allowedRow(STREAM, fm('us-east-1', NOVA_LITE))]);
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
describe('scenario: a session policy of an assumed-role session', () => {
  const scenario = new Scenario('session-policy');
  const input = () => ({
    identity: [scenario.policy('inference-profiles-prereq.json')],
    sessionPolicies: [scenario.policy('session.json', 'session-policy')],
    model: NOVA_LITE,
    actions: [] as string[],
  });

  it('denies the streaming action the session policy leaves out', () => {
    const report = runCheck(input());
    expect(rows(report)).toEqual([
      allowedRow(INVOKE, fm('us-east-1', NOVA_LITE)),
      {
        action: STREAM,
        resource: fm('us-east-1', NOVA_LITE),
        decision: 'implicit-deny',
        deniedBy: 'session-policy',
        deniedAtLevel: null,
        message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1::foundation-model/${NOVA_LITE} because no session policy allows the bedrock:InvokeModelWithResponseStream action`,
      },
    ]);
  });

  it('does not apply session policies to an IAM user, and says so', () => {
    const report = runCheck({ ...input(), principal: principal(`arn:aws:iam::${ACCOUNT}:user/alice`) });
    expect(rows(report)).toEqual([allowedRow(INVOKE, fm('us-east-1', NOVA_LITE)), allowedRow(STREAM, fm('us-east-1', NOVA_LITE))]);
    expect(report.notes).toContain('session policies apply only to sessions; the caller (user) is not one, so they were not applied');
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html: an explicit deny
// names the policy type and, when AWS knows it, the policy ARN.
describe('scenario: an explicit Deny in an identity-based policy', () => {
  const scenario = new Scenario('explicit-deny-identity');
  const DENY_ARN = `arn:aws:iam::${ACCOUNT}:policy/DenyAnthropicModels`;

  it('denies both actions, with the managed policy ARN in the message', () => {
    const report = runCheck({
      identity: [
        scenario.policy('inference-profiles-prereq.json', 'identity', { arn: `arn:aws:iam::${ACCOUNT}:policy/BedrockInferenceProfiles` }),
        scenario.policy('deny-anthropic-models.json', 'identity', { arn: DENY_ARN }),
      ],
      model: HAIKU,
      region: 'ca-central-1',
      actions: [],
    });
    const denied = (action: string) => ({
      action,
      resource: fm('ca-central-1', HAIKU),
      decision: 'explicit-deny' as const,
      deniedBy: 'identity' as const,
      deniedAtLevel: null,
      message: `User: ${ROLE_SESSION} is not authorized to perform: ${action} on resource: arn:aws:bedrock:ca-central-1::foundation-model/${HAIKU} with an explicit deny in an identity-based policy: ${DENY_ARN}`,
    });
    expect(rows(report)).toEqual([denied(INVOKE), denied(STREAM)]);
    expect(report.checks[0]!.statements.map((s) => [s.policyName, s.sid, s.effect, s.line])).toEqual([
      ['deny-anthropic-models.json', 'DenyAnthropicModels', 'Deny', 4],
      ['inference-profiles-prereq.json', null, 'Allow', 4],
    ]);
  });

  it('leaves the other providers allowed', () => {
    const report = runCheck({
      identity: [scenario.policy('inference-profiles-prereq.json'), scenario.policy('deny-anthropic-models.json', 'identity', { arn: DENY_ARN })],
      model: NOVA_LITE,
    });
    expect(rows(report)).toEqual([allowedRow(INVOKE, fm('us-east-1', NOVA_LITE))]);
  });

  it('without a known policy ARN the message ends at the policy type', () => {
    const report = runCheck({
      identity: [scenario.policy('inference-profiles-prereq.json'), scenario.policy('deny-anthropic-models.json')],
      model: HAIKU,
      region: 'ca-central-1',
    });
    expect(report.checks[0]!.message).toBe(
      `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:ca-central-1::foundation-model/${HAIKU} with an explicit deny in an identity-based policy`,
    );
  });
});

// aws:SourceIp is not known from files: the decision is conditional, and the report says on what.
// "AWS: Denies access to AWS based on the source IP"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html);
// missing keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// (a negated operator such as NotIpAddress on an absent key is true). --assume-absent treats keys
// nobody gave as absent, as the IAM policy simulator does.
describe('scenario: a condition on aws:SourceIp', () => {
  const scenario = new Scenario('source-ip');
  const file = `${scenario.path}/allow-from-office.json`;
  const NOVA = fm('us-east-1', NOVA_LITE);

  // Clause lines are those of the condition key ("aws:SourceIp"), statement lines those of the statement's "{".
  it('an Allow from an IP range gives conditional, with the clause it depends on', () => {
    const report = runCheck({ identity: [scenario.policy('allow-from-office.json')], model: NOVA_LITE });
    expect(rows(report)).toEqual([{ action: INVOKE, resource: NOVA, decision: 'conditional', deniedBy: null, deniedAtLevel: null, message: null }]);
    expect(report.checks[0]!.conditions).toEqual([
      {
        kind: 'allow-if-any',
        policyType: 'identity',
        alternatives: [
          {
            statement: {
              policyType: 'identity',
              policyName: 'allow-from-office.json',
              file,
              line: 4,
              column: 5,
              sid: 'InvokeFromOfficeOnly',
              effect: 'Allow',
              conditional: true,
            },
            clauses: [{ operator: 'IpAddress', key: 'aws:SourceIp', values: ['203.0.113.0/24', '2001:db8:1234::/48'], file, line: 11 }],
          },
        ],
      },
    ]);
    expect(report.verdict).toBe('conditional');
  });

  it('--assume-absent decides it: no source IP, no Allow', () => {
    const report = runCheck({ identity: [scenario.policy('allow-from-office.json')], model: NOVA_LITE, assumeAbsent: true });
    expect(rows(report)).toEqual([
      {
        action: INVOKE,
        resource: NOVA,
        decision: 'implicit-deny',
        deniedBy: 'identity',
        deniedAtLevel: null,
        message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: ${NOVA} because no identity-based policy allows the bedrock:InvokeModel action`,
      },
    ]);
    expect(report.checks[0]!.conditions).toBeUndefined();
  });

  it('--context decides it either way', () => {
    const inside = runCheck({ identity: [scenario.policy('allow-from-office.json')], model: NOVA_LITE, context: { 'aws:SourceIp': ['2001:db8:1234:ff::7'] } });
    expect(rows(inside)).toEqual([allowedRow(INVOKE, NOVA)]);
    const outside = runCheck({ identity: [scenario.policy('allow-from-office.json')], model: NOVA_LITE, context: { 'aws:SourceIp': ['198.51.100.20'] } });
    expect(outside.checks.map((c) => [c.decision, c.deniedBy])).toEqual([['implicit-deny', 'identity']]);
  });

  it('a call an AWS service makes on the caller\'s behalf is not denied by it', () => {
    const report = runCheck({
      identity: [scenario.policy('allow-nova.json'), scenario.policy('deny-outside-ip-ranges.json')],
      model: NOVA_LITE,
      context: { 'aws:ViaAWSService': ['true'] },
    });
    expect(rows(report)[0]!.decision).toBe('allowed');
  });

  it('the documented Deny-outside-IP-ranges policy gives a deny-if residual on the source IP (aws:ViaAWSService is derived false for a direct call)', () => {
    const denyFile = `${scenario.path}/deny-outside-ip-ranges.json`;
    const report = runCheck({ identity: [scenario.policy('allow-nova.json'), scenario.policy('deny-outside-ip-ranges.json')], model: NOVA_LITE });
    expect(rows(report)).toEqual([{ action: INVOKE, resource: NOVA, decision: 'conditional', deniedBy: null, deniedAtLevel: null, message: null }]);
    expect(report.checks[0]!.conditions).toEqual([
      {
        kind: 'deny-if',
        policyType: 'identity',
        alternatives: [
          {
            statement: expect.objectContaining({ file: denyFile, line: 3, sid: null, effect: 'Deny', conditional: true }),
            clauses: [
              { operator: 'NotIpAddress', key: 'aws:SourceIp', values: ['192.0.2.0/24', '203.0.113.0/24'], file: denyFile, line: 9 },
            ],
          },
        ],
      },
    ]);
  });

  it('with --assume-absent and aws:ViaAWSService=false, an absent source IP (e.g. a VPC endpoint call) is denied explicitly', () => {
    const report = runCheck({
      identity: [scenario.policy('allow-nova.json'), scenario.policy('deny-outside-ip-ranges.json')],
      model: NOVA_LITE,
      assumeAbsent: true,
      context: { 'aws:ViaAWSService': ['false'] },
    });
    expect(rows(report)).toEqual([
      {
        action: INVOKE,
        resource: NOVA,
        decision: 'explicit-deny',
        deniedBy: 'identity',
        deniedAtLevel: null,
        message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: ${NOVA} with an explicit deny in an identity-based policy`,
      },
    ]);
    const fromOffice = runCheck({
      identity: [scenario.policy('allow-nova.json'), scenario.policy('deny-outside-ip-ranges.json')],
      model: NOVA_LITE,
      assumeAbsent: true,
      context: { 'aws:ViaAWSService': ['false'], 'aws:SourceIp': ['203.0.113.10'] },
    });
    expect(rows(fromOffice)).toEqual([allowedRow(INVOKE, NOVA)]);
  });
});
