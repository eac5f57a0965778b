import { describe, expect, it } from 'vitest';
import { explainError } from '../../../../src/diagnose/explain/index.js';

/*
 * The texts of calls made with an Amazon Bedrock API key, as clients printed them:
 * - "Bearer Token has expired": the shared corpus (../shared/data/bedrock-error-messages.json, AWS SDK for Java v2);
 * - "Authentication failed: Please make sure your API Key is valid.": https://github.com/ai4s-research/open-science/issues/53
 *   and https://github.com/anomalyco/opencode/issues/47073 (an invalid, expired or other-Region key);
 * - AccessDenied on bedrock:CallWithBearerToken: the IAM message format
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html), whose action has no resource
 *   type, so the resource is "*" (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html).
 */

describe('api-key signatures', () => {
  it('an expired key, as the AWS SDK for Java v2 printed it, is not a policy problem', () => {
    const explanation = explainError(
      'AccessDeniedException: Bearer Token has expired (Service: BedrockRuntime, Status Code: 403, Request ID: e1e35a13-adc6-4884-811d-218554b1bb16) (SDK Attempt Count: 1)',
    );
    expect(explanation).toMatchObject({ rule: 'api-key', signature: 'api-key/bearer-token-expired', httpStatus: 403 });
  });

  it('a key Bedrock does not accept', () => {
    const explanation = explainError(
      'Forbidden: {"Message":"Authentication failed: Please make sure your API Key is valid."}',
    );
    expect(explanation).toMatchObject({ rule: 'api-key', signature: 'api-key/invalid-key' });
    expect(explanation.steps.join(' ')).toMatch(/Region the key was generated in/);
  });

  it('the real text of a role without the grant ("allows the action") is the api-key rule\'s, not the identity rule\'s', () => {
    // Seen as "401 ... is not authorized to perform: bedrock:CallWithBearerToken on resource: * because no identity-based policy allows the action".
    const explanation = explainError(
      'User: arn:aws:sts::111122223333:assumed-role/TaskRole/abc is not authorized to perform: bedrock:CallWithBearerToken on resource: * because no identity-based policy allows the action',
    );
    expect(explanation).toMatchObject({ rule: 'api-key', signature: 'api-key/identity-implicit-deny' });
    expect(explanation.fields).toMatchObject({
      action: 'bedrock:CallWithBearerToken',
      resource: '*',
      policyType: 'identity',
      denial: 'implicit',
      principal: 'arn:aws:sts::111122223333:assumed-role/TaskRole/abc',
    });
  });

  it('an SCP that blocks API keys', () => {
    const explanation = explainError(
      'An error occurred (AccessDeniedException) when calling the Converse operation: User: arn:aws:sts::111122223333:assumed-role/Dev/s is not authorized to perform: bedrock:CallWithBearerToken on resource: * with an explicit deny in a service control policy',
    );
    expect(explanation).toMatchObject({ rule: 'api-key', signature: 'api-key/scp-explicit-deny' });
    expect(explanation.fields).toMatchObject({ policyType: 'scp', denial: 'explicit' });
    expect(explanation.steps[0]).toMatch(/SigV4/);
  });

  it("an AccessDenied on an invoke action stays the policy-gate rules'", () => {
    const explanation = explainError(
      'User: arn:aws:sts::111122223333:assumed-role/Dev/s is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0 with an explicit deny in a service control policy',
    );
    expect(explanation.rule).toBe('service-control-policy');
  });
});

describe('api-key signatures: the tail of a message', () => {
  it('the tail log lines keep names the action: the api-key rule, resource "*" when re-evaluated', () => {
    const explanation = explainError(
      'ERROR bedrock call failed ... because no service control policy allows the bedrock:CallWithBearerToken action',
    );
    expect(explanation).toMatchObject({ rule: 'api-key', signature: 'api-key/scp-implicit-deny-fragment' });
    expect(explanation.fields).toMatchObject({ action: 'bedrock:CallWithBearerToken', principal: null });
  });
});
