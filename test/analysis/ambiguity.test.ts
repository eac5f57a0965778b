import { describe, expect, it } from 'vitest';
import { check as analyse } from '../../src/analysis/check.js';
import type { CheckInput } from '../../src/index.js';
import { renderCliHints } from '../../src/report/cli-hints.js';
import { parsePrincipal, type Policy } from '../../src/model/index.js';
import { parsePolicyDocument } from '../../src/parse/index.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatText } from '../../src/report/text.js';

const NOW = new Date('2026-11-27T12:00:00Z');

function policy(statements: unknown[], name = 'p.json'): Policy {
  const result = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }), name, {
    type: 'identity',
  });
  expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  return result.policy!;
}

function run(identity: Policy[], extra: Partial<CheckInput> = {}) {
  return renderCliHints(runData(identity, extra));
}

/** The analysis's report, as the formatters take it. */
function runData(identity: Policy[], extra: Partial<CheckInput> = {}) {
  return analyse({
    identity,
    model: 'amazon.nova-pro-v1:0',
    region: 'us-east-1',
    actions: ['bedrock:InvokeModel'],
    now: NOW,
    toolVersion: 'test',
    ...extra,
  });
}

const ALLOW_ALL = { Effect: 'Allow', Action: 'bedrock:*', Resource: '*' };

describe('guesses the tool had to make never decide a check', () => {
  it("a session ARN hides the role's path: aws:PrincipalArn is unknown, so a Deny on it makes the check conditional", () => {
    const denyOthers = {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/App' } },
    };
    const report = run([policy([ALLOW_ALL, denyOthers])], {
      principal: parsePrincipal('arn:aws:sts::111122223333:assumed-role/App/s1')!,
    });
    expect(report.checks.map((c) => c.decision)).toEqual(['conditional']);
    expect(report.checks[0]!.conditions![0]!.alternatives[0]!.clauses[0]!.key).toBe('aws:PrincipalArn');
  });

  it('a Deny on a role path the session ARN cannot show is not skipped, even with --assume-absent', () => {
    const denyRestricted = {
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/restricted/*' } },
    };
    for (const assumeAbsent of [false, true]) {
      const report = run([policy([ALLOW_ALL, denyRestricted])], {
        principal: parsePrincipal('arn:aws:sts::111122223333:assumed-role/Dev/s1')!,
        assumeAbsent,
      });
      expect(report.checks.map((c) => c.decision)).toEqual(['conditional']);
    }
    const known = run([policy([ALLOW_ALL, denyRestricted])], {
      principal: parsePrincipal('arn:aws:iam::111122223333:role/restricted/Dev')!,
    });
    expect(known.checks.map((c) => c.decision)).toEqual(['explicit-deny']);
  });

  it('the role ARN itself settles it', () => {
    const denyOthers = {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/App' } },
    };
    const report = run([policy([ALLOW_ALL, denyOthers])], {
      principal: parsePrincipal('arn:aws:iam::111122223333:role/App')!,
    });
    expect(report.checks.map((c) => c.decision)).toEqual(['allowed']);
  });

  it('without --principal, a condition naming the placeholder account in a context value is not trusted', () => {
    const viaProfile = {
      Effect: 'Allow',
      Action: 'bedrock:InvokeModel',
      Resource: '*',
      Condition: {
        StringLike: { 'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:123456789012:inference-profile/*' },
      },
    };
    const report = run([policy([viaProfile])], { model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' });
    const modelHops = report.checks.filter((c) => c.resource.includes(':foundation-model/'));
    expect(modelHops.length).toBeGreaterThan(0);
    for (const hop of modelHops) expect(hop.decision).not.toBe('allowed');
    expect(report.verdict).not.toBe('allowed');
  });

  it('a federated user without session policies has no permissions (GetFederationToken)', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html
    const report = run([policy([ALLOW_ALL])], {
      principal: parsePrincipal('arn:aws:sts::111122223333:federated-user/bob')!,
    });
    expect(report.checks.map((c) => [c.decision, c.deniedBy])).toEqual([['implicit-deny', 'session-policy']]);
  });

  it("another account's provisioned model needs its owner's resource-based policy, which is not evaluated: never allowed", () => {
    const report = run([policy([ALLOW_ALL])], {
      principal: parsePrincipal('arn:aws:iam::111122223333:user/bob')!,
      model: 'arn:aws:bedrock:us-east-1:999999999999:provisioned-model/abc123',
    });
    expect(report.verdict).toBe('incomplete');
  });

  it('a --context override of a per-request key gives a what-if, never an allowed verdict', () => {
    const report = run([policy([ALLOW_ALL])], {
      principal: parsePrincipal('arn:aws:iam::111122223333:user/bob')!,
      context: { 'aws:RequestedRegion': ['us-east-1'] },
    });
    expect(report.checks.every((c) => c.decision === 'allowed')).toBe(true);
    expect(report.verdict).toBe('incomplete');
  });

  it('input warnings and --context overrides of per-request keys reach the report', () => {
    const report = run([policy([ALLOW_ALL])], {
      inputWarnings: [
        { severity: 'warning', file: 'p.json', line: 1, column: 1, message: 'too large', code: 'policy-too-large' },
      ],
      context: { 'aws:RequestedRegion': ['us-east-1'] },
    });
    expect(report.notes).toContain('p.json:1:1: warning: too large');
    expect(report.notes.join('\n')).toContain('--context aws:RequestedRegion replaces the value AWS sets per request');
  });
});

describe('without --principal, a check denied whatever the account stays denied', () => {
  // The placeholder account 123456789012 against any other: the profile ARN carries the account.
  const PROFILE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const profileCheck = (report: ReturnType<typeof run>) =>
    report.checks.find((c) => c.resource.includes(':inference-profile/'))!;
  const denyNamedAccount = {
    Sid: 'DenyOneAccount',
    Effect: 'Deny',
    Action: 'bedrock:*',
    Resource: 'arn:aws:bedrock:*:123456789012:inference-profile/*',
  };
  const allowModelsOnly = {
    Effect: 'Allow',
    Action: 'bedrock:InvokeModel',
    Resource: 'arn:aws:bedrock:*::foundation-model/*',
  };

  it('explicit deny for one account, implicit for another: denied, with both messages as possible outcomes, none as certain', () => {
    const data = runData([policy([allowModelsOnly, denyNamedAccount])], { model: PROFILE });
    const report = renderCliHints(data);
    const entry = profileCheck(report);
    expect(entry.decision).not.toBe('conditional');
    expect(['explicit-deny', 'implicit-deny']).toContain(entry.decision);
    expect(entry.message).toBeNull();
    expect(entry.possibleOutcomes?.map((o) => [o.decision, o.deniedBy, o.dependsOn])).toEqual([
      ['explicit-deny', 'identity', "depending on the caller's account (pass --principal)"],
      ['implicit-deny', 'identity', "depending on the caller's account (pass --principal)"],
    ]);
    expect(report.unresolved.filter((item) => item.startsWith(`bedrock:InvokeModel on ${entry.resource}`))).toEqual([]);
    expect(report.verdict).toBe('denied');
    const text = formatText(data);
    expect(text).toContain("which error AWS returns depends on the caller's account (pass --principal)");
    expect(text).toContain('with an explicit deny in an identity-based policy');
    expect(text).toContain('because no identity-based policy allows the bedrock:InvokeModel action');
    expect(formatMarkdown(data)).toContain(
      "| denied whatever the context | identity-based policy, depending on the caller's account (pass --principal) (see below) |",
    );
  });

  it('a fix is verified only if it lets every possible account through, not just the placeholder', () => {
    // The Deny names the placeholder account's profile ARN: dropping that entry and allowing the profile
    // ARN lets the placeholder through, but not another account (its profile ARN carries its own account).
    const denySome = {
      Sid: 'DenySome',
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: [
        `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${PROFILE}`,
        'arn:aws:bedrock:*::foundation-model/meta.*',
      ],
    };
    const report = run([policy([allowModelsOnly, denySome])], { model: PROFILE });
    expect(profileCheck(report).possibleOutcomes).toHaveLength(2);
    const fixes = report.findings
      .filter((finding) => finding.rule === 'identity-policy')
      .flatMap((finding) => finding.fixes);
    expect(fixes.filter((fix) => fix.verification.verified).map((fix) => fix.summary)).toEqual([]);
    const tried = report.findings.flatMap((finding) => finding.alternatives ?? []).join('\n');
    expect(tried).toContain('0 of 1 denied checks allowed');
  });

  it('the same kind of denial by different policy types: no message shown as certain', () => {
    const scp = parsePolicyDocument(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, denyNamedAccount],
      }),
      'scp.json',
      { type: 'scp' },
    ).policy!;
    const denyProfiles = {
      Sid: 'DenyProfiles',
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: 'arn:aws:bedrock:*:*:inference-profile/*',
    };
    const report = run([policy([ALLOW_ALL, denyProfiles])], {
      model: PROFILE,
      scpLevels: [{ name: 'Root', policies: [scp] }],
    });
    const entry = profileCheck(report);
    expect(entry.decision).toBe('explicit-deny');
    expect(entry.message).toBeNull();
    expect(new Set(entry.possibleOutcomes?.map((o) => o.deniedBy))).toEqual(new Set(['scp', 'identity']));
    expect(report.verdict).toBe('denied');
  });

  it('denied the same way for every account: one certain message, no possible outcomes', () => {
    const denyAllProfiles = {
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: 'arn:aws:bedrock:*:*:inference-profile/*',
    };
    const entry = profileCheck(run([policy([ALLOW_ALL, denyAllProfiles])], { model: PROFILE }));
    expect(entry.decision).toBe('explicit-deny');
    expect(entry.possibleOutcomes).toBeUndefined();
    expect(entry.message).toContain('with an explicit deny in an identity-based policy');
  });
});
