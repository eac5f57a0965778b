import { describe, expect, it } from 'vitest';
import type { CheckReport as DataReport } from '../../../../src/model/index.js';
import type { CheckReport } from '../../../../src/report/words/worded-reports.js';
import { reverify, runCheck, runWorded, reportedFixes, type Files, type Setup } from '../../fix/reverify.js';

/*
 * Amazon Bedrock API keys (bearer tokens). A call made with one needs bedrock:CallWithBearerToken, an action
 * with no resource type (so on "*"), whose condition key bedrock:BearerTokenType is SHORT_TERM or LONG_TERM, and
 * the usual invoke grants:
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html
 *   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html (CallWithBearerToken:
 *   no resource types, condition key bedrock:BearerTokenType)
 * Short-term keys inherit the permissions of the principal that generated them; long-term keys are service-specific
 * credentials of an IAM user:
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-how.html
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_bedrock.html
 */

const NOVA = 'amazon.nova-lite-v1:0';
const USER = 'arn:aws:iam::111122223333:user/key-user';
const ROLE = 'arn:aws:sts::111122223333:assumed-role/App/s1';

const json = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const INVOKE_ONLY = json({
  Sid: 'InvokeNova',
  Effect: 'Allow',
  Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
  Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
});
const INVOKE_AND_KEYS = json(
  {
    Sid: 'InvokeNova',
    Effect: 'Allow',
    Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
  },
  { Sid: 'ApiKeys', Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*' },
);
const FULL_ACCESS = json({ Effect: 'Allow', Action: '*', Resource: '*' });
// AWS's sample SCP: https://github.com/aws-samples/service-control-policy-examples/blob/main/Service-specific-controls/Amazon-Bedrock/Deny-Bedrock-api-keys.json
const SCP_DENY_API_KEYS = json(
  {
    Effect: 'Deny',
    Action: 'iam:CreateServiceSpecificCredential',
    Resource: '*',
    Condition: { StringEquals: { 'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com' } },
  },
  {
    Sid: 'DenyApiKeys',
    Effect: 'Deny',
    Action: ['bedrock:CallWithBearerToken', 'bedrock-mantle:CallWithBearerToken'],
    Resource: '*',
  },
);
const SCP_DENY_MANTLE_ONLY = json({
  Sid: 'DenyMantleKeys',
  Effect: 'Deny',
  Action: 'bedrock-mantle:CallWithBearerToken',
  Resource: '*',
});

const withScp = (scp: string): Setup => ({
  identity: ['identity.json'],
  scpLevels: [
    { name: 'Root', files: ['full.json'] },
    { name: 'Account', files: ['full.json', scp] },
  ],
});
const apiKeyFindings = (report: CheckReport | DataReport) =>
  report.findings.filter((finding) => finding.rule === 'api-key');
const bearerCheck = (report: CheckReport | DataReport) =>
  report.checks.find((check) => check.action === 'bedrock:CallWithBearerToken');

describe('api-key rule: the API-key request and its gates', () => {
  it('without an API key the call has no bedrock:CallWithBearerToken request', () => {
    const report = runWorded({ 'identity.json': INVOKE_ONLY }, { identity: ['identity.json'] }, { model: NOVA });
    expect(bearerCheck(report)).toBeUndefined();
    expect(report.verdict).toBe('allowed');
  });

  it('a short-term key of a role session: CallWithBearerToken on * with SHORT_TERM; a missing grant gets a verified, kind-bound Allow', () => {
    const files: Files = { 'identity.json': INVOKE_ONLY };
    const { before, fixes } = reverify(files, { identity: ['identity.json'] }, { model: NOVA, apiKey: {} });
    const entry = bearerCheck(before)!;
    expect(entry).toMatchObject({ resource: '*', decision: 'implicit-deny', deniedBy: 'identity' });
    expect(entry.message).toBe(
      `User: ${ROLE} is not authorized to perform: bedrock:CallWithBearerToken on resource: * because no identity-based policy allows the bedrock:CallWithBearerToken action`,
    );
    // The invoke requests are untouched: only the API-key request is denied.
    expect(before.checks.filter((check) => check.decision !== 'allowed')).toHaveLength(1);
    const [finding] = apiKeyFindings(before);
    expect(finding!.title).toMatch(/^Calls with a short-term API key are denied/);
    expect(finding!.predictedError?.message).toBe(entry.message);
    expect(fixes).toHaveLength(1);
    expect(fixes[0]!.statement).toEqual({
      Sid: 'AllowBedrockApiKeys',
      Effect: 'Allow',
      Action: 'bedrock:CallWithBearerToken',
      Resource: '*',
      Condition: { StringEquals: { 'bedrock:BearerTokenType': 'SHORT_TERM' } },
    });
    // The denial is reported once, by the api-key rule, not by the identity-policy rule too.
    expect(before.findings.filter((item) => item.rule === 'identity-policy')).toEqual([]);
    expect(runCheck(files, { identity: ['identity.json'] }, { model: NOVA, apiKey: {} }).assumptions).toContainEqual(
      expect.objectContaining({ code: 'api-key-auth', params: expect.objectContaining({ kind: 'short-term' }) }),
    );
  });

  it('a long-term key of an IAM user: the verified fix is bound to LONG_TERM and does not let short-term keys through', () => {
    const files: Files = { 'identity.json': INVOKE_ONLY };
    const call = { model: NOVA, apiKey: { kind: 'long-term' as const }, principal: USER };
    const { fixes, fixed } = reverify(files, { identity: ['identity.json'] }, call);
    expect(fixes[0]!.statement).toMatchObject({
      Condition: { StringEquals: { 'bedrock:BearerTokenType': 'LONG_TERM' } },
    });
    const shortTerm = runWorded(fixed, { identity: ['identity.json'] }, { ...call, apiKey: { kind: 'short-term' } });
    expect(bearerCheck(shortTerm)!.decision).toBe('implicit-deny');
  });

  it("AWS's sample SCP denies API keys: explicit deny in an SCP, no identity fix, the signed call as the way out", () => {
    const files: Files = { 'identity.json': INVOKE_AND_KEYS, 'full.json': FULL_ACCESS, 'deny.json': SCP_DENY_API_KEYS };
    const report = runWorded(files, withScp('deny.json'), { model: NOVA, apiKey: {} });
    expect(report.verdict).toBe('denied');
    const entry = bearerCheck(report)!;
    expect(entry).toMatchObject({ decision: 'explicit-deny', deniedBy: 'scp' });
    expect(entry.message).toBe(
      `User: ${ROLE} is not authorized to perform: bedrock:CallWithBearerToken on resource: * with an explicit deny in a service control policy`,
    );
    const [finding] = apiKeyFindings(report);
    expect(finding!.locations[0]).toMatchObject({ file: 'deny.json', sid: 'DenyApiKeys' });
    expect(finding!.fixes).toEqual([]);
    expect(finding!.alternatives).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sign the call with AWS credentials \(SigV4\)/),
        expect.stringMatching(/no identity-based policy change helps/),
      ]),
    );
    // Narrowing the SCP would undo it: no "NotResource" edit of the Deny is proposed.
    expect(reportedFixes(report)).toEqual([]);
    expect(finding!.alternatives).not.toContain('invoke a model (or Region) the Deny does not cover');
    expect(report.findings.filter((item) => item.rule === 'service-control-policy')).toEqual([]);
  });

  it('an identity Deny of API keys (the policy AWS documents) is an explicit identity deny with no Deny edit', () => {
    const deny = json(
      { Sid: 'Invoke', Effect: 'Allow', Action: 'bedrock:*', Resource: '*' },
      {
        Sid: 'DenyBedrockShortAndLongTermAPIKeys',
        Effect: 'Deny',
        Action: ['iam:CreateServiceSpecificCredential', 'bedrock:CallWithBearerToken'],
        Resource: ['*'],
      },
    );
    const report = runWorded({ 'identity.json': deny }, { identity: ['identity.json'] }, { model: NOVA, apiKey: {} });
    expect(bearerCheck(report)).toMatchObject({ decision: 'explicit-deny', deniedBy: 'identity' });
    expect(bearerCheck(report)!.message).toMatch(/with an explicit deny in an identity-based policy$/);
    expect(apiKeyFindings(report)[0]!.fixes).toEqual([]);
  });

  it('an SCP denying bedrock-mantle:CallWithBearerToken alone does not block bedrock-runtime calls, and says so', () => {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/endpoints.html: bedrock-mantle is a separate endpoint
    // (OpenAI-compatible APIs), each endpoint's API keys controlled by its own action.
    const files: Files = {
      'identity.json': INVOKE_AND_KEYS,
      'full.json': FULL_ACCESS,
      'mantle.json': SCP_DENY_MANTLE_ONLY,
    };
    const report = runCheck(files, withScp('mantle.json'), { model: NOVA, apiKey: {} });
    expect(bearerCheck(report)!.decision).toBe('allowed');
    expect(report.verdict).toBe('allowed');
    expect(report.notes).toContainEqual({ code: 'api-key-mantle-only', params: { file: 'mantle.json', line: 4 } });
  });

  it('an IAM user with a key of unknown kind: an Allow bound to one kind is conditional, never allowed', () => {
    const bound = json(
      {
        Effect: 'Allow',
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: 'bedrock:CallWithBearerToken',
        Resource: '*',
        Condition: { StringEquals: { 'bedrock:BearerTokenType': 'SHORT_TERM' } },
      },
    );
    const files: Files = { 'identity.json': bound };
    for (const assumeAbsent of [false, true]) {
      const report = runCheck(
        files,
        { identity: ['identity.json'] },
        { model: NOVA, apiKey: {}, principal: USER, assumeAbsent },
      );
      expect(bearerCheck(report)!.decision).toBe('conditional');
      expect(report.verdict).toBe('conditional');
      expect(report.assumptions).toContainEqual(
        expect.objectContaining({ code: 'api-key-auth', params: expect.objectContaining({ kind: 'unknown' }) }),
      );
    }
  });

  it('a long-term key with a role as the caller is unresolved, never allowed', () => {
    const files: Files = { 'identity.json': INVOKE_AND_KEYS };
    const report = runCheck(files, { identity: ['identity.json'] }, { model: NOVA, apiKey: { kind: 'long-term' } });
    expect(report.unresolved).toContainEqual({ code: 'api-key-long-term-not-user', params: { kind: 'role-session' } });
    expect(report.verdict).not.toBe('allowed');
  });

  it('InvokeModelWithBidirectionalStream cannot be called with an API key', () => {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html
    const files: Files = { 'identity.json': INVOKE_AND_KEYS };
    const report = runWorded(
      files,
      { identity: ['identity.json'] },
      { model: NOVA, apiKey: {}, actions: ['bedrock:InvokeModelWithBidirectionalStream'] },
    );
    const finding = apiKeyFindings(report).find((item) => item.title?.includes('InvokeModelWithBidirectionalStream'));
    expect(finding).toMatchObject({ severity: 'error', fixes: [] });
    expect(report.verdict).not.toBe('allowed');
  });

  it('…also when the CLI has already mapped the operation to the bedrock:InvokeModel it is authorized as', () => {
    const files: Files = { 'identity.json': INVOKE_AND_KEYS };
    const call = { model: NOVA, apiKey: {}, actions: ['bedrock:InvokeModel'] };
    const named = runWorded(
      files,
      { identity: ['identity.json'] },
      { ...call, operations: ['InvokeModelWithBidirectionalStream'] },
    );
    const plain = runWorded(files, { identity: ['identity.json'] }, call);
    const bidirectional = (report: CheckReport) =>
      apiKeyFindings(report).filter((item) => item.title?.includes('InvokeModelWithBidirectionalStream'));
    // IAM allows it, but the call fails: an error finding, which the CLI's exit code counts (as for a retired model).
    expect(bidirectional(named)).toMatchObject([{ severity: 'error', fixes: [] }]);
    expect(bidirectional(plain)).toEqual([]);
    const { apiKey: _signed, ...sigv4 } = call;
    const signed = runWorded(
      files,
      { identity: ['identity.json'] },
      { ...sigv4, operations: ['InvokeModelWithBidirectionalStream'] },
    );
    expect(bidirectional(signed)).toEqual([]);
  });
});

describe('api-key rule: reports only the API-key request', () => {
  it("an invoke Allow whose condition is false is the identity rule's finding, not the api-key rule's", () => {
    const files: Files = {
      'identity.json': json(
        {
          Sid: 'InvokeFromOffice',
          Effect: 'Allow',
          Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
        { Sid: 'ApiKeys', Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*' },
      ),
    };
    const report = runWorded(
      files,
      { identity: ['identity.json'] },
      { model: NOVA, apiKey: {}, context: { 'aws:SourceIp': ['198.51.100.7'] } },
    );
    expect(bearerCheck(report)!.decision).toBe('allowed');
    expect(apiKeyFindings(report)).toEqual([]);
    expect(report.findings.some((finding) => finding.rule === 'identity-policy')).toBe(true);
  });
});

describe('api-key rule: the invoke requests of an API-key call', () => {
  it('bedrock:BearerTokenType is documented for CallWithBearerToken only: a Deny of invocations on it stays undecided, even with --assume-absent', () => {
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html lists the key
    // for bedrock:CallWithBearerToken alone; whether AWS sets it on the invoke requests is not documented.
    const files: Files = {
      'identity.json': json(
        { Effect: 'Allow', Action: ['bedrock:InvokeModel*', 'bedrock:CallWithBearerToken'], Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'bedrock:InvokeModel*',
          Resource: '*',
          Condition: { StringEquals: { 'bedrock:BearerTokenType': 'LONG_TERM' } },
        },
      ),
    };
    const report = runWorded(files, { identity: ['identity.json'] }, { model: NOVA, apiKey: {}, assumeAbsent: true });
    const invoke = report.checks.filter((check) => check.action !== 'bedrock:CallWithBearerToken');
    expect(invoke.map((check) => check.decision)).toEqual(['conditional', 'conditional']);
    expect(report.verdict).not.toBe('allowed');
  });
});
