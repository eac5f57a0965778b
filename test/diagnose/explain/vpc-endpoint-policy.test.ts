import { describe, expect, it } from 'vitest';
import { explainError } from '../../../src/diagnose/explain/index.js';

/*
 * AWS names the policy type in its AccessDenied texts: "with an explicit deny in a type policy" and "because no
 * type policy allows the action action"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html); for the policy of a VPC
 * endpoint the type reads "VPC endpoint policy". The shared corpus of real Bedrock errors holds no such text yet,
 * so these are built in that documented form.
 */

const HEAD =
  'User: arn:aws:sts::111122223333:assumed-role/App/s1 is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';

describe('explain: VPC endpoint policy texts', () => {
  it('recognises the implicit denial, with its fields', () => {
    const explanation = explainError(
      `An error occurred (AccessDeniedException) when calling the InvokeModel operation: ${HEAD} because no VPC endpoint policy allows the bedrock:InvokeModel action`,
    );
    expect(explanation).toMatchObject({
      status: 'recognised',
      signature: 'vpc-endpoint-policy/implicit-deny',
      rule: 'vpc-endpoint-policy',
    });
    expect(explanation.fields).toMatchObject({
      principal: 'arn:aws:sts::111122223333:assumed-role/App/s1',
      action: 'bedrock:InvokeModel',
      resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
    });
  });

  it('recognises the explicit denial', () => {
    const explanation = explainError(`${HEAD} with an explicit deny in a VPC endpoint policy`);
    expect(explanation).toMatchObject({
      signature: 'vpc-endpoint-policy/explicit-deny',
      rule: 'vpc-endpoint-policy',
    });
  });

  it('recognises the tail alone, as log lines keep it', () => {
    expect(explainError('… because no VPC endpoint policy allows the bedrock:InvokeModel action').signature).toBe(
      'vpc-endpoint-policy/implicit-deny-fragment',
    );
  });

  it('no longer files it under the policy types policy-check does not evaluate', () => {
    expect(
      explainError(`${HEAD} because no VPC endpoint policy allows the bedrock:InvokeModel action`).signature,
    ).not.toBe('other/access-denied-other-policy');
  });
});
