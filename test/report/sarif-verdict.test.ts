// Issue 6: code scanning must never show a clean run for a `check` that exits 1. Conditional and
// incomplete decisions, which no diagnosis rule reports, become results of their own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../src/cli/run-check.js';
import { RULES } from '../../src/diagnose/rules/index.js';
import { message, type CheckEntry } from '../../src/model/index.js';
import { formatSarif } from '../../src/report/sarif.js';
import { BOTH_ACTIONS, INVOKE, modelArn, runCheck, type Files, type Setup } from '../diagnose/fix/reverify.js';
import { CHECKS, report, RULE_DESCRIPTORS } from './reports.js';
import { parseSarif, type SarifLog } from './sarif-schema.js';

const NOVA_PRO = 'amazon.nova-pro-v1:0';
const CORPORATE = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };

const CONDITIONAL_CHECK: CheckEntry = {
  ...CHECKS[0]!,
  decision: 'conditional',
  deniedBy: null,
  deniedAtLevel: null,
  message: null,
  conditions: [
    {
      kind: 'allow-if-any',
      policyType: 'identity',
      alternatives: [
        {
          statement: {
            policyType: 'identity',
            policyName: 'app.json',
            file: 'policies/app.json',
            line: 4,
            column: 5,
            sid: 'Corp',
            effect: 'Allow',
            conditional: true,
          },
          clauses: [
            {
              operator: 'IpAddress',
              key: 'aws:SourceIp',
              values: ['203.0.113.0/24'],
              file: 'policies/app.json',
              line: 9,
            },
          ],
        },
      ],
    },
  ],
};

const results = (log: SarifLog): SarifLog[] => log.runs[0].results;

describe('formatSarif: runs that fail without a finding', () => {
  it('a conditional check becomes a warning naming the condition, on the statement that holds it', () => {
    const conditional = report([], {
      verdict: 'conditional',
      checks: [CONDITIONAL_CHECK],
      summary: { allowed: 0, explicitDeny: 0, implicitDeny: 0, conditional: 1 },
    });
    const [result, ...rest] = results(parseSarif(formatSarif(conditional, RULE_DESCRIPTORS)));
    expect(rest).toEqual([]);
    expect(result).toMatchObject({ ruleId: 'conditional-decision', level: 'warning' });
    expect(result.message.text).toContain(
      '1 of 1 checks are allowed by the identity-based policy only if aws:SourceIp is in 203.0.113.0/24',
    );
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'policies/app.json' },
      region: { startLine: 4, startColumn: 5 },
    });
    expect(result.properties.checks).toEqual([`${CONDITIONAL_CHECK.action} on ${CONDITIONAL_CHECK.resource}`]);
  });

  it('each unresolved item becomes a warning with its reason, on the first identity-based policy', () => {
    const incomplete = report([], {
      verdict: 'incomplete',
      checks: [],
      summary: { allowed: 0, explicitDeny: 0, implicitDeny: 0, conditional: 0 },
      unresolved: [
        message('expansion-problem', {
          code: 'routed-models-unknown',
          text: 'the models the profile routes to are unknown offline',
        }),
        message('other-account', { text: 'a cross-account call also needs a resource-based policy' }),
      ],
    });
    const found = results(parseSarif(formatSarif(incomplete, RULE_DESCRIPTORS)));
    expect(found.map((result) => [result.ruleId, result.level, result.message.text])).toEqual([
      [
        'incomplete-evaluation',
        'warning',
        'Could not be evaluated: a cross-account call also needs a resource-based policy',
      ],
      [
        'incomplete-evaluation',
        'warning',
        'Could not be evaluated: the models the profile routes to are unknown offline',
      ],
    ]);
    expect(found[0].locations[0].physicalLocation.artifactLocation.uri).toBe('policies/app.json');
    expect(found[0].partialFingerprints.primaryLocationLineHash).not.toBe(
      found[1].partialFingerprints.primaryLocationLineHash,
    );
  });

  it('a denied check that no error finding names becomes an error with the AccessDenied text', () => {
    const found = results(parseSarif(formatSarif(report([]), RULE_DESCRIPTORS)));
    expect(found.map((result) => result.ruleId)).toEqual(['denied-check', 'denied-check']);
    expect(found.every((result) => result.level === 'error')).toBe(true);
    expect(found.map((result) => result.message.text).sort()).toEqual(
      CHECKS.map((check) => `Denied: ${check.message}`).sort(),
    );
  });
});

/*
 * The gate as a property: for policy sets drawn from a pool of Allow and Deny shapes (conditional on
 * the source IP or not) and models that give allowed, denied, conditional, incomplete and
 * allowed-but-failing reports, `check` exits 1 exactly when the SARIF log holds a result at level
 * error or warning that fails the gate: any result but a warning finding the run allows (first-use
 * Marketplace permissions, the use-case form), which do not change the exit code.
 */
const IDENTITY: Record<string, object> = {
  AllowAll: { Effect: 'Allow', Action: BOTH_ACTIONS, Resource: '*' },
  AllowProOnly: { Effect: 'Allow', Action: BOTH_ACTIONS, Resource: modelArn('us-east-1', NOVA_PRO) },
  AllowFromCorporate: { Effect: 'Allow', Action: BOTH_ACTIONS, Resource: '*', Condition: CORPORATE },
  AllowInvokeOnly: { Effect: 'Allow', Action: INVOKE, Resource: '*' },
  DenyOutsideCorporate: {
    Effect: 'Deny',
    Action: BOTH_ACTIONS,
    Resource: '*',
    Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  },
  DenyTaggedSandbox: {
    Effect: 'Deny',
    Action: 'bedrock:*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalTag/env': 'sandbox' } },
  },
  DenyWest: {
    Effect: 'Deny',
    Action: 'bedrock:*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:RequestedRegion': 'us-west-2' } },
  },
  AllowS3: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
};

const MODELS: readonly { model: string; region?: string }[] = [
  { model: NOVA_PRO },
  { model: 'amazon.nova-lite-v1:0' },
  { model: `us.${NOVA_PRO}` },
  { model: 'anthropic.claude-3-haiku-20240307-v1:0' },
  { model: 'anthropic.claude-sonnet-4-6', region: 'eu-west-2' },
  { model: 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123' },
];

const GATE_RULES = new Set(['conditional-decision', 'incomplete-evaluation', 'denied-check']);

describe('SARIF and the exit code (property)', () => {
  it('exit code 1 ⇔ a result that fails the gate; exit 0 ⇒ no error result', () => {
    const levels = new Set<string>();
    fc.assert(
      fc.property(
        fc.subarray(Object.keys(IDENTITY), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...MODELS),
        (sids, call) => {
          const files: Files = {
            'identity.json': JSON.stringify(
              { Version: '2012-10-17', Statement: sids.map((sid) => ({ Sid: sid, ...IDENTITY[sid] })) },
              null,
              2,
            ),
          };
          const setup: Setup = { identity: ['identity.json'] };
          const checked = runCheck(files, setup, {
            model: call.model,
            ...(call.region ? { region: call.region } : {}),
          });
          const found = results(parseSarif(formatSarif(checked, RULES)));
          const failing = found.filter((result) => result.level === 'error' || GATE_RULES.has(result.ruleId));
          levels.add(checked.verdict);
          expect(
            failing.length > 0,
            `${checked.verdict}: ${JSON.stringify(found.map((result) => result.ruleId))}`,
          ).toBe(exitCodeOf(checked) === 1);
          if (exitCodeOf(checked) === 1)
            expect(found.some((result) => ['error', 'warning', 'note'].includes(result.level))).toBe(true);
        },
      ),
      { numRuns: 150, seed: 6 },
    );
    // The pool reaches every verdict, so the property is not vacuous for any of them.
    expect([...levels].sort()).toEqual(['allowed', 'conditional', 'denied', 'incomplete']);
  });
});
