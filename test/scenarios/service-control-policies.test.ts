import { describe, expect, it } from 'vitest';
import { ACCOUNT, ROLE_SESSION, Scenario, allowedRow, principal, rows, runCheck } from '../helpers/scenario.js';

const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const US_PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`;
const fm = (region: string, model = SONNET) => `arn:aws:bedrock:${region}::foundation-model/${model}`;
const INVOKE = 'bedrock:InvokeModel';
const STREAM = 'bedrock:InvokeModelWithResponseStream';

/*
 * The identity policy in these scenarios is the one of "Prerequisites for inference profiles"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html): it allows
 * every foundation model and inference profile, so only the SCPs decide.
 *
 * SCP evaluation: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 * and https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 * (every level, root → OUs → account, must allow; a Deny at any level wins).
 */

// The Region-deny SCP of "AWS: Denies access to AWS based on the requested Region"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html):
// a geographic profile's destination Regions are authorized with aws:RequestedRegion = the
// destination (https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html),
// so the SCP denies them — the failure of https://repost.aws/knowledge-center/bedrock-access-denied-exception.
describe('scenario: a Region-deny SCP breaks a geographic profile', () => {
  const scenario = new Scenario('scp-region-deny');
  const SCP_ARN = 'arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-denyregion1';

  it('denies the destination Regions outside us-east-1 explicitly, naming the SCP', () => {
    const report = runCheck({ identity: [scenario.policy('inference-profiles-prereq.json')], scpLevels: scenario.scpLevels(), model: `us.${SONNET}` });
    const denied = (region: string) => ({
      action: INVOKE,
      resource: fm(region),
      decision: 'explicit-deny' as const,
      deniedBy: 'scp' as const,
      deniedAtLevel: ACCOUNT,
      message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:${region}::foundation-model/${SONNET} with an explicit deny in a service control policy: ${SCP_ARN}`,
    });
    expect(rows(report)).toEqual([allowedRow(INVOKE, US_PROFILE), allowedRow(INVOKE, fm('us-east-1')), denied('us-east-2'), denied('us-west-2')]);
    const deny = report.checks[2]!.statements.find((s) => s.effect === 'Deny');
    expect(deny).toMatchObject({
      policyType: 'scp',
      policyName: 'DenyOutsideUsEast1',
      policyArn: SCP_ARN,
      level: ACCOUNT,
      file: `${scenario.path}/deny-outside-us-east-1.json`,
      line: 4,
      sid: 'DenyAllOutsideRequestedRegions',
    });
  });

  it('still allows an on-demand call in us-east-1', () => {
    const report = runCheck({ identity: [scenario.policy('inference-profiles-prereq.json')], scpLevels: scenario.scpLevels(), model: NOVA_LITE, actions: [] });
    expect(rows(report)).toEqual([allowedRow(INVOKE, fm('us-east-1', NOVA_LITE)), allowedRow(STREAM, fm('us-east-1', NOVA_LITE))]);
  });
});

// The AWS-recommended fix: exempt the invoke actions from the Region deny and deny them outside the
// approved Regions only when they do not come through an inference profile (ArnNotLike on
// bedrock:InferenceProfileArn) — aws-samples/service-control-policy-examples,
// Region-controls/Deny-access-to-AWS-based-on-the-requested-AWS-region-with-Bedrock-CRIS.json, and
// https://repost.aws/knowledge-center/bedrock-access-denied-exception.
describe('scenario: the Region-deny SCP with the bedrock:InferenceProfileArn exemption', () => {
  const scenario = new Scenario('scp-region-deny-exempt-profiles');
  const SCP_ARN = 'arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-denyregion2';

  it('allows every hop of the us. profile', () => {
    const report = runCheck({ identity: [scenario.policy('inference-profiles-prereq.json')], scpLevels: scenario.scpLevels(), model: `us.${SONNET}`, actions: [] });
    expect(rows(report)).toEqual(
      [US_PROFILE, fm('us-east-1'), fm('us-east-2'), fm('us-west-2')].flatMap((resource) => [allowedRow(INVOKE, resource), allowedRow(STREAM, resource)]),
    );
    expect(report.verdict).toBe('allowed');
  });

  it('still denies a direct (on-demand) call in another Region, where bedrock:InferenceProfileArn is absent', () => {
    const report = runCheck({ identity: [scenario.policy('inference-profiles-prereq.json')], scpLevels: scenario.scpLevels(), model: NOVA_LITE, region: 'us-west-2' });
    expect(rows(report)).toEqual([
      {
        action: INVOKE,
        resource: fm('us-west-2', NOVA_LITE),
        decision: 'explicit-deny',
        deniedBy: 'scp',
        deniedAtLevel: ACCOUNT,
        message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2::foundation-model/${NOVA_LITE} with an explicit deny in a service control policy: ${SCP_ARN}`,
      },
    ]);
    expect(report.checks[0]!.statements.filter((s) => s.effect === 'Deny').map((s) => s.sid)).toEqual(['DenyBedrockInferenceOutsideApprovedRegions']);
  });

  it('the exemption is only for inference profiles of the approved geography: an eu. profile is still denied', () => {
    const report = runCheck({
      identity: [scenario.policy('inference-profiles-prereq.json')],
      scpLevels: scenario.scpLevels(),
      model: `eu.${SONNET}`,
      region: 'eu-west-1',
    });
    const [profileHop, ...modelHops] = report.checks;
    // Whether AWS sets bedrock:InferenceProfileArn on the profile hop itself is not documented, so
    // that hop depends on it: denied unless the key holds a us. profile ARN.
    expect(profileHop).toMatchObject({ resource: `arn:aws:bedrock:eu-west-1:${ACCOUNT}:inference-profile/eu.${SONNET}`, decision: 'conditional', deniedBy: null, message: null });
    expect(profileHop!.conditions).toEqual([
      {
        kind: 'deny-if',
        policyType: 'scp',
        alternatives: [
          {
            statement: expect.objectContaining({ sid: 'DenyBedrockInferenceOutsideApprovedRegions', level: ACCOUNT, line: 28, conditional: true }),
            clauses: [
              {
                operator: 'ArnNotLike',
                key: 'bedrock:InferenceProfileArn',
                values: ['arn:aws:bedrock:*:*:inference-profile/us.*'],
                file: `${scenario.path}/deny-regions-except-bedrock-cris.json`,
                line: 42,
              },
            ],
          },
        ],
      },
    ]);
    // Every destination (the catalog's eu. Regions) carries the eu. profile ARN, which the exemption does not cover.
    expect(modelHops.length).toBeGreaterThan(1);
    for (const hop of modelHops) {
      expect(hop).toMatchObject({
        decision: 'explicit-deny',
        deniedBy: 'scp',
        deniedAtLevel: ACCOUNT,
        message: `User: ${ROLE_SESSION} is not authorized to perform: bedrock:InvokeModel on resource: ${hop.resource} with an explicit deny in a service control policy: ${SCP_ARN}`,
      });
    }
  });
});

// An allow-list SCP that replaces FullAWSAccess on an OU: "If the enforcement code does not find any
// Allow statements in the SCPs that apply to the request ... final decision of Deny", at each level
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html).
describe('scenario: an SCP level without an Allow', () => {
  const scenario = new Scenario('scp-level-without-allow');

  it('denies implicitly at the OU whose allow-list does not include Bedrock', () => {
    const report = runCheck({ identity: [scenario.policy('inference-profiles-prereq.json')], scpLevels: scenario.scpLevels(), model: NOVA_LITE, actions: [] });
    const denied = (action: string) => ({
      action,
      resource: fm('us-east-1', NOVA_LITE),
      decision: 'implicit-deny' as const,
      deniedBy: 'scp' as const,
      deniedAtLevel: 'ou-sandbox',
      message: `User: ${ROLE_SESSION} is not authorized to perform: ${action} on resource: arn:aws:bedrock:us-east-1::foundation-model/${NOVA_LITE} because no service control policy allows the ${action} action`,
    });
    expect(rows(report)).toEqual([denied(INVOKE), denied(STREAM)]);
    // Root's FullAWSAccess matched; the sandbox allow-list did not; the account level is never reached in the statements.
    expect(report.checks[0]!.statements.map((s) => [s.policyType, s.level, s.policyName])).toEqual([
      ['scp', 'Root', 'FullAWSAccess'],
      ['scp', ACCOUNT, 'FullAWSAccess'],
      ['identity', undefined, 'inference-profiles-prereq.json'],
    ]);
  });

  it('a service-linked role is not restricted by SCPs', () => {
    const report = runCheck({
      identity: [scenario.policy('inference-profiles-prereq.json')],
      scpLevels: scenario.scpLevels(),
      model: NOVA_LITE,
      principal: principal(`arn:aws:iam::${ACCOUNT}:role/aws-service-role/bedrock.amazonaws.com/AWSServiceRoleForAmazonBedrock`),
    });
    expect(report.checks.map((c) => c.decision)).toEqual(['allowed']);
    expect(report.notes).toContain('the caller is a service-linked role: SCPs do not restrict it, so the SCPs given were not applied');
  });
});

// "By default, all requests are implicitly denied with the exception of the AWS account root user,
// which has full access" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html);
// SCPs still restrict the root user of a member account
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
describe('scenario: the root user of a member account', () => {
  const scenario = new Scenario('scp-region-deny');
  const ROOT = `arn:aws:iam::${ACCOUNT}:root`;

  it('needs no identity-based policy', () => {
    const report = runCheck({ identity: [], model: NOVA_LITE, principal: principal(ROOT) });
    expect(rows(report)).toEqual([allowedRow(INVOKE, fm('us-east-1', NOVA_LITE))]);
  });

  it('is still denied by an SCP', () => {
    const report = runCheck({ identity: [], scpLevels: scenario.scpLevels(), model: `us.${SONNET}`, principal: principal(ROOT) });
    expect(report.checks.map((c) => [c.resource, c.decision, c.deniedBy])).toEqual([
      [US_PROFILE, 'allowed', null],
      [fm('us-east-1'), 'allowed', null],
      [fm('us-east-2'), 'explicit-deny', 'scp'],
      [fm('us-west-2'), 'explicit-deny', 'scp'],
    ]);
    expect(report.checks[2]!.message).toBe(
      `User: ${ROOT} is not authorized to perform: bedrock:InvokeModel on resource: ${fm('us-east-2')} with an explicit deny in a service control policy: arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-denyregion1`,
    );
  });

  it('identity-based policies and boundaries cannot be attached to it, so given ones are not applied', () => {
    const deny = new Scenario('explicit-deny-identity').policy('deny-anthropic-models.json');
    const report = runCheck({ identity: [deny], model: 'anthropic.claude-3-haiku-20240307-v1:0', region: 'ca-central-1', principal: principal(ROOT) });
    expect(report.checks.map((c) => c.decision)).toEqual(['allowed']);
    expect(report.notes.some((note) => note.includes('root user'))).toBe(true);
  });
});
