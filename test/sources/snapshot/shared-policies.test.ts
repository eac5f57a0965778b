import { describe, expect, it } from 'vitest';
import { splitSharedPolicies } from '../../../src/sources/snapshot/shared-policies.js';

const document = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});
const managed = (arn: string) => ({
  PolicyName: arn.split('/').pop(),
  Arn: arn,
  Path: '/',
  DefaultVersionId: 'v2',
  PolicyVersionList: [
    { Document: document('s3:GetObject'), VersionId: 'v2', IsDefaultVersion: true },
    { Document: document('*'), VersionId: 'v1', IsDefaultVersion: false },
  ],
});

describe('splitSharedPolicies', () => {
  it('moves the default version of AWS managed policies to the store; customer managed keep theirs in the account', () => {
    const aws = managed('arn:aws:iam::aws:policy/service-role/AWSLambdaRole');
    const own = managed('arn:aws:iam::111122223333:policy/mine');
    const { account, shared } = splitSharedPolicies({ accountId: '111122223333', Policies: [aws, own] });
    expect(account.Policies).toEqual([
      { PolicyName: 'AWSLambdaRole', Arn: aws.Arn, Path: '/', DefaultVersionId: 'v2' },
      { ...own, PolicyVersionList: [own.PolicyVersionList[0]] },
    ]);
    expect(shared).toEqual([
      {
        name: expect.stringMatching(/^service-role_AWSLambdaRole\.v2\.[0-9a-f]{8}\.json\.gz$/),
        store: {
          snapshotVersion: 1,
          Policies: [
            {
              PolicyName: 'AWSLambdaRole',
              Arn: aws.Arn,
              Path: '/',
              DefaultVersionId: 'v2',
              PolicyVersionList: [aws.PolicyVersionList[0]],
            },
          ],
        },
      },
    ]);
    // The same ARN and version has the same file name in every account; another version has another.
    const again = splitSharedPolicies({ Policies: [aws] }).shared[0]?.name;
    expect(again).toBe(shared[0]?.name);
    const v3 = {
      ...aws,
      DefaultVersionId: 'v3',
      PolicyVersionList: [{ ...aws.PolicyVersionList[0], VersionId: 'v3' }],
    };
    expect(splitSharedPolicies({ Policies: [v3] }).shared[0]?.name).not.toBe(shared[0]?.name);
  });

  it('leaves a policy whose default version it cannot tell as it is', () => {
    const odd = { ...managed('arn:aws:iam::aws:policy/X'), DefaultVersionId: 'v9' };
    expect(splitSharedPolicies({ Policies: [odd] })).toEqual({ account: { Policies: [odd] }, shared: [] });
  });
});
