import { describe, expect, it } from 'vitest';
import { evaluateChecks, type CheckInput } from '../../../../src/analysis/check.js';
import { modelAccessRule } from '../../../../src/diagnose/rules/model-access/index.js';
import { RULES } from '../../../../src/diagnose/rules/index.js';
import { parsePrincipal, type Policy, type ScpLevel } from '../../../../src/model/index.js';
import type { Finding } from '../../../../src/report/words/worded-reports.js';
import { parsePolicyDocument } from '../../../../src/parse/index.js';
import { renderCliHints } from '../../../../src/report/cli-hints.js';
import { doc, fullAwsAccess, lineOf, policy, scpLevel } from '../../../helpers/policies.js';

/*
 * The texts are those of the error corpus (shared/data/bedrock-error-messages.json), verbatim:
 * the on-demand ValidationException with its typographic apostrophe (terricain/aioboto3#352), the
 * end-of-life ResourceNotFoundException (awsdocs/aws-doc-sdk-examples#6403), the model-access
 * AccessDeniedException (dirkpetersen/our-chat#3) and the Marketplace denial
 * (ministryofjustice/modernisation-platform-environments#18323). The Marketplace prerequisites follow
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html.
 */

const PRINCIPAL = parsePrincipal('arn:aws:iam::111122223333:role/App')!;
const NOW = new Date('2026-11-27T12:00:00Z');
const MARKETPLACE_TEXT =
  'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions ' +
  '(aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation ' +
  'for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, ' +
  'try again after 5 minutes.';

const allowBedrock = (file = 'identity.json') =>
  policy(
    doc({
      Sid: 'AllowInvoke',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: '*',
    }),
    { file },
  );
const allowAll = (file = 'identity.json') =>
  policy(doc({ Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }), { file });

function input(
  model: string,
  region: string,
  options: { identity?: Policy[]; scpLevels?: ScpLevel[] } = {},
): CheckInput {
  return {
    identity: options.identity ?? [allowAll()],
    ...(options.scpLevels ? { scpLevels: options.scpLevels } : {}),
    model,
    region,
    principal: PRINCIPAL,
    actions: [],
    now: NOW,
    toolVersion: 'test',
  };
}

function diagnoseWith(checkInput: CheckInput): Finding[] {
  // As the CLI shows them: the analysis writes hints, the report renders them in the CLI's words.
  return renderCliHints(modelAccessRule.diagnose(evaluateChecks(checkInput).evaluation));
}

const marketplace = (findings: Finding[]) =>
  findings.filter((f) => f.predictedError?.message === MARKETPLACE_TEXT || /AWS Marketplace/.test(f.title));
const ftu = (findings: Finding[]) => findings.filter((f) => /use case form/.test(f.title));

// Issue 6: "Instruction-only steps are never labelled verified": a change outside the policies is not re-evaluated.
const NO_POLICY_CHANGE = { verified: false, checksFixed: 0, checksOpenedElsewhere: 0 };

describe('model-access rule: registration', () => {
  it('is the first rule of the registry and has its help', () => {
    expect(RULES[0]).toBe(modelAccessRule);
    expect(modelAccessRule.id).toBe('model-access');
    expect(modelAccessRule.helpUri).toBe('https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html');
  });

  it('recognises, with its own signatures, every error text its findings predict', () => {
    const scenarios = [
      input('amazon.nova-2-sonic-v1:0', 'eu-west-1'),
      input('anthropic.claude-sonnet-4-5-20250929-v1:0', 'us-east-1', { identity: [allowBedrock()] }),
      input('anthropic.claude-v2', 'us-east-1'),
      input('amazon.nova-premier-v1:0', 'us-east-1'),
      input('amazon.titan-text-future-v9:0', 'us-east-1'),
    ];
    const predicted = scenarios.flatMap(diagnoseWith).map((finding) => finding.predictedError!);
    expect(new Set(predicted.map((error) => error.exception))).toEqual(
      new Set(['AccessDeniedException', 'ValidationException', 'ResourceNotFoundException']),
    );
    for (const error of predicted) {
      const signature = modelAccessRule.signatures.find((candidate) => candidate.pattern.test(error.message));
      expect(signature, error.message).toBeDefined();
      expect(signature!.exception).toBe(error.exception);
    }
  });
});

describe('model-access rule: the catalog', () => {
  it('reports nothing for an ACTIVE model served on demand in the Region (Amazon: not sold through Marketplace)', () => {
    expect(diagnoseWith(input('amazon.titan-embed-text-v2:0', 'us-east-1', { identity: [allowBedrock()] }))).toEqual(
      [],
    );
  });

  it('a model the Region does not offer: AccessDenied text, and the Regions that do offer it, sorted', () => {
    const findings = diagnoseWith(input('amazon.nova-2-sonic-v1:0', 'eu-west-1'));
    expect(findings).toHaveLength(1);
    const [finding] = findings as [Finding];
    expect(finding).toMatchObject({
      rule: 'model-access',
      severity: 'error',
      predictedError: {
        exception: 'AccessDeniedException',
        message: "You don't have access to the model with the specified model ID.",
      },
      locations: [],
    });
    expect(finding.title).toContain('not offered in eu-west-1');
    expect(finding.cause).toContain('on demand in ap-northeast-1, eu-north-1, us-east-1, us-west-2');
    expect(finding.cause).toContain('Your account is not authorized to invoke this API operation.');
    expect(finding.checks).toEqual([
      'bedrock:InvokeModel on arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-2-sonic-v1:0',
      'bedrock:InvokeModelWithResponseStream on arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-2-sonic-v1:0',
    ]);
    expect(finding.fixes).toHaveLength(1);
    expect(finding.fixes[0]).toMatchObject({
      kind: 'instructions',
      owner: 'developer',
      file: null,
      verification: NO_POLICY_CHANGE,
    });
    expect(finding.fixes[0]!.steps![0]).toContain('ap-northeast-1, eu-north-1, us-east-1, us-west-2');
  });

  it('a model served only through a profile, invoked directly: the on-demand ValidationException and the profiles to use', () => {
    const model = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
    const findings = diagnoseWith(input(model, 'us-east-1'));
    const onDemand = findings.find((f) => f.predictedError?.exception === 'ValidationException');
    expect(onDemand).toBeDefined();
    expect(onDemand!.severity).toBe('error');
    // U+2019 in "isn’t", as the service prints it.
    expect(onDemand!.predictedError!.message).toBe(
      `Invocation of model ID ${model} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
    expect(onDemand!.cause).toContain(`global.${model}, us.${model}`);
    expect(onDemand!.fixes[0]).toMatchObject({
      kind: 'instructions',
      summary: `Call the inference profile global.${model} instead of the base model id`,
    });
    expect(onDemand!.fixes[0]!.steps![0]).toContain(`us.${model}`);
    // Not offered from us-east-1: the eu., jp., au., us-gov. profiles of the same model.
    expect(onDemand!.cause).not.toContain(`eu.${model}`);
  });

  it('an end-of-life model: the ResourceNotFoundException text with the dates, and nothing about first use', () => {
    const findings = diagnoseWith(input('anthropic.claude-v2', 'us-east-1', { identity: [allowBedrock()] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      predictedError: {
        exception: 'ResourceNotFoundException',
        message:
          'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
      },
    });
    expect(findings[0]!.cause).toContain('Legacy since 2025-01-21, end of life 2025-07-21');
    expect(findings[0]!.fixes[0]).toMatchObject({ kind: 'instructions', verification: NO_POLICY_CHANGE });
    expect(findings[0]!.fixes[0]!.steps![0]).toMatch(/^Move to an active Anthropic model served in us-east-1: /);
  });

  it('a Legacy model: the Legacy text as a warning, beside the profile-only error', () => {
    const findings = diagnoseWith(input('amazon.nova-premier-v1:0', 'us-east-1'));
    const legacy = findings.find((f) => f.predictedError?.message.includes('marked by provider as Legacy'));
    expect(legacy).toMatchObject({ severity: 'warning', predictedError: { exception: 'ResourceNotFoundException' } });
    expect(legacy!.cause).toContain('Legacy since 2026-03-13');
    expect(findings.find((f) => f.predictedError?.exception === 'ValidationException')!.cause).toContain(
      'us.amazon.nova-premier-v1:0',
    );
  });

  // Issue 6: an id the catalog does not know is most often a typo, which AWS rejects with a ValidationException
  // whatever the permissions (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html#API_runtime_InvokeModel_Errors):
  // an error finding with did-you-mean, and a warning only when the user vouches for the id (--trust-model).
  it('a model the catalog does not know: an error, and nothing else', () => {
    const findings = diagnoseWith(input('amazon.titan-text-future-v9:0', 'us-east-1'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      predictedError: { exception: 'ValidationException', message: 'The provided model identifier is invalid.' },
    });
    expect(findings[0]!.title).toBe('amazon.titan-text-future-v9:0 is not in the model catalog');
    expect(findings[0]!.cause).toContain('is not in the model catalog dated');
    expect(findings[0]!.fixes[0]!.steps!.join(' ')).toContain('--trust-model');
  });

  it('a misspelt model id: an error naming the catalog ids it is nearest to', () => {
    const findings = diagnoseWith(input('anthropic.claude-sonet-4-5-20250929-v1:0', 'us-east-1'));
    expect(findings[0]).toMatchObject({ severity: 'error' });
    expect(findings[0]!.title).toBe(
      'anthropic.claude-sonet-4-5-20250929-v1:0 is not in the model catalog; did you mean anthropic.claude-sonnet-4-5-20250929-v1:0?',
    );
    expect(findings[0]!.fixes[0]!.steps![0]).toContain('anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('a model the catalog does not know, with --trust-model: a warning', () => {
    const findings = diagnoseWith({ ...input('amazon.titan-text-future-v9:0', 'us-east-1'), trustModel: true });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning' });
    expect(findings[0]!.fixes[0]!.steps!.join(' ')).not.toContain('--trust-model');
  });

  it('a global profile the catalog does not know: an error with did-you-mean, a warning with --trust-model', () => {
    const typo = 'global.anthropic.claude-sonnet-4-5-20250929-v1:1';
    const findings = diagnoseWith(input(typo, 'us-east-1'));
    const finding = findings.find((f) => f.title.startsWith(`${typo} is not in the inference profile catalog`));
    expect(finding).toMatchObject({ severity: 'error' });
    expect(finding!.title).toContain('did you mean global.anthropic.claude-sonnet-4-5-20250929-v1:0');
    const trusted = diagnoseWith({ ...input(typo, 'us-east-1'), trustModel: true });
    expect(trusted.find((f) => f.title.startsWith(`${typo} is not in`))).toMatchObject({ severity: 'warning' });
  });

  it('a profile called from a Region that is not one of its sources: names the source Regions', () => {
    const findings = diagnoseWith(input('eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us-east-1'));
    const finding = findings.find((f) => f.title.includes('is not offered from us-east-1'));
    expect(finding).toBeDefined();
    expect(finding!.cause).toContain(
      'eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3',
    );
    expect(finding!.fixes[0]!.steps!.join(' ')).toContain('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });
});

describe('model-access rule: AWS Marketplace on first use', () => {
  it('an identity policy that does not allow aws-marketplace:Subscribe: a warning with a verified add-statement fix', () => {
    const identity = allowBedrock();
    const checkInput = input('cohere.embed-english-v3', 'us-east-1', { identity: [identity] });
    const findings = diagnoseWith(checkInput);
    expect(findings).toHaveLength(1);
    const [finding] = findings as [Finding];
    expect(finding).toMatchObject({
      rule: 'model-access',
      severity: 'warning',
      predictedError: { exception: 'AccessDeniedException', message: MARKETPLACE_TEXT },
      checks: ['aws-marketplace:Subscribe on *', 'aws-marketplace:ViewSubscriptions on *'],
    });
    expect(finding.cause).toContain(
      'aws-marketplace:Subscribe: "User: arn:aws:sts::111122223333:assumed-role/App/SESSION-NAME is not authorized to perform: ' +
        'aws-marketplace:Subscribe on resource: * because no identity-based policy allows the aws-marketplace:Subscribe action',
    );
    // Implicit deny: the identity policy that allows nothing for these actions.
    expect(finding.locations).toEqual([
      { file: 'identity.json', line: 1, column: 1, policyType: 'identity', policyName: 'identity.json' },
    ]);
    expect(finding.fixes).toHaveLength(1);
    const fix = finding.fixes[0]!;
    expect(fix).toMatchObject({
      kind: 'add-statement',
      owner: 'identity-policy-owner',
      file: 'identity.json',
      statement: {
        Sid: 'AllowBedrockMarketplaceSubscription',
        Effect: 'Allow',
        Action: ['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions'],
        Resource: '*',
      },
      verification: { verified: true, checksFixed: 2, checksOpenedElsewhere: 0 },
    });

    // The statement, parsed as a user would paste it, makes the finding go away.
    const text = JSON.stringify(
      doc(
        {
          Sid: 'AllowInvoke',
          Effect: 'Allow',
          Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          Resource: '*',
        },
        fix.statement!,
      ),
      null,
      2,
    );
    const fixed = parsePolicyDocument(text, 'identity.json', { type: 'identity' }).policy!;
    expect(diagnoseWith({ ...checkInput, identity: [fixed] })).toEqual([]);
  });

  it('a Marketplace denial whose message depends on an unknown key: each possible message and the key, none as certain', () => {
    // A conditional Deny beside no Allow: AWS names the Deny when it applies, else no identity-based policy
    // allows the action ("AWS includes only one of those policy types in the error message",
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
    const identity = policy(
      doc(
        {
          Sid: 'AllowInvoke',
          Effect: 'Allow',
          Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          Resource: '*',
        },
        {
          Sid: 'DenyOutsideOffice',
          Effect: 'Deny',
          Action: 'aws-marketplace:*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ),
      { file: 'identity.json' },
    );
    const [finding] = marketplace(
      diagnoseWith(input('cohere.embed-english-v3', 'us-east-1', { identity: [identity] })),
    );
    const user =
      'User: arn:aws:sts::111122223333:assumed-role/App/SESSION-NAME is not authorized to perform: aws-marketplace:Subscribe on resource: *';
    expect(finding!.cause).toContain(
      `aws-marketplace:Subscribe: denied in every context, but which message AWS returns depends on the unknown context key(s) aws:SourceIp: ` +
        `"${user} with an explicit deny in an identity-based policy" or "${user} because no identity-based policy allows the aws-marketplace:Subscribe action".`,
    );
    expect(finding!.cause).not.toContain(`aws-marketplace:Subscribe: "User:`);
  });

  it('a Marketplace action allowed only under an unknown condition is said to be conditional, not denied', () => {
    const identity = policy(
      doc(
        {
          Sid: 'AllowInvoke',
          Effect: 'Allow',
          Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          Resource: '*',
        },
        {
          Sid: 'SubscribeFromOffice',
          Effect: 'Allow',
          Action: 'aws-marketplace:Subscribe',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ),
      { file: 'identity.json' },
    );
    const [finding] = marketplace(
      diagnoseWith(input('cohere.embed-english-v3', 'us-east-1', { identity: [identity] })),
    );
    expect(finding!.cause).toContain(
      'aws-marketplace:Subscribe: conditional, allowed or denied depending on the unknown context key(s) aws:SourceIp.',
    );
    expect(finding!.cause).not.toContain('perform: aws-marketplace:Subscribe');
    expect(finding!.cause).toContain('aws-marketplace:ViewSubscriptions: "User:');
    expect(finding!.checks).toEqual(['aws-marketplace:ViewSubscriptions on *']);
  });

  it('an explicit identity Deny on aws-marketplace:Subscribe: its statement as location, narrowed (not removed) and the Allow added, verified together', () => {
    const document = doc(
      { Sid: 'AllowInvoke', Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' },
      { Sid: 'NoMarketplace', Effect: 'Deny', Action: 'aws-marketplace:Subscribe', Resource: '*' },
    );
    const text = JSON.stringify(document, null, 2);
    const identity = policy(document, { file: 'identity.json' });
    const [finding, ...rest] = diagnoseWith(input('cohere.embed-english-v3', 'us-east-1', { identity: [identity] }));
    expect(rest).toEqual([]);
    expect(finding!.locations).toContainEqual({
      file: 'identity.json',
      line: lineOf(text, '"Sid": "NoMarketplace"') - 1,
      column: 5,
      policyType: 'identity',
      policyName: 'identity.json',
      sid: 'NoMarketplace',
    });
    // Removing the Deny would lift whatever else it denies, so the fix says how to narrow it.
    expect(finding!.fixes.map((fix) => fix.kind)).toEqual(['instructions', 'add-statement']);
    expect(finding!.fixes[0]).toMatchObject({ owner: 'identity-policy-owner', location: { sid: 'NoMarketplace' } });
    expect(finding!.fixes[0]!.summary).toContain(
      'Take aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions out of the Deny',
    );
    for (const fix of finding!.fixes) {
      // Narrowing the Deny is an instruction the tool cannot apply (only its removal was simulated): never verified.
      expect(fix.verification).toMatchObject({
        verified: fix.kind !== 'instructions',
        checksFixed: 2,
        checksOpenedElsewhere: 0,
      });
      expect(fix.verification.detail).toContain('together with the other 1 change of this finding');
    }
    expect(finding!.fixes[0]!.verification.detail).toMatch(/^an instruction the tool cannot apply; /);
  });

  it('an SCP that denies the Marketplace actions: the organization admin must change it, and the deciding SCP statement is the location', () => {
    const scpDocument = doc({ Sid: 'DenyMarketplace', Effect: 'Deny', Action: 'aws-marketplace:*', Resource: '*' });
    const scp = policy(scpDocument, { type: 'scp', file: 'scps.json', name: 'DenyMarketplace' });
    const findings = diagnoseWith(
      input('cohere.embed-english-v3', 'us-east-1', {
        scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('ou-sandbox', fullAwsAccess(), scp)],
      }),
    );
    const [finding] = marketplace(findings);
    expect(finding).toMatchObject({ severity: 'warning', predictedError: { message: MARKETPLACE_TEXT } });
    expect(finding!.cause).toContain(
      'aws-marketplace:Subscribe on resource: * with an explicit deny in a service control policy',
    );
    expect(finding!.locations).toEqual([
      expect.objectContaining({
        file: 'scps.json',
        policyType: 'scp',
        policyName: 'DenyMarketplace',
        sid: 'DenyMarketplace',
      }),
    ]);
    expect(finding!.fixes).toHaveLength(1);
    const fix = finding!.fixes[0]!;
    expect(fix).toMatchObject({
      kind: 'instructions',
      owner: 'organization-admin',
      location: { sid: 'DenyMarketplace' },
    });
    expect(fix.summary).toContain("The organization's administrators");
    expect(fix.summary).toContain('the SCP DenyMarketplace attached at ou-sandbox');
    expect(fix.verification).toMatchObject({ verified: false, checksFixed: 2, checksOpenedElsewhere: 0 });
    expect(fix.verification.detail).toContain('simulated by removing the Deny statement');
  });

  it('an SCP level that allows only Bedrock: an Allow for the organization admin to add at that level, verified', () => {
    const bedrockOnly = policy(doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }), {
      type: 'scp',
      file: 'ou.json',
      name: 'BedrockOnly',
    });
    const [finding] = marketplace(
      diagnoseWith(
        input('cohere.embed-english-v3', 'us-east-1', {
          scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('ou-ml', bedrockOnly)],
        }),
      ),
    );
    expect(finding!.cause).toContain('because no service control policy allows the aws-marketplace:Subscribe action');
    expect(finding!.fixes).toEqual([
      expect.objectContaining({
        kind: 'add-statement',
        owner: 'organization-admin',
        file: 'ou.json',
        verification: expect.objectContaining({ verified: true, checksFixed: 2 }),
      }),
    ]);
  });

  it('a model not sold through Marketplace: no Marketplace finding even when the policies deny the actions', () => {
    expect(diagnoseWith(input('amazon.nova-pro-v1:0', 'eu-west-2', { identity: [allowBedrock()] }))).toEqual([]);
  });

  it('a model whose Marketplace status is unknown: says so, as a note', () => {
    const [finding, ...rest] = diagnoseWith(
      input('google.gemma-3-12b-it', 'us-east-1', { identity: [allowBedrock()] }),
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'note', predictedError: { message: MARKETPLACE_TEXT } });
    expect(finding!.cause).toContain('is sold through AWS Marketplace is unknown');
  });

  it('allowed Marketplace actions: no Marketplace finding', () => {
    expect(marketplace(diagnoseWith(input('cohere.embed-english-v3', 'us-east-1')))).toEqual([]);
  });
});

describe('model-access rule: the Anthropic use case form', () => {
  it('an Anthropic model through a profile: the one-time form, as a note with instructions', () => {
    const findings = diagnoseWith(input('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us-east-1'));
    expect(findings).toHaveLength(1);
    const [note] = ftu(findings);
    expect(note).toMatchObject({
      severity: 'note',
      predictedError: {
        exception: 'ResourceNotFoundException',
        message:
          'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. ' +
          'If you have already filled out the form, try again in 15 minutes.',
      },
    });
    expect(note!.fixes[0]).toMatchObject({
      kind: 'instructions',
      owner: 'account-admin',
      verification: NO_POLICY_CHANGE,
    });
    expect(note!.fixes[0]!.steps!.join(' ')).toContain('PutUseCaseForModelAccess');
  });

  it('a non-Anthropic model: no form note', () => {
    expect(ftu(diagnoseWith(input('cohere.embed-english-v3', 'us-east-1')))).toEqual([]);
  });
});
