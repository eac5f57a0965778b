import { describe, expect, it } from 'vitest';
import { check } from '../../../../src/analysis/check.js';
import { reproduceError } from '../../../../src/analysis/index.js';
import { accessDeniedMessage, parseGuardrail, type GuardrailRef } from '../../../../src/bedrock/index.js';
import { explainError } from '../../../../src/diagnose/explain/index.js';
import type { CheckInput } from '../../../../src/diagnose/check-input.js';
import { parsePrincipal, type Policy } from '../../../../src/model/index.js';
import { renderCliHints } from '../../../../src/report/cli-hints.js';
import { doc, fullAwsAccess, policy, scpLevel } from '../../../helpers/policies.js';
import { REGION_GIVEN } from '../../../helpers/region-given.js';

const NOW = new Date('2026-11-27T12:00:00Z');
const PRINCIPAL = 'arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1';
const MODEL = 'amazon.nova-pro-v1:0';
const MODEL_ARN = `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`;
const GUARDRAIL_ARN = 'arn:aws:bedrock:us-east-1:111122223333:guardrail/abcd1234efgh';
const INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

const guardrail = (text: string): GuardrailRef => {
  const parsed = parseGuardrail(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.guardrail;
};

function run(identity: Policy[], extra: Partial<CheckInput> = {}) {
  return renderCliHints(data(identity, extra));
}

/** The analysis's report, its messages still codes. */
function data(identity: Policy[], extra: Partial<CheckInput> = {}) {
  return check({
    identity,
    model: MODEL,
    region: 'us-east-1',
    actions: [],
    principal: parsePrincipal(PRINCIPAL)!,
    now: NOW,
    toolVersion: 'test',
    ...extra,
  });
}

/**
 * AWS's "Example 1: Enforce the use of a specific guardrail and its numeric version"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html), in account 111122223333.
 */
const ENFORCED_STATEMENTS = [
  {
    Sid: 'InvokeFoundationModelStatement1',
    Effect: 'Allow',
    Action: INVOKE_ACTIONS,
    Resource: ['arn:aws:bedrock:us-east-1::foundation-model/*'],
    Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': `${GUARDRAIL_ARN}:1` } },
  },
  {
    Sid: 'InvokeFoundationModelStatement2',
    Effect: 'Deny',
    Action: INVOKE_ACTIONS,
    Resource: ['arn:aws:bedrock:us-east-1::foundation-model/*'],
    Condition: { StringNotEquals: { 'bedrock:GuardrailIdentifier': `${GUARDRAIL_ARN}:1` } },
  },
  { Sid: 'ApplyGuardrail', Effect: 'Allow', Action: ['bedrock:ApplyGuardrail'], Resource: [GUARDRAIL_ARN] },
];
const ENFORCED = policy(doc(...ENFORCED_STATEMENTS));

const INVOKE_ONLY = policy(
  doc({ Effect: 'Allow', Action: INVOKE_ACTIONS, Resource: 'arn:aws:bedrock:*::foundation-model/*' }),
);

describe('a policy that enforces a guardrail (AWS Example 1)', () => {
  it('without --guardrail the key is absent: the Deny applies, and the finding names the flag to pass', () => {
    const report = run([ENFORCED]);
    expect(report.verdict).toBe('denied');
    expect(report.checks.map((entry) => [entry.action, entry.decision])).toEqual([
      ['bedrock:InvokeModel', 'explicit-deny'],
      ['bedrock:InvokeModelWithResponseStream', 'explicit-deny'],
    ]);
    const finding = report.findings.find((candidate) => candidate.rule === 'guardrail')!;
    expect(finding.title).toBe('A policy enforces a guardrail the call does not name');
    expect(finding.predictedError?.message).toBe(
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${MODEL_ARN} with an explicit deny in an identity-based policy`,
    );
    expect(finding.fixes).toHaveLength(1);
    const [fix] = finding.fixes;
    expect(fix!.kind).toBe('instructions');
    expect(fix!.summary).toContain(`pass --guardrail ${GUARDRAIL_ARN}:1`);
    // Instructions are never verified; the re-evaluation with the key set says what passing it changes.
    expect(fix!.verification).toMatchObject({ verified: false, checksFixed: 2, checksDenied: 2 });
  });

  it('the enforcing Deny is neither narrowed nor offered for removal: the guardrail finding alone explains it', () => {
    const report = run([ENFORCED]);
    expect(report.findings.map((finding) => finding.rule)).toEqual(['guardrail']);
    expect(report.findings[0]!.alternatives).toEqual([
      'the statement enforces a guardrail on purpose: editing it would let calls without the guardrail through',
    ]);
  });

  it('with the guardrail and its version: the invocations and ApplyGuardrail are allowed', () => {
    for (const given of ['abcd1234efgh:1', `${GUARDRAIL_ARN}:1`]) {
      const report = run([ENFORCED], { guardrail: guardrail(given) });
      expect(report.verdict).toBe('allowed');
      expect(report.checks.map((entry) => [entry.action, entry.resource])).toEqual([
        ['bedrock:InvokeModel', MODEL_ARN],
        ['bedrock:InvokeModelWithResponseStream', MODEL_ARN],
        ['bedrock:ApplyGuardrail', GUARDRAIL_ARN],
      ]);
      expect(report.findings).toEqual([]);
    }
  });

  it('another version is denied, and the finding says the call names another guardrail', () => {
    const report = run([ENFORCED], { guardrail: guardrail('abcd1234efgh:2') });
    expect(report.verdict).toBe('denied');
    const finding = report.findings.find((candidate) => candidate.rule === 'guardrail')!;
    expect(finding.title).toBe('A policy enforces another guardrail than the one the call names');
    expect(finding.cause).toContain('the call names abcd1234efgh:2');
  });

  it('another version and no ApplyGuardrail grant: the enforced invocations are left to the call, the grant is a verified fix', () => {
    const withoutApply = policy(doc(...(ENFORCED_STATEMENTS.slice(0, 2) as object[])));
    const report = run([withoutApply], { guardrail: guardrail('abcd1234efgh:2') });
    expect(report.checks.map((entry) => entry.decision)).toEqual(['explicit-deny', 'explicit-deny', 'implicit-deny']);
    expect(report.findings.map((finding) => finding.rule).sort()).toEqual(['guardrail', 'identity-policy']);
    const identity = report.findings.find((finding) => finding.rule === 'identity-policy')!;
    expect(identity.checks).toEqual([`bedrock:ApplyGuardrail on ${GUARDRAIL_ARN}`]);
    expect(identity.fixes.map((fix) => [fix.statement?.Action, fix.verification.verified])).toEqual([
      ['bedrock:ApplyGuardrail', true],
    ]);
  });

  it('DRAFT: the key is unknown, so the enforcing statements leave the invocations conditional, never allowed', () => {
    const report = run([ENFORCED], { guardrail: guardrail('abcd1234efgh:DRAFT') });
    expect(report.checks.map((entry) => entry.decision)).toEqual(['conditional', 'conditional', 'allowed']);
    expect(report.verdict).toBe('conditional');
    expect(data([ENFORCED], { guardrail: guardrail('abcd1234efgh:DRAFT') }).notes.map((note) => note.code)).toContain(
      'guardrail-identifier-unknown',
    );
  });

  it('--assume-absent does not make the unknown DRAFT value absent', () => {
    const report = run([ENFORCED], { guardrail: guardrail('abcd1234efgh:DRAFT'), assumeAbsent: true });
    expect(report.checks.slice(0, 2).map((entry) => entry.decision)).toEqual(['conditional', 'conditional']);
  });
});

describe('an SCP that enforces a guardrail across the organization', () => {
  const enforcing = policy(
    doc({
      Sid: 'RequireGuardrail',
      Effect: 'Deny',
      Action: INVOKE_ACTIONS,
      Resource: '*',
      Condition: { StringNotEquals: { 'bedrock:GuardrailIdentifier': `${GUARDRAIL_ARN}:1` } },
    }),
    { type: 'scp', file: 'require-guardrail.json', name: 'RequireGuardrail' },
  );
  const levels = [scpLevel('Root', fullAwsAccess(), enforcing), scpLevel('Account', fullAwsAccess('a.json'))];
  const allowAll = policy(doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }));

  it('denies a call without the guardrail, names the flag, and offers no edit of the SCP', () => {
    const report = run([allowAll], { scpLevels: levels });
    expect(report.checks.map((entry) => [entry.decision, entry.deniedBy])).toEqual([
      ['explicit-deny', 'scp'],
      ['explicit-deny', 'scp'],
    ]);
    const guardrailFinding = report.findings.find((finding) => finding.rule === 'guardrail')!;
    expect(guardrailFinding.locations.map((location) => location.file)).toEqual(['require-guardrail.json']);
    expect(guardrailFinding.fixes[0]!.summary).toContain(`pass --guardrail ${GUARDRAIL_ARN}:1`);
    expect(report.findings.map((finding) => finding.rule)).toEqual(['guardrail']);
  });

  it('allows the call that names the guardrail', () => {
    expect(run([allowAll], { scpLevels: levels, guardrail: guardrail(`${GUARDRAIL_ARN}:1`) }).verdict).toBe('allowed');
  });
});

describe('applying the guardrail', () => {
  // https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions.html ("Permissions for invoking
  // guardrails to filter content"): InvokeModel on the model and bedrock:ApplyGuardrail on the guardrail ARN.
  it('invoke grants alone: ApplyGuardrail is implicitly denied, with the IAM message and a verified least-privilege fix', () => {
    const report = run([INVOKE_ONLY], { guardrail: guardrail('abcd1234efgh:1') });
    expect(report.verdict).toBe('denied');
    const apply = report.checks.find((entry) => entry.action === 'bedrock:ApplyGuardrail')!;
    expect(apply.decision).toBe('implicit-deny');
    expect(apply.message).toBe(
      accessDeniedMessage({
        principal: PRINCIPAL,
        action: 'bedrock:ApplyGuardrail',
        resource: GUARDRAIL_ARN,
        policyType: 'identity',
        kind: 'implicit',
      }),
    );
    expect(apply.message).toBe(
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:ApplyGuardrail on resource: ${GUARDRAIL_ARN} because no identity-based policy allows the bedrock:ApplyGuardrail action`,
    );
    const fixes = report.findings.flatMap((finding) => finding.fixes);
    expect(fixes.map((fix) => fix.statement)).toEqual([
      {
        Sid: 'AllowApplyGuardrailAbcd1234efgh',
        Effect: 'Allow',
        Action: 'bedrock:ApplyGuardrail',
        Resource: GUARDRAIL_ARN,
      },
    ]);
    expect(fixes.every((fix) => fix.verification.verified)).toBe(true);
  });

  it('an SCP that denies ApplyGuardrail: explicit deny with the SCP message', () => {
    const scp = policy(doc({ Effect: 'Deny', Action: 'bedrock:ApplyGuardrail', Resource: '*' }), {
      type: 'scp',
      file: 'no-guardrails.json',
      name: 'NoGuardrails',
    });
    const report = run([policy(doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }))], {
      guardrail: guardrail('abcd1234efgh:1'),
      scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('Account', fullAwsAccess('a.json'), scp)],
    });
    const apply = report.checks.find((entry) => entry.action === 'bedrock:ApplyGuardrail')!;
    expect([apply.decision, apply.deniedBy]).toEqual(['explicit-deny', 'scp']);
    expect(apply.message).toContain('with an explicit deny in a service control policy');
  });

  it('a guardrail of another account is incomplete at best: its resource-based policy is not evaluated', () => {
    const report = run([policy(doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }))], {
      guardrail: guardrail('arn:aws:bedrock:us-east-1:444455556666:guardrail/zz9:1'),
    });
    expect(report.verdict).toBe('incomplete');
    const codes = data([policy(doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }))], {
      guardrail: guardrail('arn:aws:bedrock:us-east-1:444455556666:guardrail/zz9:1'),
    }).unresolved.map((entry) => entry.code);
    expect(codes).toContain('guardrail-other-account');
  });

  it('a guardrail of another Region is incomplete at best', () => {
    const report = run([policy(doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }))], {
      guardrail: guardrail('arn:aws:bedrock:us-west-2:111122223333:guardrail/zz9:1'),
    });
    expect(report.verdict).toBe('incomplete');
    const codes = data([policy(doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }))], {
      guardrail: guardrail('arn:aws:bedrock:us-west-2:111122223333:guardrail/zz9:1'),
    }).unresolved.map((entry) => entry.code);
    expect(codes).toContain('guardrail-other-region');
  });

  it("without --principal the guardrail id's account is a guess: a grant in one account only is not taken as allowed", () => {
    const report = data(
      [
        INVOKE_ONLY,
        policy(doc({ Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: GUARDRAIL_ARN }), { file: 'g.json' }),
      ],
      { guardrail: guardrail('abcd1234efgh:1'), principal: undefined },
    );
    const apply = report.checks.find((entry) => entry.action === 'bedrock:ApplyGuardrail')!;
    expect(apply.decision).not.toBe('allowed');
  });

  it('says that cross-Region inference of the guardrail (guardrail profiles) is not checked', () => {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/guardrail-profiles-permissions.html
    const report = data([INVOKE_ONLY], { guardrail: guardrail('abcd1234efgh:1') });
    expect(report.assumptions.map((entry) => entry.code)).toContain('guardrail-in-region');
  });
});

describe('explain: ApplyGuardrail AccessDenied texts', () => {
  const implicit = `An error occurred (AccessDeniedException) when calling the Converse operation: User: ${PRINCIPAL} is not authorized to perform: bedrock:ApplyGuardrail on resource: ${GUARDRAIL_ARN} because no identity-based policy allows the bedrock:ApplyGuardrail action`;

  it('are recognised by the guardrail rule, not taken for an invocation', () => {
    const explanation = explainError(implicit);
    expect([explanation.rule, explanation.signature]).toEqual(['guardrail', 'guardrail/identity-implicit-deny']);
    expect(explanation.fields).toMatchObject({
      action: 'bedrock:ApplyGuardrail',
      resource: GUARDRAIL_ARN,
      policyType: 'identity',
      denial: 'implicit',
    });
  });

  it('an SCP explicit deny', () => {
    const explanation = explainError(
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:ApplyGuardrail on resource: ${GUARDRAIL_ARN} with an explicit deny in a service control policy`,
    );
    expect(explanation.signature).toBe('guardrail/scp-explicit-deny');
  });

  it('an invocation text still goes to the identity-policy rule', () => {
    const explanation = explainError(
      `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${MODEL_ARN} because no identity-based policy allows the bedrock:InvokeModel action`,
    );
    expect(explanation.rule).toBe('identity-policy');
  });

  it('is reproduced from the policies with the model the call used', () => {
    const reproduction = reproduceError({
      explanation: explainError(implicit),
      identity: [INVOKE_ONLY],
      principal: parsePrincipal(PRINCIPAL)!,
      model: MODEL,
      fallbackRegion: { region: 'us-east-1', assumption: REGION_GIVEN },
      now: NOW,
      toolVersion: 'test',
    });
    expect(reproduction.status).toBe('reproduced');
    expect(reproduction.check?.action).toBe('bedrock:ApplyGuardrail');
  });

  it('without the model it cannot be reproduced', () => {
    const reproduction = reproduceError({
      explanation: explainError(implicit),
      identity: [INVOKE_ONLY],
      fallbackRegion: { region: 'us-east-1', assumption: REGION_GIVEN },
      now: NOW,
      toolVersion: 'test',
    });
    expect(reproduction.status).toBe('not-applicable');
  });
});
