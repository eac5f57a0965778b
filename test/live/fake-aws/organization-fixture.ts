// A fixture organization: root → OU workload (SCP denying Nova) → two members; root → OU sandbox → a member
// whose role a test may refuse, and a suspended account; the management account under the root. Every
// account is the fixture account under its own id, with an AWS managed policy attached (stored once when saved).
import { fixtureAccount, type FakeAccount } from './fixture.js';
import { type FakeOrganization, renumbered } from './organization.js';

export const MANAGEMENT = '999988887777';
export const WORKLOAD = ['111122223333', '222233334444'] as const;
export const SANDBOX = '333344445555';
export const SUSPENDED = '444455556666';

const AWS_MANAGED = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** `accounts` more members under the workload OU (ids 5000000000nn), for a larger organization. */
export function fixtureOrganization(options: { readonly extraRoles?: number; readonly accounts?: number } = {}) {
  const base = fixtureAccount(options.extraRoles !== undefined ? { extraRoles: options.extraRoles } : {});
  const extra = Array.from({ length: options.accounts ?? 0 }, (_, index) => `5000000${String(index).padStart(5, '0')}`);
  const member = (id: string): FakeAccount =>
    withAwsManagedPolicy(renumbered({ ...base, organization: undefined }, id));
  const active = [MANAGEMENT, ...WORKLOAD, SANDBOX, ...extra];
  const organization: FakeOrganization = {
    id: 'o-exampleorgid',
    managementAccountId: MANAGEMENT,
    root: 'r-ab12',
    parents: {
      'ou-ab12-workload': 'r-ab12',
      'ou-ab12-sandbox': 'r-ab12',
      [MANAGEMENT]: 'r-ab12',
      [SANDBOX]: 'ou-ab12-sandbox',
      [SUSPENDED]: 'ou-ab12-sandbox',
      ...Object.fromEntries([...WORKLOAD, ...extra].map((id) => [id, 'ou-ab12-workload'])),
    },
    attached: {
      'r-ab12': ['p-FullAWSAccess'],
      'ou-ab12-workload': ['p-FullAWSAccess', 'p-nonova'],
      'ou-ab12-sandbox': ['p-FullAWSAccess'],
      ...Object.fromEntries([...active, SUSPENDED].map((id) => [id, ['p-FullAWSAccess']])),
    },
    policies: base.organization?.policies ?? {},
    accounts: [
      ...active.map((id) => ({ name: `account-${id}`, state: 'ACTIVE', account: member(id) })),
      { name: 'closed', state: 'SUSPENDED', account: member(SUSPENDED) },
    ],
  };
  return organization;
}

/** The role "nothing" gets an AWS managed policy about IAM only: it still reaches no model. */
function withAwsManagedPolicy(account: FakeAccount): FakeAccount {
  return {
    ...account,
    gaad: {
      ...account.gaad,
      RoleDetailList: account.gaad.RoleDetailList.map((role) =>
        (role as { RoleName: string }).RoleName === 'nothing'
          ? { ...role, AttachedManagedPolicies: [{ PolicyName: 'IAMReadOnlyAccess', PolicyArn: AWS_MANAGED }] }
          : role,
      ),
      Policies: [
        ...account.gaad.Policies,
        {
          PolicyName: 'IAMReadOnlyAccess',
          Arn: AWS_MANAGED,
          Path: '/',
          DefaultVersionId: 'v3',
          PolicyVersionList: [
            {
              Document: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }],
              },
              VersionId: 'v3',
              IsDefaultVersion: true,
            },
            { Document: allowAll, VersionId: 'v2', IsDefaultVersion: false },
          ],
        },
      ],
    },
  };
}
