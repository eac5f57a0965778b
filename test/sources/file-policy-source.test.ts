// The file loader as a PolicySource: one principal's policies, in the shape every later source produces.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePrincipal } from '../../src/model/index.js';
import { filePolicySource } from '../../src/sources/file-policy-source.js';
import { renderCliHints } from '../../src/report/cli-hints.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/policies/${name}`, import.meta.url));

describe('filePolicySource', () => {
  it("loads the named files into one principal's policies", async () => {
    const principal = parsePrincipal('arn:aws:iam::123456789012:role/app')!;
    const identity = fixture('identity-bedrock-valid.json');
    const scp = fixture('scp-region-deny-valid.json');
    const policies = await filePolicySource({ files: [identity], scp: [scp] }, principal).load();
    expect(policies.principal).toBe(principal);
    expect(policies.identity.map((policy) => [policy.type, policy.file])).toEqual([['identity', identity]]);
    expect(policies.scpLevels?.map((level) => [level.name, level.policies.map((policy) => policy.name)])).toEqual([
      ['Root', ['FullAWSAccess']],
      ['Account', ['FullAWSAccess', 'scp-region-deny-valid.json']],
    ]);
    expect(policies.permissionsBoundary).toBeUndefined();
    expect(policies.sessionPolicies).toEqual([]);
    expect(renderCliHints(policies.assumptions ?? []).join(' ')).toContain('FullAWSAccess is assumed');
  });

  it('an invalid file rejects the load, naming the file', async () => {
    await expect(filePolicySource({ files: [fixture('trailing-comma.json')] }).load()).rejects.toThrow(
      /trailing-comma\.json/,
    );
  });
});
