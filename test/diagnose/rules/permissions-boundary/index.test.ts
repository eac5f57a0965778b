import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../../src/report/words/worded-reports.js';
import { BOTH_ACTIONS, expectStillDenied, fixtures, modelArn, reverify, type Setup } from '../../fix/reverify.js';

/*
 * A permissions boundary caps what identity policies grant: the call needs an Allow in the boundary
 * too, and a Deny there wins (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
 * The boundary's owner makes the change. Every fix shown is pasted into the boundary file and
 * re-checked (test/diagnose/fix/reverify.ts).
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';

const boundaryFindings = (report: CheckReport) =>
  report.findings.filter((finding) => finding.rule === 'permissions-boundary');

describe('permissions-boundary rule: a Deny in the boundary', () => {
  const setup: Setup = { identity: ['identity-invoke-any.json'], boundary: 'boundary-deny-listed-arns.json' };
  const files = fixtures('identity-invoke-any.json', 'boundary-deny-listed-arns.json');

  it('drops the invoked ARN from the Deny, keeps denying the other, and names the boundary owner', () => {
    const { before, fixes, fixed } = reverify(files, setup, { model: NOVA_LITE });
    const [finding] = boundaryFindings(before);
    expect(finding!.title).toBe(
      'An explicit Deny in the permissions boundary boundary-deny-listed-arns.json blocks the call',
    );
    expect(finding!.predictedError?.message).toMatch(/with an explicit deny in a permissions boundary$/);
    expect(finding!.locations).toEqual([
      expect.objectContaining({ line: 10, policyType: 'permissions-boundary', sid: 'BoundaryDeniesNova' }),
    ]);
    expect(fixes).toEqual([
      expect.objectContaining({
        kind: 'replace-statement',
        owner: 'boundary-owner',
        file: 'boundary-deny-listed-arns.json',
        location: expect.objectContaining({ line: 10, sid: 'BoundaryDeniesNova' }),
        statement: {
          Sid: 'BoundaryDeniesNova',
          Effect: 'Deny',
          Action: BOTH_ACTIONS,
          Resource: modelArn('us-east-1', NOVA_PRO),
        },
      }),
    ]);
    expectStillDenied(files, fixed, setup, { model: NOVA_PRO });
  });
});
