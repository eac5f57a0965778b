import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { check, evaluateChecks, type CheckInput } from '../../src/analysis/check.js';
import { planFixes } from '../../src/diagnose/fix/plan.js';
import { renderCliHints } from '../../src/report/cli-hints.js';
import type { CheckReport } from '../../src/model/index.js';
import { parsePrincipal, type Policy } from '../../src/model/index.js';
import { formatJson } from '../../src/report/json.js';
import { doc, fullAwsAccess, policy, scpLevel } from '../helpers/policies.js';

/*
 * A check denied whatever the unknown context holds, where which AccessDenied message AWS returns
 * depends on it. AWS reports one policy type ("If multiple policy types deny an authorization request,
 * AWS includes only one of those policy types in the error message",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html), "with an explicit
 * deny in a …" when a Deny applies, else "because no … policy allows the … action", in the order of
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html (a Deny
 * anywhere, then the SCP levels root to account, the identity-based policies, the boundary, the
 * session policies).
 */

const PRINCIPAL = 'arn:aws:sts::111122223333:assumed-role/App/s1';
const MODEL = 'amazon.nova-lite-v1:0';
const FM = `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`;
const INVOKE = 'bedrock:InvokeModel';
const head = `User: ${PRINCIPAL} is not authorized to perform: ${INVOKE} on resource: ${FM}`;
const explicitIn = (type: string, arn?: string) => `${head} with an explicit deny in ${type}${arn ? `: ${arn}` : ''}`;
const noAllowIn = (type: string) => `${head} because no ${type} allows the ${INVOKE} action`;

const OFFICE = { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
const VPC = { StringEquals: { 'aws:SourceVpc': 'vpc-1' } };
const allowInvoke = (condition?: object) =>
  policy(
    doc({
      Sid: 'AllowInvoke',
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel*',
      Resource: '*',
      ...(condition ? { Condition: condition } : {}),
    }),
    { file: 'allow.json' },
  );
const denyOutsideOffice = (type: 'identity' | 'scp', file: string) =>
  policy(doc({ Sid: 'DenyOutsideOffice', Effect: 'Deny', Action: 'bedrock:*', Resource: '*', Condition: OFFICE }), {
    type,
    file,
  });
const s3Only = (type: 'identity' | 'permissions-boundary', file: string) =>
  policy(doc({ Sid: 'S3Only', Effect: 'Allow', Action: 's3:*', Resource: '*' }), { type, file });

function input(policies: Partial<CheckInput> & { identity: Policy[] }): CheckInput {
  return {
    model: MODEL,
    region: 'us-east-1',
    principal: parsePrincipal(PRINCIPAL)!,
    actions: [INVOKE],
    now: new Date('2026-11-27T12:00:00Z'),
    toolVersion: 'test',
    ...policies,
  };
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validateReport = ajv.compile(
  JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')) as object,
);

function run(policies: Partial<CheckInput> & { identity: Policy[] }): CheckReport {
  const report = check(input(policies));
  expect(validateReport(JSON.parse(formatJson(report))), JSON.stringify(validateReport.errors)).toBe(true);
  return report;
}

const outcomesOf = (report: CheckReport) =>
  report.checks[0]!.possibleOutcomes?.map((outcome) => ({
    message: outcome.message,
    when: outcome.when.map(
      ({ holds, condition }) =>
        `${condition.kind} ${condition.policyType}${condition.level ? `@${condition.level}` : ''} ${holds ? 'holds' : 'fails'}: ${condition.alternatives.flatMap((alt) => alt.clauses.map((c) => `${c.operator} ${c.key}`)).join(', ')}`,
    ),
  }));

describe('check entries: every possible AccessDenied message with its condition', () => {
  it('a conditional Deny beside a closed identity gate: explicit or implicit deny in the identity-based policy', () => {
    const report = run({ identity: [s3Only('identity', 'app.json'), denyOutsideOffice('identity', 'deny.json')] });
    expect(report.verdict).toBe('denied');
    const [entry] = report.checks;
    expect([entry!.decision, entry!.deniedBy]).toEqual(['implicit-deny', 'identity']);
    // Neither message is presented as certain.
    expect(entry!.message).toBeNull();
    expect(outcomesOf(report)).toEqual([
      { message: explicitIn('an identity-based policy'), when: ['deny-if identity holds: NotIpAddress aws:SourceIp'] },
      { message: noAllowIn('identity-based policy'), when: ['deny-if identity fails: NotIpAddress aws:SourceIp'] },
    ]);
    expect(entry!.possibleOutcomes![0]!.statements.map((s) => [s.file, s.sid, s.effect])).toEqual([
      ['deny.json', 'DenyOutsideOffice', 'Deny'],
    ]);
  });

  it('a conditional SCP Allow with no identity Allow: the SCP or the identity-based policy is named', () => {
    const conditionalScp = policy(
      doc({ Sid: 'OnlyFromVpc', Effect: 'Allow', Action: '*', Resource: '*', Condition: VPC }),
      { type: 'scp', file: 'ou.json' },
    );
    const report = run({
      identity: [s3Only('identity', 'app.json')],
      scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('ou-1', conditionalScp)],
    });
    expect(report.verdict).toBe('denied');
    expect(report.checks[0]!.message).toBeNull();
    expect(outcomesOf(report)).toEqual([
      {
        message: noAllowIn('service control policy'),
        when: ['allow-if-any scp@ou-1 fails: StringEquals aws:SourceVpc'],
      },
      {
        message: noAllowIn('identity-based policy'),
        when: ['allow-if-any scp@ou-1 holds: StringEquals aws:SourceVpc'],
      },
    ]);
    expect(report.checks[0]!.possibleOutcomes!.map((outcome) => outcome.deniedAtLevel)).toEqual(['ou-1', null]);
  });

  it('a conditional identity Allow with a boundary that allows nothing: identity-based policy or permissions boundary', () => {
    const report = run({
      identity: [allowInvoke(VPC)],
      permissionsBoundary: s3Only('permissions-boundary', 'boundary.json'),
    });
    expect(report.checks[0]!.message).toBeNull();
    expect(outcomesOf(report)!.map((outcome) => outcome.message)).toEqual([
      noAllowIn('identity-based policy'),
      noAllowIn('permissions boundary'),
    ]);
  });

  it('a conditional SCP Deny before an identity Deny: the SCP message only if its condition holds; the ARN is kept', () => {
    const arn = 'arn:aws:iam::111122223333:policy/DenyBedrock';
    const identityDeny = policy(doc({ Sid: 'DenyBedrock', Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }), {
      file: 'deny-bedrock.json',
      arn,
    });
    const report = run({
      identity: [allowInvoke(), identityDeny],
      scpLevels: [scpLevel('Root', fullAwsAccess(), denyOutsideOffice('scp', 'scp-deny.json'))],
    });
    expect([report.checks[0]!.decision, report.checks[0]!.deniedBy]).toEqual(['explicit-deny', 'identity']);
    expect(outcomesOf(report)).toEqual([
      { message: explicitIn('a service control policy'), when: ['deny-if scp holds: NotIpAddress aws:SourceIp'] },
      { message: explicitIn('an identity-based policy', arn), when: ['deny-if scp fails: NotIpAddress aws:SourceIp'] },
    ]);
  });

  it('two identity Denies without ARNs: one message, so it stays certain, while the outcomes still say which Deny', () => {
    const always = policy(doc({ Sid: 'DenyAlways', Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }), {
      file: 'z-always.json',
    });
    const report = run({ identity: [allowInvoke(), denyOutsideOffice('identity', 'a-office.json'), always] });
    expect(report.checks[0]!.message).toBe(explicitIn('an identity-based policy'));
    expect(report.checks[0]!.possibleOutcomes!.map((outcome) => outcome.statements[0]!.file)).toEqual([
      'a-office.json',
      'z-always.json',
    ]);
  });

  it('a decision that does not depend on the unknown keys has no possible outcomes', () => {
    const report = run({ identity: [s3Only('identity', 'app.json')] });
    expect(report.checks[0]!.message).toBe(noAllowIn('identity-based policy'));
    expect(report.checks[0]!.possibleOutcomes).toBeUndefined();
  });
});

describe('findings for an uncertain attribution', () => {
  it('no finding claims one certain error, and each says when AWS names it', () => {
    const report = run({ identity: [s3Only('identity', 'app.json'), denyOutsideOffice('identity', 'deny.json')] });
    const findings = renderCliHints(report.findings).filter((finding) => finding.rule === 'identity-policy');
    expect(findings.map((finding) => finding.title)).toEqual([
      'An explicit Deny in the identity-based policy deny.json blocks the call when its condition holds',
      'No identity-based policy allows the call',
    ]);
    for (const finding of findings) {
      expect(finding.predictedError).toBeUndefined();
      expect(finding.cause).toContain(
        'denied whatever the request context, but AWS reports this denial only if the Deny at deny.json:',
      );
    }
    expect(findings[0]!.cause).toContain(') applies (NotIpAddress aws:SourceIp 203.0.113.0/24)');
    expect(findings[1]!.cause).toContain(') does not apply (NotIpAddress aws:SourceIp 203.0.113.0/24)');
    expect(findings[0]!.locations.map((location) => location.file)).toEqual(['deny.json']);
  });

  it('a conditional SCP Allow: the SCP finding points at the conditional Allow, the identity finding says when it is named', () => {
    const conditionalScp = policy(
      doc({ Sid: 'OnlyFromVpc', Effect: 'Allow', Action: '*', Resource: '*', Condition: VPC }),
      { type: 'scp', file: 'ou.json' },
    );
    const report = run({
      identity: [s3Only('identity', 'app.json')],
      scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('ou-1', conditionalScp)],
    });
    const scp = renderCliHints(report.findings).filter((finding) => finding.rule === 'service-control-policy');
    const identity = renderCliHints(report.findings).filter((finding) => finding.rule === 'identity-policy');
    expect(scp.map((finding) => finding.title)).toEqual([
      'The service control policy at the ou-1 level allows the call only under a condition',
    ]);
    expect(scp[0]!.locations.map((location) => [location.file, location.sid])).toEqual([['ou.json', 'OnlyFromVpc']]);
    expect(scp[0]!.cause).toContain(
      'only if the service control policy at the ou-1 level does not allow the call (StringEquals aws:SourceVpc vpc-1 at ou.json:',
    );
    expect(identity.map((finding) => finding.title)).toEqual(['No identity-based policy allows the call']);
    expect(identity[0]!.cause).toContain('only if the service control policy at the ou-1 level allows the call');
    for (const finding of [...scp, ...identity]) expect(finding.predictedError).toBeUndefined();
  });

  it('fix verification still requires allowed: a fix that only changes which denial AWS reports is not shown', () => {
    const conditionalScp = policy(
      doc({ Sid: 'OnlyFromVpc', Effect: 'Allow', Action: '*', Resource: '*', Condition: VPC }),
      { type: 'scp', file: 'ou.json' },
    );
    const { evaluation } = evaluateChecks(
      input({
        identity: [s3Only('identity', 'app.json')],
        scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('ou-1', conditionalScp)],
      }),
    );
    const plan = planFixes(evaluation);
    // Adding the identity Allow opens the identity gate, but the SCP still allows only from the VPC.
    expect(plan.fixes.map((fix) => fix.edit.target.policyType)).toEqual(['identity']);
    expect(plan.verified).toBe(false);
    expect(plan.checksFixed).toBe(0);
    const report = check(
      input({
        identity: [s3Only('identity', 'app.json')],
        scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('ou-1', conditionalScp)],
      }),
    );
    expect(renderCliHints(report.findings).flatMap((finding) => finding.fixes)).toEqual([]);
    expect(
      renderCliHints(report.findings)
        .find((finding) => finding.rule === 'identity-policy')!
        .alternatives!.join('\n'),
    ).toContain('did not pass re-evaluation');
  });

  it('checks of one call are grouped by the condition under which AWS names the denial, not just by policy type', () => {
    // The profile ARN: the identity Allow holds only from the VPC, the boundary allows no profile. The
    // destination models: no identity Allow at all. A Deny outside the office applies to all of them.
    const identity = policy(
      doc({
        Sid: 'ProfileFromVpc',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: 'arn:aws:bedrock:*:*:inference-profile/*',
        Condition: VPC,
      }),
      { file: 'app.json' },
    );
    const boundary = policy(
      doc({
        Sid: 'ModelsOnly',
        Effect: 'Allow',
        Action: 'bedrock:*',
        Resource: 'arn:aws:bedrock:*::foundation-model/*',
      }),
      { type: 'permissions-boundary', file: 'boundary.json' },
    );
    const report = run({
      identity: [identity, denyOutsideOffice('identity', 'deny.json')],
      permissionsBoundary: boundary,
      model: `us.${MODEL}`,
    });
    expect(report.verdict).toBe('denied');
    expect(report.checks.length).toBeGreaterThan(2);
    expect(report.checks.every((entry) => entry.possibleOutcomes && entry.message === null)).toBe(true);
    const titles = (rule: string) =>
      renderCliHints(report.findings)
        .filter((finding) => finding.rule === rule)
        .map((finding) => [finding.title, finding.checks.length]);
    expect(titles('identity-policy')).toEqual([
      [
        'An explicit Deny in the identity-based policy deny.json blocks the call when its condition holds',
        report.checks.length,
      ],
      ['The identity-based policy allows the call only under a condition', 1],
      ['No identity-based policy allows the call', report.checks.length - 1],
    ]);
    expect(titles('permissions-boundary')).toEqual([['No permissions boundary allows the call', 1]]);
    const boundaryFinding = renderCliHints(report.findings).find((finding) => finding.rule === 'permissions-boundary')!;
    expect(boundaryFinding.cause).toContain('only if the Deny at deny.json:');
    expect(boundaryFinding.cause).toContain(
      'and the identity-based policy allows the call (StringEquals aws:SourceVpc vpc-1 at app.json:',
    );
  });
});
