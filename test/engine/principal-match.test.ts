import { describe, expect, it } from 'vitest';
import { principalApplies } from '../../src/engine/principal-match.js';
import { makeContext, type StatementPrincipal } from '../../src/model/index.js';

/*
 * The Principal element as a VPC endpoint policy uses it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html,
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html): "*" is everyone; an IAM user or
 * role ARN is that principal (a role session's aws:PrincipalArn is the role's ARN); an account principal grants
 * only the root user according to the PrivateLink page ("access is granted to the AWS account root user only, not all
 * users and roles for the account"), where resource-based policies elsewhere let it stand for the account: that
 * conflict, and every principal the engine cannot match, stays undecided — never a match.
 */

const ROLE = 'arn:aws:iam::111122223333:role/App';
const role = makeContext([
  ['aws:PrincipalArn', [ROLE]],
  ['aws:PrincipalAccount', ['111122223333']],
]);
const root = makeContext([
  ['aws:PrincipalArn', ['arn:aws:iam::111122223333:root']],
  ['aws:PrincipalAccount', ['111122223333']],
]);
const nothingKnown = makeContext([], { otherKeys: 'unknown' });
const applies = (principal: StatementPrincipal, context = role) => principalApplies(principal, context).applies;

describe('principalApplies', () => {
  it('"*" and {"AWS": "*"} cover every caller, even one the tool knows nothing of', () => {
    expect(applies('*', nothingKnown)).toBe(true);
    expect(applies({ AWS: ['*'] }, nothingKnown)).toBe(true);
  });

  it('an IAM role ARN covers the caller whose aws:PrincipalArn it is, and no other', () => {
    expect(applies({ AWS: [ROLE] })).toBe(true);
    expect(applies({ AWS: ['arn:aws:iam::111122223333:role/Other'] })).toBe(false);
    expect(applies({ AWS: ['arn:aws:iam::111122223333:user/App'] })).toBe(false);
  });

  it('a name that differs only in case is undecided (IAM names are unique regardless of case)', () => {
    expect(applies({ AWS: ['arn:aws:iam::111122223333:role/app'] })).toBe('unknown');
  });

  it('a principal of another account never covers the caller', () => {
    expect(applies({ AWS: ['444455556666'] })).toBe(false);
    expect(applies({ AWS: ['arn:aws:iam::444455556666:root'] })).toBe(false);
    expect(applies({ AWS: ['arn:aws:sts::444455556666:assumed-role/App/s'] })).toBe(false);
  });

  it("an account principal covers its root user, and is undecided for the account's other callers", () => {
    expect(applies({ AWS: ['111122223333'] }, root)).toBe(true);
    expect(applies({ AWS: ['arn:aws:iam::111122223333:root'] }, root)).toBe(true);
    const outcome = principalApplies({ AWS: ['111122223333'] }, role);
    expect(outcome.applies).toBe('unknown');
    expect(outcome.undecided[0]).toMatch(/account principal/);
  });

  it('is undecided when the caller is not known (the placeholder principal)', () => {
    expect(applies({ AWS: [ROLE] }, nothingKnown)).toBe('unknown');
    expect(applies({ AWS: ['111122223333'] }, nothingKnown)).toBe('unknown');
  });

  it("reads a role session's partly known aws:PrincipalArn: a role ARN that cannot be it does not match", () => {
    const session = makeContext([['aws:PrincipalAccount', ['111122223333']]], {
      partial: [['aws:PrincipalArn', { prefix: 'arn:aws:iam::111122223333:role', hidden: 'iam-path', suffix: 'App' }]],
    });
    expect(applies({ AWS: [ROLE] }, session)).toBe('unknown');
    expect(applies({ AWS: ['arn:aws:iam::111122223333:role/Other'] }, session)).toBe(false);
  });

  it('leaves service, federated and session principals undecided', () => {
    expect(applies({ Service: ['ec2.amazonaws.com'] })).toBe('unknown');
    expect(applies({ AWS: ['arn:aws:sts::111122223333:assumed-role/App/s1'] })).toBe('unknown');
  });

  it('any entry that matches decides: a list is an OR', () => {
    expect(applies({ AWS: ['arn:aws:iam::111122223333:role/Other', ROLE] })).toBe(true);
    expect(applies({ AWS: ['444455556666'], Service: ['ec2.amazonaws.com'] })).toBe('unknown');
  });
});
