// Re-evaluating policies against the message: exact reproduction, the honest not-reproduced reasons, and
// messages no policy evaluation can produce. The report objects are validated against the JSON schema.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { accessDeniedMessage } from '../../src/bedrock/index.js';
import { explainError } from '../../src/diagnose/explain/index.js';
import { explainReport, reproduceError, type ReproduceInput, type Reproduction } from '../../src/analysis/index.js';
import { renderCliHints } from '../../src/report/cli-hints.js';
import { formatExplainJson, formatExplainText } from '../../src/report/explain.js';
import type { Worded } from '../../src/report/words/message-words.js';
import { parsePrincipal, type Policy } from '../../src/model/index.js';
import { doc, fullAwsAccess, policy, scpLevel } from '../helpers/policies.js';
import { REGION_GIVEN } from '../helpers/region-given.js';

const PRINCIPAL = 'arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const HAIKU_ARN = `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`;
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const US_PROFILE = `us.${SONNET}`;
const NOW = new Date('2026-01-15T12:00:00Z');

const schemaOf = (name: string): object =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(schemaOf('report.schema.json'));
const validate = ajv.compile(schemaOf('explain.schema.json'));

const ALLOW_ALL_INVOKE = { Sid: 'AllowInvoke', Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' };

function reproduce(
  text: string,
  policies: Partial<ReproduceInput> & { identity: readonly Policy[] },
): Worded<Reproduction> {
  const explanation = explainError(text);
  const reproduction = reproduceError({
    explanation,
    fallbackRegion: { region: 'us-east-1', assumption: REGION_GIVEN },
    now: NOW,
    toolVersion: '0.0.0-test',
    ...policies,
  });
  const report = explainReport(explanation, reproduction, '0.0.0-test');
  expect(validate(JSON.parse(formatExplainJson(report))), ajv.errorsText(validate.errors)).toBe(true);
  expect(formatExplainText(report).split('\n')[0]).toMatch(/^(?:reproduced|not reproduced): /);
  // The reasons as the CLI shows them: the analysis writes hints, the report renders them (model/cli-hint.ts).
  return renderCliHints(reproduction);
}

function message(options: {
  resource: string;
  action?: string;
  policyType?: 'identity' | 'scp' | 'permissions-boundary' | 'session-policy';
  kind: 'explicit' | 'implicit';
  policyArn?: string;
  principal?: string;
}): string {
  return accessDeniedMessage({
    principal: options.principal ?? PRINCIPAL,
    action: options.action ?? 'bedrock:InvokeModel',
    resource: options.resource,
    policyType: options.policyType ?? 'identity',
    kind: options.kind,
    ...(options.policyArn ? { policyArn: options.policyArn } : {}),
  });
}

describe('reproduceError', () => {
  const denyClaude = policy(
    doc(ALLOW_ALL_INVOKE, {
      Sid: 'DenyClaude',
      Effect: 'Deny',
      Action: 'bedrock:InvokeModel',
      Resource: 'arn:aws:bedrock:*::foundation-model/anthropic.*',
    }),
    { file: 'app-role.json', name: 'app-role' },
  );

  it('reproduces an identity explicit deny exactly and names the Deny statement', () => {
    const text = `botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the InvokeModel operation: ${message({ resource: HAIKU_ARN, kind: 'explicit' })}`;
    const result = reproduce(text, { identity: [denyClaude] });
    expect(result).toMatchObject({
      status: 'reproduced',
      sameText: true,
      sameDenial: true,
      evaluated: {
        model: HAIKU,
        region: 'us-east-1',
        action: 'bedrock:InvokeModel',
        principal: PRINCIPAL,
        principalFrom: 'message',
      },
    });
    expect(result.predictedMessage).toBe(result.expectedMessage);
    expect(result.statements.map((statement) => [statement.file, statement.sid, statement.effect])).toEqual([
      ['app-role.json', 'DenyClaude', 'Deny'],
    ]);
    expect(result.statements[0]?.line).toBeGreaterThan(1);
  });

  it('reproduces an implicit deny on an inference-profile ARN (Region and account from the ARN)', () => {
    const onlyFoundationModels = policy(
      doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*::foundation-model/*' }),
    );
    const resource = `arn:aws:bedrock:us-west-2:111122223333:inference-profile/${US_PROFILE}`;
    const result = reproduce(message({ resource, kind: 'implicit' }), { identity: [onlyFoundationModels] });
    expect(result).toMatchObject({
      status: 'reproduced',
      evaluated: { model: resource, region: 'us-west-2' },
      statements: [],
    });
    expect(result.check?.decision).toBe('implicit-deny');
  });

  it('reproduces the denial of a destination Region when --model names the profile the call used', () => {
    const sourceRegionOnly = policy(
      doc({
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: [
          `arn:aws:bedrock:us-east-1:111122223333:inference-profile/${US_PROFILE}`,
          `arn:aws:bedrock:us-east-1::foundation-model/${SONNET}`,
        ],
      }),
    );
    const resource = `arn:aws:bedrock:us-east-2::foundation-model/${SONNET}`;
    const text = message({ resource, kind: 'implicit' });
    expect(reproduce(text, { identity: [sourceRegionOnly], model: US_PROFILE, region: 'us-east-1' })).toMatchObject({
      status: 'reproduced',
      evaluated: { model: US_PROFILE, region: 'us-east-1' },
    });
    // Without --model the foundation model is evaluated on its own, as a direct call in us-east-2.
    expect(reproduce(text, { identity: [sourceRegionOnly] })).toMatchObject({
      status: 'reproduced',
      evaluated: { model: SONNET, region: 'us-east-2' },
    });
  });

  it('reproduces an SCP explicit deny with the SCP ARN given in the SCP chain', () => {
    const scpArn = 'arn:aws:organizations::999988887777:policy/o-abc123/service_control_policy/p-deny0001';
    const regionDeny = policy(
      doc({
        Sid: 'DenyOutsideUsEast1',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      }),
      { type: 'scp', file: 'region-deny.json', name: 'region-deny', arn: scpArn },
    );
    const resource = `arn:aws:bedrock:us-west-2::foundation-model/${HAIKU}`;
    const result = reproduce(message({ resource, kind: 'explicit', policyType: 'scp', policyArn: scpArn }), {
      identity: [policy(doc(ALLOW_ALL_INVOKE))],
      scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('Account', fullAwsAccess(), regionDeny)],
    });
    expect(result).toMatchObject({ status: 'reproduced', check: { deniedBy: 'scp' } });
    expect(result.statements.map((statement) => statement.sid)).toEqual(['DenyOutsideUsEast1']);
  });

  it('explains why policies that allow the call cannot produce the message', () => {
    const result = reproduce(message({ resource: HAIKU_ARN, kind: 'explicit', policyType: 'scp' }), {
      identity: [policy(doc(ALLOW_ALL_INVOKE))],
    });
    expect(result).toMatchObject({
      status: 'not-reproduced',
      sameText: false,
      sameDenial: false,
      predictedMessage: null,
      check: { decision: 'allowed' },
    });
    expect(result.reason).toBe(
      `the policies given allow bedrock:InvokeModel on ${HAIKU_ARN}, but the message says an explicit deny in the service control policy; no SCPs were given (--scp, --scp-levels)`,
    );
  });

  it('says when the policies deny, but another way', () => {
    const result = reproduce(message({ resource: HAIKU_ARN, kind: 'implicit' }), { identity: [denyClaude] });
    expect(result).toMatchObject({ status: 'not-reproduced', sameDenial: false });
    expect(result.reason).toBe(
      'the policies given deny it by an explicit deny in the identity-based policy, but the message says no allow in the identity-based policy',
    );
    expect(result.predictedMessage).toBe(message({ resource: HAIKU_ARN, kind: 'explicit' }));
  });

  it('needs --principal when the message redacts the principal', () => {
    const redacted = message({
      resource: HAIKU_ARN,
      kind: 'explicit',
      principal: 'arn:aws:sts::**:assumed-role/BedrockApp/session-1',
    });
    const result = reproduce(redacted, { identity: [denyClaude] });
    expect(result).toMatchObject({
      status: 'not-reproduced',
      sameDenial: true,
      evaluated: { principalFrom: 'placeholder' },
    });
    expect(result.reason).toContain('pass --principal');
    // With the caller given, the decision is the same and only the principal in the text differs.
    const withPrincipal = reproduce(redacted, { identity: [denyClaude], principal: parsePrincipal(PRINCIPAL)! });
    expect(withPrincipal).toMatchObject({
      status: 'not-reproduced',
      sameDenial: true,
      evaluated: { principalFrom: 'option' },
    });
    expect(withPrincipal.predictedMessage).toBe(message({ resource: HAIKU_ARN, kind: 'explicit' }));
  });

  it('says a cut-off message cannot match exactly', () => {
    const full = message({ resource: HAIKU_ARN, kind: 'implicit' });
    const result = reproduce(full.slice(0, -10), { identity: [] });
    expect(result).toMatchObject({ status: 'not-reproduced', sameDenial: true });
    expect(result.reason).toContain('cut off');
  });

  it('reproduces a global profile denial on the Region-less foundation-model ARN', () => {
    const model = 'anthropic.claude-haiku-4-5-20251001-v1:0';
    const denyUnspecified = policy(
      doc(ALLOW_ALL_INVOKE, {
        Sid: 'OnlyNamedRegions',
        Effect: 'Deny',
        Action: 'bedrock:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': 'unspecified' } },
      }),
    );
    const result = reproduce(message({ resource: `arn:aws:bedrock:::foundation-model/${model}`, kind: 'explicit' }), {
      identity: [denyUnspecified],
      region: 'us-east-1',
    });
    expect(result).toMatchObject({
      status: 'reproduced',
      evaluated: { model: `global.${model}`, region: 'us-east-1' },
    });
  });

  it('is not applicable to texts no policy evaluation produces', () => {
    const cases: readonly [string, string][] = [
      [
        "AccessDeniedException: You don't have access to the model with the specified model ID.",
        'names no action and resource',
      ],
      ['ValidationException: Operation not allowed', 'an account-level block'],
      [
        'User: arn:aws:sts::864675421752:assumed-role/Agent/s is not authorized to perform: bedrock:Retrieve on resource: arn:aws:bedrock:us-west-2:864675421752:knowledge-base/FLYBLH8XV1 because no identity-based policy allows the bedrock:Retrieve action',
        'the message is about bedrock:Retrieve',
      ],
      [
        'User: arn:aws:iam::123456789012:user/John is not authorized to perform: codecommit:ListRepositories with an explicit deny in a service control policy',
        'names no resource',
      ],
      ['hello', 'not an error policy-check recognises'],
    ];
    for (const [text, reason] of cases) {
      const explanation = explainError(text);
      const result = reproduceError({
        explanation,
        identity: [],
        fallbackRegion: { region: 'us-east-1', assumption: REGION_GIVEN },
        now: NOW,
        toolVersion: 't',
      });
      expect(result, text).toMatchObject({ status: 'not-applicable', evaluated: null, check: null });
      expect(result.reason, text).toContain(reason);
      expect(
        validate(JSON.parse(JSON.stringify(explainReport(explanation, result, 't')))),
        ajv.errorsText(validate.errors),
      ).toBe(true);
    }
  });
});

describe('reproduceError: a denial whose message depends on unknown context', () => {
  // A conditional identity Deny beside an identity gate that allows nothing: AWS names the Deny when it
  // applies, else says no identity-based policy allows the action. "If multiple policy types deny an
  // authorization request, AWS includes only one of those policy types in the error message"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
  const s3Only = policy(doc({ Sid: 'S3Only', Effect: 'Allow', Action: 's3:*', Resource: '*' }), { file: 'app.json' });
  const denyOutsideOffice = policy(
    doc({
      Sid: 'DenyOutsideOffice',
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: '*',
      Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    }),
    { file: 'deny.json' },
  );
  const identity = [s3Only, denyOutsideOffice];

  function explainText(text: string): string {
    const explanation = explainError(text);
    const reproduction = reproduceError({
      explanation,
      fallbackRegion: { region: 'us-east-1', assumption: REGION_GIVEN },
      now: NOW,
      toolVersion: 't',
      identity,
    });
    return formatExplainText(explainReport(explanation, reproduction, 't'));
  }

  it('reproduces each possible message, and says under which condition AWS returns it', () => {
    const explicit = reproduce(message({ resource: HAIKU_ARN, kind: 'explicit' }), { identity });
    expect(explicit.check?.possibleOutcomes).toHaveLength(2);
    expect(explicit).toMatchObject({
      status: 'reproduced',
      sameText: true,
      sameDenial: true,
      outcome: { decision: 'explicit-deny', deniedBy: 'identity' },
    });
    expect(explicit.predictedMessage).toBe(explicit.expectedMessage);
    expect(explicit.reason).toMatch(
      /^the policies produce exactly this message if the Deny at deny\.json:\d+ applies; it is one of 2 denials AWS may return for this check, depending on aws:SourceIp$/,
    );
    expect(explicit.statements.map((statement) => statement.sid)).toEqual(['DenyOutsideOffice']);

    const implicit = reproduce(message({ resource: HAIKU_ARN, kind: 'implicit' }), { identity });
    expect(implicit).toMatchObject({
      status: 'reproduced',
      sameText: true,
      outcome: { decision: 'implicit-deny', deniedBy: 'identity' },
      statements: [],
    });
    expect(implicit.reason).toMatch(/if the Deny at deny\.json:\d+ does not apply;/);
  });

  it('a message none of the outcomes gives is not reproduced, and the reason names every possible denial', () => {
    const result = reproduce(message({ resource: HAIKU_ARN, kind: 'explicit', policyType: 'scp' }), { identity });
    expect(result.status).toBe('not-reproduced');
    expect(result.outcome).toBeUndefined();
    expect(result.reason).toBe(
      'the policies deny it in every context, by an explicit deny in the identity-based policy or no allow in the identity-based policy depending on aws:SourceIp, but the message says an explicit deny in the service control policy',
    );
  });

  it('the text shows the matching denial with its condition, not one decision as certain', () => {
    const lines = explainText(message({ resource: HAIKU_ARN, kind: 'implicit' })).split('\n');
    const decisions = lines.filter((line) => line.startsWith('  decision'));
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatch(
      /^ {2}decision {3}no identity-based policy allows it, if the Deny at deny\.json:\d+ .* does not apply: aws:SourceIp is not in 203\.0\.113\.0\/24 is false$/,
    );
    expect(lines).toContain(`  no statement in the identity-based policy allows bedrock:InvokeModel on ${HAIKU_ARN}`);
  });

  it('for a message it does not reproduce, the text lists each possible denial with its message', () => {
    const lines = explainText(message({ resource: HAIKU_ARN, kind: 'explicit', policyType: 'scp' })).split('\n');
    expect(lines.filter((line) => line.startsWith('  decision'))).toHaveLength(2);
    expect(lines).toContain(`             ${message({ resource: HAIKU_ARN, kind: 'implicit' })}`);
    expect(lines.some((line) => line.startsWith('  no statement in'))).toBe(false);
  });
});

describe('explainReport', () => {
  it('verdicts: explained without policies, unrecognised for unknown text; both valid against the schema', () => {
    const explained = explainReport(explainError('ValidationException: Operation not allowed'), null, 't');
    const unknown = explainReport(explainError('something else entirely'), null, 't');
    expect(explained.verdict).toBe('explained');
    expect(unknown.verdict).toBe('unrecognised');
    for (const report of [explained, unknown])
      expect(validate(JSON.parse(JSON.stringify(report))), ajv.errorsText(validate.errors)).toBe(true);
    expect(formatExplainText(explained).split('\n')[0]).toBe(
      'explained: Bedrock is blocked for the account [account-restriction]',
    );
    expect(formatExplainText(unknown).split('\n')[0]).toBe('unrecognised: not a Bedrock error policy-check knows');
  });
});

describe('a message from InvokeModelWithBidirectionalStream', () => {
  // The operation "requires permission for the bedrock:InvokeModel action", and API keys cannot call it:
  // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithBidirectionalStream.html,
  // https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-reference.html
  it('is reproduced as bedrock:InvokeModel, with the note', () => {
    const sonic = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-sonic-v1:0';
    const text = `An error occurred (AccessDeniedException) when calling the InvokeModelWithBidirectionalStream operation: ${message({ resource: sonic, kind: 'implicit' })}`;
    const reproduction = reproduce(text, {
      identity: [policy(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))],
    });
    expect(reproduction.status).toBe('reproduced');
    expect(reproduction.evaluated?.action).toBe('bedrock:InvokeModel');
    expect(reproduction.notes.join('\n')).toContain(
      'InvokeModelWithBidirectionalStream has no IAM action of its own: it is authorized as bedrock:InvokeModel',
    );
  });
});
