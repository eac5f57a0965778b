import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../../src/report/words/worded-reports.js';
import {
  BOTH_ACTIONS,
  expectStillDenied,
  fixtures,
  modelArn,
  reverify,
  runWorded,
  type Setup,
} from '../../fix/reverify.js';

/*
 * A call through an interface VPC endpoint is also authorized against the endpoint's policy, a resource-based
 * policy whose statements name a Principal; it does not replace the identity policies: both must allow
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html). AWS names the policy type in
 * its texts: "… because no VPC endpoint policy allows the … action" / "… with an explicit deny in a VPC endpoint
 * policy" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html: "because no type
 * policy allows the action action", "with an explicit deny in a type policy"). Every fix is pasted into the
 * endpoint policy file and re-checked (test/diagnose/fix/reverify.ts).
 */

const NOVA_PRO = 'amazon.nova-pro-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const ROLE = 'arn:aws:iam::111122223333:role/App';

const endpointFindings = (report: CheckReport) =>
  report.findings.filter((finding) => finding.rule === 'vpc-endpoint-policy');

describe('vpc-endpoint-policy rule: no Allow in the endpoint policy', () => {
  const setup: Setup = { identity: ['identity-invoke-any.json'], vpcEndpoint: 'vpce-allow-app-claude.json' };
  const files = fixtures('identity-invoke-any.json', 'vpce-allow-app-claude.json');

  it('predicts the implicit-deny text and adds an Allow naming the caller in Principal, verified', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_PRO, principal: ROLE });
    expect(before.checks.map((check) => check.deniedBy)).toEqual(['vpc-endpoint', 'vpc-endpoint']);
    const [finding] = endpointFindings(before);
    expect(finding!.title).toBe('No VPC endpoint policy allows the call');
    expect(finding!.predictedError?.message).toBe(
      `User: arn:aws:sts::111122223333:assumed-role/App/SESSION-NAME is not authorized to perform: bedrock:InvokeModel on resource: ${modelArn('us-east-1', NOVA_PRO)} because no VPC endpoint policy allows the bedrock:InvokeModel action`,
    );
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'add-statement',
        owner: 'vpc-endpoint-owner',
        file: 'vpce-allow-app-claude.json',
        statement: {
          Sid: 'AllowAmazonNovaProV10',
          Effect: 'Allow',
          Principal: { AWS: ROLE },
          Action: BOTH_ACTIONS,
          Resource: modelArn('us-east-1', NOVA_PRO),
        },
      }),
    ]);
    // Least privilege: another model, and another caller, stay denied by the endpoint.
    expectStillDenied(files, fixed, setup, { model: NOVA_LITE, principal: ROLE });
    expectStillDenied(files, fixed, setup, { model: NOVA_PRO, principal: 'arn:aws:iam::111122223333:role/Other' });
  });

  it("grants every principal when the caller's ARN is not known (a role session hides the role's path), and says so", () => {
    const { fixes } = reverify(files, setup, { model: NOVA_PRO });
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'add-statement',
        summary: expect.stringContaining("to every principal: the caller's aws:PrincipalArn is not known"),
        statement: expect.objectContaining({ Principal: '*', Resource: modelArn('us-east-1', NOVA_PRO) }),
      }),
    ]);
  });

  it('is not evaluated without the endpoint policy: only --vpce-policy turns the gate on', () => {
    const report = runWorded(files, { identity: ['identity-invoke-any.json'] }, { model: NOVA_PRO, principal: ROLE });
    expect(report.verdict).toBe('allowed');
  });

  it('allows the caller the Principal names', () => {
    const report = runWorded(files, setup, { model: 'anthropic.claude-3-haiku-20240307-v1:0', principal: ROLE });
    expect(report.verdict).toBe('allowed');
  });

  it("leaves a role session whose role path is hidden undecided, never allowed (the role ARN's path is unknown)", () => {
    const report = runWorded(files, setup, { model: 'anthropic.claude-3-haiku-20240307-v1:0' });
    expect(report.verdict).toBe('conditional');
    expect(report.checks.every((check) => check.decision === 'conditional')).toBe(true);
  });

  it('denies a caller of another account than the Principal names', () => {
    const other = fixtures('identity-invoke-any.json', 'vpce-allow-other-account.json');
    const report = runWorded(
      other,
      { identity: ['identity-invoke-any.json'], vpcEndpoint: 'vpce-allow-other-account.json' },
      { model: NOVA_PRO, principal: ROLE },
    );
    expect(report.verdict).toBe('denied');
    expect(report.checks.map((check) => check.decision)).toEqual(['implicit-deny', 'implicit-deny']);
  });
});

describe('vpc-endpoint-policy rule: a Deny in the endpoint policy', () => {
  const setup: Setup = { identity: ['identity-invoke-any.json'], vpcEndpoint: 'vpce-deny-nova-pro.json' };
  const files = fixtures('identity-invoke-any.json', 'vpce-deny-nova-pro.json');

  it('predicts the explicit-deny text and narrows the Deny, keeping its Principal, verified', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_PRO, principal: ROLE });
    const [finding] = endpointFindings(before);
    expect(finding!.predictedError?.message).toMatch(/with an explicit deny in a VPC endpoint policy$/);
    expect(finding!.locations).toEqual([
      expect.objectContaining({ policyType: 'vpc-endpoint', sid: 'NoNovaThroughTheEndpoint' }),
    ]);
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'replace-statement',
        owner: 'vpc-endpoint-owner',
        statement: {
          Sid: 'NoNovaThroughTheEndpoint',
          Effect: 'Deny',
          Principal: '*',
          Action: 'bedrock:InvokeModel*',
          Resource: modelArn('us-east-1', NOVA_LITE),
        },
      }),
    ]);
    expectStillDenied(files, fixed, setup, { model: NOVA_LITE, principal: ROLE });
  });
});

describe('vpc-endpoint-policy rule: behind another denial', () => {
  it('fixes the identity policy and the endpoint policy together, one gate revealing the next, verified', () => {
    const setup: Setup = { identity: ['identity-s3-only.json'], vpcEndpoint: 'vpce-allow-app-claude.json' };
    const files = fixtures('identity-s3-only.json', 'vpce-allow-app-claude.json');
    const { before, fixes } = reverify(files, setup, { model: NOVA_PRO, principal: ROLE });
    expect(before.checks.map((check) => check.deniedBy)).toEqual(['identity', 'identity']);
    expect(fixes.map((fix) => [fix.file, fix.owner]).sort()).toEqual([
      ['identity-s3-only.json', 'identity-policy-owner'],
      ['vpce-allow-app-claude.json', 'vpc-endpoint-owner'],
    ]);
    expect(endpointFindings(before).map((finding) => finding.title)).toEqual([
      'Once the other denials are fixed, the VPC endpoint policy denies the call too',
    ]);
  });
});
