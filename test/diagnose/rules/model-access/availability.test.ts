import { describe, expect, it } from 'vitest';
import { check, type CheckInput } from '../../../../src/analysis/check.js';
import {
  message,
  parsePrincipal,
  type AccountBedrockState,
  type CheckReport,
  type ModelAvailability,
  type Policy,
} from '../../../../src/model/index.js';
import { doc, policy } from '../../../helpers/policies.js';
import { renderCliHints } from '../../../../src/report/cli-hints.js';

/*
 * The account's model access as GetFoundationModelAvailability reports it
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetFoundationModelAvailability.html) decides whether
 * Bedrock serves the model at all, per "Request access to models"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html): a refused model fails with
 * "You don't have access to the model with the specified model ID." (AccessDeniedException; error corpus,
 * dirkpetersen/our-chat#3), a Marketplace model not subscribed yet needs the caller's aws-marketplace permissions
 * on its first call, a subscription in progress fails with MPAgreementBeingCreated
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html).
 */

const PRINCIPAL = parsePrincipal('arn:aws:iam::111122223333:role/App')!;
const COHERE = 'cohere.embed-v4:0'; // sold through AWS Marketplace (catalog)
const NOVA = 'amazon.nova-pro-v1:0'; // sold by AWS itself
const NO_MODEL_ACCESS = "You don't have access to the model with the specified model ID.";
const ENABLED: ModelAvailability = {
  agreement: 'AVAILABLE',
  authorization: 'AUTHORIZED',
  entitlement: 'AVAILABLE',
  region: 'AVAILABLE',
};

const invokeOnly: Policy = policy(
  doc({ Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: '*' }),
);
const invokeAndSubscribe: Policy = policy(
  doc({
    Effect: 'Allow',
    Action: ['bedrock:InvokeModel*', 'aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions'],
    Resource: '*',
  }),
);

function run(
  model: string,
  availability: Record<string, Partial<ModelAvailability>> | undefined,
  options: { identity?: Policy[]; region?: string; readIn?: string } = {},
): CheckReport {
  const accountBedrock: AccountBedrockState = {
    region: options.readIn ?? 'us-east-1',
    ...(availability
      ? {
          modelAvailability: Object.fromEntries(
            Object.entries(availability).map(([id, fields]) => [id, { ...ENABLED, ...fields }]),
          ),
        }
      : {}),
  };
  const input: CheckInput = {
    identity: options.identity ?? [invokeOnly],
    model,
    region: options.region ?? 'us-east-1',
    principal: PRINCIPAL,
    actions: [],
    now: new Date('2026-11-27T12:00:00Z'),
    toolVersion: 'test',
    accountBedrock,
  };
  return check(input);
}

const accessFindings = (report: CheckReport) =>
  renderCliHints(report.findings).filter((finding) => finding.rule === 'model-access');
const errors = (report: CheckReport) => accessFindings(report).filter((finding) => finding.severity === 'error');

describe('check(): the account model access decides whether Bedrock serves the model', () => {
  it('refuses a model not available in the Region, with the AWS text and an instruction, never verified', () => {
    const report = run(NOVA, { [NOVA]: { region: 'NOT_AVAILABLE' } });
    // IAM allows; Bedrock refuses: the cell fails (an error finding on an allowed verdict).
    expect(report.verdict).toBe('allowed');
    const [finding] = errors(report);
    expect(finding?.predictedError).toEqual({ exception: 'AccessDeniedException', message: NO_MODEL_ACCESS });
    expect(finding?.cause).toMatch(/regionAvailability NOT_AVAILABLE/);
    expect(finding?.fixes.map((fix) => [fix.kind, fix.verification.verified])).toEqual([['instructions', false]]);
  });

  it('refuses a model the account is not authorized for; the fix is the account administrator’s', () => {
    const report = run(NOVA, { [NOVA]: { authorization: 'NOT_AUTHORIZED' } });
    const [finding] = errors(report);
    expect(finding?.title).toBe(`The account is not authorized to use Nova Pro (${NOVA}) in us-east-1`);
    expect(finding?.predictedError?.message).toBe(NO_MODEL_ACCESS);
    expect(finding?.fixes.map((fix) => [fix.kind, fix.owner, fix.verification.verified])).toEqual([
      ['instructions', 'account-admin', false],
    ]);
  });

  it('refuses a Marketplace model whose subscription failed', () => {
    const [finding] = errors(run(COHERE, { [COHERE]: { agreement: 'ERROR' } }));
    expect(finding?.title).toMatch(/subscription to Embed v4 \(cohere\.embed-v4:0\) failed/);
    expect(finding?.fixes[0]?.owner).toBe('account-admin');
    expect((finding?.fixes[0]?.steps ?? []).join(' ')).toMatch(/create-foundation-model-agreement/);
  });

  it('a Marketplace model not subscribed, with the Marketplace actions denied: the call fails (error)', () => {
    const report = run(COHERE, { [COHERE]: { agreement: 'NOT_AVAILABLE', entitlement: 'NOT_AVAILABLE' } });
    const [finding] = errors(report);
    expect(finding?.predictedError?.message).toMatch(/^Model access is denied due to IAM user or service role/);
    // The Marketplace fix is a policy change, verified by re-evaluation.
    expect(finding?.fixes.some((fix) => fix.kind === 'add-statement' && fix.verification.verified)).toBe(true);
  });

  it('a Marketplace model not subscribed, with the Marketplace actions allowed: the first call subscribes (warning)', () => {
    const report = run(
      COHERE,
      { [COHERE]: { agreement: 'NOT_AVAILABLE', entitlement: 'NOT_AVAILABLE' } },
      {
        identity: [invokeAndSubscribe],
      },
    );
    expect(report.verdict).toBe('allowed');
    expect(errors(report)).toEqual([]);
    expect(accessFindings(report).map((finding) => [finding.severity, finding.title])).toContainEqual([
      'warning',
      'The first call subscribes the account to Embed v4 (cohere.embed-v4:0) through AWS Marketplace',
    ]);
  });

  it('a subscribed Marketplace model needs no Marketplace permission: no such finding', () => {
    const without = run(COHERE, undefined);
    expect(accessFindings(without).some((finding) => /AWS Marketplace/.test(finding.title))).toBe(true);
    const subscribed = run(COHERE, { [COHERE]: {} });
    expect(accessFindings(subscribed)).toEqual([]);
    expect(subscribed.verdict).toBe('allowed');
    expect(subscribed.notes).toContainEqual(
      message('model-access-read', {
        agreement: 'AVAILABLE',
        authorization: 'AUTHORIZED',
        entitlement: 'AVAILABLE',
        model: COHERE,
        region: 'us-east-1',
        regionAvailability: 'AVAILABLE',
      }),
    );
  });

  it('a model AWS sells itself is not gated by agreement or entitlement', () => {
    const report = run(NOVA, { [NOVA]: { agreement: 'NOT_AVAILABLE', entitlement: 'NOT_AVAILABLE' } });
    expect(report.verdict).toBe('allowed');
    expect(errors(report)).toEqual([]);
  });

  it('a subscription in progress: the predicted error, and the check is incomplete', () => {
    const report = run(COHERE, { [COHERE]: { agreement: 'PENDING', entitlement: 'NOT_AVAILABLE' } });
    expect(report.verdict).toBe('incomplete');
    expect(accessFindings(report)[0]?.predictedError).toEqual({
      exception: 'AccessDeniedException',
      message:
        'Your account is not authorized to access this model. Your AWS Marketplace subscription for this model is still being processed',
    });
  });

  it('a model whose access was not read while others were: incomplete, and says so', () => {
    const report = run(COHERE, { [NOVA]: {} });
    expect(report.verdict).toBe('incomplete');
    expect(report.unresolved).toContainEqual(message('model-access-not-read', { model: COHERE, region: 'us-east-1' }));
  });

  it('an undocumented value is never read as enabled', () => {
    expect(run(NOVA, { [NOVA]: { region: 'SOMETHING_NEW' } }).verdict).toBe('incomplete');
  });

  it('no availability at all, or availability read in another Region: the catalog alone, as before', () => {
    const none = run(NOVA, undefined);
    expect(none.verdict).toBe('allowed');
    const elsewhere = run(NOVA, { [NOVA]: { region: 'NOT_AVAILABLE' } }, { readIn: 'eu-west-1' });
    expect(elsewhere.verdict).toBe('allowed');
    expect(errors(elsewhere)).toEqual([]);
    expect(elsewhere.notes).toContainEqual(
      message('model-access-other-region', { parts: ['model access'], readIn: 'eu-west-1', region: 'us-east-1' }),
    );
  });

  it('an IAM denial stays a denial', () => {
    const report = run(NOVA, { [NOVA]: { region: 'NOT_AVAILABLE' } }, { identity: [] });
    expect(report.verdict).toBe('denied');
  });

  it('a system-defined profile is checked against the availability of its foundation model', () => {
    const report = run(`us.${NOVA}`, { [NOVA]: { authorization: 'NOT_AUTHORIZED' } });
    expect(errors(report).map((finding) => finding.predictedError?.message)).toEqual([NO_MODEL_ACCESS]);
  });
});
