import { describe, expect, it } from 'vitest';
import { renderCliHints } from '../../src/report/cli-hints.js';
import { check } from '../../src/analysis/check.js';
import { parsePrincipal, type AccountBedrockState, type CheckReport } from '../../src/model/index.js';
import { doc, policy } from '../helpers/policies.js';

/*
 * The destination Regions the account's ListInferenceProfiles reported replace the catalog's for checks in the
 * Region it was read in (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListInferenceProfiles.html);
 * a geographic profile needs the model allowed in every destination Region
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html).
 */

const PROFILE = 'us.amazon.nova-pro-v1:0';
// Allows the model in the catalog's destination Regions only (us-east-1, us-east-2, us-west-2).
const catalogRegionsOnly = policy(
  doc({
    Effect: 'Allow',
    Action: 'bedrock:InvokeModel*',
    Resource: [
      'arn:aws:bedrock:us-east-1:111122223333:inference-profile/*',
      'arn:aws:bedrock:us-east-1::foundation-model/*',
      'arn:aws:bedrock:us-east-2::foundation-model/*',
      'arn:aws:bedrock:us-west-2::foundation-model/*',
    ],
  }),
);

function run(accountBedrock: AccountBedrockState): CheckReport {
  return check({
    identity: [catalogRegionsOnly],
    model: PROFILE,
    region: 'us-east-1',
    principal: parsePrincipal('arn:aws:iam::111122223333:role/App')!,
    actions: ['bedrock:InvokeModel'],
    now: new Date('2026-11-27T12:00:00Z'),
    toolVersion: 'test',
    accountBedrock,
  });
}

describe('check(): inference profiles the account listed', () => {
  it('evaluates the listed destination Regions: one the catalog lacks is denied', () => {
    const report = run({
      region: 'us-east-1',
      inferenceProfiles: [{ id: PROFILE, regions: ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'] }],
    });
    expect(report.verdict).toBe('denied');
    expect(report.checks.filter((entry) => entry.decision !== 'allowed').map((entry) => entry.requestedRegion)).toEqual(
      ['us-west-1'],
    );
    expect(renderCliHints(report.notes).some((note) => note.includes('listed but not in the catalog: us-west-1'))).toBe(
      true,
    );
  });

  it('the same policy is allowed with the catalog’s destinations', () => {
    expect(run({}).verdict).toBe('allowed');
    // Read in another Region, the list says nothing of calls from us-east-1.
    expect(run({ region: 'eu-west-1', inferenceProfiles: [] }).verdict).toBe('allowed');
  });

  it('a profile the list lacks is incomplete, never allowed', () => {
    const report = run({ region: 'us-east-1', inferenceProfiles: [{ id: 'us.amazon.nova-lite-v1:0', regions: [] }] });
    expect(report.verdict).toBe('incomplete');
    expect(
      renderCliHints(report.unresolved).some((line) =>
        line.includes('is not among the system-defined inference profiles'),
      ),
    ).toBe(true);
  });
});
